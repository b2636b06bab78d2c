"""SQLite backend: one file, WAL, FTS5 over stemmed text, numbered migrations.

Readers never block the writer (WAL); a second writer waits for the first (busy timeout
and retries) instead of failing with "database is locked".
"""
from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ...errors import StoreError
from ...query import ParsedQuery, Term
from ..sql import SQLStore, check_version, now, read_migrations

TITLE_WEIGHT, TEXT_WEIGHT = 4.0, 1.0  # title hits weigh more than body hits
BUSY_SECONDS = 120


def migrations() -> list[tuple[str, str]]:
    return read_migrations(__package__)


def _fts_term(term: Term) -> str:
    return '"' + " ".join(term.stems) + '"' + ("*" if term.prefix else "")


def fts5_match(query: ParsedQuery) -> str | None:
    """The FTS5 MATCH expression of a parsed query (quoted stems only), or None when empty."""
    return query.render(_fts_term, " AND ", " OR ", " NOT ")


def _dict_row(cursor: sqlite3.Cursor, row: tuple) -> dict[str, Any]:
    return {d[0]: v for d, v in zip(cursor.description, row)}


class SQLiteStore(SQLStore):
    """One SQLite file. Safe to share between threads: each thread gets its own connection."""

    backend = "sqlite"

    def __init__(self, path: str | Path = "warta.db", *, readonly: bool = False, create: bool = True):
        self.path = str(path)
        self.url = self.dsn = self.path
        self.readonly = readonly
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        if readonly and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database (create one with `warta ingest PATH --db {self.path}`)")
        try:
            conn = self.conn
            check_version(self.path, self.applied_migrations(), migrations(), readonly=readonly, create=create)
            if not readonly:
                self._when_free(lambda: conn.execute("PRAGMA journal_mode = WAL"))
                self._when_free(self.migrate)
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreError(f"{self.path}: cannot open as a warta database ({exc})") from None
        except StoreError:
            self.close()
            raise

    def _when_free(self, step):
        """Run ``step``, again while another process holds the lock: switching a new file to
        WAL does not wait on the busy timeout, and two processes may create one file at once."""
        deadline = time.monotonic() + BUSY_SECONDS
        while True:
            try:
                return step()
            except sqlite3.OperationalError as exc:
                if not self._retryable(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
            except StoreError as exc:  # a migration that met the lock
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self.readonly:
                conn = sqlite3.connect(f"file:{Path(self.path).resolve()}?mode=ro", uri=True,
                                       timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
            else:
                conn = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None,
                                       check_same_thread=False)
            conn.row_factory = _dict_row
            conn.execute("PRAGMA foreign_keys = ON")
            if not self.readonly:
                conn.execute("PRAGMA synchronous = NORMAL")
            self._local.conn = conn
            with self._lock:
                self._opened.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._opened:
                conn.close()
            self._opened.clear()
        self._local = threading.local()

    # -- hooks ----------------------------------------------------------------------------

    @contextmanager
    def _reading(self):
        yield self.conn

    @contextmanager
    def _transaction(self):
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")  # take the write lock now, waiting up to the busy timeout
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _retryable(self, exc: BaseException) -> bool:
        return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))

    def _ranked(self, query):
        return ("articles_fts JOIN articles a ON a.pk = articles_fts.rowid", "articles_fts MATCH :match",
                f"-bm25(articles_fts, {TITLE_WEIGHT}, {TEXT_WEIGHT})", {"match": fts5_match(query)})

    def _article_match(self, query):
        return ("a.pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match)",
                {"match": fts5_match(query)})

    def _quote_match(self, query):
        return ("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :qmatch)",
                {"qmatch": fts5_match(query)})

    def _bytes(self) -> int:
        return sum(p.stat().st_size for p in (Path(self.path), Path(self.path + "-wal")) if p.exists())

    # -- schema ---------------------------------------------------------------------------

    def applied_migrations(self) -> list[str]:
        if not self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = '_migrations'").fetchone():
            return []
        return [r["name"] for r in self.conn.execute("SELECT name FROM _migrations ORDER BY name")]

    def migrate(self) -> list[str]:
        """Apply pending migrations, each in its own transaction; return their names."""
        conn = self.conn
        done = set(self.applied_migrations())
        check_version(self.path, sorted(done), migrations())
        if done >= {n for n, _ in migrations()}:
            return self._identity_upgrade([])  # no migration due (a read-only file never gets here)
        conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        applied = []
        for name, sql in migrations():
            if name in done:
                continue
            # A migration that rebuilds a table runs with foreign keys off (SQLite's documented
            # steps: a DROP TABLE would otherwise cascade), checked before it commits.
            rebuild = sql.startswith(_FOREIGN_KEYS_OFF)
            if rebuild:
                conn.execute("PRAGMA foreign_keys = OFF")
            conn.execute("BEGIN IMMEDIATE")
            try:
                if conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone():
                    conn.execute("ROLLBACK")  # done already (perhaps by a concurrent writer)
                    continue
                # executescript() would commit first; run the statements inside this transaction.
                for statement in _statements(sql):
                    conn.execute(statement)
                if rebuild and conn.execute("PRAGMA foreign_key_check").fetchone():
                    raise sqlite3.IntegrityError("foreign keys broken by the rebuild")
                conn.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (name, now()))
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration {name} failed ({exc})") from None
            finally:
                if rebuild:
                    conn.execute("PRAGMA foreign_keys = ON")
            applied.append(name)
        return self._identity_upgrade(applied)

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()["integrity_check"]


_FOREIGN_KEYS_OFF = "-- warta: foreign keys off"


def _statements(script: str) -> list[str]:
    """The statements of a migration script (triggers kept whole)."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        if not current and line.lstrip().startswith("--"):
            continue
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())  # an incomplete last statement fails loudly when run
    return out


__all__ = ["SQLiteStore", "migrations", "fts5_match"]
