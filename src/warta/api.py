"""The Python API: analyse one article or a stream of them."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .anatomy import parse_document
from .anatomy.dates import normalise_published
from .errors import InputError, describe
from .nlp import enrich
from .record import Article, Failed
from .sources import RawDocument, document_from_dict, sniff_format
from .sources.files import MAX_BYTES


def analyze(content: str, published: str | None = None, url: str | None = None,
            title: str | None = None, *, outlet: str | None = None, id: str | None = None,
            format: str = "auto", source: str = "<text>") -> Article:
    """Analyse one article given as plain text or HTML; raises InputError on bad input."""
    if not isinstance(content, str):
        raise TypeError(f"analyze() takes the article as str, not {type(content).__name__}")
    if not content.strip():
        raise InputError(source, "empty text")
    try:
        published = normalise_published(published)
    except ValueError as exc:
        raise InputError(source, f"published: {exc}") from None
    kind = format if format in ("text", "html") else sniff_format(content)
    raw = RawDocument(source=source, id=id, url=url, title=title, outlet=outlet, published=published,
                      **({"html": content} if kind == "html" else {"text": content}))
    return analyze_document(raw)


def analyze_document(raw: RawDocument) -> Article:
    return enrich(parse_document(raw))


def analyze_one(raw: RawDocument) -> Article | Failed:
    """Like analyze_document, but a failure comes back as a Failed value instead of raising."""
    try:
        return analyze_document(raw)
    except Exception as exc:  # one bad article must never stop a batch
        return Failed(source=raw.source, error=describe(exc), id=raw.id)


def analyze_many(items: Iterable[dict[str, Any] | RawDocument], *,
                 max_bytes: int = MAX_BYTES) -> Iterator[Article | Failed]:
    """Analyse a stream of JSONL-shaped dicts (or RawDocuments), in order, one result each."""
    for number, item in enumerate(items, start=1):
        if isinstance(item, RawDocument):
            raw = item
        else:
            try:
                raw = document_from_dict(item, f"item {number}", max_bytes=max_bytes)
            except InputError as exc:
                ident = item.get("id") if isinstance(item, dict) else None
                yield Failed(source=exc.source, error=exc.problem,
                             id=None if ident is None else str(ident))
                continue
        yield analyze_one(raw)


def open_store(path: str = "warta.db"):
    """Open (and create or migrate) the SQLite store at ``path``."""
    from .store import SQLiteStore

    return SQLiteStore(path)
