"""The one rule for a record's publication time, used by every reader and shell.

:func:`check_published` accepts what news sources write and returns a
Gregorian ISO 8601 string, or ``None`` when the record gives no time:

* ISO 8601 (Gregorian), kept as written: ``2025-06-25T10:00:00+03:30``, ``2025-06-25``;
* a Jalali date, with or without a time: a year below 1700 is Jalali (the two
  calendars' news years never meet), so ``1404-04-04`` is 2025-06-25, never
  the year 1404 of the Common Era; ``/`` separators and Persian digits are fine;
* an RFC 822 date, as RSS feeds write it.

Anything else raises :class:`~khabar.errors.InputError` (a ``ValueError``)
saying what to give instead: a bad date is the record's failure, never
silently dropped. A record without a date of its own may still get one from
its URL (:func:`khabar.sources.published_from_url`); that is the caller's
second step, see :mod:`khabar.reader.records`.

>>> check_published("2025-06-25T10:00:00+03:30")
'2025-06-25T10:00:00+03:30'
>>> check_published("۱۴۰۴/۰۴/۰۴")
'2025-06-25'
>>> check_published("1404-04-04T10:00:00+03:30")
'2025-06-25T10:00:00+03:30'
>>> check_published("Wed, 25 Jun 2025 06:30:00 GMT")
'2025-06-25T06:30:00+00:00'
>>> check_published(None) is None
True
>>> published_or_none("soon") is None
True
"""

from __future__ import annotations

import email.utils
import re
from datetime import datetime
from typing import Any

import jdatetime

from khabar.errors import InputError
from khabar.store.dates import JALALI_BELOW

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
#: a leading year-month-day, followed by nothing or by a time
_YMD = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?=$|[T ])")
_HINT = "give ISO 8601 (2025-06-25T10:00:00+03:30), a Jalali date (1404-04-04) or an RFC 822 date"


def _gregorian_prefix(s: str) -> str:
    """``s`` with a leading Jalali or slash-separated date rewritten as a Gregorian ISO day."""
    m = _YMD.match(s)
    if not m:
        return s
    y, mo, d = (int(g) for g in m.groups())
    if y >= JALALI_BELOW:
        return f"{y:04d}-{mo:02d}-{d:02d}{s[m.end():]}"
    try:
        day = jdatetime.date(y, mo, d).togregorian()
    except ValueError as e:
        raise InputError(f"published time {s!r}: Jalali date {m.group(0)} does not exist ({e})") from e
    return day.isoformat() + s[m.end():]


def check_published(value: Any) -> str | None:
    """The Gregorian ISO 8601 publication time ``value`` gives; ``None`` for none.

    Raises :class:`InputError` for a value that is not a readable date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise InputError(f"published time must be a string, not {type(value).__name__}; {_HINT}")
    s = _gregorian_prefix(value.strip().translate(_DIGITS))
    try:
        datetime.fromisoformat(s)
    except ValueError:
        pass
    else:
        return s
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        raise InputError(f"published time {value!r} is not a date; {_HINT}") from None


def published_or_none(value: Any) -> str | None:
    """:func:`check_published`, with ``None`` for an unreadable value (for callers that
    report the problem their own way, such as the HTTP API's 422)."""
    try:
        return check_published(value)
    except InputError:
        return None
