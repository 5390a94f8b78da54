"""Analyze a stream of JSON-line articles in order, a chunk at a time (``khabar analyze --jsonl``).

Records are analyzed together in chunks (:meth:`khabar.pipeline.Pipeline.run_many`,
faster than one by one), yet the stream stays line in, line out: a chunk ends as
soon as no more input is waiting, so a slow producer gets each answer at once.
A record that cannot be analyzed becomes ``{"id", "error"}`` in its place; if a
chunk fails as a whole, its records are analyzed again one by one
(:func:`khabar.pipeline.run_each`), so the error stays with its record
and the others are kept.
"""

from __future__ import annotations

import io
import select
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from khabar.document import Document
from khabar.pipeline import Pipeline, run_each
from khabar.textio import Record

#: Records analyzed together at most (as ``khabar batch`` does).
CHUNK = 32


def input_waiting(stream: Any) -> bool:
    """Is more input ready on ``stream`` without blocking? True where that cannot be told
    (no file descriptor, or a platform whose ``select`` does not take pipes)."""
    try:
        ready, _, _ = select.select([stream], [], [], 0)
    except (OSError, ValueError, TypeError, io.UnsupportedOperation):
        return True
    return bool(ready)


def chunks(
    records: Iterable[Record], more: Callable[[], bool], size: int = CHUNK
) -> Iterator[list[Record]]:
    """Records in lists of up to ``size``; a list ends early when ``more()`` is false."""
    chunk: list[Record] = []
    for rec in records:
        chunk.append(rec)
        if len(chunk) >= size or not more():
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _fresh(rec: Record) -> Document:
    return Document.from_text(rec.text or "", id=rec.id, published=rec.published)


def analyze_records(pipe: Pipeline, recs: list[Record]) -> list[tuple[Record, dict[str, Any]]]:
    """Each record (with ``error`` set if it failed) and its output dict, in order."""
    ok = [r for r in recs if r.error is None]
    done = dict(zip(map(id, ok), run_each(pipe, [_fresh(r) for r in ok]), strict=True))
    out: list[tuple[Record, dict[str, Any]]] = []
    for rec in recs:
        result: Document | Exception | None = done.get(id(rec))
        if isinstance(result, Document):
            try:
                out.append((rec, result.to_dict()))
                continue
            except Exception as e:  # noqa: BLE001 - the record's failure, like any other
                result = e
        if result is not None:  # one bad record must not stop the stream
            rec = replace(rec, text=None, error=f"{type(result).__name__}: {result}")
        out.append((rec, {"id": rec.id, "error": rec.error}))
    return out


def analyze_stream(
    pipe: Pipeline, records: Iterable[Record], more: Callable[[], bool] = lambda: True
) -> Iterator[tuple[Record, dict[str, Any]]]:
    """Every record and its output dict, in input order, analyzed a chunk at a time."""
    for chunk in chunks(records, more):
        yield from analyze_records(pipe, chunk)


__all__ = ["CHUNK", "analyze_records", "analyze_stream", "chunks", "input_waiting"]
