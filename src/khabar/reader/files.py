"""Stream the items of an input, one at a time, in a fixed order.

An input is a file or a directory. Files are read in sorted relative-path
order (a directory is walked recursively); inside a file, items come in file
order. That order is the batch *output* order and fixes the chunk numbering
resume relies on, so re-reading the same input always yields the same items.

Formats, by file name:

=========================  =====================================================
``.jsonl`` ``.ndjson``     one JSON object a line (optionally ``.gz``); the line is
                           parsed later (in the batch worker), so a bad line is a
                           failure with its line number, not the end of the file
``.json``                  a JSON array of objects (the farsnews dumps), decoded
                           incrementally (optionally ``.gz``); else JSON lines, or
                           one object (its ``articles``/``items``/… list, or itself)
``.txt`` ``.text``         the whole file is one article
``.html`` ``.htm``         a saved web page: main text, title, date (extracted later)
``.rss`` ``.atom`` ``.xml``  a feed: one item per entry; links are never fetched
=========================  =====================================================

In a directory, hidden files, other extensions and corpus notes (``README``,
``LICENSE``, ``SOURCE``…, and ``.txt`` files beside JSON data) are skipped; a
``pattern`` selects files explicitly instead. A file named on its own is
always read.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.jsonl").write_text('{"id": "x", "text": "سلام"}\\n\\nnot json\\n')
>>> [(i.where, i.payload) for i in iter_items(d)]
[('a.jsonl:1', '{"id": "x", "text": "سلام"}'), ('a.jsonl:3', 'not json')]
"""

from __future__ import annotations

import gzip
import io
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from khabar.errors import InputError
from khabar.reader import jsonarray

log = logging.getLogger(__name__)

#: file name endings → kind of file
KINDS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonl.gz": "jsonl", ".ndjson.gz": "jsonl",
    ".json": "json", ".json.gz": "json",
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
#: keys of a JSON object that hold its list of articles
LIST_KEYS = ("articles", "items", "data", "documents", "entries")
#: a corpus's own notes, not articles (file stems, compared upper-cased)
NOT_ARTICLES = {"README", "LICENSE", "LICENCE", "SOURCE", "NOTICE", "COPYING", "CHANGELOG",
                "AUTHORS"}


@dataclass(frozen=True, slots=True)
class Item:
    """One unit of input before parsing.

    ``payload`` is a raw JSON line (kind ``jsonl``), a decoded JSON value
    (``json``: an array element or a feed entry), a whole file's text
    (``text``, ``html``), or ``None`` when reading failed here (``error``).
    ``n`` is the 1-based line number, element number, or 1 for a whole file.
    """

    source: str
    n: int
    payload: Any
    error: str | None = None
    kind: str = "jsonl"

    @property
    def where(self) -> str:
        """The item's position, its id when it has no other: ``file:line``, ``file#n`` or ``file``."""
        if self.kind in ("text", "html"):
            return self.source
        return f"{self.source}{'#' if self.kind == 'json' else ':'}{self.n}"


def kind_of(name: str) -> str | None:
    low = name.lower()
    return next((k for end, k in KINDS.items() if low.endswith(end)), None)


def _is_note(path: Path) -> bool:
    return path.name.split(".")[0].upper() in NOT_ARTICLES


def discover(path: str | Path, pattern: str | None = None) -> list[tuple[Path, str]]:
    """The input files under ``path`` as ``(path, relative name)`` in reading order.

    ``pattern`` (a glob on the relative path, e.g. ``"*.json"``) selects files
    explicitly. Raises :class:`InputError` when ``path`` is missing or holds
    no readable file.
    """
    p = Path(path)
    if p.is_file():
        return [(p, p.name)]
    if not p.is_dir():
        raise InputError(f"{path}: no such file or directory; give a file or a directory")
    found: list[tuple[Path, str]] = []
    for f in sorted(p.rglob("*"), key=lambda q: q.relative_to(p).as_posix()):
        rel = f.relative_to(p)
        if not f.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        if pattern is not None and not rel.match(pattern):
            continue
        if kind_of(f.name) is None:
            log.info("skipping %s: not one of %s", f, " ".join(KINDS))
            continue
        if pattern is None and _is_note(f):
            log.info("skipping %s: a corpus note, not an article", f)
            continue
        found.append((f, rel.as_posix()))
    if pattern is None and any(kind_of(f.name) in ("json", "jsonl") for f, _ in found):
        notes = [name for f, name in found if kind_of(f.name) == "text"]
        if notes:
            log.info("skipping %s: .txt beside JSON data is taken for notes", ", ".join(notes))
        found = [(f, name) for f, name in found if kind_of(f.name) != "text"]
    if not found:
        raise InputError(f"{path} holds no readable files ({' '.join(KINDS)})"
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


def _iter_json(path: Path, name: str) -> Iterator[Item]:
    with _open_binary(path) as fb:
        f = io.TextIOWrapper(fb, encoding="utf-8-sig")
        try:
            head = f.read(1)
            while head and head in " \t\r\n":
                head = f.read(1)
            first = "" if head == "[" else (head + f.readline()).strip()
        except UnicodeDecodeError as e:
            yield Item(name, 1, None, f"file is not UTF-8 ({e.reason})", "json")
            return
        if head != "[":
            f.detach()
            if head == "{" and not _is_json(first):
                yield from _iter_document(path, name)
            else:
                yield from _iter_jsonl(path, name)
            return
        try:
            for n, value, error in jsonarray.iter_array(jsonarray.Chain(io.StringIO("["), f)):
                yield Item(name, n, value, error, "json")
        except UnicodeDecodeError as e:
            yield Item(name, 0, None, f"file is not UTF-8 ({e.reason}); the rest was skipped",
                       "json")


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _iter_document(path: Path, name: str) -> Iterator[Item]:
    """A ``.json`` file holding one object (not lines, not an array), decoded whole:
    its list under ``articles``/``items``/… element by element, or itself as one article."""
    with _open_binary(path) as f:
        try:
            data = json.loads(f.read().decode("utf-8-sig"))
        except ValueError as e:  # JSONDecodeError and UnicodeDecodeError
            yield Item(name, 1, None, f"invalid JSON ({e})", "json")
            return
    listed = next((data[k] for k in LIST_KEYS if isinstance(data.get(k), list)), None)
    for n, value in enumerate(listed if listed is not None else [data], 1):
        yield Item(name, n, value, kind="json")


def _iter_whole(path: Path, name: str, kind: str) -> Iterator[Item]:
    data = path.read_bytes()
    if kind == "html":  # pages in the wild mix encodings; keep what decodes
        yield Item(name, 1, data.decode("utf-8", errors="replace"), kind=kind)
        return
    try:
        yield Item(name, 1, data.decode("utf-8-sig"), kind=kind)
    except UnicodeDecodeError as e:
        yield Item(name, 1, None, f"file is not UTF-8 (bad byte at offset {e.start})", kind)


def _iter_feed(path: Path, name: str) -> Iterator[Item]:
    from khabar.reader.web import feed_entries

    try:
        entries = feed_entries(path.read_bytes())
    except ValueError as e:
        yield Item(name, 1, None, str(e), "json")
        return
    for n, entry in enumerate(entries, 1):
        yield Item(name, n, entry, kind="json")


def iter_file(path: Path, name: str) -> Iterator[Item]:
    """The items of one file (an unknown kind or an unreadable file is one failed item)."""
    kind = kind_of(path.name)
    try:
        if kind == "jsonl":
            yield from _iter_jsonl(path, name)
        elif kind == "json":
            yield from _iter_json(path, name)
        elif kind == "feed":
            yield from _iter_feed(path, name)
        elif kind in ("text", "html"):
            yield from _iter_whole(path, name, kind)
        else:
            yield Item(name, 1, None, f"unknown file type {Path(name).suffix!r} "
                       f"(known: {' '.join(KINDS)})", "text")
    except OSError as e:
        yield Item(name, 0, None, f"cannot read the file ({e.strerror or e})", "text")


def iter_items(path: str | Path, pattern: str | None = None) -> Iterator[Item]:
    """Every input item under ``path``, in reading order (see the module docstring)."""
    for f, name in discover(path, pattern):
        yield from iter_file(f, name)
