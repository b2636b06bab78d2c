"""Ingest: sources -> anatomy -> nlp -> store, in worker processes, committed in batches.

Analysis runs in ``jobs`` worker processes; one writer commits every ``batch_size`` articles
in one transaction, so a killed ingest loses at most the batch in flight, and a re-run skips
what is already stored.
"""
from __future__ import annotations

import functools
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .api import enrich_all, parse_all
from .errors import StoreError
from .ids import content_hash
from .record import Article, Failed
from .sources import RawDocument
from .store import DUPLICATE, NEW, UPDATED, Row, Store, open_store, prepare_row


@dataclass
class Summary:
    new: int = 0
    updated: int = 0
    duplicate: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[Failed] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.new + self.updated + self.duplicate + self.failed

    def to_dict(self) -> dict:
        return {"new": self.new, "updated": self.updated, "duplicate": self.duplicate,
                "failed": self.failed, "total": self.total, "seconds": round(self.seconds, 3),
                "articles_per_second": round(self.total / self.seconds, 1) if self.seconds else None,
                "failures": [f.to_dict() for f in self.failures]}


@dataclass
class Known:
    """An article already stored with the same body: counted as a duplicate, not analysed again."""

    id: str


_readers: dict[tuple[int, str], Store] = {}


def _reader(db: str) -> Store | None:
    """This worker process's read-only store (one per process: connections never cross a fork)."""
    key = (os.getpid(), db)
    if key not in _readers:
        try:
            _readers[key] = open_store(db, readonly=True, create=False)
        except StoreError:
            return None  # not there yet: nothing is known
    return _readers[key]


def _known(db: str | Store | None, articles: list[Article]) -> tuple[set[tuple[str, str]], set[str]]:
    """(id, content hash) pairs of ``articles`` that the database already holds, and the
    content hashes it holds under any id."""
    if not db or not articles:
        return set(), set()
    store = _reader(db) if isinstance(db, str) else db
    if store is None:
        return set(), set()
    digests = [content_hash(a.text) for a in articles]
    return store.known(list(zip((a.id for a in articles), digests))), store.bodies(digests)


def process(raws: list[RawDocument], db: str | Store | None = None) -> list[Row | Failed | Known]:
    """Analyse a few documents and prepare their rows (runs in a worker). With ``db``, articles
    already stored unchanged are not analysed again, nor a body stored under another id (the
    writer stores it as a copy, with that article's analysis)."""
    parsed = parse_all(raws)
    known, bodies = _known(db, [p for p in parsed if isinstance(p, Article)])
    is_known = [isinstance(p, Article) and (p.id, content_hash(p.text)) in known for p in parsed]
    republished = [isinstance(p, Article) and not k and content_hash(p.text) in bodies
                   for p, k in zip(parsed, is_known)]
    todo = [(p, raw) for p, raw, k, r in zip(parsed, raws, is_known, republished) if not k and not r]
    done = iter(enrich_all([p for p, _ in todo], [raw for _, raw in todo]))
    out: list[Row | Failed | Known] = []
    for p, raw, k, r in zip(parsed, raws, is_known, republished):
        if k:
            out.append(Known(p.id))
            continue
        result = p if r else next(done)
        if isinstance(result, Failed):
            out.append(result)
            continue
        try:
            out.append(prepare_row(result.to_dict(), source=raw.source))
        except Exception as exc:  # never let one article end the batch
            out.append(Failed(source=raw.source, error=f"cannot prepare for storage ({exc})", id=raw.id))
    return out


def _chunks(docs: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    chunk: list[RawDocument] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _results(docs: Iterable[RawDocument], jobs: int, store: Store | None, chunk: int = 16
             ) -> Iterator[Row | Failed | Known]:
    if jobs <= 1:
        for rows in map(functools.partial(process, db=store), _chunks(docs, chunk)):
            yield from rows
        return
    # Workers read through their own connection to the same database (by its URL).
    work = functools.partial(process, db=store.dsn if store is not None else None)
    from .nlp.pipeline import load_pipeline

    load_pipeline()  # once, before the workers fork, so they share it
    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ctx.Pool(jobs) as pool:
        for rows in pool.imap(work, _chunks(docs, chunk)):
            yield from rows


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def ingest(docs: Iterable[RawDocument], store: Store, *, jobs: int | None = None,
           batch_size: int = 200, on_result: Callable[[str, Row | Failed], None] | None = None,
           reanalyze: bool = False) -> Summary:
    """Store every document of ``docs``; return counts of new, updated, duplicate and failed.

    Articles already stored with the same body are counted as duplicates without being
    analysed again, unless ``reanalyze`` (then their records are refreshed)."""
    summary = Summary()
    started = time.perf_counter()
    pending: list[Row] = []

    def flush() -> None:
        try:
            statuses: list[str | Failed] = list(store.write(pending))
        except StoreError:
            # One article the database refuses must not lose the batch: write them one by one.
            statuses = []
            for row in pending:
                try:
                    statuses.extend(store.write([row]))
                except StoreError as exc:
                    statuses.append(Failed(source=row.source or row.id, error=str(exc), id=row.id))
        for status in statuses:
            if isinstance(status, Failed):
                summary.failed += 1
                summary.failures.append(status)
                if on_result:
                    on_result("failed", status)
            else:
                setattr(summary, status, getattr(summary, status) + 1)
        pending.clear()

    for result in _results(docs, jobs or default_jobs(), None if reanalyze else store):
        if isinstance(result, Known):
            summary.duplicate += 1
            if on_result:
                on_result("analysed", result)
            continue
        if isinstance(result, Failed):
            summary.failed += 1
            summary.failures.append(result)
            if on_result:
                on_result("failed", result)
            continue
        if on_result:
            on_result("analysed", result)
        pending.append(result)
        if len(pending) >= batch_size:
            flush()
    if pending:
        flush()
    summary.seconds = time.perf_counter() - started
    return summary


__all__ = ["ingest", "Summary", "NEW", "UPDATED", "DUPLICATE", "default_jobs"]
