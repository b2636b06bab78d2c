import pytest

from warta.nlp import split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text,expected", [
    ("Harga naik. Warga mengeluh.", ["Harga naik.", "Warga mengeluh."]),
    ("Kantornya di Jl. Sudirman No. 5 Jakarta. Ia datang.", ["Kantornya di Jl. Sudirman No. 5 Jakarta.", "Ia datang."]),
    ("Prof. Dr. Budi hadir. Acara dimulai.", ["Prof. Dr. Budi hadir.", "Acara dimulai."]),
    ("Harganya Rp 1.250.000 per unit. Stok habis.", ["Harganya Rp 1.250.000 per unit.", "Stok habis."]),
    ('"Kami siap," kata Arif. "Perahu disiagakan."', ['"Kami siap," kata Arif.', '"Perahu disiagakan."']),
    ("“Kami siap.” Ia lalu pergi.", ["“Kami siap.”", "Ia lalu pergi."]),
    ("Apa benar? Ya! Tentu.", ["Apa benar?", "Ya!", "Tentu."]),
    ("Dipimpin oleh M. Yusuf dan J.K. Rowling hadir.", ["Dipimpin oleh M. Yusuf dan J.K. Rowling hadir."]),
    ("buah, sayur, dll. yang segar", ["buah, sayur, dll. yang segar"]),
])
def test_sentences_split(text, expected):
    assert sentences(text) == expected


def test_sentences_never_cross_paragraphs():
    text = "Paragraf satu tanpa titik\n\nParagraf dua. Kalimat tiga"
    assert sentences(text) == ["Paragraf satu tanpa titik", "Paragraf dua.", "Kalimat tiga"]


@pytest.mark.parametrize("text", ["", "   ", "...", "!!!", "\n\n\n", "x" * 100_000])
def test_sentences_odd_input(text):
    spans = split_sentences(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)


@pytest.mark.parametrize("text,tokens", [
    ("Jet Su-35 dan MiG-29 serta F-16.", ["Jet", "Su-35", "dan", "MiG-29", "serta", "F-16", "."]),
    ("Kasus COVID-19 di QZ8501.", ["Kasus", "COVID-19", "di", "QZ8501", "."]),
    ("negara-negara di Jl. Sudirman No. 5", ["negara-negara", "di", "Jl.", "Sudirman", "No.", "5"]),
    ("kata \"dia\" – ya", ["kata", '"', "dia", '"', "–", "ya"]),
])
def test_sentences_tokenizer_keeps_designations_and_abbreviations(text, tokens):
    from warta.nlp.pipeline import load_pipeline

    assert [t.text for t in load_pipeline().tokenizer(text)] == tokens


def test_tokenizer_fast_prefix_search_agrees_with_spacy():
    import string

    import spacy
    from spacy.util import compile_prefix_regex

    from warta.nlp.pipeline import load_pipeline
    from warta.nlp.tokenizer import fast_prefix_search

    prefixes = spacy.blank("id").Defaults.prefixes
    full = compile_prefix_regex(prefixes).search
    fast = fast_prefix_search(prefixes, compile_prefix_regex)
    tails = ["", "abc", "$", "$1", "SD", "DR", "MB", "GD", "p100", "100", ".5"]
    words = [c + t for c in string.ascii_letters + string.digits + "é你(\"'“$€+…" for t in tails]
    words += ["Rp100", "US$5", "IDR", "(kata", "“Saya", "...dan", "<b/>x"]
    assert any(full(w) for w in words) and any(not full(w) for w in words)
    for w in words:
        a, b = full(w), fast(w)
        assert (a and a.group()) == (b and b.group()), w
    assert [t.text for t in load_pipeline().tokenizer("Harga Rp100 (naik) US$5")] == ["Harga", "Rp", "100", "(", "naik", ")",
                                                                      "US$", "5"]
