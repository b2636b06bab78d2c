"""NLP: what warta reads in an article's body. Never imports the store or the web layer.

One pass of the spaCy pipeline (``pipeline.run``: tokenizer fixes, the trained NER model,
the ``warta_timex`` component) and then plain functions: entity rules and canonical entities.
"""
from __future__ import annotations

import logging

from ..errors import describe
from ..record import Article
from .canonical import link
from .entities import Mention, merge
from .events import find_events
from .quotes import find_quotes
from .sentences import split_sentences
from .summary import summarise
from .timex import NO_ANCHOR_WARNING, find_times

log = logging.getLogger("warta.nlp")

__all__ = ["enrich", "enrich_many", "split_sentences", "find_times", "find_entities", "find_quotes"]


def _doc(text: str, published: str | None = None):
    from .pipeline import run

    return run(text, published)


def find_entities(text: str, doc=None):
    """(entities, entity_index) of ``text``: model mentions refined by rules, then linked."""
    if doc is None and text.strip():
        doc = _doc(text)
    from .pipeline import char_ents

    model = [Mention(s, e, label) for s, e, label in char_ents(doc)] if doc is not None else []
    return link(text, merge(text, model))


def enrich(article: Article) -> Article:
    """Fill the NLP fields of ``article`` in place and return it."""
    return _fill(article, _doc(article.text, article.published))


def enrich_many(articles: list[Article], batch_size: int = 32) -> list[Article]:
    """``enrich`` for many articles, running the model over them in batches (faster)."""
    from .pipeline import load_pipeline

    from .pipeline import CHUNK

    nlp = load_pipeline()
    timex = nlp.get_pipe("warta_timex")
    short = [a for a in articles if len(a.text) <= CHUNK]
    docs = nlp.pipe((a.text for a in short), batch_size=batch_size, disable=["warta_timex"])
    for article, doc in zip(short, docs):
        doc._.published = article.published
        doc.user_data["text"] = article.text
        _fill(article, timex(doc))
    for article in articles:
        if len(article.text) > CHUNK:
            enrich(article)
    return articles


def _step(article: Article, name: str, fn, empty):
    """Run one step; if it fails, its field stays empty and the article says why."""
    try:
        return fn()
    except Exception as exc:  # one step's failure must never lose the article
        log.warning("%s: %s failed: %s", article.id, name, describe(exc))
        article.warnings.append(f"{name}: not read ({describe(exc)})")
        return empty


def _fill(article: Article, doc) -> Article:
    text = article.text
    article.warnings.extend(doc.user_data.get("warnings", []))
    article.sentences = _step(article, "sentences", lambda: split_sentences(text), [])
    article.entities, article.entity_index = _step(article, "entities", lambda: find_entities(text, doc), ([], {}))
    article.times = list(doc._.times or [])
    article.quotes = _step(article, "quotes", lambda: find_quotes(text, article.entities, article.entity_index), [])
    article.summary = _step(article, "summary", lambda: summarise(text, article.sentences), [])
    place = article.dateline.place if article.dateline else None
    article.events = _step(article, "events", lambda: find_events(text, article.sentences, article.entities,
                                                                  article.entity_index, article.times, place), [])
    if article.published is None and any("X" in (t.value or "") for t in article.times):
        article.warnings.append(NO_ANCHOR_WARNING)
    return article
