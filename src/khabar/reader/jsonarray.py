"""Decode a JSON array one value at a time, with a bounded buffer.

A farsnews dump is one array of thousands of articles; decoding it whole
would hold the file, and every article, in memory. :func:`iter_array` reads
blocks of :data:`BLOCK` characters and yields ``(n, value, error)`` for each
element, ``n`` counting from 1. Damage ends the array with one error (the
rest of the file cannot be trusted): a missing comma, a truncated value, no
closing bracket.

>>> import io
>>> list(iter_array(io.StringIO('[{"a": 1}, 2 3]')))
[(1, {'a': 1}, None), (2, 2, None), (3, None, "invalid JSON array: expected ',' after item 2; the rest of the file was skipped")]
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any, Protocol

#: characters read at a time
BLOCK = 1 << 20


class Readable(Protocol):
    def read(self, n: int, /) -> str: ...


def _skip_ws(buf: str, pos: int) -> int:
    while pos < len(buf) and buf[pos] in " \t\r\n":
        pos += 1
    return pos


def iter_array(f: Readable) -> Iterator[tuple[int, Any, str | None]]:
    """``(n, value, None)`` per element of the array ``f`` holds, or ``(n, None, reason)`` once."""
    dec = json.JSONDecoder()
    buf, pos, eof, n = "", 0, False, 0

    def fill() -> None:
        # Refill when the buffer is exhausted (or a value was cut at its end).
        nonlocal buf, pos, eof
        if eof:
            return
        more = f.read(max(BLOCK, len(buf) - pos))
        if not more:
            eof = True
        buf, pos = buf[pos:] + more, 0

    fill()
    pos = _skip_ws(buf, pos)
    if buf[pos : pos + 1] != "[":
        yield 1, None, "a .json file must hold a JSON array of objects"
        return
    pos += 1
    while True:
        pos = _skip_ws(buf, pos)
        while pos >= len(buf) and not eof:
            fill()
            pos = _skip_ws(buf, pos)
        if pos >= len(buf):
            yield n + 1, None, "JSON array is truncated (no closing ']')"
            return
        if buf[pos] == "]":
            return
        if n > 0:
            if buf[pos] != ",":
                yield n + 1, None, (f"invalid JSON array: expected ',' after item {n}; "
                                    "the rest of the file was skipped")
                return
            pos = _skip_ws(buf, pos + 1)
        while True:
            try:
                value, end = dec.raw_decode(buf, pos)
            except json.JSONDecodeError as e:
                if eof:
                    yield n + 1, None, (f"invalid JSON in array item {n + 1} ({e.msg}); "
                                        "the rest of the file was skipped")
                    return
                fill()
                continue
            if end >= len(buf) and not eof:
                fill()  # a number may continue past the buffer's end
                continue
            break
        n += 1
        yield n, value, None
        pos = end


class Chain:
    """Read from ``a`` until it is exhausted, then from ``b`` (to put sniffed text back)."""

    def __init__(self, a: IO[str], b: IO[str]) -> None:
        self.a, self.b = a, b

    def read(self, n: int) -> str:
        s = self.a.read(n)
        return s if s else self.b.read(n)
