"""Who a trigger's clause names as its subject, read from warta's dependency parser.

``models/parser-id`` (``training/parser/train.py``, learnt from the UD Indonesian treebanks,
CC BY-SA 4.0) parses only the sentences that hold an event trigger. An active trigger's subject
is its ``nsubj``, or, for a verb that continues another (``xcomp``, ``conj``), that verb's.
Passive clauses are left to the event rules: the treebanks hold too few agents without "oleh"
for the parser to learn them.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import NamedTuple

# Relations inside a subject's noun phrase, kept when its words are written out.
PHRASE = {"nmod", "amod", "flat", "flat:name", "flat:foreign", "compound", "nummod", "det", "nmod:poss",
          "appos"}
CONTINUES = {"xcomp", "conj"}
RELATIVE = {"acl", "acl:relcl"}
OBJECTS = {"obj", "iobj", "obl", "nmod", "conj", "appos", "xcomp"}
# Subjects that name no one ("Hal itu", "yang").
EMPTY = {"hal", "ini", "itu", "yang", "tersebut", "hari", "saat", "kini", "sementara", "namun", "sehari",
         "sebelumnya", "kemudian", "selanjutnya", "akhirnya", "kemarin", "tahun", "bulan", "pekan", "minggu"}
CUT_AT = {"di", "ke", "dari", "pada", "dalam", "asal", "se"}
MAX_WORDS = 8  # a longer subject is more often a misparse than a noun phrase


class Subject(NamedTuple):
    """A subject's words in the text: the phrase kept, its head, and where the whole phrase
    ends (past a place or a parenthesis cut from it: "Ratusan buruh … di Kabupaten X (KBB)")."""
    start: int
    end: int
    head_start: int
    head_end: int
    reach: int


@lru_cache(maxsize=1)
def parser():
    """models/parser-id, or None where it is not installed."""
    import spacy

    from . import tokenizer  # noqa: F401  (registers warta.tokenizer.v1)

    path = resources.files("warta").joinpath("models", "parser-id")
    if not path.joinpath("meta.json").is_file():
        return None
    return spacy.load(path, exclude=["tokenizer"], config={"nlp": {"tokenizer": {"@tokenizers": "warta.tokenizer.v1"}}})


class Clauses:
    """Parses of one text's sentences, made on first use."""

    def __init__(self, text: str):
        self.text = text
        self._parsed: dict[int, object] = {}

    def _doc(self, start: int, end: int):
        nlp = parser()
        if nlp is None:
            return None
        if start not in self._parsed:
            self._parsed[start] = nlp(self.text[start:end])
        return self._parsed[start]

    def subject(self, sentence: tuple[int, int], at: int) -> Subject | None:
        """The subject of the active trigger at character ``at``, or None where the parse names
        none or no plain noun phrase before the verb."""
        start, end = sentence
        doc = self._doc(start, end)
        if doc is None:
            return None
        token = next((t for t in doc if t.idx + start <= at < t.idx + start + len(t)), None)
        for step in range(3):  # "berusaha menangkap", "datang dan menolak": the first verb's subject
            if token is None:
                return None
            subj = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                break
            head = token.head
            if head is token:
                return None
            if step == 0 and token.dep_ in RELATIVE and head.tag_ in ("NOUN", "PROPN") and head.dep_ not in OBJECTS:
                subj = head  # "kapal (yang) menyerang": the noun it describes acts, unless another verb's object
                break
            control = next((c for c in head.children if c.dep_ == "obj"), None) \
                if step == 0 and token.dep_ == "xcomp" else None
            if control is not None and control.i < token.i:
                subj = control  # "Moskow menuduh Korea Utara menahan …": the one accused acts
                break
            unmarked = token.dep_ == "advcl" and not any(c.dep_ == "mark" for c in token.children)
            token = head if token.dep_ in CONTINUES or unmarked else None  # "berulang kali menolak"
        else:
            return None
        if subj.lower_ in EMPTY or subj.i > token.i:
            return None
        words = [subj]
        stack = [c for c in subj.children if c.dep_ in PHRASE]
        while stack:
            c = stack.pop()
            words.append(c)
            stack.extend(g for g in c.children if g.dep_ in PHRASE or g.dep_ == "advmod" and c.dep_ == "nummod")
        first, last = min(w.i for w in words), max(w.i for w in words)
        if last >= token.i or any(t.lower_ == "yang" for t in doc[first:last + 1]):
            return None  # a relative clause, or a phrase running past its verb
        # A place or an aside after the head is cut off: "Ratusan buruh" of "Ratusan buruh dari
        # … di Kabupaten Bandung Barat (KBB)", "Lima pakar HAM PBB" of "… PBB (HAM PBB)".
        cut = next((t.i for t in doc[subj.i + 1:last + 1] if t.is_punct or t.tag_ == "ADP"
                    or t.lower_ in CUT_AT), last + 1)
        span = doc[first:cut]
        if any(t.is_punct for t in span) or len(span) > MAX_WORDS:
            return None
        # Only a place or a body it comes from is cut off from the subject it modifies; past a
        # comma or a parenthesis ("Sehari sebelumnya, KPK", "Pimpinan Pusat (PP) Muhammadiyah")
        # the words may be the subject itself.
        reach = doc[last].idx + len(doc[last]) if cut <= last and not doc[cut].is_punct else span.end_char
        return Subject(start + span.start_char, start + span.end_char, start + subj.idx,
                       start + subj.idx + len(subj), start + reach)
