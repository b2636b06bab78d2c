"""What a search asks for, as data: parsed queries and filters that every store backend reads.

A user's query never reaches a search engine as written. It is read here as words,
"phrases", prefix*, -excluded words, OR and NOT, every word stemmed exactly as the index
was; each backend rebuilds its own engine syntax (FTS5 MATCH, PostgreSQL tsquery) from
these stems, so no input can be a syntax error there.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import QueryError
from .stemming import stem_word, words

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    """A word or phrase as stems; with ``prefix`` its last stem is a prefix (kept unstemmed)."""

    stems: tuple[str, ...]
    prefix: bool = False


@dataclass
class ParsedQuery:
    # Each clause is a list of alternatives joined by OR; clauses are joined by AND.
    clauses: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    def __bool__(self) -> bool:
        """False when nothing positive is asked for (only excluded words, or none)."""
        return bool(self.clauses)

    def render(self, term: Callable[[Term], str], and_: str, or_: str, and_not: str) -> str | None:
        """The query in an engine's syntax, from how it writes one term and its operators;
        None when nothing positive is asked for."""
        if not self.clauses:
            return None
        expr = and_.join("(" + or_.join(term(t) for t in c) + ")" for c in self.clauses)
        if self.excluded:
            expr = f"({expr}){and_not}(" + or_.join(term(t) for t in self.excluded) + ")"
        return expr

    def highlight_terms(self) -> tuple[set[str], list[str]]:
        stems, prefixes = set(), []
        for clause in self.clauses:
            for term in clause:
                if term.prefix:
                    prefixes.append(term.stems[-1])
                stems.update(term.stems[:-1] if term.prefix else term.stems)
        return stems, prefixes


def parse_query(query: str) -> ParsedQuery:
    """Read a user's query; never raises on odd syntax."""
    parsed = ParsedQuery()
    negate = join_or = False
    for m in _TOKEN.finditer(query or ""):
        minus, phrase, bare = m.groups()
        if bare is not None:
            if bare.upper() in ("OR", "|"):
                join_or = bool(parsed.clauses)
                continue
            if bare.upper() in ("AND", "&", "NEAR"):
                continue
            if bare.upper() == "NOT":
                negate = True
                continue
            minus = "-" if bare.startswith("-") else ""
            prefix = bare.rstrip(")").endswith("*")
            ws = words(bare)
        else:
            prefix = False
            ws = words(phrase)
        if not ws:
            continue
        stems = [stem_word(w) for w in ws[:-1]] + [ws[-1] if prefix else stem_word(ws[-1])]
        term = Term(stems=tuple(stems), prefix=prefix)
        if minus or negate:
            parsed.excluded.append(term)
        elif join_or:
            parsed.clauses[-1].append(term)
        else:
            parsed.clauses.append([term])
        negate = join_or = False
    return parsed


def date_bound(value: str | None, end: bool) -> str | None:
    """'2023', '2023-09' or '2023-09-15' as an inclusive bound on ISO dates."""
    if not value:
        return None
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}", value):
            return f"{value}-12-31" if end else f"{value}-01-01"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            dt.date(int(value[:4]), int(value[5:]), 1)
            return f"{value}-31" if end else f"{value}-01"
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise QueryError(f"date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD") from None


@dataclass(frozen=True)
class Filters:
    """Conditions on the articles a search, a timeline or a facet count looks at.

    ``outlet`` is an outlet's canonical name (compared without case); ``date_from`` and
    ``date_to`` are inclusive ISO bounds (see :func:`date_bound`); ``entity`` an entity key;
    ``label`` an entity label (PER, ORG, ...).
    """

    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    entity: str | None = None
    label: str | None = None

    @classmethod
    def read(cls, *, outlet: str | None = None, date_from: str | None = None, date_to: str | None = None,
             entity: str | None = None, label: str | None = None) -> "Filters":
        """Filters from a user's values; a date that cannot be read is a QueryError."""
        def clean(value: str | None) -> str | None:  # NUL cannot reach a database
            return value.replace("\x00", "") or None if value else None

        return cls(outlet=clean(outlet), date_from=date_bound(date_from, end=False),
                   date_to=date_bound(date_to, end=True), entity=clean(entity),
                   label=clean(label.upper()) if label else None)
