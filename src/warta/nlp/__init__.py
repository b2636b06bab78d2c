"""NLP: what warta reads in an article's body. Never imports the store or the web layer.

One pass of the spaCy pipeline (``pipeline.run``: tokenizer fixes, the trained NER model,
the ``warta_timex`` component) and then plain functions: entity rules and canonical entities.
"""
from __future__ import annotations

from ..record import Article
from .canonical import link
from .entities import Mention, merge
from .sentences import split_sentences
from .timex import NO_ANCHOR_WARNING, find_times

__all__ = ["enrich", "split_sentences", "find_times", "find_entities"]


def _doc(text: str, published: str | None = None):
    from .pipeline import run

    return run(text, published)


def find_entities(text: str, doc=None):
    """(entities, entity_index) of ``text``: model mentions refined by rules, then linked."""
    if doc is None and text.strip():
        doc = _doc(text)
    model = [Mention(e.start_char, e.end_char, e.label_) for e in doc.ents] if doc is not None else []
    return link(text, merge(text, model))


def enrich(article: Article) -> Article:
    """Fill the NLP fields of ``article`` in place and return it."""
    article.sentences = split_sentences(article.text)
    doc = _doc(article.text, article.published)
    article.entities, article.entity_index = find_entities(article.text, doc)
    article.times = list(doc._.times)
    if article.published is None and any("X" in (t.value or "") for t in article.times):
        article.warnings.append(NO_ANCHOR_WARNING)
    return article
