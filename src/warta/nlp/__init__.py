"""NLP: what warta reads in an article's body. Never imports the store or the web layer."""
from __future__ import annotations

from ..record import Article
from .sentences import split_sentences
from .timex import NO_ANCHOR_WARNING, find_times

__all__ = ["enrich", "split_sentences", "find_times"]


def enrich(article: Article) -> Article:
    """Fill the NLP fields of ``article`` in place and return it."""
    article.sentences = split_sentences(article.text)
    article.times = find_times(article.text, article.published)
    if article.published is None and any("X" in (t.value or "") for t in article.times):
        article.warnings.append(NO_ANCHOR_WARNING)
    return article
