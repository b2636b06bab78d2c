import pytest

import warta


def test_api_surface_is_small():
    assert set(warta.__all__) == {"analyze", "analyze_many", "open", "Article", "Failed",
                                  "InputError", "WartaError", "__version__"}


def test_api_analyze_offsets_hold():
    art = warta.analyze("TEMPO.CO, Jakarta - Harga naik. Warga mengeluh.\nAL JAZEERA", published="2023-09-15")
    rec = art.to_dict()
    assert rec["text"] == "Harga naik.\n\nWarga mengeluh." or rec["text"] == "Harga naik. Warga mengeluh."
    for s, e in rec["sentences"]:
        assert rec["text"][s:e] in ("Harga naik.", "Warga mengeluh.")
    assert warta.Article.from_dict(rec).to_dict() == rec


def test_api_record_fields_match_the_contract():
    rec = warta.analyze("Hujan turun di Bogor.").to_dict()
    contract = ["schema", "id", "url", "title", "outlet", "published", "language", "dateline",
                "credits", "related", "text", "sentences", "entities", "entity_index", "times",
                "quotes", "events", "summary", "warnings"]
    assert list(rec)[:len(contract)] == contract
    assert rec["text"] == "Hujan turun di Bogor." and rec["dateline"] is None
    assert "no publication date found" in rec["warnings"]


def test_api_id_is_stable_and_input_id_wins():
    a = warta.analyze("Hujan turun di Bogor.")
    b = warta.analyze("  Hujan turun   di Bogor.  ")
    assert a.id == b.id
    assert warta.analyze("Hujan turun di Bogor.", id="x-1").id == "x-1"
    assert warta.analyze("Hujan.", url="https://www.a.com/b/").id == warta.analyze("Lain.", url="https://a.com/b").id


def test_api_analyze_many_streams_in_order_with_failures():
    items = [{"id": "a", "text": "Hujan turun."}, {"id": "b"}, "bukan objek",
             {"id": "d", "html": "<html><body><p>pendek</p></body></html>"}, {"id": "e", "text": "Banjir."}]
    out = list(warta.analyze_many(items))
    assert [type(o).__name__ for o in out] == ["Article", "Failed", "Failed", "Failed", "Article"]
    assert [o.id for o in out] == ["a", "b", None, "d", "e"]


@pytest.mark.parametrize("bad", ["", "   \n "])
def test_api_analyze_empty_raises(bad):
    with pytest.raises(warta.InputError, match="empty"):
        warta.analyze(bad)


def test_api_bad_published_in_data_is_a_warning_not_a_failure():
    (art,) = warta.analyze_many([{"id": "a", "text": "Hujan turun.", "published": "kemarin sore"}])
    assert art.published is None
    assert any("cannot read 'kemarin sore'" in w for w in art.warnings)
    with pytest.raises(warta.InputError, match="published"):
        warta.analyze("Hujan turun.", published="kemarin sore")


@pytest.mark.parametrize("value,iso", [
    ("10-Sep-19", "2019-09-10"), ("Sep 24, 2019", "2019-09-24"), ("Oktober 19, 2019", "2019-10-19"),
    ("26 Maret 2019", "2019-03-26"), ("2023-09-15T10:00:00+07:00", "2023-09-15"),
    ("Jumat, 15 Sep 2023 14:30 WIB", "2023-09-15"), ("15/09/2023", "2023-09-15"),
])
def test_api_published_formats(value, iso):
    assert warta.analyze("Hujan turun.", published=value).published == iso


def test_api_every_span_of_every_example_matches_its_offsets():
    from conftest import EXAMPLES, SEED
    from warta.sources import iter_documents

    docs = list(iter_documents([str(EXAMPLES)] + ([str(SEED)] if SEED.exists() else [])))
    for art in warta.analyze_many(docs):
        rec = art.to_dict()
        for kind in ("entities", "times", "quotes"):
            for span in rec[kind]:
                assert rec["text"][span["start"]:span["end"]] == span["text"], (rec["id"], kind, span)
        for e in rec["entities"]:
            assert e["entity"] in rec["entity_index"]


def test_api_long_single_paragraph_is_read_in_pieces():
    text = ("Presiden Joko Widodo meninjau banjir di Kota Semarang pada Selasa (5/3/2024) dan "
            "mengatakan bahwa bantuan segera dikirim. ") * 1000
    art = warta.analyze(text, published="2024-03-06")
    assert len(art.text) > 100_000 and len(art.sentences) == 1000
    assert sum(1 for e in art.entities if e.text == "Joko Widodo") == 1000
    assert {t.value for t in art.times} == {"2024-03-05"} and len(art.quotes) == 1000
    assert all(art.text[e.start:e.end] == e.text for e in art.entities)


def test_api_a_text_longer_than_warta_reads_is_an_input_error():
    from warta.nlp.pipeline import MAX_CHARS

    with pytest.raises(warta.InputError, match="more than warta reads"):
        warta.analyze("Hujan turun. " * (MAX_CHARS // 13 + 1))
