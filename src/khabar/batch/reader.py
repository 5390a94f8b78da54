"""Stream batch input one item at a time, in a fixed, documented order.

An input is a file or a directory. Files are read in sorted relative-path
order (a directory is walked recursively); inside a file, items come in file
order. That order is the *output* order and fixes the chunk numbering resume
relies on, so re-reading the same input always yields the same items.

Formats, chosen by file name:

* ``*.jsonl``, ``*.ndjson`` (optionally ``.gz``): one JSON object a line; the
  line is parsed later, in the worker, so a bad line becomes an error record
  with its line number rather than stopping the reader.
* ``*.json``: a JSON array of objects (the farsnews dumps), parsed
  incrementally so a large array never has to fit in memory; a file that does
  not start with ``[`` is read as JSON lines.
* ``*.txt``: the whole file is one article, its id the relative path — in a
  directory holding only ``.txt`` files (beside JSON data they are notes).

Other files in a directory are ignored (and logged).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.jsonl").write_text('{"id": "x", "text": "سلام"}\\n\\nnot json\\n')
>>> [(i.source, i.n, i.payload) for i in iter_items(d)]
[('a.jsonl', 1, '{"id": "x", "text": "سلام"}'), ('a.jsonl', 3, 'not json')]
"""

from __future__ import annotations

import gzip
import io
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol, cast

from khabar.errors import InputError

log = logging.getLogger(__name__)

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
JSON_SUFFIXES = (".json", ".json.gz")
TEXT_SUFFIXES = (".txt",)
#: bytes read at a time from a JSON array file
BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class Item:
    """One unit of input before parsing.

    ``payload`` is a raw JSON line (``str``), an already-decoded JSON value,
    or ``None`` when the reader itself failed at this position (``error``).
    ``n`` is the 1-based line number (JSON lines), array position (JSON) or 1.
    """

    source: str
    n: int
    payload: Any
    error: str | None = None
    kind: str = "json"  # json | text


def _kind(name: str) -> str | None:
    low = name.lower()
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(JSON_SUFFIXES):
        return "json"
    if low.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def discover(path: str | Path, pattern: str | None = None) -> list[tuple[Path, str]]:
    """The input files under ``path`` as ``(path, relative name)`` in reading order.

    ``pattern`` (a glob on the relative path, e.g. ``"*.json"``) selects files
    explicitly. Without it, a directory holding any JSON or JSON-lines file is
    a data directory whose ``.txt`` files are notes (README, SOURCE), not
    articles; only a directory of ``.txt`` files alone is read as articles.
    """
    p = Path(path)
    if p.is_file():
        return [(p, p.name)]
    if not p.is_dir():
        raise InputError(f"{path}: no such file or directory; give a JSONL file or a directory")
    found: list[tuple[Path, str]] = []
    for f in sorted(p.rglob("*"), key=lambda q: q.relative_to(p).as_posix()):
        rel = f.relative_to(p)
        if not f.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        if pattern is not None and not rel.match(pattern):
            continue
        if _kind(f.name) is None:
            log.info("skipping %s: not .jsonl, .ndjson, .json or .txt", f)
            continue
        found.append((f, rel.as_posix()))
    if pattern is None and any(_kind(f.name) != "text" for f, _ in found):
        notes = [name for f, name in found if _kind(f.name) == "text"]
        if notes:
            log.info("skipping %s: .txt beside JSON data is taken for notes", ", ".join(notes))
        found = [(f, name) for f, name in found if _kind(f.name) != "text"]
    if not found:
        raise InputError(f"{path} holds no .jsonl, .ndjson, .json or .txt files"
                         + (f" matching {pattern!r}" if pattern else ""))
    return found


def _open_binary(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def _iter_jsonl(path: Path, name: str) -> Iterator[Item]:
    with _open_binary(path) as f:
        for n, raw in enumerate(f, 1):
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as e:
                yield Item(name, n, None, f"line is not UTF-8 (bad byte at offset {e.start})")
                continue
            if line.strip():
                yield Item(name, n, line.rstrip("\r\n"))


def _skip_ws(buf: str, pos: int) -> int:
    while pos < len(buf) and buf[pos] in " \t\r\n":
        pos += 1
    return pos


class _Reader(Protocol):
    def read(self, n: int, /) -> str: ...


def _iter_json_array(f: _Reader, name: str) -> Iterator[Item]:
    """Decode ``[v1, v2, …]`` one value at a time with a bounded buffer."""
    dec = json.JSONDecoder()
    buf, pos, eof, n = "", 0, False, 0

    def fill(need_more: bool) -> None:
        # Refill when the buffer is exhausted (or a value was cut at its end).
        nonlocal buf, pos, eof
        if eof:
            return
        more = f.read(max(BLOCK, len(buf) - pos) if need_more else BLOCK)
        if not more:
            eof = True
        buf, pos = buf[pos:] + more, 0

    fill(True)
    pos = _skip_ws(buf, pos)
    if buf[pos : pos + 1] != "[":  # pragma: no cover - callers sniff first
        yield Item(name, 1, None, "a .json file must hold a JSON array of objects")
        return
    pos += 1
    while True:
        pos = _skip_ws(buf, pos)
        while pos >= len(buf) and not eof:
            fill(True)
            pos = _skip_ws(buf, pos)
        if pos >= len(buf):
            yield Item(name, n + 1, None, "JSON array is truncated (no closing ']')")
            return
        if buf[pos] == "]":
            return
        if n > 0:
            if buf[pos] != ",":
                yield Item(name, n + 1, None, f"invalid JSON array: expected ',' after item {n}; "
                           "the rest of the file was skipped")
                return
            pos = _skip_ws(buf, pos + 1)
        while True:
            try:
                value, end = dec.raw_decode(buf, pos)
            except json.JSONDecodeError as e:
                if eof:
                    yield Item(name, n + 1, None, f"invalid JSON in array item {n + 1} ({e.msg}); "
                               "the rest of the file was skipped")
                    return
                fill(True)
                continue
            if end >= len(buf) and not eof:
                fill(True)  # a number may continue past the buffer's end
                continue
            break
        n += 1
        yield Item(name, n, value)
        pos = end


def _iter_json(path: Path, name: str) -> Iterator[Item]:
    with _open_binary(path) as fb:
        f = io.TextIOWrapper(fb, encoding="utf-8-sig")
        try:
            head = f.read(1)
            while head and head in " \t\r\n":
                head = f.read(1)
        except UnicodeDecodeError as e:
            yield Item(name, 1, None, f"file is not UTF-8 ({e.reason})")
            return
        if head != "[":
            f.detach()
            yield from _iter_jsonl(path, name)
            return
        inner = io.StringIO("[")  # put the sniffed bracket back
        try:
            yield from _iter_json_array(_Chain(inner, f), name)
        except UnicodeDecodeError as e:
            yield Item(name, 0, None, f"file is not UTF-8 ({e.reason}); the rest was skipped")


class _Chain:
    """Read from ``a`` until it is exhausted, then from ``b``."""

    def __init__(self, a: IO[str], b: IO[str]) -> None:
        self.a, self.b = a, b

    def read(self, n: int) -> str:
        s = self.a.read(n)
        return s if s else self.b.read(n)


def _iter_text(path: Path, name: str) -> Iterator[Item]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        yield Item(name, 1, None, f"file is not UTF-8 (bad byte at offset {e.start})")
        return
    yield Item(name, 1, text, kind="text")


def iter_items(path: str | Path, pattern: str | None = None) -> Iterator[Item]:
    """Every input item under ``path``, in reading order (see the module docstring)."""
    for f, name in discover(path, pattern):
        kind = _kind(f.name) or "jsonl"
        if kind == "json":
            yield from _iter_json(f, name)
        elif kind == "text":
            yield from _iter_text(f, name)
        else:
            yield from _iter_jsonl(f, name)
