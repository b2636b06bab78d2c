import pytest

from warta.anatomy import patterns
from warta.anatomy.body import byline, credit_line, is_noise, related_line, split_body


@pytest.mark.parametrize("kind,lead", patterns.RELATED_KINDS)
def test_body_every_related_kind_is_recognised(kind, lead):
    words = lead.replace(r"\s+", " ")
    found = related_line(f"{words.title()}: Harga Cabai Naik di Pasar Induk")
    assert found is not None and found.kind == kind
    assert found.text == "Harga Cabai Naik di Pasar Induk"


@pytest.mark.parametrize("line,kind,text", [
    ("Pilihan Editor: Paspampres Semprot Kursi", "Pilihan Editor", "Paspampres Semprot Kursi"),
    ("Baca Juga : Kapal Wisata Baru", "Baca juga", "Kapal Wisata Baru"),
    ("BACA JUGA: Harga Emas Turun", "Baca juga", "Harga Emas Turun"),
    ('Simak Video "Penyakit Jantung Penyakit Orang Tua?"', "Simak video", "Penyakit Jantung Penyakit Orang Tua?"),
    ("[Baca juga: Gempa Susulan]", "Baca juga", "Gempa Susulan"),
])
def test_body_related_lines(line, kind, text):
    found = related_line(line)
    assert (found.kind, found.text) == (kind, text)


@pytest.mark.parametrize("line", [
    "Lihat juga bagaimana warga membangun tanggul dari karung pasir.",
    "Baca juga berita lainnya memang kebiasaan pembaca setia kami sejak lama, kata dia.",
])
def test_body_prose_is_not_related(line):
    assert related_line(line) is None


@pytest.mark.parametrize("line", [
    "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Scroll untuk melanjutkan membaca",
    "(Gambas:Video CNN)", "[Gambas:Video 20detik]", "Bagikan: Facebook Twitter WhatsApp",
    "Dapatkan update berita pilihan setiap hari dari Kompas.com di Telegram.",
    "Periksa kembali dan lengkapi data dirimu.", "Segera lengkapi data dirimu untuk ikutan program #JernihBerkomentar.",
    "COPYRIGHT © ANTARA 2024",
])
def test_body_noise_lines(line):
    assert is_noise(line)


@pytest.mark.parametrize("line", [
    "Harga cabai naik menjelang Lebaran.", "Warga diminta membagikan informasi resmi.",
])
def test_body_prose_is_not_noise(line):
    assert not is_noise(line)


@pytest.mark.parametrize("line,expected", [
    ("Editor: Siti Rahmawati", [("Editor", "Siti Rahmawati")]),
    ("Pewarta: Yohanes Lumban", [("Pewarta", "Yohanes Lumban")]),
    ("Penulis : Dewi Anggraini", [("Penulis", "Dewi Anggraini")]),
    ("Pewarta: Ani Lestari Editor: Budi Santoso", [("Pewarta", "Ani Lestari"), ("Editor", "Budi Santoso")]),
    ("(vyp/kna)", [("Inisial", "vyp/kna")]),
    ("Editor menilai keputusan itu tepat.", []),
])
def test_body_bylines(line, expected):
    assert [(a.role, a.name) for a in byline(line)] == expected


@pytest.mark.parametrize("line,expected", [
    ("AL JAZEERA | NBC NEWS", ["AL JAZEERA", "NBC NEWS"]),
    ("REUTERS", ["REUTERS"]),
    ("ANTARA", ["ANTARA"]),
    ("CAESAR AKBAR | VINDRY FLORENTIN", ["CAESAR AKBAR", "VINDRY FLORENTIN"]),
    ("Harga naik.", []),
    ("DPR SETUJU.", []),
])
def test_body_credit_lines(line, expected):
    assert credit_line(line) == expected


def test_body_plain_text_without_parts_is_untouched():
    text = "  Harga cabai naik di Pasar Induk.\nPedagang mengeluh sepi pembeli.  \n"
    parts = split_body(text)
    assert parts.text == text.strip()
    assert parts.dateline is None and parts.credits == [] and parts.related == []


def test_body_parts_are_separated_and_paragraphs_joined():
    text = ("Judul Berita Banjir di Semarang\nSelasa, 5 Maret 2024 13:20 WIB\n"
            "TEMPO.CO, Semarang - Banjir merendam 14 kelurahan.\nWarga mengungsi ke masjid.\n"
            "ADVERTISEMENT\nBaca juga: Tanggul Jebol di Demak\nPilihan Editor: Rob di Pekalongan\n"
            "REUTERS | ANTARA\n")
    parts = split_body(text)
    assert parts.title == "Judul Berita Banjir di Semarang"
    assert parts.published == "2024-03-05"
    assert parts.dateline.place == "Semarang"
    assert parts.text == "Banjir merendam 14 kelurahan.\n\nWarga mengungsi ke masjid."
    assert [r.kind for r in parts.related] == ["Baca juga", "Pilihan Editor"]
    assert parts.credits == ["REUTERS", "ANTARA"]


def test_body_blank_line_blocks_stay_paragraphs():
    text = "KOMPAS.com - Baris satu\nbaris dua yang terbungkus.\n\nParagraf kedua.\n\nEditor: Rully"
    parts = split_body(text)
    assert parts.text == "Baris satu\nbaris dua yang terbungkus.\n\nParagraf kedua."
    assert [(a.role, a.name) for a in parts.authors] == [("Editor", "Rully")]


def test_body_dateline_alone_on_its_line():
    parts = split_body("Jakarta -\nGempa bumi mengguncang Sukabumi.\nWarga berhamburan.")
    assert parts.dateline.place == "Jakarta"
    assert parts.text.startswith("Gempa bumi")
