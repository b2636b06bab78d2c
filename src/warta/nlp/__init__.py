"""NLP: what warta reads in an article's body. Never imports the store or the web layer.

One spaCy pipeline does it all (``pipeline.cfg``: warta's tokenizer, the NER model, then times,
sentences, entity rules, canonical entities, roles, quotes, summary and events, each a registered
component in ``components.py``); ``enrich`` copies what it found into the article record.
"""
from __future__ import annotations

from ..record import Article
from .quotes import find_quotes
from .sentences import split_sentences
from .timex import NO_ANCHOR_WARNING, find_times

__all__ = ["enrich", "enrich_many", "split_sentences", "find_times", "find_entities", "find_quotes"]

# The steps find_entities needs; the others are left out when it runs alone.
_ENTITY_STEPS = ("warta_ner", "warta_entities", "warta_canonical", "warta_roles")


def find_entities(text: str):
    """(entities, entity_index) of ``text``: model mentions refined by rules, then linked."""
    if not text.strip():
        return [], {}
    from .pipeline import load_pipeline, make_doc

    nlp = load_pipeline()
    doc = nlp(make_doc(nlp, text), disable=[n for n in nlp.pipe_names if n not in _ENTITY_STEPS])
    return doc._.entities or [], doc._.entity_index or {}


def enrich(article: Article) -> Article:
    """Fill the NLP fields of ``article`` in place and return it."""
    return enrich_many([article])[0]


def enrich_many(articles: list[Article], batch_size: int = 32) -> list[Article]:
    """``enrich`` for many articles, the pipeline running over them in batches."""
    from .pipeline import load_pipeline, make_doc

    nlp = load_pipeline()
    docs = (make_doc(nlp, a.text, a.published, a.dateline.place if a.dateline else None, a.id, a.url)
            for a in articles)
    for article, doc in zip(articles, nlp.pipe(docs, batch_size=batch_size)):
        _fill(article, doc)
    return articles


def _fill(article: Article, doc) -> Article:
    article.warnings.extend(doc.user_data.get("warnings", []))
    article.sentences = doc._.sentences or []
    article.entities, article.entity_index = doc._.entities or [], doc._.entity_index or {}
    article.times = list(doc._.times or [])
    article.quotes = doc._.quotes or []
    article.summary = doc._.summary or []
    article.events = doc._.events or []
    if article.published is None and any("X" in (t.value or "") for t in article.times):
        article.warnings.append(NO_ANCHOR_WARNING)
    return article
