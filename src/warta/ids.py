"""Article identities, shared by anatomy (which assigns them) and the store (which keys on them)."""
from __future__ import annotations

import hashlib
import re

_SPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """Hash of the body with white space collapsed: equal bodies are exact duplicates."""
    return hashlib.sha1(_SPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()


def article_id(given: str | None, url: str | None, text: str) -> str:
    """The input id, else a hash of the canonical URL, else a hash of the body."""
    if given:
        return given
    if url:
        return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]
    return content_hash(text)[:16]
