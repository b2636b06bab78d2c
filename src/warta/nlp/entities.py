"""Entities: the trained model's PER/ORG/LOC, refined by rules into GPE, FAC, PRODUCT, NORP, EVENT.

Precedence, so that rules and model never fight:
1. the model's spans come first; a PER span loses leading titles and places
   ("Presiden AS Joe Biden" -> PER "Joe Biden"); a lone common word that opens a sentence
   ("Risiko", "Itulah") is no name, whatever the model says;
2. a rule span (gazetteer, FAC, PRODUCT, EVENT, NORP) replaces model spans it equals or
   contains, and is added where the model found nothing;
3. a model span that contains a rule span is kept ("Pemprov DKI Jakarta" stays ORG);
4. where spans cross, the longer wins, and the rule on a tie;
5. a name the model found once is found everywhere: later occurrences of a PER or ORG name,
   or of one word of a PER name, that no span covers take its label (``propagate``).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .lang.id_time import MONTHS, WEEKDAYS
from .trie import trie_pattern

@dataclass
class Mention:
    start: int
    end: int
    label: str
    source: str = "model"           # model | gazetteer | pattern | kb (lang/people.tsv)
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
    for surface, label, canonical, cc, kind, _, _ in _gazetteer_rows():
        table[surface] = (label, canonical or surface, cc or None, kind)
    return table


@lru_cache(maxsize=1)
def _gazetteer_rows() -> list[list[str]]:
    """gazetteer.tsv's rows: surface, label, canonical, country, kind, identifier, source."""
    return [(line.split("\t") + [""] * 6)[:7] for line in _data("gazetteer.tsv")]


@lru_cache(maxsize=1)
def identifiers() -> dict[str, str]:
    """{canonical name: identifier} of gazetteer places and bodies: ISO 3166-1 for countries,
    ISO 3166-2 for provinces, GeoNames ids for cities, the source page for hand-made bodies."""
    table = {}
    for _, _, canonical, _, _, code, source in _gazetteer_rows():
        if code or "/" in source:
            table.setdefault(canonical, code or source)
    return table


@lru_cache(maxsize=1)
def people() -> dict[str, tuple[str, str]]:
    """{form: (canonical name, source)} for the public figures of ``lang/people.tsv``: every
    form there names one person only ("Jokowi", "SBY", "Ahok")."""
    table = {}
    for line in _data("people.tsv"):
        canonical, aliases, _born, _role, source = (line.split("\t") + ["", "", "", ""])[:5]
        for form in [canonical, *aliases.split("|")]:
            if form.strip():
                table.setdefault(" ".join(form.split()), (canonical, source))
    return table


@lru_cache(maxsize=1)
def _people_re() -> re.Pattern | None:
    forms = [f for f in people() if len(f) >= 3]
    return re.compile(r"(?<![\w-])(?:" + trie_pattern(forms, re.escape) + r")(?![\w-])") if forms else None


@lru_cache(maxsize=1)
def _gazetteer_re() -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + trie_pattern(gazetteer(), re.escape) + r")(?![\w-])")


@lru_cache(maxsize=1)
def titles() -> list[str]:
    return sorted(_data("titles.txt"), key=len, reverse=True)


@lru_cache(maxsize=1)
def title_re() -> re.Pattern:
    """A title; 'Menteri' takes its portfolio, any title a lower-case qualifier ('regional')."""
    portfolio = trie_pattern(_data("portfolios.txt"))  # case-sensitive: "menteri keuangan" has none
    titles_any_case = trie_pattern({t.lower() for t in titles()})  # one branch per lower-cased title
    return re.compile(rf"(?<![\w-])(?:(?i:menteri|wakil\s+menteri|menko)(?:\s+(?:{portfolio}))?(?![\w-])"
                      rf"|(?i:{titles_any_case})(?![\w-]))"
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
_ORG_WORDS = ("Dewan", "Kementerian", "Badan", "Komisi", "Lembaga", "Majelis", "Mahkamah", "Pengadilan",
              "Kejaksaan", "Kepolisian", "Partai", "Universitas", "Armada", "Komando", "Divisi", "Batalyon",
              "Brigade", "Korps", "Resimen", "Skuadron", "Angkatan", "Otoritas", "Direktorat",
              "Dinas", "Pemerintah Provinsi", "Pemerintah Kota", "Pemerintah Kabupaten", "Bank",
              "Polda", "Polres", "Polresta", "Polrestabes", "Polsek", "Kodam", "Korem", "Kodim",
              # regional governments and councils, read with their region ("Pemprov DKI")
              "Pemprov", "Pemkot", "Pemkab", "Pemda", "Kejari", "Kejati", "DPRD", "DPRK", "KPUD",
              # bodies of members, named with what they belong to ("Wadah Pegawai KPK")
              "Wadah Pegawai", "Serikat Pekerja", "Serikat Buruh", "Aliansi", "Koalisi", "Asosiasi",
              "Himpunan", "Perhimpunan", "Ikatan", "Persatuan", "Federasi", "Konfederasi", "Yayasan",
              # police and task-force units, named with their command ("Satreskrim Polresta Depok")
              "Satgas", "Satreskrim", "Sat Reskrim", "Satuan", "Subdit", "Ditreskrimum", "Ditreskrimsus",
              "Ditresnarkoba", "Densus")
# An ORG name: the head word, then capitalised words or acronyms, with "dan" between them.
# Day and month names (the time tagger's lists) end a name ("Financial Times Senin",
# "Komisi III Januari").
_DAY_OR_MONTH = "(?:" + trie_pattern(list(WEEKDAYS) + [m.capitalize() for m in MONTHS], re.escape) + r")(?![\w-])"
# Ranks and police posts end a name too ("Polda Jawa Timur Kombes Pol Dirmanto").
_RANKS = ("Jenderal", "Komjen", "Irjen", "Brigjen", "Kombes", "AKBP", "AKP", "Kompol", "Iptu", "Ipda", "Aiptu",
          "Bripka", "Briptu", "Brigadir", "Letjen", "Mayjen", "Laksamana", "Marsekal", "Kolonel", "Letkol",
          "Letnan", "Sersan", "Kopral", "Pol", "Kapolda", "Kapolres", "Kapolsek", "Kabid", "Kasat",
          "Ajun", "Komisaris", "Inspektur", "Bripda", "Bharada", "Kasatreskrim", "Kapolresta", "Wakapolres")
_NOT_NAME_WORD = f"(?!{_DAY_OR_MONTH}|(?:{trie_pattern(_RANKS)})(?![\\w-]))"
ORG_RE = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, sorted(_ORG_WORDS, key=len, reverse=True)))})"
                    rf"(?:\s+(?:dan\s+)?{_NOT_NAME_WORD}(?:[A-Z][\w'’-]*)){{1,5}}(?![\w-])")
# A facility named after a lower-case noun: "pabrik penerbangan Komsomolsk", "stasiun Gambir".
FAC_AFTER_RE = re.compile(r"(?<![\w-])(?i:pabrik|kilang|bandara|stasiun|pelabuhan|pangkalan|markas|terminal)"
                          r"(?:\s+[a-z]+)?\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})(?![\w-])")
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
    for pattern, label in ((FAC_RE, "FAC"), (EVENT_RE, "EVENT"), (ORG_RE, "ORG")):
        for m in pattern.finditer(text):
            if m.group() not in table:  # "Gedung Putih" is in the gazetteer as ORG
                found.append(Mention(m.start(), m.end(), label, "pattern"))
    for m in FAC_AFTER_RE.finditer(text):
        found.append(Mention(m.start("name"), m.end("name"), "FAC", "pattern"))
    for m in PRODUCT_RE.finditer(text):
        if m.group() not in not_products():
            found.append(Mention(m.start(), m.end(), "PRODUCT", "pattern"))
    for m in NORP_RE.finditer(text):
        found.append(Mention(m.start("name"), m.end("name"), "NORP", "pattern"))
    found.sort(key=lambda x: (-(x.end - x.start), x.start))
    taken = bytearray(len(text))
    kept: list[Mention] = []
    for mention in found:
        if not any(taken[mention.start:mention.end]):
            taken[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)
            kept.append(mention)
    return sorted(kept, key=lambda x: x.start)


# Balinese names open with a birth-order name after "I" (men) or "Ni" (women): "I Made Mudharta".
_BALINESE = re.compile(r"(?<![\w-])(?:I|Ni)\s+$")
_BIRTH_ORDER = frozenset(("Wayan", "Gede", "Putu", "Made", "Kadek", "Nengah", "Nyoman", "Komang", "Ketut",
                          "Gusti", "Luh", "Ayu"))


def _known_person_at_end(text: str, m: Mention) -> Mention:
    """A model span that ends with a public figure's full name holds only that name: what
    comes before is a title or a place the model ran into it ("Medan Akhyar Nasution",
    "Kota Bogor Bima Arya Sugiarto"); the gazetteer's rules read the place again."""
    if m.label not in ("PER", "ORG", "LOC"):
        return m
    words = text[m.start:m.end].split()
    for n in range(len(words) - 1, 1, -1):  # the longest known name of two words or more
        tail = " ".join(words[-n:])
        if tail in people():
            return Mention(m.end - len(tail), m.end, "PER", m.source) if text.endswith(tail, m.start, m.end) else m
    return m


def _balinese(text: str, m: Mention) -> Mention:
    """'I' or 'Ni' before a Balinese birth-order name belongs to the name."""
    if text[m.start:m.end].split()[0] not in _BIRTH_ORDER:
        return m
    hit = _BALINESE.search(text, max(m.start - 4, 0), m.start)
    return Mention(hit.start(), m.end, m.label, m.source) if hit else m


def _trim_person(text: str, m: Mention, rule_at: dict[int, Mention]) -> Mention | None:
    """Drop leading titles, places and named bodies ("Polda Jawa Timur") from a PER span;
    None when nothing of a name is left, or the body's name when it runs on in lower case
    ("Brigade Ezzedine al-Qassam" is an ORG)."""
    start, body = m.start, None
    while True:
        lead = title_re().match(text, start, m.end)
        place = rule_at.get(start)
        if place is not None and not (place.end < m.end and (place.kind in ("country", "province")
                                                             or place.label == "ORG")):
            place = None
        if lead and lead.end() < m.end:
            start = lead.end()
        elif place:
            if place.label == "ORG" and body is None:
                body = place.start
            start = place.end
        else:
            break
        while start < m.end and text[start].isspace():
            start += 1
    if (start >= m.end or not text[start].isupper() or text[start:m.end].lower() in NOT_PERSONS
            or text[start:m.end].replace(".", "").lower() in DEGREES):
        if body is not None and start < m.end and text[start].islower():
            return Mention(body, m.end, "ORG", m.source)
        return None
    return _balinese(text, Mention(start, m.end, m.label, m.source))


# Capitalised words at the start of a sentence that a model may take for a name.
NOT_PERSONS = frozenset(("apa", "aku", "saya", "kami", "kita", "dia", "ia", "mereka", "ini", "itu", "anda",
                         "beliau", "siapa", "kenapa", "mengapa", "bagaimana", "tapi", "namun", "ya", "oh"))
# Academic degrees written after a name ("Ir. Siti Rahayu, MM"), which a model may take for one.
DEGREES = frozenset(("mm", "sh", "mh", "se", "st", "mt", "msi", "mpd", "spd", "skom", "mkom", "ssos", "msc",
                     "mba", "phd", "sip", "mag", "mkes", "skm", "shi", "sag", "lc"))
_CAPS = re.compile(r"[A-Z][\w'’-]*")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words news writes in lower case inside a sentence (training/lexicon/common_words.py)."""
    return frozenset(_data("common_words.txt"))


_OPENERS = "\"'“‘(["


def _common_opener(text: str, m: Mention, lower_words: frozenset[str]) -> bool:
    """Whether ``m`` is one common word at the start of a sentence, where only its capital
    made it look like a name ("Risiko bagi ...", "Itulah yang ..."): a word news writes in
    lower case, or one this article itself writes in lower case ("Banjir merendam ..." and
    later "banjir")."""
    word = text[m.start:m.end]
    if not word.isalpha() or not word[1:].islower():
        return False
    if word.lower() not in common_words() and word.lower() not in lower_words:
        return False
    window = text[max(m.start - 40, 0):m.start]
    before = window.rstrip().rstrip(_OPENERS).rstrip()
    return not before or before[-1] in ".!?:;" or "\n" in window[len(before):]


def _trim_lowercase(text: str, m: Mention) -> Mention | None:
    """Names start with a capital: drop leading lower-case words ("stasiun Komsomolsk")."""
    start = m.start
    while start < m.end and text[start].islower():
        nxt = re.compile(r"\S+\s+").match(text, start, m.end)
        if not nxt:
            return None
        start = nxt.end()
    return Mention(start, m.end, m.label, m.source) if start < m.end else None


_TRAILING_DATE = re.compile(rf"(?:\s+{_DAY_OR_MONTH})+$")


def _trim_trailing_date(text: str, m: Mention) -> Mention | None:
    """A day or month name ends a name ("Financial Times Senin" -> "Financial Times"); a day
    name alone is no name."""
    if text[m.start:m.end] in WEEKDAYS:
        return None
    hit = _TRAILING_DATE.search(text, m.start, m.end)
    if hit is None:
        return m
    return Mention(m.start, hit.start(), m.label, m.source) if hit.start() > m.start else None


def _split_place(text: str, m: Mention, rule_at: dict[int, Mention]) -> list[Mention]:
    """'Korea Utara Kim Jong Un' (one model span) -> GPE 'Korea Utara' + PER 'Kim Jong Un'."""
    place = rule_at.get(m.start)
    if place is not None and m.label == "PER" and place.label == "GPE" and place.end < m.end:
        return _split_titled_place(text, m, place)
    if place is None or place.end >= m.end or m.label == "PER" or place.kind not in ("country", "province"):
        return [m]
    rest = text[place.end:m.end]
    words = rest.split()
    if len(words) >= 2 and all(_CAPS.fullmatch(w) for w in words) and words[0] not in gazetteer():
        start = place.end + len(rest) - len(rest.lstrip())
        return [place, Mention(start, m.end, "PER", m.source)]
    return [m]


_ACRONYM_BEFORE = re.compile(r"(?<![\w-])[A-Z]{2,}\s+$")


def _split_titled_place(text: str, m: Mention, place: Mention) -> list[Mention]:
    """'Bupati Sleman Kustini Sri Purnomo', 'Kepala BPBD Sleman Joko Supriyanto' (one model
    PER span after a title or a body): the region the office serves, then the person."""
    rest = text[place.end:m.end]
    words = rest.split()
    before = text[max(0, m.start - 60):m.start]
    titled = any(t.end() == len(before.rstrip()) for t in title_re().finditer(before))
    if not words or not all(_CAPS.fullmatch(w) for w in words) or words[0] in gazetteer() \
            or " ".join(text[m.start:m.end].split()) in people() or not (titled or _ACRONYM_BEFORE.search(before)):
        return [m]
    start = place.end + len(rest) - len(rest.lstrip())
    return [place, Mention(start, m.end, "PER", m.source)]


_ADMIN = re.compile(r"^(?P<unit>Kota|Kabupaten|Kab\.|Provinsi|Prov\.)\s+(?P<place>.+)$")


def _admin_place(text: str, m: Mention) -> Mention:
    """'Kota Semarang' is the city 'Semarang' (one key with 'Semarang'), 'Provinsi Jawa Barat'
    the province; 'Kabupaten Bogor' is a regency, never the city of Bogor, and 'Kota
    Bengkulu' a city, never the province of Bengkulu: those keep their own names."""
    hit = _ADMIN.match(text[m.start:m.end]) if m.label in ("LOC", "GPE") else None
    if hit and hit.group("place") in gazetteer():
        label, canonical, cc, kind = gazetteer()[hit.group("place")]
        if label == "GPE":
            unit = hit.group("unit")
            same = (unit in ("Kota",) and kind == "city") or (unit in ("Provinsi", "Prov.") and kind == "province")
            if not same:
                unit = "Kabupaten" if unit.startswith("Kab") else "Provinsi" if unit.startswith("Prov") else unit
                canonical, kind = f"{unit} {canonical}", ("province" if unit == "Provinsi" else "city")
            return Mention(m.start, m.end, "GPE", m.source, canonical, cc, kind)
    return m


_GAP = re.compile(r"\s+")


# A body that serves one region, as a name ends with it before the region's name: "Pengadilan
# Negeri (PN) Depok", "Polres Sleman".
_REGIONAL_END = re.compile(r"(?:(?<![\w-])(?:Pengadilan\s+(?:Negeri|Tinggi|Agama)|Kejaksaan\s+(?:Negeri|Tinggi)"
                           r"|Kepolisian\s+(?:Daerah|Resor|Sektor)(?:\s+Kota)?|Polda|Polres(?:ta(?:bes)?)?|Polsek"
                           r"|Pemprov|Pemkot|Pemkab|Pemda|Kejari|Kejati|DPRD|DPRK|KPUD?|Bawaslu|BPBD|Kodim|Korem|Kodam)"
                           r"(?:\s*\([A-Z][A-Za-z]{1,9}\))?|\((?:PN|PT|PA|Polres|Polsek|Polda|Kejari|Kejati)\))$")


def _join_regional_bodies(text: str, kept: list[Mention]) -> list[Mention]:
    """A body and the region it serves are one organisation ("BPBD Kota Semarang", "Pengadilan
    Negeri (PN) Depok"), where a model may read ORG then LOC. (After an acronym in brackets, "Badan ... (BPBD) Kota
    Semarang", `canonical.link` reads the name on.)"""
    out: list[Mention] = []
    i = 0
    while i < len(kept):
        m, nxt = kept[i], kept[i + 1] if i + 1 < len(kept) else None
        if (m.label == "ORG" and nxt is not None and nxt.label in ("LOC", "GPE")
                and _GAP.fullmatch(text, m.end, nxt.start)
                and (_ADMIN.match(text[nxt.start:nxt.end]) or _REGIONAL_END.search(text[m.start:m.end]))):
            out.append(Mention(m.start, nxt.end, "ORG", m.source))
            i += 2
            continue
        out.append(m)
        i += 1
    return out


def _split_at_known_names(text: str, kept: list[Mention]) -> list[Mention]:
    """'BPBD Kota Semarang Arif Wibowo' (one ORG span) when 'Arif' is a person elsewhere:
    ORG 'BPBD Kota Semarang' + PER 'Arif Wibowo'."""
    firsts = {text[m.start:m.end].split()[0] for m in kept if m.label == "PER"}
    out = []
    for m in kept:
        if m.label in ("ORG", "LOC") and firsts:
            words = list(re.finditer(r"\S+", text[m.start:m.end]))
            cut = next((w for w in words[1:] if w.group() in firsts and w.group()[0].isupper()), None)
            if cut is not None:
                at = m.start + cut.start()
                out += [Mention(m.start, len(text[:at].rstrip()), m.label, m.source),
                        Mention(at, m.end, "PER", m.source)]
                continue
        out.append(m)
    return out


def merge(text: str, model: list[Mention]) -> list[Mention]:
    """Model mentions and rule mentions combined by the precedence in the module docstring."""
    rules = rule_mentions(text)
    rule_at = {r.start: r for r in rules}
    kept: list[Mention] = []
    lower_words = frozenset(w for w in re.findall(r"[^\W\d_]+", text) if w.islower())  # read once, not per name
    for raw in sorted(model, key=lambda x: x.start):
        trimmed = _trim_lowercase(text, raw)
        trimmed = _trim_trailing_date(text, trimmed) if trimmed else None
        if trimmed is not None and _common_opener(text, trimmed, lower_words):
            continue
        for m in _split_place(text, trimmed, rule_at) if trimmed else []:
            if m.label == "PER":
                m = _trim_person(text, m, rule_at)
            if m is not None:
                m = _known_person_at_end(text, m)
            if m is not None and text[m.start:m.end].strip():
                kept.append(m)
    kept = _join_regional_bodies(text, kept)
    kept = _split_at_known_names(text, kept)
    kept = [_admin_place(text, m) for m in kept]
    starts = [m.start for m in kept]
    removed: set[int] = set()
    added: list[Mention] = []
    for r in rules:
        j = max(bisect.bisect_right(starts, r.start) - 1, 0)
        overlapping = []
        while j < len(kept) and kept[j].start < r.end:
            if kept[j].end > r.start and j not in removed:
                overlapping.append(j)
            j += 1
        # (a one-word "person" after the head is mostly the body's place: "Kepolisian Sektor Salawati")
        person = next((kept[k] for k in overlapping if kept[k].label == "PER" and kept[k].start > r.start
                       and len(text[kept[k].start:kept[k].end].split()) > 1), None)
        if r.source == "pattern" and r.label == "ORG" and person is not None:
            # "Partai Golkar Aburizal Bakrie": the organisation ends where the person begins.
            end = len(re.sub(r"(?:\s+dan)?\s*$", "", text[r.start:person.start])) + r.start
            if len(text[r.start:end].split()) < 2:
                continue
            r = Mention(r.start, end, r.label, r.source)
            overlapping = [k for k in overlapping if kept[k].start < r.end]
        # A longer model span holds or crosses this rule span: the longer one wins.
        if any((kept[k].end - kept[k].start) > (r.end - r.start) for k in overlapping):
            continue
        removed.update(overlapping)
        added.append(r)
    return propagate(text, sorted([m for k, m in enumerate(kept) if k not in removed] + added,
                                  key=lambda x: x.start))


def _word_char(text: str, i: int) -> bool:
    """Whether text[i] continues a word (a letter, digit, '_' or '-'); False outside the text."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "_-")


def propagate(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name found once is found everywhere in the article: other occurrences of a PER or ORG
    name, or of one word of a PER name ("Putin" after "Vladimir Putin"), that no span covers
    get the same label. The model reads each passage alone and can miss a later mention."""
    names: dict[str, str] = {}
    for m in mentions:
        if m.label not in ("PER", "ORG") or m.source != "model":
            continue
        surface = text[m.start:m.end]
        words = surface.split()
        if len(surface) >= 3 and surface[0].isupper():
            names.setdefault(surface, m.label)
        if m.label == "PER" and len(words) >= 2:
            for w in words:
                if len(w) >= 3 and _CAPS.fullmatch(w) and w.lower() not in NOT_PERSONS and w not in gazetteer():
                    names.setdefault(w, "PER")
    taken = bytearray(len(text))
    for m in mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    added = []
    kb = _people_re()
    for m in kb.finditer(text) if kb else ():  # a public figure's name or nickname ("Jokowi")
        if not any(taken[m.start():m.end()]):
            added.append(Mention(m.start(), m.end(), "PER", "kb"))
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    for name in sorted(names, key=len, reverse=True):  # longer names first, as a regex alternation would
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if not _word_char(text, at - 1) and not _word_char(text, end) and not any(taken[at:end]):
                added.append(Mention(at, end, names[name], "model"))
                taken[at:end] = b"\x01" * (end - at)
            at = text.find(name, at + 1)
    return sorted(mentions + added, key=lambda x: x.start) if added else mentions
