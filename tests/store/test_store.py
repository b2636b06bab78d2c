"""The store conformance suite: every backend behaves the same through the Store protocol."""
import importlib

import pytest

import warta
from conftest import EXAMPLES
from warta.search import entity_profile, list_events, search
from warta.store import Store, open_store, prepare_row


def row(text="Harga cabai naik di pasar.", **extra):
    rec = warta.analyze(text, **extra).to_dict()
    return rec, prepare_row(rec, source="uji")


def backend_module(store):
    return importlib.import_module(f"warta.store.{'sqlite' if store.backend == 'sqlite' else 'postgres'}")


def test_store_speaks_the_protocol(store):
    assert isinstance(store, Store) and store.backend in ("sqlite", "postgresql")


def test_store_migrations_applied_once(db_url):
    store = open_store(db_url)
    names = [n for n, _ in backend_module(store).migrations()]
    assert store.applied_migrations() == names
    store.close()
    again = open_store(db_url)
    assert again.migrate() == []  # idempotent: nothing pending
    assert again.count() == 0 and set(again.stats()["counts"]) >= {"articles", "entities", "quotes"}
    again.close()


def test_store_upsert_new_duplicate_updated(store):
    _, first = row(id="a1")
    assert store.write([first]) == ["new"]
    assert store.write([first]) == ["duplicate"]
    _, copy = row(id="a2")  # same body under another id: a republication, stored as a copy
    assert store.write([copy]) == ["new"]
    assert store.write([copy]) == ["duplicate"]
    assert store.get("a2")["copy_of"] == "a1" and store.get("a1")["copy_of"] is None
    _, changed = row("Harga cabai turun di pasar.", id="a1")
    assert store.write([changed]) == ["updated"]
    assert store.count() == 2
    assert store.get("a1")["text"] == "Harga cabai turun di pasar."
    assert store.get("a2")["copy_of"] is None  # the text it copied is gone from a1
    # The full-text index follows the update.
    assert search(store, "turun")["total"] == 1
    assert [r["id"] for r in search(store, "naik")["rows"]] == ["a2"]  # the old text lives on in a2
    if store.backend == "sqlite":
        assert store.integrity_check() == "ok"


def test_store_duplicates_within_one_batch(store):
    _, a = row(id="x")
    _, b = row(id="y")
    assert store.write([a, b]) == ["new", "new"]
    assert store.get("y")["copy_of"] == "x"


def test_store_fact_tables_follow_the_record(store):
    rec, _ = row("Presiden Joko Widodo tiba di Surabaya pada Selasa.", id="f1")
    rec["entities"] = [{"start": 9, "end": 21, "text": "Joko Widodo", "label": "PER", "entity": "joko-widodo"}]
    rec["entity_index"] = {"joko-widodo": {"name": "Joko Widodo", "label": "PER"}}
    rec["times"] = [{"start": 43, "end": 49, "text": "Selasa", "type": "DATE", "value": "XXXX-WXX-2"}]
    rec["quotes"] = [{"start": 0, "end": 10, "text": "Presiden J", "kind": "indirect"}]
    rec["events"] = [{"type": "CONSULT", "actor": "joko-widodo", "sentence": 0,
                      "trigger": {"start": 22, "end": 26, "text": "tiba"}}]
    store.write([prepare_row(rec)])
    profile = entity_profile(store, "Joko Widodo")
    assert profile["name"] == "Joko Widodo" and profile["aliases"] == [{"text": "Joko Widodo", "mentions": 1}]
    counts = store.stats()["counts"]
    assert (counts["mentions"], counts["times"], counts["quotes"], counts["events"]) == (1, 1, 1, 1)
    assert list_events(store)["rows"][0]["trigger_text"] == "tiba"
    rec["entities"] = []
    rec["times"] = []
    store.write([prepare_row(rec)])  # same body: facts are rewritten, not appended
    counts = store.stats()["counts"]
    assert (counts["mentions"], counts["times"], counts["quotes"]) == (0, 0, 1)
    assert store.get("f1")["entities"] == []


def test_store_reingest_skips_analysis_of_stored_articles(store, monkeypatch):
    import warta.api as api
    from warta.ingest import ingest
    from warta.sources import iter_documents

    assert ingest(iter_documents([str(EXAMPLES)]), store, jobs=1).new == 10
    calls = []
    real = api.enrich_many
    monkeypatch.setattr(api, "enrich_many", lambda articles, **kw: calls.append(len(articles)) or real(articles, **kw))
    again = ingest(iter_documents([str(EXAMPLES)]), store, jobs=1)
    assert (again.new, again.duplicate) == (0, 10) and sum(calls) == 0
    refreshed = ingest(iter_documents([str(EXAMPLES)]), store, jobs=1, reanalyze=True)
    assert refreshed.duplicate == 10 and sum(calls) == 10


def test_store_iterates_records_and_rows_in_order(store):
    recs = [row(f"Berita nomor {i} tentang harga pangan.", id=f"r{i}")[0] for i in range(3)]
    store.write([prepare_row(r, source=f"s{i}") for i, r in enumerate(recs)])
    assert [r["id"] for r in store.records()] == ["r0", "r1", "r2"]
    rows = list(store.rows())
    assert [(r.id, r.source) for r in rows] == [("r0", "s0"), ("r1", "s1"), ("r2", "s2")]
    assert all(r.ingested_at for r in rows)
    assert store.known([("r1", rows[1].content_hash), ("r1", "beda"), ("tidak", rows[1].content_hash)]) \
        == {("r1", rows[1].content_hash)}


def test_store_failed_migration_leaves_nothing_half_done(db_url, monkeypatch):
    kind = "postgres" if db_url.startswith("postgresql://") else "sqlite"
    mod = importlib.import_module(f"warta.store.{kind}")
    broken = mod.migrations() + [("9999_broken", "CREATE TABLE half (x INTEGER);\nTHIS IS NOT SQL;")]
    monkeypatch.setattr(mod, "migrations", lambda: broken)
    with pytest.raises(warta.WartaError, match="9999_broken"):
        open_store(db_url)
    monkeypatch.undo()
    store = open_store(db_url)  # the good migrations stand; the broken one left nothing
    assert "9999_broken" not in store.applied_migrations()
    assert store.applied_migrations() == [n for n, _ in mod.migrations()]
    store.close()
    if kind == "sqlite":
        import sqlite3

        assert sqlite3.connect(db_url).execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchone() is None
    else:
        import psycopg

        with psycopg.connect(db_url) as conn:
            assert conn.execute("SELECT to_regclass('half')").fetchone()[0] is None


def test_store_made_by_a_newer_warta_is_refused(db_url):
    open_store(db_url).close()
    if db_url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db_url, autocommit=True) as conn:
            conn.execute("INSERT INTO _migrations VALUES ('9000_future', 'x')")
    else:
        import sqlite3

        conn = sqlite3.connect(db_url)
        conn.execute("INSERT INTO _migrations VALUES ('9000_future', 'x')")
        conn.commit()
        conn.close()
    with pytest.raises(warta.WartaError, match="newer warta .*9000_future.*upgrade warta"):
        open_store(db_url)


def test_store_read_only_open_of_an_older_database_says_how_to_migrate(db_url, monkeypatch):
    kind = "postgres" if db_url.startswith("postgresql://") else "sqlite"
    mod = importlib.import_module(f"warta.store.{kind}")
    open_store(db_url).close()
    newer = mod.migrations() + [("9999_next", "CREATE TABLE next_one (x INTEGER);")]
    monkeypatch.setattr(mod, "migrations", lambda: newer)  # this warta knows one more migration
    with pytest.raises(warta.WartaError, match="older warta.*warta stats --db"):
        open_store(db_url, readonly=True)
    with open_store(db_url) as store:  # opening for writing migrates it
        assert store.applied_migrations() == [n for n, _ in newer]
    open_store(db_url, readonly=True).close()
