"""Entities: the trained model's PER/ORG/LOC, refined by rules into GPE, FAC, PRODUCT, NORP, EVENT.

Precedence, so that rules and model never fight:
1. the model's spans come first; a PER span loses leading titles and places
   ("Presiden AS Joe Biden" -> PER "Joe Biden");
2. a rule span (gazetteer, FAC, PRODUCT, EVENT, NORP) replaces model spans it equals or
   contains, and is added where the model found nothing;
3. a model span that contains a rule span is kept ("Pemprov DKI Jakarta" stays ORG);
4. where spans cross, the longer wins, and the rule on a tie.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

RULE_LABELS = ("GPE", "FAC", "PRODUCT", "EVENT", "NORP")


@dataclass
class Mention:
    start: int
    end: int
    label: str
    source: str = "model"           # model | gazetteer | pattern
    canonical: str | None = None    # gazetteer name ("AS" -> "Amerika Serikat")
    country: str | None = None      # ISO 3166 code of a country or a place in it
    kind: str | None = None         # gazetteer kind: country | province | city | org


def _data(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("lang", name).read_text("utf-8")
    return [l.rstrip("\n") for l in text.splitlines() if l.strip() and not l.startswith("#")]


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[str, str, str | None, str]]:
    """{surface: (label, canonical name, country code, kind)}; kind: country|province|city|org."""
    table = {}
    for line in _data("gazetteer.tsv"):
        surface, label, canonical, cc, kind = (line.split("\t") + ["", "", "", ""])[:5]
        table[surface] = (label, canonical or surface, cc or None, kind)
    return table


@lru_cache(maxsize=1)
def _gazetteer_re() -> re.Pattern:
    names = sorted(gazetteer(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")


@lru_cache(maxsize=1)
def titles() -> list[str]:
    return sorted(_data("titles.txt"), key=len, reverse=True)


@lru_cache(maxsize=1)
def title_re() -> re.Pattern:
    """A title; 'Menteri' takes its portfolio, any title a lower-case qualifier ('regional')."""
    def alt(words):
        return "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(words, key=len, reverse=True))
    portfolio = alt(_data("portfolios.txt"))
    return re.compile(rf"(?<![\w-])(?:(?i:menteri|wakil\s+menteri|menko)(?:\s+(?:{portfolio}))?(?![\w-])"
                      rf"|(?i:{alt(titles())})(?![\w-]))"
                      r"(?:\s+(?:regional|setempat|sementara|baru|terpilih|nonaktif|nasional)(?![\w-]))?")


_FAC_WORDS = ("Bandara", "Bandar Udara", "Stasiun", "Pelabuhan", "Kosmodrom", "Pangkalan Udara",
              "Pangkalan Militer", "Pangkalan", "Lanud", "Istana", "Gedung", "Bendungan", "Terminal",
              "Masjid", "Gereja", "Pura", "Klenteng", "Candi", "Stadion", "Jembatan", "Rumah Sakit",
              "RSUD", "RSUP", "Lapas", "Rutan", "Kilang", "PLTU", "PLTA", "PLTN", "Monumen", "Museum",
              "Menara", "Tugu", "Bandar", "Jalan Tol", "Tol")
_NAME = r"(?:\s+(?:[A-Z][\w'’-]*|\d+))"
FAC_RE = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, sorted(_FAC_WORDS, key=len, reverse=True)))})"
                    rf"{_NAME}{{1,4}}(?![\w-])")
PRODUCT_RE = re.compile(r"(?<![\w-])(?:[A-Z][A-Za-z]{0,5}-\d{1,4}[A-Z]{0,2}|Boeing\s+\d{3}(?:-\d+)?(?:\s+MAX)?"
                        r"|Airbus\s+A\d{3}(?:-\d+)?|Sukhoi\s+Su-\d+|iPhone\s+\d+(?:\s+Pro(?:\s+Max)?)?)(?![\w-])")
EVENT_RE = re.compile(
    r"(?<![\w-])(?:Perang\s+Dunia\s+(?:I{1,2}|Pertama|Kedua)|Perang\s+(?:Dingin|Teluk|Vietnam|Korea|Padri)"
    r"|Piala\s+(?:Dunia|Asia|AFF|Eropa|Presiden|Konfederasi)(?:\s+\d{4})?|(?:Pemilu|Pilpres|Pileg)\s+\d{4}"
    r"|Pilkada(?:\s+[A-Z][\w]+){0,3}\s+\d{4}|(?:Asian|SEA)\s+Games(?:\s+\d{4})?|Olimpiade(?:\s+[A-Z]\w+)?(?:\s+\d{4})?"
    r"|KTT(?:\s+(?:[A-Z0-9][\w-]*|ke-\d+)){1,3}|Idul\s+(?:Fitri|Adha)|Hari\s+Kemerdekaan)(?![\w-])")
NORP_RE = re.compile(r"(?<![\w-])(?:suku|etnis|kaum|umat|bangsa)\s+(?P<name>[A-Z][\w-]+)(?![\w-])")


@lru_cache(maxsize=1)
def not_products() -> frozenset[str]:
    return frozenset(_data("designations.txt"))


def rule_mentions(text: str) -> list[Mention]:
    """Every rule match, longest first where rules overlap one another."""
    found: list[Mention] = []
    table = gazetteer()
    for m in _gazetteer_re().finditer(text):
        label, canonical, cc, kind = table[m.group()]
        found.append(Mention(m.start(), m.end(), label, "gazetteer", canonical, cc, kind))
    for pattern, label in ((FAC_RE, "FAC"), (EVENT_RE, "EVENT")):
        for m in pattern.finditer(text):
            if m.group() not in table:  # "Gedung Putih" is in the gazetteer as ORG
                found.append(Mention(m.start(), m.end(), label, "pattern"))
    for m in PRODUCT_RE.finditer(text):
        if m.group() not in not_products():
            found.append(Mention(m.start(), m.end(), "PRODUCT", "pattern"))
    for m in NORP_RE.finditer(text):
        found.append(Mention(m.start("name"), m.end("name"), "NORP", "pattern"))
    found.sort(key=lambda x: (-(x.end - x.start), x.start))
    kept: list[Mention] = []
    for mention in found:
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return kept


def _trim_person(text: str, m: Mention, rules: list[Mention]) -> Mention | None:
    """Drop leading titles and places from a PER span; None when nothing of a name is left."""
    start = m.start
    while True:
        lead = title_re().match(text, start, m.end)
        place = next((r for r in rules if r.start == start and r.end < m.end
                      and r.kind in ("country", "province")), None)
        if lead and lead.end() < m.end:
            start = lead.end()
        elif place:
            start = place.end
        else:
            break
        while start < m.end and text[start].isspace():
            start += 1
    if start >= m.end or not text[start].isupper():
        return None
    return Mention(start, m.end, m.label, m.source)


def merge(text: str, model: list[Mention]) -> list[Mention]:
    """Model mentions and rule mentions combined by the precedence in the module docstring."""
    rules = rule_mentions(text)
    kept: list[Mention] = []
    for m in model:
        if m.label == "PER":
            m = _trim_person(text, m, rules)
        if m is not None and text[m.start:m.end].strip():
            kept.append(m)
    for r in rules:
        overlapping = [m for m in kept if m.start < r.end and r.start < m.end]
        if any(m.start <= r.start and r.end <= m.end and (m.end - m.start) > (r.end - r.start)
               for m in overlapping):
            continue  # a longer model span holds this rule span
        if any((m.end - m.start) > (r.end - r.start) for m in overlapping):
            continue  # crossing spans: the longer one wins
        kept = [m for m in kept if m not in overlapping]
        kept.append(r)
    return sorted(kept, key=lambda x: x.start)
