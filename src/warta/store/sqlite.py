"""SQLite backend: WAL, named migrations, FTS5 over stemmed text, idempotent upserts."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..stemming import stem_text

NEW, UPDATED, DUPLICATE = "new", "updated", "duplicate"


@dataclass
class Row:
    """An article ready to write: computed away from the writer (in worker processes)."""

    id: str
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None
    dateline_place: str | None
    text: str
    content_hash: str
    title_stems: str
    text_stems: str
    record: str
    source: str | None


def prepare_row(record: dict[str, Any], source: str | None = None) -> Row:
    """A Row from an article record (``Article.to_dict()``)."""
    from ..anatomy import content_hash

    dateline = record.get("dateline") or {}
    return Row(
        id=record["id"], url=record.get("url"), title=record.get("title"),
        outlet=record.get("outlet"), published=record.get("published"),
        dateline_place=dateline.get("place"), text=record["text"],
        content_hash=content_hash(record["text"]),
        title_stems=stem_text(record.get("title") or ""), text_stems=stem_text(record["text"]),
        record=json.dumps(record, ensure_ascii=False), source=source)


def migrations() -> list[tuple[str, str]]:
    """(name, sql) of every migration, in order."""
    folder = resources.files(__package__).joinpath("migrations")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(n.removesuffix(".sql"), folder.joinpath(n).read_text("utf-8")) for n in names]


class SQLiteStore:
    """One SQLite file. Writes go through ``write()``; reads through ``query()``."""

    def __init__(self, path: str | Path = "warta.db", *, readonly: bool = False):
        self.path = str(path)
        try:
            if readonly:
                if not Path(self.path).exists():
                    raise StoreError(f"{self.path}: no such database (run `warta ingest` first)")
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None,
                                            check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None,
                                            check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a warta database ({exc})") from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------

    def applied_migrations(self) -> list[str]:
        if not self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = '_migrations'").fetchone():
            return []
        return [r[0] for r in self.conn.execute("SELECT name FROM _migrations ORDER BY name")]

    def migrate(self) -> list[str]:
        """Apply pending migrations, each in its own transaction; return their names."""
        self.conn.execute("CREATE TABLE IF NOT EXISTS _migrations "
                          "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = set(self.applied_migrations())
        applied = []
        for name, sql in migrations():
            if name in done:
                continue
            stamp = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
            script = (f"BEGIN IMMEDIATE;\n{sql}\n"
                      f"INSERT INTO _migrations (name, applied_at) VALUES ('{name}', '{stamp}');\n"
                      "COMMIT;")
            try:
                self.conn.executescript(script)
            except sqlite3.Error as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration {name} failed ({exc})") from None
            applied.append(name)
        return applied

    # -- writes ---------------------------------------------------------------------------

    def write(self, rows: Iterable[Row]) -> list[str]:
        """Upsert ``rows`` in one transaction; the status of each: new, updated or duplicate."""
        statuses = []
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for row in rows:
                statuses.append(self._upsert(row, now))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return statuses

    def _upsert(self, row: Row, now: str) -> str:
        cur = self.conn.execute("SELECT pk, content_hash FROM articles WHERE id = ?", (row.id,))
        found = cur.fetchone()
        same_body = self.conn.execute("SELECT pk FROM articles WHERE content_hash = ?",
                                      (row.content_hash,)).fetchone()
        if found is None and same_body is not None:
            return DUPLICATE  # the same body under another id: an exact duplicate
        if found is not None and found["content_hash"] == row.content_hash:
            # Same article again; refresh the record (a newer pipeline may know more).
            self.conn.execute("UPDATE articles SET record = ? WHERE pk = ? AND record != ?",
                              (row.record, found["pk"], row.record))
            self._replace_facts(found["pk"], row.record)
            return DUPLICATE
        if found is not None and same_body is not None:
            return DUPLICATE  # an update whose new body is stored already under another id
        values = (row.id, row.url, row.title, row.outlet, row.published, row.dateline_place,
                  row.text, row.content_hash, row.title_stems, row.text_stems, row.record,
                  row.source, now)
        if found is None:
            pk = self.conn.execute(
                "INSERT INTO articles (id, url, title, outlet, published, dateline_place, text, "
                "content_hash, title_stems, text_stems, record, source, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values).lastrowid
            self._replace_facts(pk, row.record)
            return NEW
        self.conn.execute(
            "UPDATE articles SET id = ?, url = ?, title = ?, outlet = ?, published = ?, "
            "dateline_place = ?, text = ?, content_hash = ?, title_stems = ?, text_stems = ?, "
            "record = ?, source = ?, ingested_at = ? WHERE pk = ?", values + (found["pk"],))
        self._replace_facts(found["pk"], row.record)
        return UPDATED

    def _replace_facts(self, pk: int, record_json: str) -> None:
        """Rewrite the entity, mention, time, quote and event rows of one article."""
        rec = json.loads(record_json)
        for table in ("mentions", "times", "quotes", "events"):
            self.conn.execute(f"DELETE FROM {table} WHERE article_pk = ?", (pk,))
        for key, ent in (rec.get("entity_index") or {}).items():
            self.conn.execute(
                "INSERT INTO entities (key, name, label, country) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET country = coalesce(entities.country, excluded.country)",
                (key, ent.get("name") or key, ent.get("label") or "", ent.get("country")))
        self.conn.executemany(
            'INSERT INTO mentions (article_pk, entity_key, start, "end", text, label) VALUES (?, ?, ?, ?, ?, ?)',
            [(pk, e.get("entity"), e["start"], e["end"], e["text"], e["label"])
             for e in rec.get("entities") or []])
        self.conn.executemany(
            'INSERT INTO times (article_pk, start, "end", text, type, value) VALUES (?, ?, ?, ?, ?, ?)',
            [(pk, t["start"], t["end"], t["text"], t["type"], t.get("value"))
             for t in rec.get("times") or []])
        self.conn.executemany(
            'INSERT INTO quotes (article_pk, start, "end", text, kind, speaker, speaker_text, cue, channel, '
            "text_stems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(pk, q["start"], q["end"], q["text"], q["kind"], q.get("speaker"), q.get("speaker_text"),
              q.get("cue"), q.get("channel"), stem_text(q["text"])) for q in rec.get("quotes") or []])
        self.conn.executemany(
            'INSERT INTO events (article_pk, type, mode, actor, target, "where", "when", sentence, '
            "trigger_start, trigger_end, trigger_text, actor_country, status, confidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(pk, e["type"], e.get("mode"), e.get("actor"), e.get("target"), e.get("where"),
              e.get("when"), e.get("sentence"), (e.get("trigger") or {}).get("start"),
              (e.get("trigger") or {}).get("end"), (e.get("trigger") or {}).get("text"),
              e.get("actor_country"), e.get("status") or "asserted", e.get("confidence"))
             for e in rec.get("events") or []])

    # -- reads ----------------------------------------------------------------------------

    def query(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def iter_query(self, sql: str, params: Iterable[Any] = ()) -> Iterator[sqlite3.Row]:
        yield from self.conn.execute(sql, params)

    def get(self, ident: str) -> dict[str, Any] | None:
        """The record of the article with this id or URL, else None."""
        row = self.conn.execute("SELECT record FROM articles WHERE id = ? OR url = ? LIMIT 1",
                                (ident, ident)).fetchone()
        return json.loads(row["record"]) if row else None

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def stats(self) -> dict[str, Any]:
        q = self.conn.execute
        first, last = q("SELECT min(published), max(published) FROM articles").fetchone()
        counts = {t: q(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("articles", "entities", "mentions", "times", "quotes", "events")}
        outlets = [{"outlet": r[0], "articles": r[1]} for r in q(
            "SELECT coalesce(outlet, '(unknown)'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1")]
        return {"path": self.path, "counts": counts, "first_published": first,
                "last_published": last, "outlets": outlets,
                "migrations": self.applied_migrations(),
                "bytes": Path(self.path).stat().st_size if Path(self.path).exists() else 0}

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]
