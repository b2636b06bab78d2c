import pytest

from warta.nlp.sentences import split_sentences
from warta.nlp.summary import FEATURES, features, summarise, weights


def test_summary_short_articles_summarise_to_themselves():
    text = "Hujan turun. Banjir datang.\n\nWarga mengungsi."
    assert summarise(text, split_sentences(text)) == [0, 1, 2]


def test_summary_three_sentences_in_reading_order_with_the_lead():
    text = ("Banjir merendam 14 kelurahan di Semarang setelah hujan deras sejak Senin malam. "
            "Petugas mengevakuasi 1.250 warga ke masjid dan sekolah.\n\n"
            "Cuaca cerah di Jakarta.\n\nWarga menonton film.\n\n"
            "Banjir di Semarang diperkirakan surut dalam tiga hari, kata petugas BPBD Semarang.\n\n"
            "Sebuah toko roti buka di Bandung.")
    picked = summarise(text, split_sentences(text))
    assert len(picked) == 3 and picked == sorted(picked) and picked[0] == 0


def test_summary_weights_cover_every_feature():
    assert len(weights()) == len(FEATURES)
    rows = features(["Satu kalimat pertama.", "Kalimat kedua dengan \"kutipan\" 2024."], [0, 1])
    assert len(rows) == 2 and all(len(r) == len(FEATURES) for r in rows)
    assert rows[1][FEATURES.index("quote")] == 1.0 and rows[0][FEATURES.index("first")] == 1.0


@pytest.mark.parametrize("text", ["", "Satu.", "x " * 5000])
def test_summary_odd_input(text):
    spans = split_sentences(text)
    assert all(0 <= i < len(spans) for i in summarise(text, spans))
