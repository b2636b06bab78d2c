"""The JSON API and HTML pages, in process (fastapi.testclient)."""
import json

import pytest
from fastapi.testclient import TestClient

import warta
from conftest import BACKENDS, EXAMPLES
from warta.ingest import ingest
from warta.sources import RawDocument, iter_documents
from warta.web import create_app

HOSTILE = ("<p>TEMPO.CO, Jakarta - Warga menulis <script>alert('x')</script> di forum dan "
           "<a href=\"javascript:alert(1)\">tautan</a> beredar luas di media sosial kota.</p>"
           "<p>“Kami tidak takut,” kata Budi Santoso kepada wartawan di Jakarta pada Senin.</p>")


@pytest.fixture(scope="module", params=BACKENDS)
def client(request, databases):
    db = databases.new(request.param)
    store = warta.open(db)
    docs = list(iter_documents([str(EXAMPLES)]))
    docs.append(RawDocument(source="hostile", id="hostile", text=HOSTILE.replace("<p>", "").replace("</p>", "\n\n")))
    ingest(docs, store, jobs=1)
    store.close()
    with TestClient(create_app(db)) as c:
        yield c


def assert_error_shape(resp, status):
    body = resp.json()
    assert resp.status_code == status and body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and "\n" not in body["error"] and isinstance(body["errors"], list)


def test_web_search_json_contract(client):
    body = client.get("/search.json", params={"q": "banjir"}).json()
    assert body["ok"] is True and body["total"] == 1
    assert set(body["rows"][0]) >= {"id", "title", "outlet", "published", "snippet", "score"}


def test_web_search_html_and_accept_json(client):
    page = client.get("/search", params={"q": "harga"})
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "<mark>" in page.text and 'rel="alternate"' in page.headers["link"]
    as_json = client.get("/search", params={"q": "harga"}, headers={"Accept": "application/json"})
    assert as_json.json()["ok"] is True and as_json.json()["total"] >= 2


def test_web_article_json_and_html(client):
    row = client.get("/search.json", params={"q": "beras"}).json()["rows"][0]
    record = client.get(f"/articles/{row['id']}.json").json()
    assert record["ok"] is True and record["article"]["id"] == row["id"]
    assert record["article"]["entities"] and record["article"]["quotes"]
    page = client.get(f"/articles/{row['id']}")
    assert page.status_code == 200 and 'class="ent' in page.text and 'class="quote"' in page.text
    assert 'class="time"' in page.text


def test_web_errors_have_one_shape(client):
    assert_error_shape(client.get("/articles/tidak-ada.json"), 404)
    assert_error_shape(client.get("/nowhere.json"), 404)
    assert_error_shape(client.get("/search.json", params={"q": "x", "page": "abc"}), 400)
    assert_error_shape(client.get("/search.json", params={"q": "x", "date_from": "kemarin"}), 400)
    html = client.get("/articles/tidak-ada")
    assert html.status_code == 404 and "no such article" in html.text


@pytest.mark.parametrize("q", ['"', "NEAR(", "*", "' OR 1=1 --", "<script>", "a" * 3000, "-", "\x00"])
def test_web_query_abuse_never_500(client, q):
    resp = client.get("/search.json", params={"q": q})
    assert resp.status_code in (200, 400) and resp.json()["ok"] in (True, False)


def test_web_nul_in_parameters_is_no_500(client):
    assert_error_shape(client.get("/entities/%00.json"), 404)
    assert_error_shape(client.get("/articles/a%00b.json"), 404)
    assert client.get("/search.json", params={"q": "harga", "outlet": "\x00"}).status_code == 200
    assert client.get("/quotes.json", params={"speaker": "Ga\x00lih"}).status_code == 200


def test_web_article_text_is_escaped(client):
    page = client.get("/articles/hostile").text
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert 'href="javascript:' not in page


def test_web_openapi_and_versions(client):
    spec = client.get("/openapi.json").json()
    assert "/search.json" in spec["paths"] and "/articles/{ident}.json" in spec["paths"]
    assert client.get("/-/versions.json").json()["ok"] is True


def test_web_missing_database(tmp_path):
    with TestClient(create_app(tmp_path / "none.db")) as c:
        assert_error_shape(c.get("/search.json", params={"q": "x"}), 503)
    assert not (tmp_path / "none.db").exists()


def test_web_unreachable_postgres():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with TestClient(create_app(f"postgresql://warta:rahasia@127.0.0.1:{port}/warta")) as c:
        resp = c.get("/search.json", params={"q": "x"})
    assert_error_shape(resp, 503)
    assert "cannot connect" in resp.json()["error"] and "rahasia" not in resp.json()["error"]


def test_web_entity_page_chart_and_network(client):
    body = client.get("/entities/jawa-barat.json").json()
    assert body["ok"] is True and body["entity"]["name"] == "Jawa Barat" and body["entity"]["timeline"]
    page = client.get("/entities/jawa-barat")
    assert page.status_code == 200 and '<svg class="chart"' in page.text and '<svg class="network"' in page.text
    assert_error_shape(client.get("/entities/atlantis.json"), 404)


def test_web_quotes_and_dashboard(client):
    said = client.get("/quotes.json", params={"speaker": "Galih"}).json()
    assert said["ok"] is True and said["total"] >= 2
    assert "Galih" in client.get("/quotes", params={"speaker": "Galih"}).text
    dash = client.get("/dashboard.json").json()
    assert dash["counts"]["articles"] == 11 and dash["per_day"]
    assert '<svg class="chart"' in client.get("/dashboard").text


def test_web_search_exports(client):
    resp = client.get("/search.jsonl", params={"q": "harga"})
    lines = resp.text.rstrip("\n").split("\n")  # JSONL lines end at "\n" only
    assert lines and all(json.loads(l)["id"] for l in lines)
    csv_text = client.get("/search.csv", params={"q": "harga"}).text
    assert csv_text.splitlines()[0] == "id,title,outlet,published,score,snippet" and len(csv_text.splitlines()) == len(lines) + 1
    assert_error_shape(client.get("/search.xml", params={"q": "harga"}), 404)


def test_web_writing_needs_the_token(db_url):
    db = db_url
    warta.open(db).close()
    article = {"id": "baru-1", "text": "KOMPAS.com - Harga cabai naik tajam di Pasar Induk Kramat Jati.",
               "published": "2024-06-01"}
    with TestClient(create_app(db)) as read_only:
        assert_error_shape(read_only.post("/articles.json", json=article), 403)
    with TestClient(create_app(db, write_token="rahasia")) as app:
        assert_error_shape(app.post("/articles.json", json=article, headers={"Authorization": "Bearer salah"}), 401)
        ok = app.post("/articles.json", json=article, headers={"Authorization": "Bearer rahasia"})
        assert ok.status_code == 201 and ok.json()["status"] == "new" and ok.json()["article"]["outlet"] == "Kompas"
        again = app.post("/articles.json", json=article, headers={"Authorization": "Bearer rahasia"})
        assert again.json()["status"] == "duplicate"
        assert_error_shape(app.post("/articles.json", json={"id": "x"}, headers={"Authorization": "Bearer rahasia"}),
                           400)
        assert app.get("/articles/baru-1.json").json()["article"]["id"] == "baru-1"


def test_web_search_facets_and_entity_filter(client):
    body = client.get("/search.json", params={"q": "harga"}).json()
    facets = body["facets"]
    assert sum(f["n"] for f in facets["outlet"]) == body["total"]
    assert facets["month"] and facets["label"] and facets["entity"]
    top = facets["entity"][0]
    narrowed = client.get("/search.json", params={"q": "harga", "entity": top["value"]}).json()
    assert narrowed["total"] == top["n"]
    page = client.get("/search", params={"q": "harga"}).text
    assert "Outlet" in page and "entity=" in page and "/search.parquet?" in page


def test_web_parquet_export(client):
    import io

    import pyarrow.parquet as pq

    resp = client.get("/search.parquet", params={"q": "harga"})
    table = pq.read_table(io.BytesIO(resp.content))
    assert table.num_rows >= 2 and table.column_names[:3] == ["id", "title", "outlet"]


def test_web_events_page_and_filters(db_url):
    from warta.store import open_store, prepare_row

    db = db_url
    rec = warta.analyze("Presiden Joko Widodo bertemu Perdana Menteri Anthony Albanese di Jakarta.",
                        published="2024-07-01", id="ev1").to_dict()
    rec["events"] = [{"type": "CONSULT", "mode": "visit", "actor": "joko-widodo", "target": "anthony-albanese",
                      "where": "Jakarta", "when": "2024-07-01", "sentence": 0,
                      "trigger": {"start": 29, "end": 36, "text": "bertemu"}}]
    with open_store(db) as s:
        s.write([prepare_row(rec)])
    with TestClient(create_app(db)) as c:
        assert c.get("/events.json").json()["total"] == 1
        assert c.get("/events.json", params={"type": "consult", "actor": "joko-widodo"}).json()["total"] == 1
        assert c.get("/events.json", params={"type": "ASSAULT"}).json()["total"] == 0
        page = c.get("/events").text
        assert "CONSULT" in page and "bertemu" in page and '<svg class="chart"' in page
        # names with links, not keys; the sentence it came from; a filter by any name of an entity
        assert '>Joko Widodo</a>' in page and 'href="/entities/joko-widodo"' in page
        assert "Presiden Joko Widodo bertemu Perdana Menteri Anthony Albanese di Jakarta" in page
        row = c.get("/events.json", params={"entity": "Joko Widodo"}).json()["rows"][0]
        assert (row["actor_name"], row["sentence"]) == (
            "Joko Widodo", "Presiden Joko Widodo bertemu Perdana Menteri Anthony Albanese di Jakarta.")
        assert c.get("/events.json", params={"entity": "Atlantis"}).json()["total"] == 0
        entity = c.get("/entities/joko-widodo.json").json()["entity"]
        assert [e["type"] for e in entity["events"]] == ["CONSULT"]
        assert "bertemu Perdana Menteri" in c.get("/entities/joko-widodo").text


def test_web_events_by_status_and_a_group_actor(db_url):
    from warta.store import open_store, prepare_row

    rec = warta.analyze("Massa dari mahasiswa memprotes keputusan DPRD Jawa Tengah pada Senin (1/7/2024). "
                        "Presiden Joko Widodo akan bertemu Perdana Menteri Anthony Albanese di Jakarta.",
                        published="2024-07-02", id="ev2").to_dict()
    # a protest that happened and a meeting planned ("akan bertemu"), which keeps its status
    assert [(e["type"], e["status"]) for e in rec["events"]] == [("PROTEST", "asserted"), ("CONSULT", "intended")]
    with open_store(db_url) as s:
        s.write([prepare_row(rec)])
    with TestClient(create_app(db_url)) as c:
        rows = c.get("/events.json").json()["rows"]  # what happened, by default
        assert [(r["type"], r["actor"], r["actor_text"]) for r in rows] == [("PROTEST", None, "Massa")]
        every = c.get("/events.json", params={"status": "any"}).json()["rows"]
        assert sorted((r["type"], r["status"]) for r in every) == [("CONSULT", "intended"), ("PROTEST", "asserted")]
        assert c.get("/events.json", params={"status": "intended"}).json()["total"] == 1
        bad = c.get("/events.json", params={"status": "maybe"})
        assert bad.status_code == 400 and "status" in bad.json()["error"]
        page = c.get("/events").text
        assert '<span class="group"' in page and ">Massa</span>" in page and "Albanese" not in page
        assert "intended" in c.get("/events", params={"status": "any"}).text
