"""The spaCy side of warta's NLP: tokenizer fixes and the trained NER model warta ships."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .sentences import abbreviations

# Designations stay one token: Su-35, MiG-29, F-16, COVID-19, QZ8501.
DESIGNATION = re.compile(r"^[A-Za-z]{1,6}-\d{1,4}[A-Za-z]{0,2}$")


def model_path() -> Path:
    return Path(str(resources.files("warta").joinpath("models", "ner-id")))


def customize_tokenizer(nlp) -> None:
    """Keep designations and abbreviations whole (spaCy splits 'Su-35' and 'Jl.')."""
    previous = nlp.tokenizer.token_match

    def token_match(text):
        return DESIGNATION.match(text) or (previous(text) if previous else None)

    nlp.tokenizer.token_match = token_match
    exact, folded = abbreviations()
    for abbr in set(exact) | {a.capitalize() for a in folded} | set(folded):
        if "." in abbr[:-1] and not abbr.replace(".", "").isalpha():
            continue
        nlp.tokenizer.add_special_case(abbr, [{"ORTH": abbr}])


@lru_cache(maxsize=1)
def load_pipeline():
    """The NER pipeline (cached); a blank Indonesian pipeline when no model is installed."""
    import spacy

    from . import components  # noqa: F401  (registers warta's factories)

    path = model_path()
    nlp = spacy.load(path) if (path / "config.cfg").exists() else spacy.blank("id")
    customize_tokenizer(nlp)
    nlp.add_pipe("warta_timex", last=True)
    return nlp


def run(text: str, published: str | None = None):
    """A Doc of ``text`` through the whole pipeline, with ``published`` as the time anchor."""
    nlp = load_pipeline()
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def has_model() -> bool:
    return (model_path() / "config.cfg").exists()
