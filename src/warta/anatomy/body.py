"""The body of an article, and the parts around it that are kept as metadata.

``split_body(text)`` walks the lines of an article once: page furniture is dropped, related
links and bylines are kept aside, a header (title, date) and the dateline are read from the
top and the wire credit from the bottom. What is left, paragraph by paragraph, is the body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..record import Author, Dateline, Related
from . import patterns as P
from .dates import date_from_line
from .dateline import find_dateline
from .outlets import Outlet

_BLANK = re.compile(r"\n[ \t\u00a0]*\n")
# A header title: a short line without closing punctuation.
_TITLE_END = tuple('.!?"”’:;,')


@dataclass
class Parts:
    text: str
    title: str | None = None
    published: str | None = None
    dateline: Dateline | None = None
    credits: list[str] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)


def related_line(line: str) -> Related | None:
    for kind, pattern in P.RELATED:
        m = pattern.match(line)
        if m:
            text = m.group("text").strip(" \"“”")
            if line.lstrip().startswith(("[", "(")):
                text = text.rstrip("])").rstrip()
            return Related(kind=kind, text=text)
    return None


def is_noise(line: str) -> bool:
    return any(p.match(line) for p in P.NOISE)


def byline(line: str) -> list[Author]:
    """Bylines in ``line`` ("Pewarta: Ani Editor: Budi"), or [] when it is not a byline line."""
    m = P.INITIALS.match(line)
    if m:
        return [Author(role="Inisial", name=m.group("name"))]
    if not P.BYLINE.match(line) and not (P.BYLINE_INLINE.match(line.strip()) and len(line) < 160):
        return []
    marks = list(P.BYLINE_INLINE.finditer(line))
    authors = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(line)
        name = line[mark.end():end].strip(" ,;/|")
        if not name or len(name) > 80 or name.endswith("."):
            return []
        authors.append(Author(role=mark.group("role").capitalize(), name=name))
    return authors


def credit_line(line: str) -> list[str]:
    """The credits of a closing line like 'AL JAZEERA | NBC NEWS', else []."""
    m = P.CREDIT.match(line)
    if not m or line.rstrip().endswith("."):
        return []
    names = [n.strip() for n in m.group("credits").split("|")]
    if not all(sum(c.isalpha() for c in n) >= 2 for n in names):
        return []
    return names


def _is_title(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 30 and len(line) <= 200 and not line.rstrip().endswith(_TITLE_END)


def split_body(text: str, outlet_hint: Outlet | None = None) -> Parts:
    """Separate the body of ``text`` from its dateline, header, bylines, links and credits."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks = [[ln for ln in block.split("\n")] for block in _BLANK.split(text)]
    # (block number, line) for every line that is still body.
    units: list[tuple[int, str]] = []
    parts = Parts(text="")
    changed = False
    for b, block in enumerate(blocks):
        for line in block:
            if not line.strip():
                continue
            rel = related_line(line)
            if rel is not None:
                parts.related.append(rel)
            elif is_noise(line):
                pass
            elif authors := byline(line):
                parts.authors.extend(authors)
            else:
                units.append((b, line.strip()))
                continue
            changed = True

    changed |= _read_header(units, parts, outlet_hint)
    changed |= _read_credits(units, parts)
    if not changed:
        return Parts(text=text)
    paragraphs: list[list[str]] = []
    last_block = None
    for b, line in units:
        # Lines of one blank-separated block stay one paragraph; without blank lines every
        # line is a paragraph.
        if len(blocks) > 1 and b == last_block:
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
        last_block = b
    parts.text = "\n\n".join("\n".join(p) for p in paragraphs)
    return parts


def _read_header(units: list[tuple[int, str]], parts: Parts, hint: Outlet | None) -> bool:
    """Title and date lines above the dateline, then the dateline itself."""
    for i, (b, line) in enumerate(units[:4]):
        found = find_dateline(line, hint)
        if found is None:
            continue
        header = units[:i]
        if not all(date_from_line(h) or _is_title(h) for _, h in header):
            continue
        for _, h in header:
            if (date := date_from_line(h)) is not None:
                parts.published = parts.published or date
            elif parts.title is None:
                parts.title = h
        parts.dateline, cut = found
        rest = line[cut:].strip()
        del units[:i + 1]
        if rest:
            units.insert(0, (b, rest))
        return True
    # No dateline: a title line directly followed by a date line is still a header.
    if len(units) > 2 and _is_title(units[0][1]) and date_from_line(units[1][1]):
        parts.title, parts.published = units[0][1], date_from_line(units[1][1])
        del units[:2]
        return True
    return False


def _read_credits(units: list[tuple[int, str]], parts: Parts) -> bool:
    if len(units) > 1 and (credits := credit_line(units[-1][1])):
        parts.credits = credits
        units.pop()
        return True
    return False
