"""Quotes and their speakers: direct, partial, indirect; hostile input."""
import pytest

from warta.nlp import find_entities, find_quotes


def quotes(text):
    entities, index = find_entities(text)
    return [(q.kind, q.text, q.speaker_text, q.cue, q.channel) for q in find_quotes(text, entities)], index


def test_quotes_direct_with_attribution_after_and_channel():
    text = ("“Kami sudah menyiagakan perahu karet di tiga titik,” kata Kepala BPBD Arif Wibowo kepada wartawan. "
            "Ia menambahkan bahwa warga sudah dievakuasi ke masjid terdekat.")
    found, index = quotes(text)
    assert found[0] == ("direct", "Kami sudah menyiagakan perahu karet di tiga titik", "Kepala BPBD Arif Wibowo",
                        "kata", "wartawan")
    assert found[1][0] == "indirect" and found[1][1] == "warga sudah dievakuasi ke masjid terdekat"


def test_quotes_pronoun_speaker_resolves_to_last_named():
    text = ("Menteri Keuangan Sri Mulyani mengatakan bahwa anggaran sudah siap untuk tahun depan. "
            "\"Kami tidak akan menunda pembayaran gaji guru honorer,\" ujarnya.")
    entities, _ = find_entities(text)
    qs = find_quotes(text, entities)
    assert [q.kind for q in qs] == ["indirect", "direct"]
    assert qs[0].speaker is not None and qs[1].speaker == qs[0].speaker


def test_quotes_split_by_attribution_are_two_quotes_one_speaker():
    text = "“Harga naik,” kata Budi Santoso. “Tetapi stok beras aman sampai Lebaran.”"
    entities, _ = find_entities(text)
    qs = find_quotes(text, entities)
    assert [q.text for q in qs] == ["Harga naik", "Tetapi stok beras aman sampai Lebaran."]
    assert qs[0].speaker == qs[1].speaker is not None


def test_quotes_partial_and_groups_without_speaker_key():
    text = ("Para pejabat mengatakan mereka mungkin akan mencoba lagi bulan depan. "
            "Penasihat keamanan itu menyatakan “keprihatinan serius” mengenai kesepakatan senjata. "
            "Dengan tema “Musik Generasi Baru” acara dibuka.")
    found, _ = quotes(text)
    kinds = [(k, t, s) for k, t, s, _, _ in found]
    assert ("indirect", "mereka mungkin akan mencoba lagi bulan depan", "Para pejabat") in kinds
    assert ("partial", "keprihatinan serius", None) in kinds
    assert not any(t == "Musik Generasi Baru" for _, t, _ in kinds)  # a title, not speech


def test_quotes_menurut_and_reported_source():
    text = ("Menurut Kepala Bapanas Galih Permana, harga beras medium turun di 20 provinsi. "
            "Pemerintah mengatakan bahwa stok cukup untuk enam bulan, menurut kantor berita Antara.")
    entities, _ = find_entities(text)
    qs = find_quotes(text, entities)
    assert qs[0].cue == "menurut" and qs[0].text == "harga beras medium turun di 20 provinsi"
    assert qs[1].text == "stok cukup untuk enam bulan" and qs[1].source == "kantor berita Antara"


def test_quotes_multi_paragraph_quote_is_one():
    text = ("“Paragraf pertama kutipan panjang tentang banjir.\n\n“Paragraf kedua masih kutipan yang sama,” "
            "kata Arif.")
    found, _ = quotes(text)
    assert len(found) == 1 and "Paragraf kedua" in found[0][1]


def test_quotes_cue_without_statement_is_not_a_quote():
    found, _ = quotes("Para pemimpin Barat telah menyatakan keprihatinannya mengenai kesepakatan tersebut.")
    assert found == []


@pytest.mark.parametrize("text", [
    "“Kutipan yang tidak pernah ditutup, kata dia di jalan raya tanpa akhir",
    "\"a \"b \"c\" d\" e",
    "“Ia berkata ‘kami menolak’ dengan tegas,” ujar Budi.",
    "\n\n".join(["“Paragraf kutipan nomor %d yang panjang sekali." % i for i in range(300)]) + "” kata Ani.",
    "”” ““ ‘’ \"\"\" ,” kata .",
])
def test_quotes_hostile_input(text):
    entities, _ = find_entities(text)
    for q in find_quotes(text, entities):
        assert text[q.start:q.end] == q.text and len(q.text) <= len(text)


def test_quotes_indirect_statement_span_is_not_the_speaker():
    text = "Kepala BPBD Kota Semarang Arif Wibowo mengatakan petugas telah mengevakuasi 1.250 warga ke masjid."
    entities, _ = find_entities(text)
    (q,) = find_quotes(text, entities)
    assert q.text == "petugas telah mengevakuasi 1.250 warga ke masjid"
    assert text[q.start:q.end] == q.text and q.speaker_text.endswith("Arif Wibowo")


@pytest.mark.parametrize("text,speaker", [
    # a degree between commas after the name
    ("Kepala Dinas Pendidikan Kota Malang, Ir. Siti Rahayu, MM menyampaikan bahwa sekolah baru "
     "segera dibangun tahun ini.", "Siti Rahayu"),
    # a date between the speaker and the verb
    ("Kepala Bidang Kebudayaan, Marzuki Hasan, Minggu (1/12/2024) menyebutkan bahwa pelatihan itu "
     "berjalan dengan baik.", "Marzuki Hasan"),
    # an adverbial between them
    ("Presiden RI, Prabowo Subianto, dalam pidatonya menegaskan bahwa pendidikan menjadi prioritas utama.",
     "Prabowo Subianto"),
    # degrees closed by periods, which end no sentence
    ("Rektor Universitas Nusantara, Gunawan Pamudji Widodo, S.Si., M.Si., menyampaikan bahwa "
     "asesmen lapangan berjalan lancar.", "Gunawan Pamudji Widodo"),
    # an apposition after the name
    ("Dandi Prasetyo, pemilik bengkel patung di Mulyoharjo, Kecamatan Jepara mengaku sudah menerima "
     "banyak pesanan sejak awal tahun.", "Dandi Prasetyo"),
])
def test_quotes_indirect_speaker_skips_what_stands_between(text, speaker):
    entities, index = find_entities(text)
    (q,) = [q for q in find_quotes(text, entities) if q.kind == "indirect"]
    assert speaker in (q.speaker_text or "") and index[q.speaker]["name"] == speaker


def test_quotes_pronoun_after_a_leading_phrase_stays_a_pronoun():
    text = ("Menteri Pertanian Andi Sulaiman mengatakan bahwa sawah baru di Merauke siap ditanami. "
            "Untuk itu, dirinya membantah bahwa proyek pangan merusak hutan di Papua.")
    entities, index = find_entities(text)
    qs = [q for q in find_quotes(text, entities) if q.kind == "indirect"]
    assert qs[-1].speaker_text == "dirinya" and index[qs[-1].speaker]["name"] == "Andi Sulaiman"


def test_quotes_speaker_named_by_role_is_the_last_person_with_it():
    text = ("Menteri Keuangan Sri Mulyani membuka rapat anggaran di Jakarta pada Senin. Gubernur Jawa Barat "
            "Ridwan Kamil juga hadir. \"Kami tidak akan menunda pembayaran gaji guru,\" kata Menteri Keuangan. "
            "Sang gubernur menambahkan bahwa dana daerah sudah cair.")
    entities, index = find_entities(text)
    qs = find_quotes(text, entities, index)
    assert [(q.speaker_text, q.speaker) for q in qs] == [("Menteri Keuangan", "sri-mulyani-indrawati"),
                                                         ("Sang gubernur", "ridwan-kamil")]
    assert [q.speaker for q in find_quotes(text, entities)] == [None, None]  # without the index: unresolved


def test_quotes_pronoun_speaker_is_the_person_the_text_moved_on_to():
    # Written for this test: a first speaker, then two paragraphs about someone else.
    text = ("\"Bantuan beras sudah kami salurkan ke 12 desa,\" kata Bupati Kendal Dico Ganinduto.\n\n"
            "Di tempat lain, petani Sumarni Wulandari mengeluhkan harga gabah yang anjlok sejak pekan lalu. "
            "Sumarni Wulandari menanam padi di lahan seluas dua hektare.\n\n"
            "Dia mengatakan, hasil panen tahun ini tidak cukup untuk menutup biaya pupuk.")
    entities, index = find_entities(text)
    qs = find_quotes(text, entities, index)
    last = qs[-1]
    assert last.speaker_text in ("Dia", "dia") or last.speaker is not None
    assert (index.get(last.speaker) or {}).get("name", "").startswith("Sumarni")


def test_quotes_pronoun_speaker_stays_the_last_speaker_while_in_view():
    text = ("Kepala Dinas Pertanian Jawa Tengah Supriyanto mengatakan stok pupuk cukup. Ia bertemu Bupati "
            "Demak Eisti'anah di pendopo.\n\n"
            "\"Distribusi akan kami percepat sebelum musim tanam,\" ujarnya.")
    entities, index = find_entities(text)
    qs = find_quotes(text, entities, index)
    assert qs[0].speaker is not None and qs[-1].speaker == qs[0].speaker


def test_menurut_before_a_direct_quote_gives_one_quote():
    text = "Joko Supriyanto tiba di lokasi. Menurut Budi Santoso, “Air sudah surut,” ucapnya."
    quotes = find_quotes(text, *find_entities(text))
    assert [(q.text, q.kind) for q in quotes] == [("Air sudah surut", "direct")]
