"""warta's NLP steps as spaCy components, put together by ``pipeline.cfg``.

Each step is a registered factory that says what it reads from the Doc (``requires``) and what
it sets (``assigns``); ``nlp.analyze_pipes()`` checks the order. The caller sets three inputs
on the Doc before the pipeline runs: ``doc._.published`` (YYYY-MM-DD, the anchor of relative
times), ``doc._.place`` (the dateline's city, where an event with no place happened) and
``doc._.url`` (its section: no events are coded in sport or entertainment pages).

Every text takes the same path: ``warta_ner`` reads a long text in windows of at most
``chunk`` characters, so memory stays flat, and the other steps read the text whole. A step
that fails on one article leaves its field empty and says why in ``doc.user_data["warnings"]``:
the article is never lost.
"""
from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from ..errors import describe
# Steps call their modules' functions by attribute, so a test can make one fail.
from . import canonical, entities, events, quotes, sentences, summary, timex
from . import tokenizer as _tokenizer  # noqa: F401  (registers warta.tokenizer.v1)

log = logging.getLogger("warta.nlp")

FIELDS = ("published", "place", "url", "times", "sentences", "mentions", "entities", "entity_index",
          "quotes", "summary", "events")
for _name in FIELDS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# The NER model reads a text longer than this in pieces, cut at paragraph or sentence ends.
CHUNK = 50_000


def text_of(doc: Doc) -> str:
    """The Doc's text; ``doc.text`` rebuilds it token by token, so it is kept once built."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def warn(doc: Doc, message: str) -> None:
    doc.user_data.setdefault("warnings", []).append(message)
    log.warning("%s: %s", doc.user_data.get("id") or "<text>", message)


def chunks(text: str, size: int = CHUNK) -> list[tuple[int, int]]:
    """(start, end) pieces of ``text``, each at most ``size`` characters."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        # a paragraph end in the window's second half, else a sentence end, else a space
        cuts = ((window.rfind(sep), len(sep)) for sep in ("\n", ". ", " "))
        cut = next((c + n for c, n in cuts if c > size // 2), size)
        out.append((start, start + cut))
        start += cut
    out.append((start, len(text)))
    return out


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


def char_ents(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, label) of the model's entities, trimmed."""
    text = text_of(doc)
    out = []
    for e in doc.ents:
        start, end = trim(text, e.start_char, e.end_char)
        if start < end:
            out.append((start, end, e.label_))
    return out


# --- the NER model -------------------------------------------------------------------------

def shipped_model() -> Path:
    from importlib import resources

    return Path(str(resources.files("warta").joinpath("models", "ner-id")))


def _ner_model(model: str, nlp: Language):
    """What runs ``doc.ents`` for the config's ``model``: a callable over a list of Docs."""
    if model == "none":
        return None
    if model == "accurate" or (Path(model) / "model.onnx").exists():
        from .encoder import EncoderNER, Tagger, model_dir

        path = model_dir() if model == "accurate" else Path(model)
        return EncoderNER(nlp, tagger=Tagger(path)).pipe
    path = shipped_model() if model == "fast" else Path(model)
    if not (path / "config.cfg").exists():
        raise ValueError(f"NER model {model!r}: no spaCy model (config.cfg) or encoder (model.onnx) in {path}")
    import spacy

    inner = spacy.load(path, vocab=nlp.vocab, exclude=["tokenizer"])
    return lambda docs: inner.pipe(docs)


class EntityModel:
    """``doc.ents`` from the NER model the config names: "fast" (the shipped CNN), "accurate"
    (the fine-tuned encoder, ``warta[accurate]``), "none" (warta's rules alone), or the folder
    of a spaCy model or an encoder export (to evaluate a candidate)."""

    def __init__(self, nlp: Language, name: str, model: str, chunk: int):
        self.name, self.model, self.chunk = name, model, chunk
        self.run = _ner_model(model, nlp)

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of at most about ``chunk`` characters; one range for most texts."""
        text = text_of(doc)
        if len(text) <= self.chunk:
            return [(0, len(doc))]
        starts = [t.idx for t in doc]
        cuts = [bisect_left(starts, start) for start, _ in chunks(text, self.chunk)] + [len(doc)]
        return [(a, b) for a, b in zip(cuts, cuts[1:]) if a < b]

    def _tag(self, docs: list[Doc]) -> None:
        pieces: list[tuple[Doc, int, Doc]] = []
        for doc in docs:
            ranges = self.windows(doc)
            if ranges == [(0, len(doc))]:
                pieces.append((doc, 0, doc))
            else:
                pieces += [(doc, a, doc[a:b].as_doc()) for a, b in ranges]
        for _ in self.run([p for _, _, p in pieces]):
            pass
        whole: dict[int, list[Span]] = {}
        for doc, offset, piece in pieces:
            if piece is not doc:
                whole.setdefault(id(doc), []).extend(
                    Span(doc, offset + e.start, offset + e.end, label=e.label_) for e in piece.ents)
        for doc in docs:
            if id(doc) in whole:
                doc.ents = whole[id(doc)]

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for group in minibatch(docs, batch_size):
            if self.run is not None:
                try:
                    self._tag(group)
                except Exception:  # find the article at fault; the others keep their entities
                    for doc in group:
                        try:
                            self._tag([doc])
                        except Exception as exc:
                            doc.ents = []
                            warn(doc, f"entities: the NER model failed, rules alone ({describe(exc)})")
            yield from group


@Language.factory("warta_ner", assigns=["doc.ents"], default_config={"model": "fast", "chunk": CHUNK})
def make_ner(nlp: Language, name: str, model: str, chunk: int) -> EntityModel:
    return EntityModel(nlp, name, model, chunk)


# --- the steps that read the whole text -------------------------------------------------------

class Step:
    """One step over the whole text: ``fill(doc, text)`` sets its fields; if it raises, they
    are left empty (``clear``) and the Doc carries a warning."""

    def __init__(self, name: str, what: str, fill: Callable[[Doc, str], None], clear: Callable[[Doc], None]):
        self.name, self.what, self.fill, self.clear = name, what, fill, clear

    def __call__(self, doc: Doc) -> Doc:
        try:
            self.fill(doc, text_of(doc))
        except Exception as exc:  # one step's failure must never lose the article
            self.clear(doc)
            warn(doc, f"{self.what}: not read ({describe(exc)})")
        return doc


def _set(**values):
    def clear(doc: Doc) -> None:
        for field, value in values.items():
            setattr(doc._, field, value() if callable(value) else value)
    return clear


def _times(doc: Doc, text: str) -> None:
    doc._.times = timex.find_times(text, doc._.published)
    spans = (doc.char_span(t.start, t.end, label=t.type, alignment_mode="expand") for t in doc._.times)
    doc.spans["times"] = [s for s in spans if s is not None]


def _sentences(doc: Doc, text: str) -> None:
    doc._.sentences = sentences.split_sentences(text)


def _mentions(doc: Doc, text: str) -> None:
    doc._.mentions = entities.merge(text, [entities.Mention(s, e, label) for s, e, label in char_ents(doc)])


def _canonical(doc: Doc, text: str) -> None:
    doc._.entities, doc._.entity_index = canonical.link(text, doc._.mentions, roles=False)


def _roles(doc: Doc, text: str) -> None:
    canonical.add_roles(text, doc._.entities, doc._.entity_index)


def _quotes(doc: Doc, text: str) -> None:
    doc._.quotes = quotes.find_quotes(text, doc._.entities, doc._.entity_index)


def _summary(doc: Doc, text: str) -> None:
    doc._.summary = summary.summarise(text, doc._.sentences)


def _events(doc: Doc, text: str) -> None:
    cats = None if events.soft_section(doc._.url) else events.topic(doc)
    if cats is None or not events.news_topic(cats):
        doc._.events = []  # a match report, a phone review, a market report: no PLOVER events
        return
    found = events.find_events(text, doc._.sentences, doc._.entities, doc._.entity_index, doc._.times,
                               doc._.place, doc._.quotes)
    doc._.events = events.sensed(found, text, doc._.sentences, doc._.entity_index, cats)


def _clear_roles(doc: Doc) -> None:
    for entry in (doc._.entity_index or {}).values():
        entry["roles"] = []


STEPS = {
    # name: (what the warning calls it, fill, clear, requires, assigns)
    "warta_timex": ("times", _times, _set(times=list), [], ["doc._.times", "doc.spans"]),
    "warta_sentences": ("sentences", _sentences, _set(sentences=list), [], ["doc._.sentences"]),
    "warta_entities": ("entities", _mentions, _set(mentions=list), ["doc.ents"], ["doc._.mentions"]),
    "warta_canonical": ("entities", _canonical, _set(entities=list, entity_index=dict), ["doc._.mentions"],
                        ["doc._.entities", "doc._.entity_index"]),
    "warta_roles": ("roles", _roles, _clear_roles, ["doc._.entities", "doc._.entity_index"], ["doc._.entity_index"]),
    "warta_quotes": ("quotes", _quotes, _set(quotes=list), ["doc._.entities", "doc._.entity_index"],
                     ["doc._.quotes"]),
    "warta_summary": ("summary", _summary, _set(summary=list), ["doc._.sentences"], ["doc._.summary"]),
    "warta_events": ("events", _events, _set(events=list),
                     ["doc._.sentences", "doc._.entities", "doc._.entity_index", "doc._.times"], ["doc._.events"]),
}


def _register(name: str, what: str, fill, clear, requires, assigns) -> None:
    Language.factory(name, requires=requires, assigns=assigns,
                     func=lambda nlp, name: Step(name, what, fill, clear))


for _name, _spec in STEPS.items():
    if not Language.has_factory(_name):
        _register(_name, *_spec)
