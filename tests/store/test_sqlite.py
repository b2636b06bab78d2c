import json
import sqlite3

import pytest

import warta
from warta.store import SQLiteStore, prepare_row
from warta.store.sqlite import migrations


def row(text="Harga cabai naik di pasar.", **extra):
    rec = warta.analyze(text, **extra).to_dict()
    return rec, prepare_row(rec, source="uji")


def test_sqlite_wal_and_migrations(tmp_path):
    path = tmp_path / "a.db"
    store = SQLiteStore(path)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = [n for n, _ in migrations()]
    assert store.applied_migrations() == names
    store.close()
    again = SQLiteStore(path)
    assert again.migrate() == []  # idempotent: nothing pending
    tables = {r[0] for r in again.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "articles_fts", "entities", "mentions", "times", "quotes", "events"} <= tables
    again.close()


def test_sqlite_failed_migration_leaves_nothing_half_done(tmp_path, monkeypatch):
    import warta.store.sqlite as mod

    broken = migrations() + [("9999_broken", "CREATE TABLE half (x);\nTHIS IS NOT SQL;")]
    monkeypatch.setattr(mod, "migrations", lambda: broken)
    with pytest.raises(warta.WartaError, match="9999_broken"):
        SQLiteStore(tmp_path / "b.db")
    conn = sqlite3.connect(tmp_path / "b.db")
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchone() is None
    assert ("9999_broken",) not in conn.execute("SELECT name FROM _migrations").fetchall()


def test_sqlite_upsert_new_duplicate_updated(store):
    _, first = row(id="a1")
    assert store.write([first]) == ["new"]
    assert store.write([first]) == ["duplicate"]
    _, copy = row(id="a2")  # same body under another id
    assert store.write([copy]) == ["duplicate"]
    _, changed = row("Harga cabai turun di pasar.", id="a1")
    assert store.write([changed]) == ["updated"]
    assert store.count() == 1
    assert store.get("a1")["text"] == "Harga cabai turun di pasar."
    # The full-text index follows the update.
    assert store.query("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'turun'")[0][0] == 1
    assert store.query("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'naik'")[0][0] == 0
    assert store.integrity_check() == "ok"


def test_sqlite_duplicates_within_one_batch(store):
    _, a = row(id="x")
    _, b = row(id="y")
    assert store.write([a, b]) == ["new", "duplicate"]


def test_sqlite_fact_tables_follow_the_record(store):
    rec, _ = row("Presiden Joko Widodo tiba di Surabaya pada Selasa.", id="f1")
    rec["entities"] = [{"start": 9, "end": 21, "text": "Joko Widodo", "label": "PER", "entity": "joko-widodo"}]
    rec["entity_index"] = {"joko-widodo": {"name": "Joko Widodo", "label": "PER"}}
    rec["times"] = [{"start": 43, "end": 49, "text": "Selasa", "type": "DATE", "value": "XXXX-WXX-2"}]
    rec["quotes"] = [{"start": 0, "end": 10, "text": "Presiden J", "kind": "indirect"}]
    rec["events"] = [{"type": "CONSULT", "actor": "joko-widodo", "sentence": 0,
                      "trigger": {"start": 22, "end": 26, "text": "tiba"}}]
    store.write([prepare_row(rec)])
    assert store.query("SELECT entity_key, text FROM mentions")[0][:] == ("joko-widodo", "Joko Widodo")
    assert store.query("SELECT name FROM entities")[0][0] == "Joko Widodo"
    assert store.query("SELECT value FROM times")[0][0] == "XXXX-WXX-2"
    assert store.query("SELECT trigger_text FROM events")[0][0] == "tiba"
    rec["entities"] = []
    rec["times"] = []
    store.write([prepare_row(rec)])  # same body: facts are rewritten, not appended
    assert store.query("SELECT count(*) FROM mentions")[0][0] == 0
    assert store.query("SELECT count(*) FROM times")[0][0] == 0
    assert json.loads(store.query("SELECT record FROM articles")[0][0])["entities"] == []


def test_sqlite_not_a_database(tmp_path):
    path = tmp_path / "bukan.db"
    path.write_text("ini teks biasa, bukan basis data SQLite" * 20, encoding="utf-8")
    with pytest.raises(warta.WartaError, match="cannot open"):
        SQLiteStore(path)
    assert path.read_text(encoding="utf-8").startswith("ini teks biasa")


def test_sqlite_reingest_skips_analysis_of_stored_articles(tmp_path, monkeypatch):
    import warta.api as api
    from conftest import EXAMPLES
    from warta.ingest import ingest
    from warta.sources import iter_documents

    store = SQLiteStore(tmp_path / "r.db")
    assert ingest(iter_documents([str(EXAMPLES)]), store, jobs=1).new == 10
    calls = []
    real = api.enrich_many
    monkeypatch.setattr(api, "enrich_many", lambda articles, **kw: calls.append(len(articles)) or real(articles, **kw))
    again = ingest(iter_documents([str(EXAMPLES)]), store, jobs=1)
    assert (again.new, again.duplicate) == (0, 10) and sum(calls) == 0
    refreshed = ingest(iter_documents([str(EXAMPLES)]), store, jobs=1, reanalyze=True)
    assert refreshed.duplicate == 10 and sum(calls) == 10
    store.close()
