"""RSS/Atom feeds: each entry becomes a document, from its full content or its fetched page."""
from __future__ import annotations

import re
import time
from collections.abc import Iterator

from .files import MAX_BYTES

# An entry whose content holds fewer words than this is a teaser: fetch the linked page.
MIN_CONTENT_WORDS = 80
_TAGS = re.compile(r"<[^>]+>")


def _entry_date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def _entry_html(entry) -> str | None:
    for content in entry.get("content") or []:
        if content.get("value"):
            return content["value"]
    return entry.get("summary")


def iter_feed(text: str, source: str, *, fetcher=None, max_bytes: int = MAX_BYTES) -> Iterator:
    import feedparser

    from . import RawDocument

    feed = feedparser.parse(text)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        detail = f" ({str(reason).splitlines()[0]})" if reason else ""
        yield RawDocument(source=source, error=f"not a feed, or a feed with no entries{detail}")
        return
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        link = entry.get("link")
        known = dict(url=link, title=entry.get("title"), published=_entry_date(entry),
                     id=entry.get("id") or link, outlet=outlet)
        where = f"{source}#{number}"
        html = _entry_html(entry)
        words = len(_TAGS.sub(" ", html or "").split())
        if html and words >= MIN_CONTENT_WORDS:
            yield RawDocument(source=where, html=f"<html><body><article>{html}</article></body></html>",
                              **known)
        elif link:
            from ..errors import InputError
            from .fetch import Fetcher

            fetcher = fetcher or Fetcher(max_bytes=max_bytes)
            try:
                page, _ = fetcher.get(link)
                yield RawDocument(source=link, html=page, **known)
            except InputError as exc:
                yield RawDocument(source=link, error=exc.problem, **known)
        else:
            yield RawDocument(source=where, error="entry has neither full content nor a link", **known)
