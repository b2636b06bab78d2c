"""NLP: what warta reads in an article's body. Never imports the store or the web layer."""
from __future__ import annotations

from ..record import Article
from .sentences import split_sentences

__all__ = ["enrich", "split_sentences"]


def enrich(article: Article) -> Article:
    """Fill the NLP fields of ``article`` in place and return it."""
    article.sentences = split_sentences(article.text)
    return article
