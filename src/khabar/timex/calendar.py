"""Calendar arithmetic on top of jdatetime and hijridate (no hand-written tables).

Every function returns ``None`` for a date that does not exist («۳۰ اسفند» in
a common year, «۴۰ مهر», year 99999) instead of raising.

>>> jalali_date(1404, 4, 2)
datetime.date(2025, 6, 23)
>>> jalali_date(1404, 12, 30) is None
True
>>> render_jalali("2025-06-14/2025-06-20")
'1404-03-24/1404-03-30'
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import jdatetime
from hijridate import Gregorian, Hijri

#: Said in the ``note`` of every value computed from a lunar Hijri date.
HIJRI_NOTE = (
    "Hijri date converted with the Umm al-Qura calendar (hijridate); the month "
    "start observed in Iran may differ by ±1 day"
)


@lru_cache(maxsize=4096)
def jalali_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return jdatetime.date(y, m, d).togregorian()
    except (ValueError, OverflowError, TypeError):
        return None


def gregorian_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except (ValueError, OverflowError, TypeError):
        return None


@lru_cache(maxsize=4096)
def hijri_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        g = Hijri(y, m, d).to_gregorian()
        return dt.date(g.year, g.month, g.day)
    except (ValueError, OverflowError, TypeError):
        return None


@lru_cache(maxsize=4096)
def to_jalali(d: dt.date) -> jdatetime.date:
    # jdatetime conversions cost ~0.1 ms; articles repeat the same few dates
    return jdatetime.date.fromgregorian(date=d)


@lru_cache(maxsize=4096)
def to_hijri(d: dt.date) -> tuple[int, int, int] | None:
    try:
        h = Gregorian(d.year, d.month, d.day).to_hijri()
        return h.year, h.month, h.day
    except (ValueError, OverflowError):
        return None


def date_in(cal: str, y: int, m: int, d: int) -> dt.date | None:
    """The Gregorian date of day ``d`` of month ``m`` of year ``y`` in ``cal``."""
    if cal == "jalali":
        return jalali_date(y, m, d)
    if cal == "hijri":
        return hijri_date(y, m, d)
    return gregorian_date(y, m, d)


def month_span(cal: str, y: int, m: int) -> tuple[dt.date, dt.date] | None:
    """First and last Gregorian day of a month of ``cal``."""
    first = date_in(cal, y, m, 1)
    if first is None:
        return None
    ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
    nxt = date_in(cal, ny, nm, 1)
    if nxt is None:
        return None
    return first, nxt - dt.timedelta(days=1)


def year_span(cal: str, y: int) -> tuple[dt.date, dt.date] | None:
    first = date_in(cal, y, 1, 1)
    nxt = date_in(cal, y + 1, 1, 1)
    if first is None or nxt is None:
        return None
    return first, nxt - dt.timedelta(days=1)


def year_of(cal: str, d: dt.date) -> int:
    if cal == "jalali":
        return int(to_jalali(d).year)
    if cal == "hijri":
        h = to_hijri(d)
        return h[0] if h else 0
    return d.year


def month_of(cal: str, d: dt.date) -> tuple[int, int]:
    if cal == "jalali":
        j = to_jalali(d)
        return int(j.year), int(j.month)
    if cal == "hijri":
        h = to_hijri(d)
        return (h[0], h[1]) if h else (0, 0)
    return d.year, d.month


def shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def week_start(d: dt.date) -> dt.date:
    """The Saturday that opens the Iranian week of ``d``."""
    return d - dt.timedelta(days=(d.weekday() + 2) % 7)


def iran_weekday(d: dt.date) -> int:
    """0 for Saturday … 6 for Friday."""
    return (d.weekday() + 2) % 7


def span(a: dt.date, b: dt.date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}"


def _render_one(v: str) -> str | None:
    try:
        if len(v) >= 10 and v[4] == "-" and v[7] == "-":
            d = dt.date.fromisoformat(v[:10])
            return _iso(d) + v[10:]
        if len(v) == 7 and v[4] == "-":
            ms = month_span("gregorian", int(v[:4]), int(v[5:]))
            return None if ms is None else _render_span(*ms)
        if len(v) == 4 and v.isdigit():
            ys = year_span("gregorian", int(v))
            return None if ys is None else _render_span(*ys)
    except (ValueError, OverflowError):
        return None
    return None


def _iso(d: dt.date) -> str:
    """The Jalali ISO date of a Gregorian date (jdatetime's strftime is slow)."""
    j = to_jalali(d)
    return f"{j.year:04d}-{j.month:02d}-{j.day:02d}"


def _render_span(a: dt.date, b: dt.date) -> str:
    return f"{_iso(a)}/{_iso(b)}"


def render_jalali(value: str | None) -> str | None:
    """The Jalali rendering of a TIMEX3 date, datetime, month, year or interval value."""
    if not value or value[0] in "PXT" or value.endswith("_REF"):
        return None
    if "/" in value:
        a, _, b = value.partition("/")
        ra, rb = _render_one(a), _render_one(b)
        if ra is None or rb is None:
            return None
        return f"{ra.split('/')[0]}/{rb.split('/')[-1]}"
    return _render_one(value)
