"""HTML pages: the main text with trafilatura, the publication date with htmldate."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError

# Below this many characters of main text, a page holds no article (an index, a login page).
MIN_TEXT_CHARS = 80


@dataclass
class PageParts:
    text: str
    title: str | None
    published: str | None
    url: str | None
    sitename: str | None
    author: str | None


def extract_page(html: str, source: str, url: str | None = None) -> PageParts:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, deduplicate=False,
            date_extraction_params={"original_date": True, "extensive_search": True})
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(source, f"cannot parse HTML ({type(exc).__name__})") from None
    text = (doc.text or "").strip() if doc is not None else ""
    if len(text) < MIN_TEXT_CHARS:
        raise InputError(source, "no article text found in the HTML page")
    return PageParts(text=text, title=doc.title, published=doc.date, url=doc.url,
                     sitename=doc.sitename, author=doc.author)
