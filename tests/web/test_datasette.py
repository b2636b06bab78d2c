"""The SQLite file stays friendly to the ecosystem: Datasette shows it and searches it."""
import asyncio

import pytest

import warta
from conftest import EXAMPLES
from warta.ingest import ingest
from warta.sources import iter_documents


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("ds") / "warta.db"
    store = warta.open(str(path))
    ingest(iter_documents([str(EXAMPLES)]), store, jobs=1)
    store.close()
    return path


def test_datasette_tables_and_full_text_search(db):
    from datasette.app import Datasette

    async def run():
        ds = Datasette([str(db)])
        tables = (await ds.client.get("/warta.json")).json()["tables"]
        names = {t["name"] for t in tables}
        assert {"articles", "entities", "mentions", "times", "quotes", "events"} <= names
        fts = {t["name"]: t["fts_table"] for t in tables}
        assert fts["articles"] == "articles_fts" and fts["quotes"] == "quotes_fts"
        # The index holds Sastrawi stems: "ungsi" finds "mengungsi" and "pengungsi".
        rows = (await ds.client.get("/warta/articles.json?_search=ungsi&_shape=array&_col=title")).json()
        assert [r["title"] for r in rows] == ["Banjir Rendam 14 Kelurahan di Semarang, 1.250 Warga Mengungsi"]
    asyncio.run(run())
