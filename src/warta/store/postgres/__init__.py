"""PostgreSQL backend (psycopg 3): for a shared server that several people search while
several ingest jobs write.

Full-text search runs on the same Sastrawi stems as SQLite, held in a stored ``tsvector``
(configuration ``simple``, title weighted above body) with a GIN index, ranked with
``ts_rank_cd``. Upserts cannot race: an insert that meets a row another writer just stored
does nothing and counts as a duplicate; a transaction that meets a deadlock runs again.
"""
from __future__ import annotations

import re
import threading
import zlib
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from ...errors import StoreError
from ...query import ParsedQuery, Term
from .. import mask_password
from ..sql import SQLStore, check_version, now, read_migrations

# ts_rank_cd weights for {D, C, B, A}: title (A) hits count 4 times body (B) hits, as on SQLite.
# Normalisation 8 divides by the number of distinct words, so long articles do not win on
# length alone (BM25 normalises too); of ts_rank_cd's options it agrees best with SQLite's
# BM25 on CLICK-ID (benchmarks/search.py: same first hit for 26 of 50 queries, top-10 overlap 0.73).
WEIGHTS, NORMALISATION = "{0.1, 0.2, 0.25, 1.0}", 8
CONNECT_TIMEOUT = 10
_LOCK_ID = zlib.crc32(b"warta migrations")  # advisory lock held while migrating
_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def migrations() -> list[tuple[str, str]]:
    return read_migrations(__package__)


def _lexeme(stem: str) -> str:
    return "'" + stem.replace("\\", "\\\\").replace("'", "''") + "'"


def _ts_term(term: Term) -> str:
    parts = [_lexeme(s) for s in term.stems]
    if term.prefix:
        parts[-1] += ":*"
    return "(" + " <-> ".join(parts) + ")"


def tsquery(query: ParsedQuery) -> str | None:
    """The ``to_tsquery`` text of a parsed query (quoted stems only), or None when empty."""
    return query.render(_ts_term, " & ", " | ", " & !")


_COPY_FROM = 64  # rows from which _bulk uses COPY


@lru_cache(maxsize=512)
def _named(sql: str) -> str:
    """``:name`` parameters as psycopg's ``%(name)s``; a literal ``%`` doubled."""
    return _PARAM.sub(r"%(\1)s", sql.replace("%", "%%"))


def _no_nul(params: dict[str, Any]) -> dict[str, Any]:
    """PostgreSQL text cannot hold NUL: a query value with one (``?entity=%00``) loses it."""
    return {k: v.replace("\x00", "") if isinstance(v, str) and "\x00" in v else v for k, v in params.items()}


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class PostgresStore(SQLStore):
    """One PostgreSQL database. With ``pool_size`` (the web app) reads and writes check out
    connections from a pool; without, one connection serves the calling threads in turn."""

    backend = "postgresql"

    def __init__(self, url: str, *, readonly: bool = False, create: bool = True, pool_size: int | None = None):
        self.url = mask_password(url)
        self.dsn = url
        self.readonly = readonly
        self._pool = None
        self._conn = None
        self._lock = threading.RLock()
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError:
            raise StoreError(f"{self.url}: PostgreSQL needs psycopg (pip install 'psycopg[binary,pool]')") from None
        self._psycopg = psycopg
        try:
            urlsplit(url).port  # noqa: B018  (raises on a port that is not a number)
            psycopg.conninfo.conninfo_to_dict(url)
        except (ValueError, psycopg.ProgrammingError) as exc:
            raise StoreError(f"{self.url}: not a PostgreSQL URL ({_first_line(exc)}); "
                             "use postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME") from None
        self._kwargs: dict[str, Any] = {"autocommit": True, "row_factory": dict_row,
                                        "connect_timeout": CONNECT_TIMEOUT}
        if readonly:
            self._kwargs["options"] = "-c default_transaction_read_only=on"
        try:
            self._conn = psycopg.connect(url, **self._kwargs)
        except psycopg.Error as exc:
            raise StoreError(f"{self.url}: cannot connect ({_first_line(exc)}); check the URL, the password "
                             "and that the server is running") from None
        try:
            check_version(self.url, self.applied_migrations(), migrations(), readonly=readonly, create=create)
            if not readonly:
                self.migrate()
        except BaseException:
            self.close()
            raise
        if pool_size:
            from psycopg_pool import ConnectionPool

            self._conn.close()
            self._conn = None
            # check: a connection the server dropped (restart, admin) is replaced, not handed out.
            self._pool = ConnectionPool(url, min_size=1, max_size=pool_size, kwargs=self._kwargs, open=True,
                                        name="warta", check=ConnectionPool.check_connection, timeout=60)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # -- hooks ----------------------------------------------------------------------------

    @contextmanager
    def _connection(self):
        if self._pool is not None:
            with self._pool.connection() as conn:
                yield conn
            return
        if self._conn is None:
            raise StoreError(f"{self.url}: the store is closed")
        with self._lock:
            yield self._conn

    @contextmanager
    def _reading(self):
        from psycopg_pool import PoolTimeout

        try:
            with self._connection() as conn:
                yield conn
        except (self._psycopg.OperationalError, PoolTimeout) as exc:
            raise StoreError(f"{self.url}: cannot read ({_first_line(exc)}); is the server running?") from None

    @contextmanager
    def _transaction(self):
        if self.readonly:
            raise StoreError(f"{self.url}: opened read-only")
        with self._connection() as conn, conn.transaction():
            yield conn

    def _sql(self, sql: str) -> str:
        return _named(sql)

    def _lock_links(self, conn) -> None:
        # Writers link one after another: each decides from what the others committed.
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_ID + 1,))

    def _exec(self, conn, sql: str, params: dict[str, Any] | None = None):
        return conn.execute(self._sql(sql), _no_nul(params or {}))

    def _many(self, conn, sql: str, seq: list[dict[str, Any]]) -> None:
        if seq:
            with conn.cursor() as cur:
                cur.executemany(self._sql(sql), [_no_nul(p) for p in seq])

    def _bulk(self, conn, table: str, rows: list[dict[str, Any]]) -> None:
        if len(rows) < _COPY_FROM:  # a few rows (one article's facts): a COPY costs more round trips
            return super()._bulk(conn, table, rows)
        columns = list(rows[0])
        names = ", ".join(f'"{c}"' for c in columns)
        with conn.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([v.replace("\x00", "") if isinstance(v, str) else v for v in (row[c] for c in columns)])

    def _retryable(self, exc: BaseException) -> bool:
        errors = self._psycopg.errors
        return isinstance(exc, (errors.DeadlockDetected, errors.SerializationFailure,
                                errors.UniqueViolation, errors.LockNotAvailable))

    def _ranked(self, query):
        match = "to_tsquery('simple', :match)"
        return "articles a", f"a.fts @@ {match}", f"ts_rank_cd('{WEIGHTS}', a.fts, {match}, {NORMALISATION})", \
            {"match": tsquery(query)}

    def _article_match(self, query):
        return "a.fts @@ to_tsquery('simple', :match)", {"match": tsquery(query)}

    def _quote_match(self, query):
        return "q.fts @@ to_tsquery('simple', :qmatch)", {"qmatch": tsquery(query)}

    def _bytes(self) -> int:
        return self._scalar("SELECT pg_database_size(current_database()) AS n")

    # -- schema ---------------------------------------------------------------------------

    def applied_migrations(self) -> list[str]:
        with self._connection() as conn:
            if conn.execute("SELECT to_regclass('_migrations') AS t").fetchone()["t"] is None:
                return []
            return [r["name"] for r in conn.execute("SELECT name FROM _migrations ORDER BY name")]

    def migrate(self) -> list[str]:
        """Apply pending migrations, each in its own transaction under an advisory lock (so
        two processes starting at once do not both migrate); return their names."""
        applied: list[str] = []
        if set(self.applied_migrations()) >= {n for n, _ in migrations()}:
            return self._identity_upgrade(applied)  # no migration due (a read-only role never gets here)
        with self._connection() as conn:
            for name, sql in migrations():
                try:
                    with conn.transaction():
                        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_ID,))
                        conn.execute("CREATE TABLE IF NOT EXISTS _migrations "
                                     "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
                        if conn.execute("SELECT 1 FROM _migrations WHERE name = %s", (name,)).fetchone():
                            continue
                        conn.execute(sql)  # no parameters: the whole script in one round trip
                        conn.execute("INSERT INTO _migrations (name, applied_at) VALUES (%s, %s)", (name, now()))
                except self._psycopg.Error as exc:
                    raise StoreError(f"{self.url}: migration {name} failed ({_first_line(exc)})") from None
                applied.append(name)
        return self._identity_upgrade(applied)


__all__ = ["PostgresStore", "migrations", "tsquery"]
