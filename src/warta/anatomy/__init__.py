"""Anatomy: one RawDocument in, one Article (body and metadata, no NLP yet) out."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..errors import InputError
from ..ids import article_id, content_hash
from ..record import Article, Author
from ..sources import RawDocument
from .body import split_body
from .dates import normalise_published
from .html import extract_page
from .outlets import by_token, by_url, outlet_name

__all__ = ["parse_document", "canonical_url", "content_hash", "article_id"]

_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|ref|src|source|amp|page|single)$", re.IGNORECASE)


def canonical_url(url: str | None) -> str | None:
    """Scheme and host lower-cased, 'www.' and tracking parameters dropped, no fragment."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip()
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(((parts.scheme or "https").lower(), host, path, query, ""))


def parse_document(raw: RawDocument) -> Article:
    """Body, dateline, credits, related links, bylines, title, date and outlet of one document."""
    if raw.error:
        raise InputError(raw.source, raw.error)
    warnings = list(raw.warnings)
    try:
        given_date = normalise_published(raw.published)
    except ValueError as exc:
        # A bad date in data costs the date, not the article.
        given_date = None
        warnings.append(f"published: {exc}; ignored")
    title, published, url, sitename = raw.title, given_date, raw.url, None
    authors: list[Author] = []
    if raw.html is not None:
        page = extract_page(raw.html, raw.source, url=raw.url)
        body_source = page.text
        title = title or page.title
        url = url or page.url
        sitename = page.sitename
        if not published and page.published:
            published = normalise_published(page.published)
        for name in (page.author or "").split(";"):
            if name.strip():
                authors.append(Author(role="Penulis", name=name.strip()))
    else:
        body_source = raw.text or ""
    # NUL is no character of any article, and PostgreSQL cannot store it: a space keeps offsets.
    body_source = body_source.replace("\x00", " ")
    title = title.replace("\x00", " ") if title else title
    hint = by_token(raw.outlet) or by_url(url)
    parts = split_body(body_source, hint)
    if not parts.text.strip():
        raise InputError(raw.source, "no article text left after removing page furniture")
    url = canonical_url(url)
    published = published or parts.published
    if not published:
        warnings.append("no publication date found")
    outlet = outlet_name(raw.outlet, parts.dateline.outlet if parts.dateline else None,
                         by_url(url).name if by_url(url) else None, sitename)
    known = {(a.role, a.name) for a in parts.authors}
    authors = parts.authors + [a for a in authors if (a.role, a.name) not in known]
    return Article(
        id=article_id(raw.id, url, parts.text), text=parts.text, url=url,
        title=title or parts.title, outlet=outlet, published=published,
        dateline=parts.dateline, credits=parts.credits, related=parts.related,
        authors=authors, warnings=warnings)
