"""The Python API: analyse one article or a stream of them."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .anatomy import parse_document
from .anatomy.dates import normalise_published
from .errors import InputError, describe
from .nlp import enrich, enrich_many
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
    from .nlp.pipeline import MAX_CHARS

    if len(content) > MAX_CHARS:
        raise InputError(source, f"{len(content):,} characters, more than warta reads ({MAX_CHARS:,})")
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


def parse_all(raws: list[RawDocument]) -> list[Article | Failed]:
    """Anatomy of each document; a failure comes back as a Failed value."""
    parsed: list[Article | Failed] = []
    for raw in raws:
        try:
            parsed.append(parse_document(raw))
        except Exception as exc:  # one bad article must never stop a batch
            parsed.append(Failed(source=raw.source, error=describe(exc), id=raw.id))
    return parsed


def enrich_all(parsed: list[Article | Failed], raws: list[RawDocument]) -> list[Article | Failed]:
    """NLP for the parsed articles of a batch at once; on trouble, one by one, so only the culprit fails."""
    articles = [p for p in parsed if isinstance(p, Article)]
    try:
        enrich_many(articles)
        return parsed
    except Exception:
        out: list[Article | Failed] = []
        for p, raw in zip(parsed, raws):
            if isinstance(p, Failed):
                out.append(p)
                continue
            try:
                out.append(enrich(p))
            except Exception as exc:
                out.append(Failed(source=raw.source, error=describe(exc), id=raw.id))
        return out


def analyze_batch(raws: list[RawDocument]) -> list[Article | Failed]:
    """analyze_one for a batch: anatomy one by one, the NLP model over the batch at once."""
    return enrich_all(parse_all(raws), raws)


def analyze_many(items: Iterable[dict[str, Any] | RawDocument], *, max_bytes: int = MAX_BYTES,
                 batch_size: int = 32) -> Iterator[Article | Failed]:
    """Analyse a stream of JSONL-shaped dicts (or RawDocuments), in order, one result each."""
    batch: list[RawDocument | Failed] = []

    def flush():
        raws = [b for b in batch if isinstance(b, RawDocument)]
        done = iter(analyze_batch(raws))
        for b in batch:
            yield b if isinstance(b, Failed) else next(done)
        batch.clear()

    for number, item in enumerate(items, start=1):
        if isinstance(item, RawDocument):
            batch.append(item)
        else:
            try:
                batch.append(document_from_dict(item, f"item {number}", max_bytes=max_bytes))
            except InputError as exc:
                ident = item.get("id") if isinstance(item, dict) else None
                batch.append(Failed(source=exc.source, error=exc.problem,
                                    id=None if ident is None else str(ident)))
        if len(batch) >= batch_size:
            yield from flush()
    yield from flush()


def open_store(db: str = "warta.db"):
    """Open (creating or migrating it) the store at ``db``: a SQLite file path or a
    ``postgresql://`` URL."""
    from .store import open_store as open_db

    return open_db(db)
