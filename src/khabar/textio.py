"""Reading untrusted input for the CLI: one clear error for each way it can be wrong.

>>> check_published("2025-06-25T10:00:00+03:30")
'2025-06-25T10:00:00+03:30'
>>> check_published("1404-04-04")  # a Jalali date is converted, never read as the year 1404
'2025-06-25'
>>> check_published("yesterday")  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
khabar.errors.InputError: ...

Publication times follow the one rule of :func:`khabar.reader.dates.check_published`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khabar.errors import InputError
from khabar.reader.dates import check_published

#: one article larger than this is almost certainly not an article
MAX_ARTICLE_BYTES = 20 * 1024 * 1024


def decode(data: bytes, source: str) -> str:
    """UTF-8 text from bytes, refusing binary data and other encodings with a fix."""
    if b"\x00" in data[:65536]:
        raise InputError(f"{source} looks binary (it contains NUL bytes); give khabar UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            f"{source} is not UTF-8 (bad byte at offset {e.start}); convert it, e.g. "
            f"`iconv -f WINDOWS-1256 -t UTF-8 {source}`"
        ) from e
    return text


def read_input(path: str, *, max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    """Read a file (or ``-`` for stdin) as one article's text."""
    source = "standard input" if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            p = Path(path)
            if p.is_dir():
                raise InputError(f"{path} is a directory; give one article file (or use `khabar batch`)")
            with p.open("rb") as f:
                data = f.read(max_bytes + 1)
    except FileNotFoundError as e:
        raise InputError(f"{path}: no such file") from e
    if len(data) > max_bytes:
        raise InputError(
            f"{source} is larger than {max_bytes // (1024 * 1024)} MB, too large for one article; "
            "split it, or process a corpus with `khabar batch`"
        )
    text = decode(data, source)
    if not text.strip():
        raise InputError(f"{source} is empty; give the text of a Persian news article")
    return text


@dataclass(frozen=True)
class Record:
    """One JSON-lines input record, or the reason it could not be read."""

    line: int
    id: str
    text: str | None
    published: str | None
    error: str | None = None
    extra: dict[str, Any] | None = None


def parse_record(line: str, n: int) -> Record:
    """Parse one JSON line with the rules of :func:`khabar.reader.to_record`; never raises.

    The same fields, id, text (title before body) and date rule as ``khabar ingest``
    and ``khabar batch``; a record without an id of its own is ``line-N``.
    """
    from khabar.reader.records import Record as Article
    from khabar.reader.records import to_record

    fallback = f"line-{n}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return Record(n, fallback, None, None, f"invalid JSON ({e.msg} at column {e.colno})")
    if not isinstance(obj, dict):
        return Record(n, fallback, None, None,
                      f"a record must be a JSON object with 'text', not {type(obj).__name__}")
    out = to_record(obj, fallback)
    if not isinstance(out, Article):
        return Record(n, out[0], None, None, out[1])
    return Record(n, out.id, out.text, out.published, None, out.meta)


def read_jsonl(stream: Any) -> Iterator[Record]:
    for n, line in enumerate(stream, 1):
        if line.strip():
            yield parse_record(line, n)


__all__ = ["MAX_ARTICLE_BYTES", "Record", "check_published", "decode", "parse_record", "read_input",
           "read_jsonl"]
