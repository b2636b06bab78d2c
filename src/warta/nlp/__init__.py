"""NLP: what warta reads in an article's body. Never imports the store or the web layer."""
from __future__ import annotations

from ..record import Article
from .canonical import link
from .entities import Mention, merge
from .sentences import split_sentences
from .timex import NO_ANCHOR_WARNING, find_times

__all__ = ["enrich", "split_sentences", "find_times", "find_entities"]


def find_entities(text: str):
    """(entities, entity_index) of ``text``: model mentions refined by rules, then linked."""
    from .pipeline import has_model, load_pipeline

    model = []
    if has_model() and text.strip():
        doc = load_pipeline()(text)
        model = [Mention(e.start_char, e.end_char, e.label_) for e in doc.ents]
    return link(text, merge(text, model))


def enrich(article: Article) -> Article:
    """Fill the NLP fields of ``article`` in place and return it."""
    article.sentences = split_sentences(article.text)
    article.entities, article.entity_index = find_entities(article.text)
    article.times = find_times(article.text, article.published)
    if article.published is None and any("X" in (t.value or "") for t in article.times):
        article.warnings.append(NO_ANCHOR_WARNING)
    return article
