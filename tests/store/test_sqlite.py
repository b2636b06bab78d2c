"""What only the SQLite backend has: WAL, FTS5 tables, a file that may not be a database."""
import pytest

import warta
from warta.store import open_store
from warta.store.sqlite import SQLiteStore


def test_sqlite_wal_and_fts5_tables(tmp_path):
    store = SQLiteStore(tmp_path / "a.db")
    assert store.conn.execute("PRAGMA journal_mode").fetchone()["journal_mode"] == "wal"
    tables = {r["name"] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "articles_fts", "entities", "mentions", "times", "quotes", "quotes_fts", "events"} <= tables
    store.close()


def test_sqlite_not_a_database(tmp_path):
    path = tmp_path / "bukan.db"
    path.write_text("ini teks biasa, bukan basis data SQLite" * 20, encoding="utf-8")
    with pytest.raises(warta.WartaError, match="cannot open"):
        SQLiteStore(path)
    assert path.read_text(encoding="utf-8").startswith("ini teks biasa")


def test_sqlite_missing_file_and_unknown_scheme(tmp_path):
    with pytest.raises(warta.WartaError, match="no such database"):
        open_store(tmp_path / "tidak.db", create=False)
    assert not (tmp_path / "tidak.db").exists()
    with pytest.raises(warta.WartaError, match="not a database warta can open") as caught:
        open_store("mysql://warta:rahasia@localhost/berita")
    assert "rahasia" not in str(caught.value)


def test_sqlite_read_commands_leave_a_foreign_database_alone(tmp_path):
    import sqlite3

    from click.testing import CliRunner

    from warta.cli import cli

    other = tmp_path / "lain.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE catatan (isi TEXT)")
    conn.commit()
    conn.close()
    result = CliRunner().invoke(cli, ["stats", "--db", str(other)])
    assert result.exit_code == 1 and "not a warta database" in result.stderr
    names = {r[0] for r in sqlite3.connect(other).execute("SELECT name FROM sqlite_master")}
    assert names == {"catatan"}


def test_sqlite_one_connection_per_thread(tmp_path):
    import threading

    store = SQLiteStore(tmp_path / "t.db")
    seen = []
    t = threading.Thread(target=lambda: seen.append(store.conn))
    t.start()
    t.join()
    assert seen[0] is not store.conn and store.count() == 0
    store.close()
