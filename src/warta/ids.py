"""Identities: of articles, shared by anatomy (which assigns them) and the store (which keys on
them), and the entity key a name gets (shared by the NLP layer and the corpus linking)."""
from __future__ import annotations

import hashlib
import re
import unicodedata

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


def slug(name: str) -> str:
    """The entity key of a name: "Joko Widodo" -> "joko-widodo"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "x"
