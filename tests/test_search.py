import pytest

import warta
from conftest import BACKENDS, EXAMPLES
from warta.ingest import ingest
from warta.search import parse_query, search, snippet
from warta.sources import iter_documents
from warta.stemming import stem_text
from warta.store.postgres import tsquery
from warta.store.sqlite import fts5_match


@pytest.fixture(scope="module", params=BACKENDS)
def corpus(request, databases):
    store = warta.open(databases.new(request.param))
    summary = ingest(iter_documents([str(EXAMPLES)]), store, jobs=1)
    assert summary.new == 10
    yield store
    store.close()


def ids(result):
    return [r["id"] for r in result["rows"]]


def test_search_stemming_same_at_index_and_query():
    assert stem_text("mengungsi") == stem_text("pengungsian") == "ungsi"
    assert stem_text("penerbangan") == stem_text("terbang") == "terbang"
    assert stem_text("Pemerintah-pemerintah") == "perintah perintah"


def test_search_stemmed_query_finds_inflected_forms(corpus):
    # 'pengungsi' and 'mengungsi' share the stem 'ungsi'.
    hits = search(corpus, "pengungsian")
    assert hits["total"] >= 1
    top = hits["rows"][0]
    assert top["outlet"] == "Tempo"
    assert set(top) >= {"id", "title", "outlet", "published", "snippet", "score"}
    s, e = top["highlights"][0]
    assert "ungsi" in top["snippet"][s:e].lower()


def test_search_phrase_prefix_exclude_or(corpus):
    assert search(corpus, '"harga beras"')["total"] == 1
    assert search(corpus, '"beras harga"')["total"] == 0
    assert search(corpus, "gemp*")["total"] >= 1
    both = search(corpus, "gempa OR banjir")["total"]
    assert both == search(corpus, "gempa")["total"] + search(corpus, "banjir")["total"]
    assert search(corpus, "harga -beras")["total"] == search(corpus, "harga")["total"] - 1


def test_search_ranking_title_first(corpus):
    rows = search(corpus, "kopi")["rows"]
    assert rows[0]["title"].startswith("Ekspor Kopi")
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)


def test_search_filters(corpus):
    assert {r["outlet"] for r in search(corpus, "harga", outlet="kompas.com")["rows"]} == {"Kompas"}
    dated = search(corpus, "warga", date_from="2024-08", date_to="2024-12-31")["rows"]
    assert dated and all("2024-08-01" <= r["published"] <= "2024-12-31" for r in dated)
    assert search(corpus, "warga", date_from="2030")["total"] == 0
    with pytest.raises(warta.WartaError, match="YYYY"):
        search(corpus, "warga", date_from="kemarin")


@pytest.mark.parametrize("query", [
    '"', '""', '"tidak ditutup', "*", "**", "-", "--", "NEAR(", "NEAR(a b", "a NEAR b", "AND", "OR",
    "NOT", "NOT banjir", "-banjir", "banjir AND", "OR banjir", "(", ")", "((banjir", "banjir)", "^banjir",
    "title:banjir", "{banjir}", "banjir:*", "'", "\\", "\x00", "🌊 banjir", "a" * 5000, "banjir " * 300,
    "SELECT * FROM articles; --", "' OR 1=1 --",
])
def test_search_hostile_queries_never_crash(corpus, query):
    result = search(corpus, query)
    assert result["total"] >= 0 and isinstance(result["rows"], list)


def test_search_query_parsing():
    q = parse_query('kunjungan "pabrik pesawat" -rusia jet* OR rudal')
    assert fts5_match(q) == '(("kunjung") AND ("pabrik pesawat") AND ("jet"* OR "rudal")) NOT ("rusia")'
    assert tsquery(q) == "((('kunjung')) & (('pabrik' <-> 'pesawat')) & (('jet':*) | ('rudal'))) & !(('rusia'))"
    assert fts5_match(parse_query("NOT -")) is None and tsquery(parse_query("NOT -")) is None
    assert not parse_query("NOT -")


def test_search_snippet_offsets_point_at_hits():
    text = "Awal.\n\n" + "kata " * 60 + "Warga mengungsi ke masjid." + " lagi" * 60
    snip, marks = snippet(text, {"ungsi"}, [])
    assert [snip[s:e] for s, e in marks] == ["mengungsi"]
    assert snip.startswith("…") and snip.endswith("…")


def test_search_timeline_lists_dated_expressions_in_order(corpus):
    from warta.search import timeline

    rows = timeline(corpus)["rows"]
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates) and len(rows) >= 8
    assert all(r["expression"] in r["context"] for r in rows)
    quake = timeline(corpus, "gempa")["rows"]
    assert [r["value"] for r in quake] == ["2024-08-03T05:48"]
    assert timeline(corpus, date_from="2024-09")["rows"][0]["date"] >= "2024-09-01"
