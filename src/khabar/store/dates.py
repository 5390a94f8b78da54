"""Dates as users type them: Jalali ``1404-04-02`` or Gregorian ``2025-06-23``.

Filters accept either calendar; the store keeps Gregorian ISO dates. A year
below 1700 is read as Jalali (Jalali years are ~621 lower than Gregorian ones,
so the two ranges never meet for news). Persian and Arabic-Indic digits and
``/`` separators are accepted.

>>> parse_date("1404-04-02")
datetime.date(2025, 6, 23)
>>> parse_date("۱۴۰۴/۰۴/۰۲")
datetime.date(2025, 6, 23)
>>> parse_date("2025-06-23")
datetime.date(2025, 6, 23)
>>> jalali("2025-06-23")
'1404-04-02'
"""

from __future__ import annotations

import datetime as dt
import re

import jdatetime

from khabar.errors import InputError

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_DATE = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})\s*$")
_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")

#: Years below this are Jalali.
JALALI_BELOW = 1700

_FA_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)


def parse_date(text: str) -> dt.date:
    """A Jalali or Gregorian ``YYYY-MM-DD`` as a Gregorian date; :class:`InputError` if invalid."""
    m = _DATE.match(text.translate(_DIGITS))
    if not m:
        raise InputError(f"date {text!r} is not YYYY-MM-DD (Jalali like 1404-04-02 or Gregorian)")
    y, mo, d = (int(g) for g in m.groups())
    try:
        if y < JALALI_BELOW:
            return jdatetime.date(y, mo, d).togregorian()
        return dt.date(y, mo, d)
    except ValueError as e:
        raise InputError(f"date {text!r} does not exist: {e}") from e


def iso_day(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` a timestamp or TIMEX value starts with, or None.

    >>> iso_day("2025-06-25T09:30:00+03:30"), iso_day("2025-06"), iso_day(None)
    ('2025-06-25', None, None)
    """
    if not value:
        return None
    m = _ISO_PREFIX.match(value)
    if not m:
        return None
    try:
        return dt.date(*(int(g) for g in m.groups())).isoformat()
    except ValueError:
        return None


def jalali(day: str | None) -> str | None:
    """The Jalali ``YYYY-MM-DD`` of a Gregorian ISO day (None passes through)."""
    iso = iso_day(day)
    if iso is None:
        return None
    g = dt.date.fromisoformat(iso)
    return jdatetime.date.fromgregorian(date=g).strftime("%Y-%m-%d")


def jalali_long(day: str | None) -> str | None:
    """A readable Jalali date, e.g. ``۲ تیر ۱۴۰۴``.

    >>> jalali_long("2025-06-23")
    '۲ تیر ۱۴۰۴'
    """
    iso = iso_day(day)
    if iso is None:
        return None
    j = jdatetime.date.fromgregorian(date=dt.date.fromisoformat(iso))
    fa = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    return f"{str(j.day).translate(fa)} {_FA_MONTHS[j.month - 1]} {str(j.year).translate(fa)}"
