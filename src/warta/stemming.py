"""Indonesian stemming for full-text search, identical at index and query time.

Words are runs of letters and digits, as SQLite's unicode61 tokenizer sees them, so every
stem we write is one FTS5 token. Sastrawi does the stemming; a cache makes repeats free.
"""
from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=300_000)
def stem_word(word: str) -> str:
    """The stem of one lower-cased word; words with digits and short words stay as they are."""
    if len(word) < 4 or not word.isalpha():
        return word
    return _stemmer().stem(word) or word


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def stem_text(text: str) -> str:
    """The stems of ``text`` joined by spaces: what the full-text index holds."""
    return " ".join(stem_word(w) for w in words(text))
