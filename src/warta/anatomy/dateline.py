"""Datelines: "TEMPO.CO, Jakarta -", "JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -", "Jakarta -"."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..record import Dateline
from .outlets import Outlet, by_token, token_pattern

SEP = r"\s*(?:-{1,2}|–|—)+\s*"
PLACE = r"[A-Z][\w.'’]*(?:[\s-][A-Z][\w.'’]*){0,3}"
# An outlet written as a web address we have no profile for: "Beritasatu.com", "AKURAT.CO".
DOMAIN = r"[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z]{2,4}){1,2}"


@lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    text = resources.files(__package__).joinpath("places.txt").read_text("utf-8")
    return frozenset(l.strip().casefold() for l in text.splitlines()
                     if l.strip() and not l.startswith("#"))


@lru_cache(maxsize=1)
def _patterns() -> list[re.Pattern]:
    outlet = rf"(?:{token_pattern()}|{DOMAIN}|detik\w+)"
    return [re.compile(p) for p in (
        # TEMPO.CO, Jakarta -   Liputan6.com, Jakarta -   REPUBLIKA.CO.ID, JAKARTA --
        rf"^(?P<outlet>{outlet})\s*,\s*(?P<place>{PLACE}){SEP}",
        # JAKARTA, KOMPAS.com -   Jakarta, CNN Indonesia --
        rf"^(?P<place>{PLACE})\s*,\s*(?P<outlet>{outlet}){SEP}",
        # (ANTARA) -   Jakarta (ANTARA) -
        rf"^(?:(?P<place>{PLACE})\s*)?\((?P<outlet>{outlet})\)\s*(?:-{{1,2}}|–|—)\s*",
        # KONTAN.CO.ID - JAKARTA.   KOMPAS.com -
        rf"^(?P<outlet>{outlet}){SEP}(?:(?P<place>[A-Z][A-Z]+(?: [A-Z]+)?)\.\s+)?",
        # Jakarta -   SURABAYA -   (place-only, checked against known places below)
        rf"^(?P<place>{PLACE}){SEP}",
    )]


def _tidy_place(place: str | None) -> str | None:
    if not place:
        return None
    place = place.strip(" ,.")
    return place.title() if place.isupper() and len(place) > 3 else place


def find_dateline(paragraph: str, outlet_hint: Outlet | None = None) -> tuple[Dateline, int] | None:
    """The dateline opening ``paragraph`` and where the body starts, or None."""
    for number, pattern in enumerate(_patterns()):
        m = pattern.match(paragraph)
        if not m:
            continue
        groups = m.groupdict()
        outlet, place = groups.get("outlet"), groups.get("place")
        if number == 4:
            # A bare place opens a dateline only where that place or outlet makes it likely.
            likely = place.casefold() in known_places() or (place.isupper() and len(place) > 3)
            if not (likely or (outlet_hint and outlet_hint.place_only_datelines)):
                continue
        elif outlet and by_token(outlet) is None and not re.fullmatch(DOMAIN, outlet) \
                and not outlet.lower().startswith("detik"):
            continue
        rest = paragraph[m.end():]
        # "Jakarta - 5 orang ..." is fine; "Jakarta -" followed by nothing is a dateline alone.
        if rest and not (rest[0].isalnum() or rest[0] in "\"“‘'(["):
            continue
        text = paragraph[:m.end()].strip()
        return Dateline(text=text, outlet=outlet, place=_tidy_place(place)), m.end()
    return None
