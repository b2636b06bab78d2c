"""Sentence boundaries that respect paragraphs, abbreviations, numbers and quotations."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# A candidate end: terminal punctuation, any closing quotes or brackets, then white space.
_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)")
# What may open the next sentence: a capital, a digit, an opening quote or bracket.
_NEXT = re.compile(r"\s+[\"“‘'(\[]*[A-Z0-9]")
_PARA = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"(\S+)$")


@lru_cache(maxsize=1)
def abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """(case-sensitive, case-insensitive) abbreviations, each with its final stop."""
    text = resources.files(__package__).joinpath("lang/abbreviations.txt").read_text("utf-8")
    entries = [l.strip() for l in text.splitlines() if l.strip() and not l.startswith("#")]
    return (frozenset(e for e in entries if e != e.lower()),
            frozenset(e for e in entries if e == e.lower()))


def _is_abbreviation(token: str) -> bool:
    exact, folded = abbreviations()
    token = token.lstrip("\"“‘'([")
    if token in exact or token.lower() in folded:
        return True
    # Initials ("M.", "J.K.") and one-letter abbreviations.
    return bool(re.fullmatch(r"(?:[A-Z]\.)+", token))


def _split_paragraph(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    begin = start
    for m in _END.finditer(text, start, end):
        stop = m.end()
        nxt = _NEXT.match(text, stop, end)
        if not nxt:
            continue
        if m.group().startswith(".") and len(m.group().rstrip("\"”’')]")) == 1:
            word = _WORD_BEFORE.search(text, begin, stop)
            if word and _is_abbreviation(word.group(1).rstrip("\"”’')]")):
                continue
        out.append((begin, stop))
        begin = stop + len(nxt.group()) - len(nxt.group().lstrip())
    if begin < end:
        out.append((begin, end))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open character spans of the sentences in ``text``; none crosses a line break."""
    spans: list[tuple[int, int]] = []
    for para in _PARA.finditer(text):
        s, e = para.start(), para.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            _split_paragraph(text, s, e, spans)
    return spans
