"""Entity rules, their precedence over the model, canonical keys and roles (no model needed)."""
import pytest

import warta

from warta.nlp.canonical import link, slug
from warta.nlp.entities import Mention, merge, rule_mentions


def spans(text, mentions):
    return [(text[m.start:m.end], m.label) for m in mentions]


def model(text, *items):
    """Model mentions given as (surface, label), found left to right."""
    out, pos = [], 0
    for surface, label in items:
        start = text.index(surface, pos)
        out.append(Mention(start, start + len(surface), label))
        pos = start + len(surface)
    return out


@pytest.mark.parametrize("text,expected", [
    ("Ia terbang ke Korea Utara dan AS.", [("Korea Utara", "GPE"), ("AS", "GPE")]),
    ("Delegasi Tiongkok tiba di Moskow.", [("Tiongkok", "GPE"), ("Moskow", "GPE")]),
    ("Rapat digelar di Kosmodrom Vostochny.", [("Kosmodrom Vostochny", "FAC")]),
    ("Pesawat tiba di Bandara Soekarno-Hatta.", [("Bandara Soekarno-Hatta", "FAC")]),
    ("Rusia membuat Su-35 dan MiG-29.", [("Rusia", "GPE"), ("Su-35", "PRODUCT"), ("MiG-29", "PRODUCT")]),
    ("Kasus COVID-19 naik.", []),
    ("Gedung Putih menolak.", [("Gedung Putih", "ORG")]),
    ("Warga suku Dayak menari.", [("Dayak", "NORP")]),
    ("Timnas bersiap untuk Piala Dunia 2026.", [("Piala Dunia 2026", "EVENT")]),
    ("Sidang Dewan Keamanan PBB ditunda.", [("Dewan Keamanan PBB", "ORG")]),
    ("Pabrik penerbangan Komsomolsk buka.", [("Komsomolsk", "FAC")]),
    ("Armada Pasifik berlayar.", [("Armada Pasifik", "ORG")]),
    ("Lima orang tewas dan surat dikirim.", []),
])
def test_entities_rules(text, expected):
    assert spans(text, sorted(rule_mentions(text), key=lambda m: m.start)) == expected


def test_entities_precedence_rules_and_model():
    text = "Pemimpin Korea Utara Kim Jong Un bertemu Presiden Vladimir Putin di Pemprov DKI Jakarta."
    merged = merge(text, model(text, ("Pemimpin Korea Utara Kim Jong Un", "PER"),
                               ("Presiden Vladimir Putin", "PER"), ("Pemprov DKI Jakarta", "ORG")))
    # titles and places leave person spans; the gazetteer adds the country; the longer ORG keeps Jakarta
    assert spans(text, merged) == [("Korea Utara", "GPE"), ("Kim Jong Un", "PER"),
                                   ("Vladimir Putin", "PER"), ("Pemprov DKI Jakarta", "ORG")]


def test_entities_rule_relabels_equal_model_span():
    text = "Pasukan AS tiba di Ukraina."
    merged = merge(text, model(text, ("AS", "ORG"), ("Ukraina", "LOC")))
    assert spans(text, merged) == [("AS", "GPE"), ("Ukraina", "GPE")]


def test_canonical_short_forms_join_full_forms():
    text = ("Kim Jong Un tiba. Kim bertemu Vladimir Putin. Putin tersenyum. AS dan Amerika Serikat "
            "mengecam. Dewan Keamanan PBB bersidang; Dewan Keamanan menolak.")
    mentions = merge(text, model(text, ("Kim Jong Un", "PER"), ("Kim", "PER"), ("Vladimir Putin", "PER"),
                                 ("Putin", "PER"), ("Dewan Keamanan PBB", "ORG"), ("Dewan Keamanan", "ORG")))
    entities, index = link(text, mentions)
    keys = {e.text: e.entity for e in entities}
    assert keys["Kim"] == keys["Kim Jong Un"] == "kim-jong-un"
    assert keys["Putin"] == keys["Vladimir Putin"] == "vladimir-putin"
    assert keys["AS"] == keys["Amerika Serikat"] == "amerika-serikat"
    assert keys["Dewan Keamanan"] == keys["Dewan Keamanan PBB"]
    assert index["amerika-serikat"]["country"] == "US" and index["amerika-serikat"]["aliases"] == ["AS"]
    assert index["kim-jong-un"]["mentions"] == 2 and index["kim-jong-un"]["aliases"] == ["Kim"]


def test_canonical_keys_are_stable_and_distinct():
    assert slug("Kim Jong Un") == "kim-jong-un" and slug("Komsomolsk-on-Amur") == "komsomolsk-on-amur"
    text = "Kim Yo Jong dan Kim Jong Un hadir. Kim Jong Un berpidato."
    _, index = link(text, model(text, ("Kim Yo Jong", "PER"), ("Kim Jong Un", "PER"), ("Kim Jong Un", "PER")))
    assert set(index) == {"kim-yo-jong", "kim-jong-un"}


@pytest.mark.parametrize("text,person,role", [
    ("Menteri Luar Negeri Korea Selatan Park Jin mengatakan itu.", "Park Jin",
     {"title": "Menteri Luar Negeri", "of": "Korea Selatan"}),
    ("Ia bertemu Presiden Vladimir Putin.", "Vladimir Putin", {"title": "Presiden"}),
    ("tulis Gubernur regional Mikhail Degtyarev di X.", "Mikhail Degtyarev", {"title": "Gubernur regional"}),
    ("Pemimpin Korea Utara Kim Jong Un tiba.", "Kim Jong Un", {"title": "Pemimpin", "of": "Korea Utara"}),
    ("kata Hendra Kurniawan, Ketua AEKI, kemarin.", "Hendra Kurniawan", {"title": "Ketua", "of": "AEKI"}),
    ("Juru bicara Kementerian Luar Negeri, Retno Sari, menjawab.", "Retno Sari",
     {"title": "Juru bicara", "of": "Kementerian Luar Negeri"}),
])
def test_canonical_roles(text, person, role):
    items = [(person, "PER")]
    for org in ("AEKI", "Kementerian Luar Negeri"):
        if org in text:
            items = sorted(items + [(org, "ORG")], key=lambda i: text.index(i[0]))
    entities, index = link(text, merge(text, model(text, *items)))
    assert index[slug(person)]["roles"] == [role]


@pytest.mark.parametrize("text", ["", "   ", ".,;:!?()[]\"'-–—", "…" * 500,
                                  ("Pemerintah Kota Bogor " * 6000)[:120_000],
                                  "Presiden Joko Widodo 会见 Владимир Путин di الرياض dan 東京."])
def test_entities_odd_input(text):
    from warta.nlp import find_entities

    entities, index = find_entities(text)
    assert all(text[e.start:e.end] == e.text and e.entity in index for e in entities)
    assert sum(v["mentions"] for v in index.values()) == len(entities)


def test_canonical_acronym_in_brackets_joins_its_expansion():
    text = "Badan Pangan Nasional (Bapanas) mencatat harga turun. Kepala Bapanas menjelaskan data itu."
    mentions = merge(text, model(text, ("Badan Pangan Nasional", "ORG"), ("Bapanas", "ORG"), ("Bapanas", "ORG")))
    entities, index = link(text, mentions)
    assert {e.entity for e in entities} == {"badan-pangan-nasional"}
    assert index["badan-pangan-nasional"]["aliases"] == ["Bapanas"]


def test_entities_day_and_month_names_end_names():
    text = "Laporan the Financial Times Senin menyebut Komisi III Januari lalu. Rabu pagi hujan."
    merged = merge(text, model(text, ("the Financial Times Senin", "ORG"), ("Rabu", "PER")))
    assert spans(text, merged) == [("Financial Times", "ORG"), ("Komisi III", "ORG")]


def test_canonical_acronym_spelt_by_initials_joins_its_expansion():
    text = ("Komisi Pemberantasan Korupsi memeriksa saksi. KPK menahan dua orang, "
            "sementara KPU dan Kejaksaan Agung diam.")
    mentions = [Mention(0, 28, "ORG"), Mention(46, 49, "ORG"), Mention(79, 82, "ORG"), Mention(87, 102, "ORG")]
    assert [text[m.start:m.end] for m in mentions] == ["Komisi Pemberantasan Korupsi", "KPK", "KPU",
                                                       "Kejaksaan Agung"]
    entities, index = link(text, mentions)
    assert [e.entity for e in entities] == ["komisi-pemberantasan-korupsi", "komisi-pemberantasan-korupsi",
                                            "kpu", "kejaksaan-agung"]
    assert index["komisi-pemberantasan-korupsi"]["aliases"] == ["KPK"]


def test_canonical_ambiguous_initials_stay_apart():
    text = "Badan Pusat Statistik dan Bank Pembangunan Sulawesi bicara. BPS membantah."
    mentions = [Mention(0, 21, "ORG"), Mention(26, 51, "ORG"), Mention(60, 63, "ORG")]
    entities, _ = link(text, mentions)
    assert entities[2].entity == "bps"
    text = "Badan Pusat Statistik dan Bank Mandiri bicara. BPS membantah."
    mentions = [Mention(0, 21, "ORG"), Mention(26, 38, "ORG"), Mention(47, 50, "ORG")]
    assert text[47:50] == "BPS"
    entities, _ = link(text, mentions)
    assert entities[2].entity == "badan-pusat-statistik"


def test_gazetteer_institutions_share_one_key_across_articles():
    keys = []
    for text in ("Komisi Pemberantasan Korupsi memeriksa saksi di Jakarta.",
                 "KPK memeriksa saksi, kata juru bicara PDIP.",
                 "Juru bicara PDI Perjuangan menolak."):
        entities, index = link(text, merge(text, []))
        keys.append({e.text: (e.entity, e.label) for e in entities})
    assert keys[0]["Komisi Pemberantasan Korupsi"] == keys[1]["KPK"] == ("kpk", "ORG")
    assert keys[1]["PDIP"] == keys[2]["PDI Perjuangan"] == ("pdi-perjuangan", "ORG")


def test_entities_a_name_found_once_is_found_everywhere():
    text = ("Presiden Vladimir Putin bertemu Kim Jong Un. Menurut Yonhap, Putin setuju. "
            "Rosneft menolak. Juru bicara Rosneft diam. Kata putin tidak ada.")
    merged = merge(text, model(text, ("Vladimir Putin", "PER"), ("Kim Jong Un", "PER"), ("Rosneft", "ORG")))
    found = spans(text, merged)
    assert ("Putin", "PER") in found and found.count(("Rosneft", "ORG")) == 2
    assert ("putin", "PER") not in found  # lower case is no name
    entities, _ = link(text, merged)
    assert {e.entity for e in entities if e.text == "Putin"} == {"vladimir-putin"}


def test_canonical_name_going_on_after_the_acronym_brackets():
    text = ("Badan Penanggulangan Bencana Daerah (BPBD) Kota Semarang mencatat banjir. "
            "Kepala BPBD Kota Semarang Arif Wibowo menambahkan, BPBD menyiagakan perahu.")
    names = ("Badan Penanggulangan Bencana Daerah", "BPBD Kota Semarang", "BPBD")
    mentions = merge(text, model(text, (names[0], "ORG"), (names[1], "ORG"), ("Arif Wibowo", "PER"),
                                 (names[2], "ORG")))
    entities, index = link(text, mentions)
    keys = {e.entity for e in entities if e.label == "ORG"}
    assert keys == {"badan-penanggulangan-bencana-daerah-kota-semarang"}
    assert set(index["badan-penanggulangan-bencana-daerah-kota-semarang"]["aliases"]) == set(names)
    text = "Dinas Kesehatan (Dinkes) Kota Bogor mencatat. Dinkes menambah dokter. Dinas Kesehatan Jawa Barat diam."
    entities, _ = link(text, merge(text, model(text, ("Dinas Kesehatan", "ORG"), ("Dinkes", "ORG"),
                                               ("Dinas Kesehatan Jawa Barat", "ORG"))))
    assert [e.entity for e in entities if e.label == "ORG"] == ["dinas-kesehatan-kota-bogor"] * 3 + [
        "dinas-kesehatan-jawa-barat"]
    # brackets followed by no place: the acronym stands for the name before them
    text = "Badan Pangan Nasional (Bapanas) mencatat. Bapanas diam."
    entities, _ = link(text, merge(text, model(text, ("Badan Pangan Nasional", "ORG"), ("Bapanas", "ORG"))))
    assert {e.entity for e in entities if e.label == "ORG"} == {"badan-pangan-nasional"}


def test_entities_common_word_opening_a_sentence_is_no_name():
    text = "Risiko itu besar. Itulah kata Budi. Demi hukum, Budi diam\n\nFenomena ini baru."
    merged = merge(text, model(text, ("Risiko", "PER"), ("Itulah", "PER"), ("Budi", "PER"),
                               ("Demi", "PER"), ("Budi", "PER"), ("Fenomena", "PER")))
    # "Budi" is a name news capitalises; the others are words it writes in lower case, and a
    # paragraph break opens a sentence even without a full stop before it
    assert spans(text, merged) == [("Budi", "PER"), ("Budi", "PER")]


def test_entities_common_word_inside_a_sentence_stays_with_the_model():
    text = "Ia membaca majalah Fenomena kemarin."
    assert spans(text, merge(text, model(text, ("Fenomena", "ORG")))) == [("Fenomena", "ORG")]


def test_entities_balinese_names_keep_their_i_and_ni():
    text = "Ketua Partai Demokrat Bali I Made Mudharta dan Ni Luh Sari hadir."
    merged = merge(text, model(text, ("Made Mudharta", "PER"), ("Luh Sari", "PER")))
    assert spans(text, merged) == [("Partai Demokrat Bali", "ORG"), ("I Made Mudharta", "PER"),
                                   ("Ni Luh Sari", "PER")]


def test_entities_ranks_and_police_units_leave_person_names():
    text = "Kabid Humas Polda Jawa Timur Kombes Pol Dirmanto dan Kapolri Jenderal Pol Badrodin Haiti hadir."
    merged = merge(text, model(text, ("Polda Jawa Timur Kombes Pol Dirmanto", "PER"), ("Pol Badrodin Haiti", "PER")))
    assert spans(text, merged) == [("Polda Jawa Timur", "ORG"), ("Dirmanto", "PER"), ("Badrodin Haiti", "PER")]
    entities, index = link(text, merged)
    roles = {index[e.entity]["name"]: index[e.entity]["roles"] for e in entities if e.label == "PER"}
    assert roles["Badrodin Haiti"] == [{"title": "Jenderal Pol"}]


def test_entities_person_span_that_is_a_body_running_on_in_lower_case_is_an_org():
    text = "Juru bicara Brigade Ezzedine al-Qassam mengatakan itu."
    merged = merge(text, model(text, ("Brigade Ezzedine al-Qassam", "PER")))
    assert spans(text, merged) == [("Brigade Ezzedine al-Qassam", "ORG")]


def test_academic_titles_and_degrees_leave_the_name():
    text = "Kepala Dinas Pendidikan, Ir. Siti Rahayu, MM, menyampaikan bahwa Prof. Dr. Budi Santoso hadir."
    found = spans(text, merge(text, model(text, ("Ir. Siti Rahayu", "PER"), ("MM", "PER"),
                                          ("Prof. Dr. Budi Santoso", "PER"))))
    assert ("Siti Rahayu", "PER") in found and ("Budi Santoso", "PER") in found
    assert not any(surface == "MM" for surface, _ in found)


@pytest.mark.parametrize("surface,kept", [
    ("Badan Penanggulangan Bencana Daerah (", "Badan Penanggulangan Bencana Daerah"),
    (") Kota Semarang", "Kota Semarang"),
    ("Partai Kebangkitan Bangsa (PKB)", "Partai Kebangkitan Bangsa (PKB)"),
    ("PT Astra Tbk.", "PT Astra Tbk."),
    ("Jakarta -", "Jakarta"),
])
def test_a_model_span_never_ends_on_an_opening_bracket(surface, kept):
    from warta.nlp.pipeline import trim

    text = f"Kata {surface} kemarin."
    start = text.index(surface)
    s, e = trim(text, start, start + len(surface))
    assert text[s:e] == kept


@pytest.mark.parametrize("text,items,expected", [
    ("Kepala BPBD Kota Semarang Arif Wibowo hadir.", [("BPBD", "ORG"), ("Kota Semarang", "LOC"), ("Arif Wibowo", "PER")],
     [("BPBD Kota Semarang", "ORG"), ("Arif Wibowo", "PER")]),
    ("BMKG Jawa Tengah dan warga Kota Semarang.", [("BMKG", "ORG"), ("Jawa Tengah", "LOC"), ("Kota Semarang", "LOC")],
     [("BMKG", "ORG"), ("Jawa Tengah", "GPE"), ("Kota Semarang", "GPE")]),
])
def test_a_body_and_the_region_it_serves_are_one_organisation(text, items, expected):
    assert spans(text, merge(text, model(text, *items))) == expected


def test_the_region_an_office_serves_leaves_the_persons_name():
    from warta.nlp import find_entities

    text = ("Bupati Sleman Kustini Sri Purnomo meninjau lokasi. Kepala BPBD Sleman Joko Supriyanto "
            "ikut mendampingi.")
    entities, index = find_entities(text)
    people = {index[e.entity]["name"] for e in entities if e.label == "PER"}
    assert {"Kustini Sri Purnomo", "Joko Supriyanto"} <= people
    assert not any(p.startswith("Sleman") for p in people)
    assert any(e.text == "Sleman" and e.label == "GPE" for e in entities)


def test_a_sentence_opening_word_the_article_writes_in_lower_case_is_no_name():
    text = "Banjir merendam 14 kelurahan. Warga menyebut banjir datang setiap tahun. Budi mengungsi."
    kept = [(text[m.start:m.end], m.label) for m in merge(text, [Mention(0, 6, "PER"), Mention(73, 77, "PER")])]
    assert ("Banjir", "PER") not in kept and ("Budi", "PER") in kept


@pytest.mark.parametrize("text,name", [
    ("Pemprov DKI juga meminta perusahaan swasta menyiapkan tempat parkir.", "Pemprov DKI"),
    ("Kepolisian Sektor Salawati menggerebek tempat pembuatan miras.", "Kepolisian Sektor Salawati"),
    ("Adapun Wadah Pegawai KPK lantang menolak calon pimpinan itu.", "Wadah Pegawai KPK"),
])
def test_entities_a_body_keeps_the_region_or_the_body_it_belongs_to(text, name):
    art = warta.analyze(text)
    assert name in [e.text for e in art.entities if e.label == "ORG"]


def test_entities_a_court_with_its_acronym_in_brackets_is_one_body():
    art = warta.analyze("Pengadilan Negeri (PN) Depok memvonis terdakwa Zaki. Humas PN Depok Nanang mengatakan vonis itu adil.")
    keys = {e.text: e.entity for e in art.entities}
    assert keys["Pengadilan Negeri (PN) Depok"] == keys["PN Depok"] == "pengadilan-negeri-depok"
    assert "depok" not in keys.values()
