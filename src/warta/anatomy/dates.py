"""Publication dates: normalising given values and reading visible date lines."""
from __future__ import annotations

import datetime as dt
import re

from .patterns import DATE_LINE, DAY_MON_YEAR, MONTH_FIRST, MONTHS

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def date_from_line(line: str) -> str | None:
    """'Jumat, 15 September 2023 14:30 WIB' -> '2023-09-15'; None if the line is not a date."""
    m = DATE_LINE.match(line)
    if not m:
        return None
    if m.group("d"):
        return _valid(int(m.group("y")), MONTHS[m.group("m").lower()], int(m.group("d")))
    return _valid(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))


def normalise_published(value: str | None) -> str | None:
    """An ISO date from an ISO date/datetime or an Indonesian date; ValueError if unreadable."""
    if value is None or not str(value).strip():
        return None
    value = str(value)
    m = _ISO.match(value)
    found = _valid(*map(int, m.groups())) if m else date_from_line(value) or _metadata_date(value)
    if found is None:
        raise ValueError(f"cannot read {value!r} as a date (use YYYY-MM-DD)")
    return found


def _metadata_date(value: str) -> str | None:
    m = MONTH_FIRST.match(value) or DAY_MON_YEAR.match(value)
    if not m:
        return None
    year = int(m.group("y"))
    if year < 100:  # "10-Sep-19"
        year += 2000 if year < 70 else 1900
    return _valid(year, MONTHS[m.group("m").lower()], int(m.group("d")))
