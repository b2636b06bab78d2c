"""The spaCy side of warta's NLP: tokenizer fixes and the trained NER model warta ships."""
from __future__ import annotations

import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .sentences import abbreviations

# Designations stay one token: Su-35, MiG-29, F-16, COVID-19, QZ8501.
DESIGNATION = re.compile(r"^[A-Za-z]{1,6}-\d{1,4}[A-Za-z]{0,2}$")


def model_path() -> Path:
    """The shipped NER model, or the folder named by WARTA_NER_MODEL (to evaluate a candidate)."""
    if os.environ.get("WARTA_NER_MODEL"):
        return Path(os.environ["WARTA_NER_MODEL"])
    return Path(str(resources.files("warta").joinpath("models", "ner-id")))


# Hyphenated words stay whole, as in the CoNLL data the model learnt from ("negara-negara",
# "Komsomolsk-on-Amur", "Instagram-nya"); this replaces spaCy's ~16,000 Indonesian
# reduplication exceptions, which cost seconds to load.
HYPHENATED = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)+$")


def _token_match(text: str):
    return DESIGNATION.match(text) or HYPHENATED.match(text)


def fast_prefix_search(prefixes, compile_prefix_regex):
    """spaCy's prefix search, skipped for tokens that start with an ASCII letter or digit no
    prefix starts with. Most tokens are such words; the full search (171 patterns) costs
    about 10 µs a call. Only currencies (Rp, US$, IDR …) start a prefix with a letter."""
    search = compile_prefix_regex(prefixes).search
    starts = frozenset(p[0] for p in prefixes if p[:1].isascii() and p[:1].isalnum())

    def prefix_search(text: str):
        first = text[:1]
        if first.isascii() and first.isalnum() and first not in starts:
            return None
        return search(text)

    return prefix_search


def make_tokenizer(nlp):
    """spaCy's Indonesian punctuation rules without its exception table, plus warta's fixes."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = nlp.Defaults
    tokenizer = Tokenizer(nlp.vocab, rules={},
                          prefix_search=fast_prefix_search(defaults.prefixes, compile_prefix_regex),
                          suffix_search=compile_suffix_regex(defaults.suffixes).search,
                          infix_finditer=compile_infix_regex(defaults.infixes).finditer,
                          token_match=_token_match, url_match=defaults.url_match)
    _add_abbreviations(tokenizer)
    return tokenizer


def _add_abbreviations(tokenizer) -> None:
    exact, folded = abbreviations()
    for abbr in set(exact) | {a.capitalize() for a in folded} | set(folded):
        tokenizer.add_special_case(abbr, [{"ORTH": abbr}])


NER_MODES = ("fast", "accurate")
_ner_mode = "fast"


def use_ner(mode: str) -> None:
    """Choose the NER model every later analysis in this process uses.

    "fast" is the shipped CNN; "accurate" is the fine-tuned multilingual-e5-small encoder
    (`warta[accurate]`: ONNX Runtime), several times slower and better on names it has not seen."""
    global _ner_mode
    if mode not in NER_MODES:
        raise ValueError(f"unknown NER mode {mode!r}: choose one of {', '.join(NER_MODES)}")
    if mode == "accurate":
        from .encoder import available, model_dir

        if not available():
            raise RuntimeError(f"accurate NER needs onnxruntime and the model in {model_dir()}: "
                               "pip install 'warta[accurate]'")
    if mode != _ner_mode:
        _ner_mode = mode
        load_pipeline.cache_clear()


@lru_cache(maxsize=1)
def load_pipeline():
    """The NER pipeline (cached); a blank Indonesian pipeline when no model is installed."""
    import spacy

    from . import components  # noqa: F401  (registers warta's factories)

    path = model_path()
    tokenizer = {"nlp": {"tokenizer": {"@tokenizers": "warta.tokenizer.v1"}}}
    if _ner_mode == "accurate":
        nlp = spacy.blank("id", config=tokenizer)
        nlp.add_pipe("warta_encoder_ner")
    elif (path / "config.cfg").exists():
        nlp = spacy.load(path, exclude=["tokenizer"],
                         config={"nlp": {"tokenizer": {"@tokenizers": "warta.tokenizer.v1"}}})
    else:
        nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "warta.tokenizer.v1"}}})
    nlp.add_pipe("warta_timex", last=True)
    return nlp


# The model reads long texts in pieces of about this many characters, cut at paragraph or
# sentence ends, so memory stays flat and spaCy's max_length is never reached.
CHUNK = 50_000


def chunks(text: str, size: int = CHUNK) -> list[tuple[int, int]]:
    """(start, end) pieces of ``text``, each at most about ``size`` characters."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = max(window.rfind("\n"), window.rfind(". "), window.rfind(" "))
        end = start + (cut + 1 if cut > size // 2 else size)
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


def run(text: str, published: str | None = None):
    """A Doc of ``text`` through the whole pipeline, with ``published`` as the time anchor.

    Texts longer than CHUNK are read piece by piece; the Doc returned is then a blank one
    carrying the pieces' entities (as character spans) and the times of the whole text.
    """
    nlp = load_pipeline()
    if len(text) <= CHUNK:
        doc = nlp.make_doc(text)
        doc._.published = published
        doc.user_data["text"] = text
        for _, component in nlp.pipeline:
            doc = component(doc)
        return doc
    from .timex import safe_find_times

    ents = []
    for start, end in chunks(text):
        piece = nlp(text[start:end], disable=["warta_timex"])
        ents.extend((start + e.start_char, start + e.end_char, e.label_) for e in piece.ents)
    doc = nlp.make_doc(text[:0])
    doc._.published = published
    doc._.times, warnings = safe_find_times(text, published)
    doc.user_data["char_ents"] = ents
    doc.user_data["text"] = text
    if warnings:
        doc.user_data["warnings"] = warnings
    return doc


# What a model's span may not end or start with: an opening bracket left over from
# "Badan ... (BPBD)" read as two names, white space, a dash or a separator.
_OPEN_END = set("([{-–—,;:/") | {"\xa0"}
_CLOSE_START = set(")]}-–—,;:/.") | {"\xa0"}


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` without the characters a name never ends or starts with."""
    while end > start and (text[end - 1] in _OPEN_END or text[end - 1].isspace()):
        end -= 1
    while start < end and (text[start] in _CLOSE_START or text[start].isspace()):
        start += 1
    return start, end


def char_ents(doc) -> list[tuple[int, int, str]]:
    """(start, end, label) of the model's entities, for whole and pieced documents alike."""
    if "char_ents" in doc.user_data:
        spans = doc.user_data["char_ents"]
    else:
        spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    text = doc.user_data.get("text") or doc.text
    out = []
    for start, end, label in spans:
        start, end = trim(text, start, end)
        if start < end:
            out.append((start, end, label))
    return out

