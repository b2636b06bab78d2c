"""Sources: turn paths, URLs, feeds, JSONL and WARC files into RawDocuments.

``iter_documents(specs)`` yields one ``RawDocument`` per article found. A document that
could not be read still comes out, with ``error`` set, so a batch can count it and go on.
"""
from __future__ import annotations

import gzip
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .files import MAX_BYTES, check_size, decode_bytes, read_file, sniff_format

__all__ = ["RawDocument", "iter_documents", "iter_bytes", "document_from_dict", "decode_bytes", "MAX_BYTES"]

TEXT_EXT = (".txt", ".text")
HTML_EXT = (".html", ".htm", ".xhtml")
JSONL_EXT = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
FEED_EXT = (".rss", ".atom", ".xml")
WARC_EXT = (".warc", ".warc.gz")
KNOWN_EXT = TEXT_EXT + HTML_EXT + JSONL_EXT + FEED_EXT + WARC_EXT


@dataclass
class RawDocument:
    """One article as found, before anatomy: text or HTML plus what is already known."""

    source: str
    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for ext in sorted(KNOWN_EXT, key=len, reverse=True):
        if name.endswith(ext):
            return ext
    return path.suffix.lower()


def iter_documents(specs: Iterable[str], *, fmt: str = "auto", fetcher=None,
                   max_bytes: int = MAX_BYTES) -> Iterator[RawDocument]:
    """Yield RawDocuments from paths, folders, URLs and '-' (JSONL on stdin)."""
    for spec in specs:
        try:
            if spec == "-":
                yield from iter_jsonl_lines(sys.stdin, "<stdin>", max_bytes=max_bytes)
            elif spec.startswith(("http://", "https://")):
                from .fetch import iter_url
                yield from iter_url(spec, fetcher=fetcher, max_bytes=max_bytes)
            else:
                path = Path(spec)
                if path.is_dir():
                    yield from iter_folder(path, fmt=fmt, fetcher=fetcher, max_bytes=max_bytes)
                elif path.exists():
                    yield from iter_path(path, fmt=fmt, fetcher=fetcher, max_bytes=max_bytes)
                else:
                    yield RawDocument(source=spec, error="no such file or folder")
        except InputError as exc:
            yield RawDocument(source=exc.source, error=exc.problem)


def iter_folder(folder: Path, **kw) -> Iterator[RawDocument]:
    """Every file under ``folder`` with a known extension, recursively, in name order."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(p.startswith(".") for p in path.relative_to(folder).parts):
            if _suffix(path) in KNOWN_EXT:
                yield from iter_path(path, **kw)


def iter_path(path: Path, *, fmt: str = "auto", fetcher=None,
              max_bytes: int = MAX_BYTES) -> Iterator[RawDocument]:
    ext = _suffix(path)
    source = str(path)
    try:
        if ext in JSONL_EXT:
            opener = gzip.open if ext.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
                yield from iter_jsonl_lines(handle, source, max_bytes=max_bytes)
        elif ext in WARC_EXT:
            from .warc import iter_warc
            yield from iter_warc(path, max_bytes=max_bytes)
        elif ext in FEED_EXT or (fmt == "feed"):
            from .feeds import iter_feed
            yield from iter_feed(read_file(path, max_bytes=max_bytes * 4)[0], source,
                                 fetcher=fetcher, max_bytes=max_bytes)
        else:
            text, warnings = read_file(path, max_bytes=max_bytes)
            kind = fmt if fmt in ("text", "html") else sniff_format(text, ext)
            yield _doc(source, text, kind, warnings)
    except InputError as exc:
        yield RawDocument(source=exc.source, error=exc.problem)
    except OSError as exc:
        yield RawDocument(source=source, error=f"cannot read: {exc.strerror or exc}")


def iter_bytes(name: str, data: bytes, *, max_bytes: int = MAX_BYTES) -> Iterator[RawDocument]:
    """The documents of one file already read into memory (as a Spark executor gets it), named
    ``name``: the same formats, sources and errors as ``iter_path``, except that a feed entry
    without its full text is an error (a batch job fetches nothing from the network)."""
    import io

    ext = _suffix(Path(name))
    try:
        if ext in FEED_EXT:
            from .feeds import iter_feed
            text, _ = decode_bytes(data, name)
            yield from iter_feed(text, name, fetcher=_NoFetch(), max_bytes=max_bytes)
        elif ext in JSONL_EXT:
            if ext.endswith(".gz"):
                data = gzip.decompress(data)
            handle = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace")
            yield from iter_jsonl_lines(handle, name, max_bytes=max_bytes)
        elif ext in WARC_EXT:
            from .warc import iter_warc_stream
            yield from iter_warc_stream(io.BytesIO(data), name, max_bytes=max_bytes)
        else:
            check_size(name, len(data), max_bytes)
            text, warnings = decode_bytes(data, name)
            yield _doc(name, text, sniff_format(text, ext), warnings)
    except InputError as exc:
        yield RawDocument(source=exc.source, error=exc.problem)
    except (OSError, EOFError) as exc:  # a truncated or corrupt .gz
        yield RawDocument(source=name, error=f"cannot read: {exc}")


class _NoFetch:
    def get(self, url: str):
        raise InputError(url, "the feed entry has no full text, and a batch job fetches nothing: "
                              "use `warta ingest` for it")


def _doc(source: str, content: str, kind: str, warnings=(), **known) -> RawDocument:
    if kind == "html":
        return RawDocument(source=source, html=content, warnings=tuple(warnings), **known)
    return RawDocument(source=source, text=content, warnings=tuple(warnings), **known)


def document_from_dict(obj, source: str, *, max_bytes: int = MAX_BYTES) -> RawDocument:
    """A JSONL object (``text`` or ``html``, optional id/url/title/outlet/published)."""
    if not isinstance(obj, dict):
        raise InputError(source, f"expected a JSON object, got {type(obj).__name__}")
    known = {k: obj.get(k) for k in ("id", "url", "title", "outlet", "published")}
    for key, value in known.items():
        if value is not None and not isinstance(value, str | int):
            raise InputError(source, f"field {key!r} must be a string")
        known[key] = None if value is None else str(value)
    text, html = obj.get("text"), obj.get("html")
    content = text if text is not None else html
    if content is None:
        raise InputError(source, "no 'text' or 'html' field")
    if not isinstance(content, str):
        raise InputError(source, f"field {'text' if text is not None else 'html'!r} must be a string")
    if not content.strip():
        raise InputError(source, f"empty {'text' if text is not None else 'html'}")
    if len(content) > max_bytes:
        raise InputError(source, f"article is {len(content):,} characters, over the limit of {max_bytes:,}")
    kind = "html" if text is None else "text"
    return _doc(source, content, kind, **known)


def iter_jsonl_lines(handle, name: str, *, max_bytes: int = MAX_BYTES) -> Iterator[RawDocument]:
    import json

    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        source = f"{name}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RawDocument(source=source, error=f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        try:
            yield document_from_dict(obj, source, max_bytes=max_bytes)
        except InputError as exc:
            doc_id = obj.get("id") if isinstance(obj, dict) else None
            yield RawDocument(source=source, id=None if doc_id is None else str(doc_id),
                              error=exc.problem)
