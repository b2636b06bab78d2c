"""Time expressions: find them in Indonesian news and normalise them to TIMEX3 values.

Three steps, each small:
1. rules (regular expressions built from ``lang/id_time.py``) find pieces: a date, a weekday,
   a part of the day, a clock time, a relative day or period, a duration, a set, a reference;
2. adjacent pieces of one point in time merge into one expression ("Minggu (28/12/2014)
   pukul 06.18 WIB"), and overlapping matches keep the longest;
3. each expression is normalised against the publication date (the anchor) or, for
   "tiga hari kemudian", against the date mentioned last. Without an anchor, relative values
   stay unresolved ("XXXX-WXX-2"); the system clock is never used.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..record import TimeExpr
from .lang import id_time as V
from .trie import trie_pattern

NO_ANCHOR_WARNING = "no publication date: relative times left unresolved"


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_MONTH_FULL = _alt(V.MONTHS)
_MONTH_ANY = rf"(?:{_alt(V.MONTHS)}|(?:{_alt(V.MONTH_ABBREVIATIONS)})\.?)"
# "1 Januari 2014 mendatang", "Kamis (19/9) kemarin": the direction word belongs to the date.
_TRAIL = r"(?:\s+(?:mendatang|yang\s+lalu|lalu|kemarin|ini|tadi)(?![\w-]))?"
_MONTH_CAPS = "|".join([w.title() for w in V.MONTHS] + [w.upper() for w in V.MONTHS])
_DOW = _alt(list(V.WEEKDAYS) + [w.upper() for w in V.WEEKDAYS])
_POD = _alt(V.PARTS_OF_DAY)
_MOD = _alt(V.MODIFIERS)
_DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"  # 3.000.000 before 1,5
_UNIT_WORDS = r"(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)"
_NUM_WORD = (rf"{_UNIT_WORDS}\s+(?:belas|puluh(?:\s+(?:satu|{_UNIT_WORDS}))?|ratus)"
             rf"|{_alt(list(V.NUMBER_WORDS) + ['beberapa', 'belasan', 'puluhan', 'ratusan', 'ribuan'])}")
_NUM = rf"(?:{_DIGITS}|{_NUM_WORD})"
_UNIT = _alt(V.UNITS)
_TZ = _alt(V.TIME_ZONES)
_B = r"(?<![\w-])"   # word start
_E = r"(?![\w-])"    # word end


@dataclass
class Piece:
    """What one rule read: the fields of a point in time, or a finished value."""

    start: int
    end: int
    kind: str = "point"                 # point | duration | set | ref | value
    y: int | None = None
    m: int | None = None
    d: int | None = None
    dow: int | None = None
    dow_dir: int | None = None           # -1 last, +1 next, 0 this week, None: by tense
    pod: str | None = None
    hh: int | None = None
    mm: int | None = None
    tz: str | None = None
    rel: tuple | None = None            # (unit letter, count, base "anchor"|"ref")
    weekend: bool = False
    mod: str | None = None
    type: str | None = None
    value: str | None = None
    fields: set = field(default_factory=set)


def _key(text: str) -> str:
    """A matched phrase as the tables write it: lower case, single spaces. IGNORECASE lets
    "İdul Adha" match, whose lower case carries a combining dot."""
    return re.sub(r"\s+", " ", text.lower()).replace("\u0307", "")


def _number(text: str) -> float | None:
    """'18' -> 18, 'dua puluh lima' -> 25, 'setengah' -> 0.5, 'beberapa' -> None (vague)."""
    t = re.sub(r"\s+", " ", text.lower().strip())
    if re.fullmatch(_DIGITS, t):
        return float(t.replace(".", "").replace(",", ".")) if "," in t else float(t.replace(".", ""))
    if t in V.NUMBER_WORDS:
        return float(V.NUMBER_WORDS[t])
    parts = t.split(" ")
    base = V.NUMBER_WORDS.get(parts[0])
    if base is None:
        return None
    if len(parts) >= 2 and parts[1] == "belas":
        return base + 10
    if len(parts) >= 2 and parts[1] == "puluh":
        return base * 10 + (V.NUMBER_WORDS.get(parts[2], 0) if len(parts) > 2 else 0)
    if len(parts) >= 2 and parts[1] == "ratus":
        return base * 100
    return None


def _fmt(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return V.MONTHS.get(key) or V.MONTH_ABBREVIATIONS[key]


_DOW_LOWER = {w.lower(): n for w, n in V.WEEKDAYS.items()}


def _dow(name: str) -> int:
    return _DOW_LOWER[name.lower()]


def _opens_sentence(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence, a paragraph or a quotation (a bounded look back:
    this runs for candidates all over long texts)."""
    before = text[max(0, start - 40):start].rstrip()
    return not before or before[-1] in ".!?\n\"“'‘("


def _word_before(text: str, start: int) -> str:
    m = re.search(r"(\S+)\s*$", text[max(0, start - 20):start])
    return m.group(1) if m else ""


def _future_context(text: str, start: int) -> bool:
    """Whether the sentence before ``start`` speaks of the future ("akan digelar Sabtu")."""
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), 0)
    window = text[max(sentence_start, start - 60):start]
    return bool(re.search(rf"\b(?:{'|'.join(V.FUTURE_CUES)})\b", window))


# -- rules: (name, pattern, flags, builder) ----------------------------------------------------

Builder = Callable[[re.Match, str], Piece | None]
RULES: list[tuple[str, str, int, Builder]] = []


def rule(name: str, pattern: str, flags: int = re.IGNORECASE):
    def register(fn: Builder) -> Builder:
        RULES.append((name, pattern, flags, fn))
        return fn
    return register


_CLOCK_APPROX = {"sekitar": "APPROX", "sekira": "APPROX", "kira-kira": "APPROX", "kurang lebih": "APPROX"}


@rule("clock", rf"{_B}(?:(?P<approx>{_alt(_CLOCK_APPROX)})\s+)?"
               rf"(?:(?:pukul|jam|pkl\.?)\s*(?P<hh>\d{{1,2}})[.:](?P<mm>\d{{2}})"
               rf"|(?P<hh2>\d{{1,2}})[.:](?P<mm2>\d{{2}})(?=\s*(?:{_TZ})\b))(?:\s*(?P<tz>{_TZ})\b)?"
               r"(?:\s+(?P<pod>pagi|siang|sore|petang|malam|dini\s*hari)(?![\w-]))?")
def _clock(m, text):
    hh, mm = int(m.group("hh") or m.group("hh2")), int(m.group("mm") or m.group("mm2"))
    if hh > 24 or mm > 59:
        return None
    tz = m.group("tz")
    mod = _CLOCK_APPROX.get(_key((m.group("approx") or "")))
    return Piece(m.start(), m.end(), hh=hh, mm=mm, tz=tz.upper() if tz else None, mod=mod, fields={"clock"})


@rule("date_text", rf"{_B}(?:tanggal\s+|tgl\.?\s*)?(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH_ANY})(?:\s+(?:tahun\s+)?(?P<y>\d{{4}}))?(?![\w-]){_TRAIL}"
                    rf"(?:\s+(?P<pod>{_POD})(?![\w-])|(?<=\d{{4}})\s+(?P<hh>[012]?\d):(?P<mm>[0-5]\d)(?![\d:]))?")
def _date_text(m, text):
    """'15 September 2019 malam'; '10 September 2019 19:22', a dateline's stamp."""
    d = int(m.group("d"))
    if not 1 <= d <= 31:
        return None
    y = int(m.group("y")) if m.group("y") else None
    pod = V.PARTS_OF_DAY[_key(m.group("pod"))] if m.group("pod") else None
    hh = int(m.group("hh")) if m.group("hh") and int(m.group("hh")) <= 24 else None
    end = m.end() if hh is not None or not m.group("hh") else len(text[:m.start("hh")].rstrip())  # "25:00": no clock
    return Piece(m.start(), end, y=y, m=_month(m.group("mon")), d=d, pod=pod, hh=hh,
                 mm=int(m.group("mm")) if hh is not None else None,
                 fields={"date", "clock"} if hh is not None else {"date"})


@rule("date_range", rf"{_B}(?:tanggal\s+|tgl\.?\s*)?(?P<d>\d{{1,2}})\s*[-–]\s*(?P<d2>\d{{1,2}})\s+(?P<mon>{_MONTH_ANY})(?:\s+(?P<y>\d{{4}}))?(?![\w-])")
def _date_range(m, text):
    """'11-30 Juni 2009': one span, valued by its first day (TimeML's start of a range)."""
    d, d2 = int(m.group("d")), int(m.group("d2"))
    if not 1 <= d < d2 <= 31:
        return None
    y = int(m.group("y")) if m.group("y") else None
    return Piece(m.start(), m.end(), y=y, m=_month(m.group("mon")), d=d, fields={"date"})


@rule("date_paren", rf"\(\s*(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<y>\d{{4}}|\d{{2}}))?(?:\s*\)|(?<=\d{{4}})(?=[.,;]))"
                    rf"(?:\s+(?P<pod>{_POD}))?{_TRAIL}(?![\w-])")
def _date_paren(m, text):
    d, mo = int(m.group("d")), int(m.group("m"))
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    y = m.group("y")
    y = (int(y) + 2000 if len(y) == 2 else int(y)) if y else None
    pod = V.PARTS_OF_DAY[m.group("pod").lower()] if m.group("pod") else None
    return Piece(m.start(), m.end(), y=y, m=mo, d=d, pod=pod, fields={"date"})


@rule("date_numeric", r"(?<![\d/.-])(?P<d>\d{1,2})(?P<sep>[/-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/-])")
def _date_numeric(m, text):
    d, mo = int(m.group("d")), int(m.group("m"))
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    return Piece(m.start(), m.end(), y=int(m.group("y")), m=mo, d=d, fields={"date"})


@rule("month_range", rf"{_B}(?P<mon>{_MONTH_CAPS})\s*[-–]\s*(?P<mon2>{_MONTH_CAPS})(?![\w-])(?!\s+\d)", 0)
def _month_range(m, text):
    """'Februari-Maret': one span, valued by its first month (TimeML's start of a range)."""
    return Piece(m.start(), m.end(), m=_month(m.group("mon")),
                 rel=("MONTHNAME", 1 if _future_context(text, m.start()) else None, "anchor"), fields={"month"})


@rule("month_year", rf"{_B}(?:(?P<mod>{_MOD})\s+)?(?:bulan\s+)?(?P<mon>{_MONTH_FULL})\s+(?:tahun\s+)?(?P<y>\d{{4}})(?![\w-]){_TRAIL}")
def _month_year(m, text):
    return Piece(m.start(), m.end(), y=int(m.group("y")), m=_month(m.group("mon")),
                 mod=V.MODIFIERS.get((m.group("mod") or "").lower()), fields={"month"})


@rule("month_of_year", rf"{_B}(?:(?P<mod>{_MOD})\s+)?(?:bulan\s+)?(?P<mon>{_MONTH_FULL})\s+"
                       r"tahun\s+(?P<dir>lalu|ini|depan|kemarin)(?![\w-])")
def _month_of_year(m, text):
    """'September tahun lalu': that month of the year before the anchor's."""
    return Piece(m.start(), m.end(), m=_month(m.group("mon")), rel=("Y", V.RELATIVE_DIRECTIONS[m.group("dir").lower()], "anchor"),
                 mod=V.MODIFIERS.get((m.group("mod") or "").lower()), fields={"month"})


@rule("month_relative", rf"{_B}(?:(?P<mod>{_MOD})\s+)?(?:bulan\s+)?(?P<mon>{_MONTH_FULL})\s+"
                        r"(?P<dir>lalu|kemarin|ini|depan|mendatang)\b")
def _month_relative(m, text):
    step = V.RELATIVE_DIRECTIONS[m.group("dir").lower()]
    return Piece(m.start(), m.end(), m=_month(m.group("mon")), rel=("MONTHNAME", step, "anchor"),
                 mod=V.MODIFIERS.get((m.group("mod") or "").lower()), fields={"month"})


@rule("month_bare", rf"{_B}(?:(?P<mod>{_MOD})\s+(?:bulan\s+)?|bulan\s+)(?P<mon>{_MONTH_FULL}){_E}")
def _month_bare(m, text):
    return Piece(m.start(), m.end(), m=_month(m.group("mon")),
                 rel=("MONTHNAME", 1 if _future_context(text, m.start()) else None, "anchor"),
                 mod=V.MODIFIERS.get((m.group("mod") or "").lower()), fields={"month"})




@rule("month_name", rf"{_B}(?P<mon>{_MONTH_CAPS})(?![\w-])(?!\s+\d)", 0)
def _month_name(m, text):
    if _word_before(text, m.start()) in V.NOT_TIME_BEFORE:
        return None
    before, after = _word_before(text, m.start()), re.match(r"\s+(\w+)", text[m.end():m.end() + 30])
    if before[:1].isupper() and not _opens_sentence(text, m.start() - len(before) - 1) and after \
            and after.group(1)[:1].isupper():
        return None  # "Raja Juli Antoni": inside a name
    return Piece(m.start(), m.end(), m=_month(m.group("mon")),
                 rel=("MONTHNAME", 1 if _future_context(text, m.start()) else None, "anchor"),
                 fields={"month"})


@rule("period_edge", rf"{_B}(?P<mod>{_MOD})\s+(?P<unit>tahun|bulan)(?![\w-])"
                     r"(?!\s+(?:\d|ini|lalu|depan|mendatang|silam|kemarin|yang))")
def _period_edge(m, text):
    unit = {"bulan": "M", "tahun": "Y"}[m.group("unit").lower()]
    return Piece(m.start(), m.end(), rel=(unit, 0, "anchor"),
                 mod=V.MODIFIERS[m.group("mod").lower()], fields={"rel"})


@rule("decade", rf"{_B}(?:(?P<mod>{_MOD})\s+)?(?:tahun\s+)?(?:(?P<dec>(?:1[5-9]|20)\d)0|[’'‘]?(?P<d2>[2-9])0[’'‘]?)-?an{_E}")
def _decade(m, text):
    """'1990-an', 'akhir 90’-an' (a two-digit decade is of the 1900s)."""
    return Piece(m.start(), m.end(), kind="value", type="DATE", value=m.group("dec") or "19" + m.group("d2"),
                 mod=V.MODIFIERS.get((m.group("mod") or "").lower()))


@rule("year_range", rf"{_B}(?:(?:(?P<mod>{_MOD})\s+)?(?:periode|musim)\s+)?(?<![\w.,/-])(?P<y>(?:19|20)\d{{2}})\s*[-–]\s*(?P<y2>(?:19|20)\d{{2}}){_E}")
def _year_range(m, text):
    """'periode 2019 - 2023': one span, valued by its first year (TimeML's start of a range)."""
    y, y2 = int(m.group("y")), int(m.group("y2"))
    if not 0 < y2 - y <= 10 or _word_before(text, m.start("y")) in V.NOT_YEAR_BEFORE:
        return None
    return Piece(m.start(), m.end(), y=y, mod=V.MODIFIERS.get((m.group("mod") or "").lower()), fields={"year"})


_REGULATION = r"(?:UU|PP|Perpres|Permen\w*|Perda|Perppu|Keppres|Inpres|Kepmen\w*|Pergub|Perwal|Perbup)"
# What a regulation's number follows ("UU 1 Tahun 46", "Nomor 12 Tahun 1995").
_LAW_BEFORE = re.compile(rf"(?<![\w-])(?:nomor|no\.?|{_REGULATION})\s+$", re.IGNORECASE)
_NAMED_BEFORE = re.compile(rf"(?:(?i:(?<![\w-])(?:nomor|no\.?)\s*\d+[\w/.-]*|(?<![\w-]){_REGULATION}\s+\d+[\w/.-]*"
                           r"|(?<![\w-])(?:Piala\s+(?:Dunia|Asia|Eropa|AFF|Konfederasi)|Olimpiade|Asian\s+Games|SEA\s+Games"
                           r"|Paralimpiade))"
                           # an event's name: "Balkonjazz Festival 2019", "Indonesia Property Awards 2019"
                           r"|[A-Z]\w*\s+(?:Festival|Fest|Awards?|Expo|Fair|Cup|Open|Championships?|Summit|Forum|Week|Marathon"
                           r"|Run|Games|Show|Tour|Conference|Convention|Competition|Challenge))\s+(?i:tahun\s+)?$")


@rule("year", rf"{_B}(?:(?P<mod>{_MOD})\s+)?(?:tahun\s+)?(?<![\w.,/-])(?P<y>(?:1[89]|20)\d{{2}})(?![\w/-]|[.,]\d)"
              r"(?:\s+(?:ini|silam|yang\s+lalu|lalu)(?![\w-]))?")
def _year(m, text):
    if _word_before(text, m.start("y")) in V.NOT_YEAR_BEFORE:
        return None
    if _NAMED_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
        return None  # "UU Nomor 30 Tahun 2002", "Piala Dunia 2022": part of a name
    after = re.match(r"\s*(\w+)", text[m.end():m.end() + 20])
    if after and after.group(1) in V.COUNT_NOUNS:
        return None
    return Piece(m.start(), m.end(), y=int(m.group("y")),
                 mod=V.MODIFIERS.get((m.group("mod") or "").lower()), fields={"year"})


@rule("weekend", rf"{_B}akhir\s+pekan(?:\s+(?P<dir>ini|lalu|depan|kemarin|mendatang))?{_E}")
def _weekend(m, text):
    step = V.RELATIVE_DIRECTIONS.get((m.group("dir") or "").lower())
    return Piece(m.start(), m.end(), rel=("W", step if step is not None else "near", "anchor"),
                 weekend=True, fields={"rel"})


@rule("relative_day", rf"{_B}(?P<w>{_alt(V.RELATIVE_DAYS)})(?:\s+(?P<pod>{_POD}))?{_E}")
def _relative_day(m, text):
    pod = V.PARTS_OF_DAY[_key(m.group("pod"))] if m.group("pod") else None
    return Piece(m.start(), m.end(), rel=("D", V.RELATIVE_DAYS[_key(m.group("w"))], "anchor"),
                 pod=pod, fields={"rel"})


@rule("relative_period", rf"{_B}(?:(?P<mod>{_MOD})\s+)?(?P<unit>pekan|minggu|bulan|tahun)\s+"
                         r"(?P<dir>yang\s+lalu|lalu|ini|depan|mendatang|silam|kemarin)\b")
def _relative_period(m, text):
    if re.search(rf"(?:^|\s){_NUM}\s+$", text[max(0, m.start() - 30):m.start()], re.IGNORECASE):
        return None  # "berusia 39 tahun ini", "waktu 6 minggu ini": a length of time, not this year
    unit = {"pekan": "W", "minggu": "W", "bulan": "M", "tahun": "Y"}[m.group("unit").lower()]
    step = V.RELATIVE_DIRECTIONS[_key(m.group("dir"))]
    return Piece(m.start(), m.end(), rel=(unit, step, "anchor"),
                 mod=V.MODIFIERS.get((m.group("mod") or "").lower()), fields={"rel"})


_REL_DIRS = _alt(list(V.AFTER_REFERENCE) + list(V.FROM_ANCHOR))


@rule("relative_count", rf"{_B}(?:(?P<approx>hampir|sekitar|kurang\s+lebih|lebih\s+dari)\s+)?(?:(?P<n>{_NUM})\s+(?P<unit>hari|pekan|minggu|bulan|tahun|dekade|dasawarsa|abad)"
                        rf"|(?P<se>sehari|sepekan|seminggu|sebulan|setahun))\s+(?P<dir>{_REL_DIRS}){_E}")
def _relative_count(m, text):
    if m.group("se"):
        n, unit = 1.0, V.SE_UNITS[m.group("se").lower()]
    else:
        n, unit = _number(m.group("n")), m.group("unit").lower()
    letter = {"hari": "D", "pekan": "W", "minggu": "W", "bulan": "M", "tahun": "Y",
              "dekade": "DE", "dasawarsa": "DE", "abad": "CE"}[unit]
    d = _key(m.group("dir"))
    if d in V.AFTER_REFERENCE:
        sign, base = V.AFTER_REFERENCE[d], "ref"
    else:
        sign, base = V.FROM_ANCHOR[d], "anchor"
    if n is None:  # "beberapa hari lalu"
        return Piece(m.start(), m.end(), kind="value", type="DATE",
                     value="PAST_REF" if sign < 0 else "FUTURE_REF")
    mod = _APPROX.get(_key((m.group("approx") or "")))
    return Piece(m.start(), m.end(), rel=(letter, sign * n, base), mod=mod, fields={"rel"})


@rule("weekday", rf"(?:\b[Hh]ari\s+)?{_B}(?P<dow>{_DOW}|(?i:{_alt(w.lower() for w in V.WEEKDAYS)})(?=\s*\(\d))(?:\s+(?P<pod>{_POD}))?"
                 r"(?:\s+(?P<dir>lalu|kemarin|depan|mendatang|ini|nanti|besok))?(?![\w-])", 0)
def _weekday(m, text):
    pod = V.PARTS_OF_DAY[_key(m.group("pod"))] if m.group("pod") else None
    d = (m.group("dir") or "").lower()
    direction = {"lalu": -1, "kemarin": -1, "depan": 1, "mendatang": 1, "nanti": 1, "besok": 1, "ini": 0}.get(d)
    if _word_before(text, m.start()) in V.NOT_TIME_BEFORE:
        return None
    if direction is None and _future_context(text, m.start()):
        direction = 1
    return Piece(m.start(), m.end(), dow=_dow(m.group("dow")), dow_dir=direction, pod=pod,
                 fields={"dow"})


@rule("part_of_day", r"\b(?:tadi\s+(?P<p1>pagi|siang|sore|malam)|(?P<p2>pagi|siang|sore|petang|malam)\s+"
                     r"(?P<w>ini|tadi|nanti)|nanti\s+(?P<p3>pagi|siang|sore|malam)|(?P<sem>semalam))(?![\w-])")
def _part_of_day(m, text):
    if m.group("sem"):
        return Piece(m.start(), m.end(), rel=("D", -1, "anchor"), pod="NI", fields={"rel"})
    pod = m.group("p1") or m.group("p2") or m.group("p3")
    return Piece(m.start(), m.end(), rel=("D", 0, "anchor"), pod=V.PARTS_OF_DAY[pod.lower()],
                 fields={"rel"})


@rule("set", rf"{_B}(?:(?:setiap|tiap|saban)\s+(?:(?P<dow>{_DOW})|(?P<unit>hari|pekan|minggu|bulan|tahun|malam|pagi|jam)(?:nya)?)"
             rf"|(?P<n>{_NUM})\s+kali\s+(?:dalam\s+)?se(?P<u2>hari|pekan|minggu|bulan|tahun)"
             rf"|per\s+(?P<u3>hari|pekan|minggu|bulan|tahun|jam)"
             rf"|(?P<n6>{_NUM})\s+(?P<u6>hari|pekan|minggu|bulan|tahun|jam)\s+sekali|se(?P<u7>hari|pekan|minggu|bulan|tahun|jam)\s+sekali"
             rf"|(?:setiap|tiap)\s+(?P<n4>{_NUM})\s+(?P<u4>{_UNIT})){_E}")
def _set(m, text):
    if m.group("u6") or m.group("u7"):  # "tiga bulan sekali": every three months
        unit, n = (m.group("u6") or m.group("u7")).lower(), _number(m.group("n6")) if m.group("n6") else 1.0
        letter, is_time = V.UNITS[unit]
        return Piece(m.start(), m.end(), kind="value", type="SET", value=("PT" if is_time else "P") + _fmt(n) + letter)
    if m.group("u4"):
        letter, is_time = V.UNITS[m.group("u4").lower()]
        return Piece(m.start(), m.end(), kind="value", type="SET",
                     value=("PT" if is_time else "P") + _fmt(_number(m.group("n4"))) + letter)
    if m.group("dow"):
        return Piece(m.start(), m.end(), kind="value", type="SET", value=f"XXXX-WXX-{_dow(m.group('dow'))}")
    unit = (m.group("unit") or m.group("u2") or m.group("u3")).lower()
    return Piece(m.start(), m.end(), kind="value", type="SET", value=V.SETS[unit])


_APPROX = {"sekitar": "APPROX", "kurang lebih": "APPROX", "kira-kira": "APPROX", "hampir": "LESS_THAN",
           "lebih dari": "MORE_THAN", "sedikitnya": "EQUAL_OR_MORE", "setidaknya": "EQUAL_OR_MORE",
           "paling lama": "EQUAL_OR_LESS", "maksimal": "EQUAL_OR_LESS", "kurang dari": "LESS_THAN",
           "tidak sampai": "LESS_THAN", "tak sampai": "LESS_THAN", "tidak lebih dari": "EQUAL_OR_LESS",
           "tak lebih dari": "EQUAL_OR_LESS"}


# Units from the largest down: a second count and unit after a first joins it when smaller.
_RANK = ["abad", "dekade", "dasawarsa", "windu", "tahun", "bulan", "pekan", "minggu", "hari", "jam", "menit", "detik"]
_COMPOUND = re.compile(rf"\s+(?:dan\s+)?(?P<n>\d+|{_NUM_WORD})\s+(?P<unit>{_UNIT})(?![\w-])"
                       r"(?!\s+(?:lalu|silam|yang|kemudian|lagi|mendatang|sebelum|setelah|sesudah)(?![\w-]))", re.IGNORECASE)


@rule("duration", rf"{_B}(?:(?P<approx>{_alt(_APPROX)})\s+)?(?:(?P<n>{_NUM})(?:\s*[-–]\s*\d+)?\s+(?P<unit>{_UNIT})"
                  rf"|(?P<se>sehari|sepekan|seminggu|sebulan|setahun|sejam|semenit)"
                  r"|(?P<redup>berhari-hari|berminggu-minggu|berbulan-bulan|bertahun-tahun|berjam-jam))"
                  rf"(?:\s+(?P<tail>ke\s+depannya|ke\s+depan|terakhir|belakangan))?{_E}")
def _duration(m, text):
    if m.group("redup"):
        unit, n = m.group("redup").lower()[3:].split("-")[0], None
    elif m.group("se"):
        unit, n = V.SE_UNITS[m.group("se").lower()], 1.0
        if re.match(r"-", text[m.end():m.end() + 1]):  # "sehari-hari" is "daily"
            return None
    else:
        unit = m.group("unit").lower()
        if m.group("n").lower() in V.NOT_COUNTS:
            return None
        if unit == "tahun" and (re.match(r"\s+\d{4}(?!\d)", text[m.end():m.end() + 6])
                                or _LAW_BEFORE.search(text[max(0, m.start("n") - 20):m.start("n")])):
            return None  # "PP 32 tahun 1999", "UU 1 Tahun 46": a regulation's number and year
        if _word_before(text, m.start("n")) in V.NOT_YEAR_BEFORE:
            return None
        n = _number(m.group("n"))
    letter, is_time = V.UNITS[unit]
    if letter == "Y8":  # windu: eight years
        letter, n = "Y", (n * 8 if n is not None else None)
    smaller = {"Y": ("M", 12, False), "H": ("M", 60, True)}.get(letter)
    if n is not None and not float(n).is_integer() and smaller and float(n * smaller[1]).is_integer():
        # "1,5 tahun": P18M, "setengah jam": PT30M, as TimeML annotators write them
        letter, n, is_time = smaller[0], n * smaller[1], smaller[2]
    value = ("PT" if is_time else "P") + _fmt(n) + letter
    mod = _APPROX.get(_key((m.group("approx") or "")))
    if m.group("se") and not m.group("tail") and _word_before(text, m.start()).lower() == "dalam" \
            and not re.match(r"\s+(?:terakhir|belakangan|ini|itu|lalu|ke\s+depan|semalam)(?![\w-])", text[m.end():m.end() + 12]):
        return Piece(m.start(), m.end(), kind="value", type="SET", value=value)  # "lima juta pengunjung dalam setahun"
    end = m.end()
    if m.group("n") and not m.group("tail") and n is not None:
        more = _COMPOUND.match(text, end)
        n2 = _number(more.group("n")) if more else None
        unit2 = more.group("unit").lower() if more else ""
        if n2 is not None and _RANK.index(unit2) > _RANK.index(unit):  # "3 tahun 6 bulan": P3Y6M
            letter2, is_time2 = V.UNITS[unit2]
            value += ("T" if is_time2 and not is_time else "") + _fmt(n2) + letter2
            end = more.end()
    these = re.match(r"\s+(?:ini|itu)(?![\w-])", text[end:end + 6])
    if these and not m.group("tail") and _word_before(text, m.start()).lower() not in (
            "berusia", "usia", "umur", "berumur", "bawah", "atas"):  # an age: "di bawah 20 tahun itu"
        end += these.end()  # "dalam dua tahun ini": these two years
    return Piece(m.start(), end, kind="value", type="DURATION", value=value, mod=mod)


@rule("earlier", r"(?<![\w-])(?P<w>[Tt]adi)(?![\w-])(?!\s+(?:pagi|siang|sore|petang|malam))")
def _earlier(m, text):
    """'Tadi ditelepon …' opening a sentence: earlier on; elsewhere 'tadi' is mostly 'the aforementioned'."""
    if not _opens_sentence(text, m.start()):
        return None
    return Piece(m.start(), m.end(), kind="value", type="DATE", value="PAST_REF")


@rule("reference", rf"{_B}(?P<w>{_alt(w for ws in V.REFERENCES.values() for w in ws)}){_E}")
def _reference(m, text):
    word = _key(m.group("w"))
    if word in ("ke depan", "kedepan") and re.match(r"\s+(?:[A-Z]|(?:gedung|istana|kantor|rumah|pintu|kamera|umum|"
                                                  r"publik|panggung|kelas|mimbar|layar)(?![\w-]))", text[m.end():m.end() + 12]):
        return None  # "berjalan ke depan Istana Merdeka": a place, not the future
    if word == "kemudian hari" and _word_before(text, m.start()).lower() not in ("di", "pada"):
        return None  # "kemudian hari Senin": "then, on Monday"; only "di kemudian hari" is the future
    if word in V.THEN:
        return Piece(m.start(), m.end(), kind="then")
    kind = next(k for k, ws in V.REFERENCES.items() if word in ws)
    return Piece(m.start(), m.end(), kind="value", type="DATE", value=kind)


@rule("season", rf"{_B}(?P<s>{_alt(V.SEASONS)})(?:\s+(?:tahun\s+)?(?P<y>\d{{4}})|\s+(?P<dir>tahun\s+(?:ini|lalu|depan|mendatang)))?{_E}")
def _season(m, text):
    season = V.SEASONS[_key(m.group("s"))]
    step = _YEAR_STEP.get(_key(m.group("dir") or ""))
    return Piece(m.start(), m.end(), y=int(m.group("y")) if m.group("y") else None, kind="season",
                 value=season, rel=("Y", step, "anchor") if step is not None else None)


@rule("century", rf"{_B}abad\s+(?:ke-?\s*)?(?P<n>\d{{1,2}}|[IVX]{{1,5}})(?![\w/-])(?:\s+(?P<bc>SM|Masehi|M)(?![\w-]))?")
def _century(m, text):
    n = _roman(m.group("n")) if not m.group("n").isdigit() else int(m.group("n"))
    if not n or n > 99:
        return None
    # TIMEX3 writes a century as its first two digits: the 7th century (601-700) is "06".
    value = f"{n - 1:02d}"
    return Piece(m.start(), m.end(), kind="value", type="DATE",
                 value=("BC" + value) if (m.group("bc") or "").upper() == "SM" else value)


@rule("year-named", rf"{_B}tahun\s+(?P<y>[1-9]\d{{2,3}})(?![\w/-]|[.,]\d)(?:\s+(?P<bc>SM)(?![\w-]))?")
def _year_named(m, text):
    """A year said to be one ("tahun 2500", "tahun 500 SM") outside what bare numbers allow."""
    y = int(m.group("y"))
    if 1800 <= y <= 2099 and not m.group("bc"):
        return None  # the "year" rule reads these, with its modifiers
    after = re.match(r"\s*(\w+)", text[m.end():m.end() + 20])
    if after and after.group(1) in V.COUNT_NOUNS:
        return None
    if m.group("bc"):
        return Piece(m.start(), m.end(), kind="value", type="DATE", value=f"BC{y:04d}")
    return Piece(m.start(), m.end(), y=y, fields={"year"})


@rule("story_day", rf"{_B}(?P<w>{_alt(V.STORY_DAYS)}){_E}")
def _story_day(m, text):
    """'keesokan harinya', 'malam itu', 'menjelang magrib': on the story's current day."""
    words = m.group("w").split()
    if len(words) > 1 and all(w[:1].isupper() for w in words) and not _opens_sentence(text, m.start()):
        return None  # "band Dialog Dini Hari": a name
    days, pod = V.STORY_DAYS[_key(m.group("w"))]
    return Piece(m.start(), m.end(), rel=("D", days, "ref"), pod=pod, fields={"rel"})


@rule("clock_later", rf"{_B}(?:(?:(?P<approx>{_alt(_APPROX)})\s+)?(?P<n>{_NUM})\s+(?P<unit>jam|menit)|(?P<moment>beberapa\s+saat|sesaat))\s+"
                     r"(?P<dir>kemudian|setelahnya|sesudahnya|berikutnya|sebelumnya)(?![\w-])")
def _clock_later(m, text):
    """'dua jam kemudian': the last clock time named, moved; 'beberapa saat kemudian': at about it."""
    if m.group("moment"):
        return Piece(m.start(), m.end(), kind="later", value=None, type="PTXM")
    n = _number(m.group("n"))
    if n is None:
        return None
    sign = V.AFTER_REFERENCE[m.group("dir").lower()]
    minutes = n * (60 if m.group("unit").lower() == "jam" else 1) * sign
    mod = _APPROX.get(_key((m.group("approx") or "")))
    return Piece(m.start(), m.end(), kind="later", value=str(minutes), mod=mod,
                 type="PT" + _fmt(n) + ("H" if m.group("unit").lower() == "jam" else "M"))


@rule("friday_prayer", rf"{_B}(?:usai|selepas|seusai|setelah|sebelum|saat|jelang)\s+(?:salat|sholat|shalat)\s+Jumat{_E}")
def _friday_prayer(m, text):
    """'usai salat Jumat': the Friday, at midday."""
    return Piece(m.start(), m.end(), dow=5, pod="MI", fields={"dow"})


@rule("vague_duration", rf"{_B}(?P<w>{_alt(V.VAGUE_DURATIONS)})(?![\w-])(?!\s+(?:kemudian|lalu|setelah|sesudah|sebelum))")
def _vague_duration(m, text):
    value = V.VAGUE_DURATIONS[_key(m.group("w"))]
    return Piece(m.start(), m.end(), kind="value", type="DURATION", value=value)


_NAMING = {"disebut", "bernama", "dikenal", "dinamai", "dinamakan", "berjuluk"}
_NOT_PAST_BEFORE = {"terlebih", "lebih", "paling", "duluan", "tunggu", "sebentar", "makan", "istirahat"}
_PAST_AFTER = {"ia", "dia", "mereka", "kami", "saya", "kita", "pernah", "sempat", "adalah", "merupakan", "biasanya",
               "bernama", "menjadi", "sebagai", "dikenal", "memang", "hanya", "masih", "sering", "biasa"}


@rule("past", rf"{_B}(?P<w>dulunya|dahulunya|dulu|dahulu){_E}")
def _past(m, text):
    """'dulu' as 'in the past', not as 'first' ('makan dulu', 'terlebih dahulu')."""
    word = m.group("w").lower()
    before = _word_before(text, m.start())
    after = re.match(r"\s*(\w+)", text[m.end():m.end() + 20])
    if before in _NOT_PAST_BEFORE:
        return None
    if after and after.group(1).lower() in _NAMING:
        return None  # "yang dulunya disebut Twitter": a former name, not a time
    opens = _opens_sentence(text, m.start())
    if not (word.endswith("nya") or opens or (after and after.group(1).lower() in _PAST_AFTER)
            or before in {"yang", "sejak", "zaman", "masa", "seperti", "dari", "karena"}):
        return None
    return Piece(m.start(), m.end(), kind="value", type="DATE", value="PAST_REF")


_ORDINAL = r"(?:pertama|kedua|ketiga|keempat|IV|III|II|I|[1-4])"
_YEAR_AFTER = (r"(?:\s*[-/]\s*(?P<y1>\d{4})|\s+(?:tahun\s+)?(?P<y2>\d{4})"
               r"|\s+(?P<dir>tahun\s+ini|tahun\s+lalu|tahun\s+depan|tahun\s+mendatang))?")
_YEAR_STEP = {"tahun ini": 0, "tahun lalu": -1, "tahun depan": 1, "tahun mendatang": 1}


def _year_of(m) -> tuple[int | None, int | None]:
    """(explicit year, or None; step from the anchor's year, or None) of a _YEAR_AFTER match."""
    y = m.group("y1") or m.group("y2")
    step = _YEAR_STEP.get(_key((m.group("dir") or "")))
    return (int(y) if y else None), step


@rule("quarter", rf"{_B}(?P<k>kuartal|triwulan|semester|paruh)\s+(?P<o>{_ORDINAL})(?!\w){_YEAR_AFTER}{_E}")
def _quarter(m, text):
    k, o = m.group("k").lower(), V.ORDINALS[m.group("o").lower()]
    if k in ("semester", "paruh") and o > 2:
        return None
    y, step = _year_of(m)
    code = f"Q{o}" if k in ("kuartal", "triwulan") else f"H{o}"
    return Piece(m.start(), m.end(), kind="yearly", y=y, rel=("Y", step, "anchor") if step is not None else None,
                 value="-" + code)


@rule("quarter_now", rf"{_B}(?P<k>kuartal|triwulan|semester)\s+(?P<dir>ini|lalu|depan){_E}")
def _quarter_now(m, text):
    k, step = m.group("k").lower(), V.RELATIVE_DIRECTIONS[m.group("dir").lower()]
    return Piece(m.start(), m.end(), kind="yearly", value="Q" if k != "semester" else "H", rel=("P", step, "anchor"))


_HOLIDAYS = _alt(list(V.FIXED_HOLIDAYS) + list(V.LUNAR_HOLIDAYS))


@rule("holiday", rf"{_B}(?P<h>{_HOLIDAYS})(?:\s+ke-?\s*(?P<n>\d{{1,3}}))?(?:\s+\([A-Z][A-Za-z]{{2,11}}\))?(?![\w-])"
                 r"(?!\s+(?:Imlek|imlek|Islam|islam|Hijriah|hijriah|China|Cina))" + _YEAR_AFTER + r"(?![\w-])")
def _holiday(m, text):
    name = _key(m.group("h"))
    y, step = _year_of(m)
    if name == "hut ri" and m.group("n"):
        y = 1945 + int(m.group("n"))
    if name in V.LUNAR_HOLIDAYS:
        return Piece(m.start(), m.end(), kind="yearly", y=y, value=name,
                     rel=("Y", step, "anchor") if step is not None else None)
    mo, d = V.FIXED_HOLIDAYS[name]
    return Piece(m.start(), m.end(), kind="yearly", y=y, value=f"-{mo:02d}-{d:02d}",
                 rel=("Y", step, "anchor") if step is not None else None)


@rule("tropical_season", rf"{_B}(?:(?P<mod>{_MOD})\s+)?(?:(?P<s>{_alt(V.TROPICAL_SEASONS)})|(?<=\s)kemarau)(?![\w-])"
                         rf"{_YEAR_AFTER}(?![\w-])(?:\s+ini(?![\w-]))?")
def _tropical_season(m, text):
    """'musim kemarau 2019', 'awal musim hujan'; 'kemarau' alone only after a modifier."""
    if not m.group("s") and not m.group("mod"):
        return None
    y, step = _year_of(m)
    return Piece(m.start(), m.end(), kind="yearly", y=y, value="", mod=V.MODIFIERS.get((m.group("mod") or "").lower()),
                 rel=("Y", step, "anchor") if step is not None else None)


def _roman(numeral: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10}
    total, last = 0, 0
    for ch in reversed(numeral.upper()):
        v = values[ch]
        total, last = (total - v, last) if v < last else (total + v, v)
    return total or None


_COMPILED = [(name, re.compile(p, flags), fn) for name, p, flags, fn in RULES]

# Every rule starts with a digit, "(" or one of these words. Rules are tried only where one
# of them starts, which is what keeps the tagger fast; a test checks nothing is lost.
_FIRST_WORDS = {
    *V.MONTHS, *V.MONTH_ABBREVIATIONS, *(w.lower() for w in V.WEEKDAYS), *V.MODIFIERS,
    *V.NUMBER_WORDS, *V.SE_UNITS, *V.VAGUE_NUMBERS, *(w.split()[0] for w in V.RELATIVE_DAYS),
    *(w.split()[0] for ws in V.REFERENCES.values() for w in ws), *(w.split()[0] for w in _APPROX),
    *(w.split()[0] for w in V.SEASONS),
    "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "pukul", "jam", "pkl",
    "bulan", "tahun", "pekan", "minggu", "hari", "pada", "sejak", "hingga", "sampai", "selama",
    "per", "tadi", "nanti", "semalam", "pagi", "siang", "sore", "petang", "malam", "setiap", "tiap",
    "saban", "akhir", "abad", "kuartal", "triwulan", "semester", "paruh", "dulu", "dulunya", "dahulu",
    "dahulunya", "tanggal", "tgl", "sekira", "kira", "kurang", "hampir", "lebih", "hut", "periode",
    *(w.split()[0] for w in V.STORY_DAYS), *(w.split()[0] for w in V.VAGUE_DURATIONS),
    *(w.split()[0] for w in V.FIXED_HOLIDAYS), *(w.split()[0] for w in V.LUNAR_HOLIDAYS),
    *(w.split()[0] for w in V.TROPICAL_SEASONS),
}
_TRIGGER = re.compile(rf"(?<![\w-])(?:\d|\(|(?:{trie_pattern({w.lower() for w in _FIRST_WORDS})})(?![\w]))",
                      re.IGNORECASE)

# -- step 2: choose and merge -----------------------------------------------------------------

_JOIN = re.compile(r"^\s*,?\s*(?:pada\s+|sekitar\s+|,\s*)?$")


def _matches(text: str, pattern: re.Pattern, starts: list[int]):
    for pos in starts:
        m = pattern.match(text, pos)
        if m:
            yield m


def _candidates(text: str, full_scan: bool = False) -> list[Piece]:
    found: list[tuple[int, int, Piece]] = []
    starts = [m.start() for m in _TRIGGER.finditer(text)]
    for order, (_, pattern, build) in enumerate(_COMPILED):
        for m in pattern.finditer(text) if full_scan else _matches(text, pattern, starts):
            piece = build(m, text)
            if piece is not None and piece.end > piece.start:
                found.append((order, piece.end - piece.start, piece))
    # Longest first, then rule order; keep what does not overlap a kept piece.
    found.sort(key=lambda f: (-f[1], f[0]))
    taken: list[Piece] = []
    for _, _, piece in found:
        if all(piece.end <= t.start or piece.start >= t.end for t in taken):
            taken.append(piece)
    return sorted(taken, key=lambda p: p.start)


def _mergeable(a: Piece, b: Piece, text: str) -> bool:
    if a.kind != "point" or b.kind != "point" or not _JOIN.match(text[a.end:b.start]):
        return False
    if "\n" in text[a.end:b.start]:
        return False
    if "," in text[a.end:b.start] and "rel" in a.fields:
        return False  # "hari ini, tanggal 16 September": an apposition, two expressions
    # Only day-sized points join: "tahun ini, 15 September" is a list, not one date.
    if any(x.rel and x.rel[0] != "D" or {"month", "year"} & x.fields for x in (a, b)):
        return False
    if "clock" in b.fields and b.mod:
        return False  # "Senin (16/9/2019), sekitar pukul 11.00": the modifier is the clock's alone
    clash = {"date", "clock", "rel"} & a.fields & b.fields
    if clash or ("dow" in a.fields and "dow" in b.fields):
        return False
    # A weekday or relative day joins an explicit date; a clock or a part of day joins anything.
    return bool(({"clock"} & (a.fields | b.fields)) or ({"date"} & (a.fields | b.fields))
                or (b.pod and not a.pod))


def _merge(a: Piece, b: Piece) -> Piece:
    out = replace(a, end=b.end, fields=a.fields | b.fields)
    for name in ("y", "m", "d", "dow", "dow_dir", "pod", "hh", "mm", "tz", "mod"):
        if getattr(out, name) is None and getattr(b, name) is not None:
            setattr(out, name, getattr(b, name))
    if out.rel is None or "date" in b.fields:
        out.rel = b.rel if "date" not in b.fields else None
    if "date" in b.fields:
        out.y, out.m, out.d = b.y, b.m, b.d
    return out


_WEEKLY = re.compile(r"^XXXX-WXX-\d$")


def _group(pieces: list[Piece], text: str) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        last = out[-1] if out else None
        if (last is not None and last.type == "SET" and _WEEKLY.match(last.value or "") and piece.fields == {"clock"}
                and piece.hh is not None and _JOIN.match(text[last.end:piece.start])):
            # "setiap Sabtu, pukul 08.00 WIB": one SET, at that time each week
            out[-1] = replace(last, end=piece.end, value=f"{last.value}T{piece.hh % 24:02d}:{piece.mm or 0:02d}")
        elif out and _mergeable(out[-1], piece, text):
            out[-1] = _merge(out[-1], piece)
        else:
            out.append(piece)
    return out


# -- step 3: normalise ------------------------------------------------------------------------

def year_value(y: int, digits: int = 4) -> str:
    """A year (or its first ``digits``: decade 3, century 2) as TIMEX3 writes it: ``BC`` before
    year 1, FUTURE_REF past 9999 (TIMEX3 years have four digits)."""
    if y < 1:
        return "BC" + f"{1 - y:04d}"[:digits]  # astronomical year 0 is 1 BC
    if y > 9999:
        return "FUTURE_REF"
    return f"{y:04d}"[:digits]


def _week(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _add_months(day: dt.date, months: int) -> tuple[int, int]:
    total = day.year * 12 + day.month - 1 + months
    return total // 12, total % 12 + 1


AHEAD_DAYS = 120  # a yearless date or month further ahead than this is read as the past one


def _infer_year(m: int, d: int, dow: int | None, anchor: dt.date) -> int | None:
    """The year of 'Senin, 6 Februari': the one whose weekday fits, else the nearest, but not
    one more than AHEAD_DAYS ahead where a past one exists (news mostly reports)."""
    options = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            day = dt.date(y, m, d)
        except ValueError:
            continue
        if dow is None or day.isoweekday() == dow:
            ahead = (day - anchor).days
            options.append((abs(ahead) if ahead <= AHEAD_DAYS else abs(ahead) + 10_000, y))
    if not options and dow is not None:
        return _infer_year(m, d, None, anchor)
    return min(options)[1] if options else None


def _mistyped_month(day: dt.date, dow: int | None, anchor: dt.date | None) -> dt.date:
    """'Senin (16/8/2019)' in a story published Monday 16 September: a slip of the month. The
    day of the month is taken in the publication's month when only there it falls on the
    weekday written beside it, within a week of the publication; otherwise the date as written."""
    if dow is None or anchor is None or day.isoweekday() == dow or abs((day - anchor).days) <= 7:
        return day
    try:
        moved = anchor.replace(day=day.day)
    except ValueError:
        return day
    return moved if moved.isoweekday() == dow and abs((moved - anchor).days) <= 7 else day


def _weekday_date(dow: int, direction: int | None, anchor: dt.date) -> dt.date:
    today = anchor.isoweekday()
    if direction == 1:
        return anchor + dt.timedelta(days=(dow - today) % 7 or 7)
    if direction == -1:
        return anchor - dt.timedelta(days=(today - dow) % 7 or 7)
    if direction == 0:
        return anchor + dt.timedelta(days=dow - today)
    return anchor - dt.timedelta(days=(today - dow) % 7)  # news: the latest one on or before


def _time_suffix(p: Piece) -> str:
    if p.hh is not None:
        return f"T{p.hh:02d}:{p.mm:02d}"
    return f"T{p.pod}" if p.pod else ""


def _resolve_point(p: Piece, anchor: dt.date | None, ref: dt.date | None,
                   known_days: dict[int, dt.date]) -> tuple[str, str, dt.date | None]:
    """(type, value, the date it names, or its first day, or None)."""
    kind = "TIME" if (p.hh is not None or p.pod) else "DATE"
    day: dt.date | None = None
    if p.y and p.m and p.d:
        try:
            day = dt.date(p.y, p.m, p.d)
        except ValueError:
            return "DATE", f"{p.y:04d}-{p.m:02d}-{p.d:02d}", None
        day = _mistyped_month(day, p.dow, anchor)
    elif p.m and p.d:
        # The story's current year when the text has moved to another ("11-30 Juni 2009 ... 1 Juli").
        base = ref if ref is not None and anchor is not None and ref.year != anchor.year else anchor
        y = _infer_year(p.m, p.d, p.dow, base) if base else None
        if y is None:
            return kind, f"XXXX-{p.m:02d}-{p.d:02d}" + _time_suffix(p), None
        day = dt.date(y, p.m, p.d)
    elif p.y and p.m:
        return "DATE", f"{p.y:04d}-{p.m:02d}", dt.date(p.y, p.m, 1)
    elif p.m and not p.d and p.rel and p.rel[0] == "Y":  # "September tahun lalu"
        if anchor is None:
            return "DATE", f"XXXX-{p.m:02d}", None
        y = anchor.year + p.rel[1]
        return "DATE", f"{y:04d}-{p.m:02d}", dt.date(y, p.m, 1)
    elif p.m and p.rel and p.rel[0] == "MONTHNAME":
        if anchor is None:
            return "DATE", f"XXXX-{p.m:02d}", None
        step, y = p.rel[1], anchor.year
        if step is None:  # the nearest such month, not one more than four months ahead (AHEAD_DAYS)
            y = min((abs(gap) + (10_000 if gap > AHEAD_DAYS // 30 else 0), yy)
                    for yy in (y - 1, y, y + 1)
                    for gap in [(yy * 12 + p.m) - (anchor.year * 12 + anchor.month)])[1]
        elif step < 0 and p.m >= anchor.month:
            y -= 1
        elif step > 0 and p.m < anchor.month:
            y += 1
        return "DATE", f"{y:04d}-{p.m:02d}", dt.date(y, p.m, 1)
    elif p.y and p.kind == "point":
        return "DATE", f"{p.y:04d}", dt.date(p.y, 1, 1)
    elif p.dow:
        if anchor is None:
            return kind, f"XXXX-WXX-{p.dow}" + _time_suffix(p), None
        # A weekday the article dates elsewhere ("Kamis (27/11)") is that day.
        day = known_days.get(p.dow) if p.dow_dir is None else None
        day = day or _weekday_date(p.dow, p.dow_dir, anchor)
    elif p.rel:
        unit, n, base = p.rel
        start = (ref or anchor) if base == "ref" else anchor
        if start is None:
            blank = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX",
                     "DE": "XXX", "CE": "XX"}[unit]
            return kind, blank + ("-WE" if p.weekend else "") + _time_suffix(p), None
        if n == "near":  # a bare "akhir pekan": the weekend nearest the anchor, the past one on a tie
            wd = start.isoweekday()
            saturday = start - dt.timedelta(days=wd - 6) if wd >= 6 else start + dt.timedelta(days=6 - wd)
            if wd < 6 and (saturday - start).days >= wd:  # last Sunday is wd days back
                saturday -= dt.timedelta(days=7)
            return "DATE", _week(saturday) + "-WE", None
        n_int = int(n)
        if unit == "D":
            day = start + dt.timedelta(days=n_int)
        elif unit == "W":
            return "DATE", _week(start + dt.timedelta(weeks=n_int)) + ("-WE" if p.weekend else ""), None
        elif unit == "M":
            y, mo = _add_months(start, n_int)
            return "DATE", f"{y:04d}-{mo:02d}", None
        elif unit == "Y":
            y = start.year + n_int
            return "DATE", year_value(y), dt.date(y, 1, 1) if 1 <= y <= 9999 else None
        elif unit == "DE":
            return "DATE", year_value(start.year + 10 * n_int, 3), None
        else:
            return "DATE", year_value(start.year + 100 * n_int, 2), None
    elif p.hh is not None or p.pod:
        day = ref or anchor
        if day is None:
            return kind, "XXXX-XX-XX" + _time_suffix(p), None
    else:
        return "DATE", "XXXX-XX-XX", None
    return kind, day.isoformat() + _time_suffix(p), day


def _dated_weekdays(pieces: list[Piece], anchor: dt.date | None) -> dict[int, dt.date]:
    """Weekdays given with a full date within a week of the anchor: {ISO weekday: date}."""
    known: dict[int, dt.date] = {}
    if anchor is None:
        return known
    for p in pieces:
        if p.kind == "point" and p.y and p.m and p.d:
            try:
                day = dt.date(p.y, p.m, p.d)
            except ValueError:
                continue
            if abs((day - anchor).days) <= 7:
                known.setdefault(day.isoweekday(), day)
    return known


def _yearly(p: Piece, anchor: dt.date | None) -> str:
    """Quarters, halves, holidays and seasons: the year given, or the anchor's (moved by 'tahun
    lalu'), or for a holiday without a year its occurrence nearest the anchor."""
    if p.rel and p.rel[0] == "P":  # "kuartal ini", "semester lalu"
        if anchor is None:
            return "XXXX-" + p.value + "X"
        size = 3 if p.value == "Q" else 6
        index = (anchor.year * 12 + anchor.month - 1) // size + p.rel[1]
        return f"{index * size // 12:04d}-{p.value}{index % (12 // size) + 1}"
    year = p.y
    if year is None and p.rel is not None and anchor is not None:
        year = anchor.year + p.rel[1]
    lunar = V.LUNAR_HOLIDAYS.get(p.value)
    if year is None and anchor is not None and (lunar or p.value.count("-") == 2):
        days = []
        for y in (anchor.year - 1, anchor.year, anchor.year + 1):
            stamp = f"{y}-{lunar[y]}" if lunar and y in lunar else (f"{y}{p.value}" if not lunar else None)
            if stamp:
                days.append((abs((dt.date.fromisoformat(stamp) - anchor).days), stamp))
        return min(days)[1] if days else "XXXX-XX-XX"
    if year is None:
        year = anchor.year if anchor is not None and not lunar else None
    if year is None:
        return "XXXX" + ("-XX-XX" if lunar else p.value)
    if lunar:
        return f"{year:04d}-{lunar[year]}" if year in lunar else f"{year:04d}"
    return f"{year:04d}{p.value}"


def _later(p: Piece, ref_time: dt.datetime | None, last_named: str | None) -> tuple[str, str]:
    """'dua jam kemudian' from the clock time named last. After only a part of the day ('Senin
    pagi … 30 menit kemudian') it is still that part of that day; with no time, a duration."""
    part_of_day = last_named if last_named and re.search(r"T(?:MO|MI|AF|EV|NI)$", last_named) else None
    if p.value is None:  # "beberapa saat kemudian": no amount to move by
        if ref_time is not None:
            return "TIME", ref_time.strftime("%Y-%m-%dT%H:%M")
        return ("TIME", part_of_day) if part_of_day else ("DURATION", p.type)
    if ref_time is None:
        return ("TIME", part_of_day) if part_of_day else ("DURATION", p.type)
    moved = ref_time + dt.timedelta(minutes=float(p.value))
    return "TIME", moved.strftime("%Y-%m-%dT%H:%M")


def _beyond(p: Piece) -> str:
    """The value of a point too far back or ahead for the calendar ("100.000 hari lalu")."""
    if p.rel:
        return "PAST_REF" if p.rel[1] < 0 else "FUTURE_REF"
    return "XXXX-XX-XX"


# What introduces the day a source spoke: a speech verb or an interview, then only its
# complements ("kata Kapolres X kepada wartawan, ") before the date.
_REPORTED = re.compile(r"(?<![\w-])(?:kata|ujar|ucap|ungkap|jelas|terang|tutur|tegas|imbuh|papar|katanya|ujarnya|"
                       r"ucapnya|ungkapnya|jelasnya|terangnya|tuturnya|tegasnya|imbuhnya|paparnya|"
                       r"(?:saat|ketika|usai|seusai)\s+(?:dihubungi|ditemui|dikonfirmasi|dimintai\s+keterangan))"
                       r"(?![\w-])[^.!?\n\"“”]{0,80}?(?:,\s*|\s+)(?:pada\s+)?$", re.IGNORECASE)
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2}(?:T[\d:A-Z]+)?)?)?$")


def find_times(text: str, published: str | None = None) -> list[TimeExpr]:
    """Every time expression in ``text``, normalised against ``published`` (YYYY-MM-DD)."""
    anchor = dt.date.fromisoformat(published) if published else None
    ref: dt.date | None = None
    ref_time: dt.datetime | None = None  # the clock time named last, for "dua jam kemudian"
    last_named: str | None = None  # the calendar value named last, for "saat itu"
    out: list[TimeExpr] = []
    pieces = _group(_candidates(text), text)
    known_days = _dated_weekdays(pieces, anchor)
    for p in pieces:
        if p.kind == "value":
            kind, value = p.type, p.value
        elif p.kind == "yearly":
            kind, value = "DATE", _yearly(p, anchor)
        elif p.kind == "later":
            kind, value = _later(p, ref_time, last_named)
        elif p.kind == "then":  # "saat itu": the last time the story named, else some time past
            kind, value = ("TIME" if "T" in last_named else "DATE", last_named) if last_named else ("DATE", "PAST_REF")
        elif p.kind == "season":
            year = p.y or (anchor.year + (p.rel[1] if p.rel else 0) if anchor else None)
            kind, value = "DATE", f"{year:04d}-{p.value}" if year else f"XXXX-{p.value}"
        else:
            try:
                kind, value, day = _resolve_point(p, anchor, ref, known_days)
            except (ValueError, OverflowError):  # a date past the calendar's ends
                kind, value, day = "DATE", _beyond(p), None
            # A day ahead of the publication is a plan ("tiba Senin besok"), and the day a source
            # spoke ("kata Sukma kepada wartawan, Minggu (15/9/2019)") is when it was told: neither
            # is where the story is.
            told = ref is not None and _REPORTED.search(text, max(0, p.start - 90), p.start) is not None
            if told and day is not None:  # (with no story day yet, the day told is the best there is)
                out.append(TimeExpr(start=p.start, end=p.end, text=text[p.start:p.end], type=kind,
                                    value=value, mod=p.mod, zone=p.tz))
                continue
            if day is not None and re.match(r"\d{4}-\d{2}-\d{2}", value) and not (anchor and day > anchor):
                ref = day  # the story's current day: only a day moves it, not "2005" or "Mei"
                if p.hh is not None:
                    ref_time = dt.datetime(day.year, day.month, day.day, p.hh % 24, p.mm or 0)
        out.append(TimeExpr(start=p.start, end=p.end, text=text[p.start:p.end], type=kind,
                            value=value, mod=p.mod, zone=p.tz))
        if kind in ("DATE", "TIME") and value and _CALENDAR.match(value):
            last_named = value
    return out
