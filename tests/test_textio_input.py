"""Untrusted input gets one clear error, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.errors import InputError
from khabar.textio import check_published, parse_record, read_input


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),  # why: an empty file is no article
        (b"   \n\t", "empty"),  # why: whitespace only is empty too
        (b"\x00\x01\x02binary", "binary"),  # why: NUL bytes mean a binary file
        ("خبر".encode("cp1256"), "not UTF-8"),  # why: legacy Windows-1256 Persian must be converted
    ],
)
def test_textio_read_input_refuses_bad_files(tmp_path: Path, data: bytes, message: str) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_input(str(f))


def test_textio_read_input_refuses_huge(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_bytes("خ".encode() * 600)
    with pytest.raises(InputError, match="larger than"):
        read_input(str(f), max_bytes=1000)


def test_textio_missing_file() -> None:
    with pytest.raises(InputError, match="no such file"):
        read_input("/nonexistent/file.txt")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-06-25T10:00:00+03:30", "2025-06-25T10:00:00+03:30"),  # why: the contract's form, kept as written
        ("2025-06-25", "2025-06-25"),  # why: a date alone is enough
        (None, None),  # why: unknown publication time is allowed
        ("1404-04-04", "2025-06-25"),  # why: a Jalali date is converted, never read as the year 1404
        ("۱۴۰۴/۰۴/۰۴ 10:00", "2025-06-25 10:00"),  # why: Persian digits, slashes and a time are fine
        ("1404-12-30", InputError),  # why: Esfand 1404 has 29 days; an impossible Jalali day is refused
        ("yesterday", InputError),  # why: not a date
        ("2025-13-01", InputError),  # why: impossible month
        ("25/06/2025", InputError),  # why: day-first dates are ambiguous, not guessed
    ],
)
def test_textio_check_published(value: str | None, expected: str | None | type[InputError]) -> None:
    if expected is InputError:
        with pytest.raises(InputError):
            check_published(value)
    else:
        assert check_published(value) == expected


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ('{"id": "a", "text": "خبر"}', None),  # why: minimal good record
        ('{"id": "a", "text": ""}', "empty"),  # why: empty text is recorded, not analyzed
        ("{not json", "invalid JSON"),  # why: malformed JSON is recorded with the line's id
        ('["x"]', "JSON object"),  # why: a list is not a record
        ('{"text": "خبر", "published": "soon"}', "ISO 8601"),  # why: bad dates are caught per record
    ],
)
def test_textio_parse_record(line: str, error: str | None) -> None:
    rec = parse_record(line, 7)
    if error is None:
        assert rec.error is None and rec.text == "خبر"
    else:
        assert rec.error is not None and error in rec.error and rec.id
