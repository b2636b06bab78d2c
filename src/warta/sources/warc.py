"""WARC archives: every successful HTML response becomes a document."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from .files import MAX_BYTES, decode_bytes


def iter_warc(path: Path, *, max_bytes: int = MAX_BYTES) -> Iterator:
    with open(path, "rb") as stream:
        yield from iter_warc_stream(stream, str(path), max_bytes=max_bytes)


def iter_warc_stream(stream, path: str, *, max_bytes: int = MAX_BYTES) -> Iterator:
    """The documents of a WARC archive read from a binary ``stream`` named ``path``."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from . import RawDocument

    found = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream), start=1):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            status = record.http_headers.get_statuscode()
            if "html" not in ctype or status != "200":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            source = f"{path}#{number}"
            data = record.content_stream().read(max_bytes + 1)
            found += 1
            if len(data) > max_bytes:
                yield RawDocument(source=source, url=url, error="response over the size limit")
                continue
            declared = ctype.split("charset=", 1)[1].split(";")[0].strip() if "charset=" in ctype else None
            try:
                html, warnings = decode_bytes(data, source, declared=declared)
            except InputError as exc:
                yield RawDocument(source=source, url=url, error=exc.problem)
                continue
            yield RawDocument(source=source, url=url, html=html, warnings=tuple(warnings))
    except ArchiveLoadFailed as exc:
        raise InputError(str(path), f"not a WARC file ({str(exc).splitlines()[0]})") from None
    if not found:
        raise InputError(str(path), "WARC file holds no HTML responses")
