"""The store protocol: the one way in and out of storage, whatever the backend.

A backend takes rows ready to write (``Row``, computed away from the writer, in worker
processes) and answers reads with plain dicts and lists. Queries arrive parsed
(``warta.query.ParsedQuery``, ``Filters``), never as SQL: each backend writes its own.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from ..ids import content_hash
from ..query import Filters, ParsedQuery
from ..stemming import stem_text

NEW, UPDATED, DUPLICATE = "new", "updated", "duplicate"
# Tables whose row counts say whether two stores hold the same corpus.
COUNTED = ("articles", "entities", "mentions", "times", "quotes", "events", "entity_links", "entity_corrections")


@dataclass
class Row:
    """An article ready to write."""

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
    ingested_at: str | None = None  # kept when a corpus is copied; else the time of writing


def prepare_row(record: dict[str, Any], source: str | None = None,
                stems: tuple[str, str] | None = None) -> Row:
    """A Row from an article record (``Article.to_dict()``); ``stems``, the (title, text) stems
    when already computed (by the Spark job)."""
    dateline = record.get("dateline") or {}
    return Row(
        id=record["id"], url=record.get("url"), title=record.get("title"),
        outlet=record.get("outlet"), published=record.get("published"),
        dateline_place=dateline.get("place"), text=record["text"],
        content_hash=content_hash(record["text"]),
        title_stems=stems[0] if stems else stem_text(record.get("title") or ""),
        text_stems=stems[1] if stems else stem_text(record["text"]),
        record=json.dumps(record, ensure_ascii=False), source=source)


@runtime_checkable
class Store(Protocol):
    """What every backend offers. Reads return JSON-ready dicts."""

    url: str  # where the store lives, safe to print (no password)
    dsn: str  # what open_store() takes to reach it again, from another process (never print it)
    place_stories: bool  # find copies and stories as articles are written (True unless a bulk copy turns it off)

    # -- life ------------------------------------------------------------------------------
    def close(self) -> None: ...
    def __enter__(self) -> "Store": ...
    def __exit__(self, *exc) -> None: ...
    def migrate(self) -> list[str]:
        """Apply pending migrations (each in one transaction); the names applied."""
    def applied_migrations(self) -> list[str]: ...

    # -- writes ----------------------------------------------------------------------------
    def write(self, rows: Iterable[Row]) -> list[str]:
        """Upsert ``rows`` in one transaction; per row: new, updated or duplicate. Safe
        against concurrent writers: an article stored by another writer is a duplicate."""

    def load(self, rows: Iterable[Row], *, batch_size: int = 1000, progress=None, rebuild: bool = True
             ) -> dict[str, int]:
        """Bulk-load articles analysed elsewhere (``warta spark``'s output): new ones in bulk,
        linked as ``write`` links them; then (unless not ``rebuild``) copies and stories found
        again. Counts: new, updated, duplicate, stories, copies."""

    # -- entity identity across the corpus (warta.identity) ---------------------------------
    def relink(self, progress=None) -> dict[str, int]:
        """Recompute every entity link from the stored evidence and corrections; rewrite
        every article's facts. Counts: articles, links, changed, forms."""
    def corrections(self) -> list[dict[str, Any]]:
        """The corrections by hand, in the order made: {action, key, other, made_at}."""
    def correct(self, action: str, key: str, other: str, made_at: str | None = None) -> dict[str, Any]:
        """Record and apply a correction: ``merge`` the entity ``other`` into ``key``, or
        ``split`` the written form ``other`` from the entity ``key``. Survives re-ingest and relink."""

    # -- reading articles ------------------------------------------------------------------
    def known(self, pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """The (id, content hash) pairs already stored exactly so."""
    def bodies(self, digests: Iterable[str]) -> set[str]:
        """The content hashes among ``digests`` that some stored article has (a republication
        of one is stored as its copy, with its analysis)."""
    def get(self, ident: str) -> dict[str, Any] | None:
        """The record of the article with this id or URL, with the corpus's entity keys (as
        every read of records gives them)."""
    def count(self) -> int: ...
    def records(self) -> Iterator[dict[str, Any]]:
        """Every stored record, in the order stored."""
    def rows(self) -> Iterator[Row]:
        """Every stored article as a Row (to copy a corpus), in the order stored."""
    def event_records(self) -> Iterator[dict[str, Any]]:
        """Records of the articles with events, by publication date."""

    # -- search and analysis ---------------------------------------------------------------
    def search(self, query: ParsedQuery, filters: Filters, *, limit: int, offset: int,
               facets: bool, copies: bool = False) -> dict[str, Any]:
        """{"total", "rows": [{id, title, outlet, published, text, score, copies, also_in}],
        "facets"?}, best first (higher score is better); one row per group of copies unless
        ``copies``."""
    def timeline(self, query: ParsedQuery | None, filters: Filters, *, limit: int) -> dict[str, Any]:
        """Time expressions resolved to a day, in date order."""
    def top_entities(self, *, label: str | None, top: int, since: str | None = None) -> list[dict[str, Any]]:
        """Entities named in most articles (published on or after ``since``)."""
    def latest(self, limit: int) -> list[dict[str, Any]]:
        """The most recently published originals: {id, title, outlet, published, story}."""

    # -- copies and stories (warta.stories) -----------------------------------------------
    def rebuild_stories(self, progress=None) -> dict[str, int]:
        """Find every copy and story again from what is stored, in publication order.
        Counts: articles, stories, copies."""
    def stories(self, filters: Filters, *, limit: int, order: str = "recent") -> dict[str, Any]:
        """{"total", "stories": [{id, title, articles, outlets, first, last, size, first_reporter,
        per_day}]}: most recent (``order="recent"``) or biggest (``"size"``) first."""
    def story(self, ident: str, *, full: bool = True) -> dict[str, Any] | None:
        """One story: its articles in publication order (with copy_of), first reporter, copies,
        entities, quotes by speaker and dated times; without ``full``, only its id, title,
        first, last and size."""
    def copies(self, ident: str) -> list[dict[str, Any]]:
        """The other publications of this article's text."""
    def entity_key(self, key: str, *, alias: str | None) -> str | None:
        """The key of the entity ``key`` (else of the one most often written ``alias``), if stored."""
    def entity(self, key: str, *, alias: str | None, limit: int) -> dict[str, Any] | None:
        """Everything stored about the entity ``key`` (else the one most often written ``alias``)."""
    def quotes(self, query: ParsedQuery | None, *, speaker_key: str | None, speaker: str | None,
               limit: int) -> dict[str, Any]: ...
    def events(self, *, type: str | None, actor: str | None, target: str | None,
               entity: str | None, limit: int, status: str | None = None) -> dict[str, Any]: ...
    def per_day(self) -> list[dict[str, Any]]:
        """Articles per publication day."""
    def stats(self) -> dict[str, Any]:
        """Counts of every table, dates, outlets, migrations, size on disk."""
    def match_ids(self, query: ParsedQuery, limit: int) -> list[str]:
        """The bare engine query, best first: what a benchmark compares warta's search with."""
