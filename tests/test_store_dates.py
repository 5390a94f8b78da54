"""Date filters accept Jalali or Gregorian input."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.errors import InputError
from khabar.store.dates import iso_day, jalali, parse_date


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1404-04-02", dt.date(2025, 6, 23)),  # Jalali year (< 1700)
        ("2025-06-23", dt.date(2025, 6, 23)),  # Gregorian
        ("۱۴۰۴/۰۴/۰۲", dt.date(2025, 6, 23)),  # Persian digits and slashes
        ("1403-12-30", dt.date(2025, 3, 20)),  # Jalali leap-year Esfand 30
        ("1404-1-1", dt.date(2025, 3, 21)),  # one-digit month and day
    ],
)
def test_store_dates_parse(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2025-02-30",  # no such Gregorian day
        "1404-13-01",  # no 13th Jalali month
        "tomorrow",  # not a date
        "2025-06-23'; --",  # injection attempt
        "",
    ],
)
def test_store_dates_reject(text: str) -> None:
    with pytest.raises(InputError):
        parse_date(text)


def test_store_dates_helpers() -> None:
    assert iso_day("2025-06-23T23:30:00+03:30") == "2025-06-23"  # local date as written
    assert iso_day("P1W") is None
    assert jalali("2025-03-21") == "1404-01-01"
