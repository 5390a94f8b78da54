"""The unit of batch work: one chunk of input items → output lines and failures.

The same :func:`compute_chunk` runs in a local worker process and on a Dask
worker. It builds the pipeline once per process (models load once, not per
chunk), parses each item, runs the components one by one so a failure names
the component, and never raises for a bad document: every failure is returned
with its id and reason.

>>> from khabar.reader import Item
>>> spec = PipelineSpec(("wstokens",), registry={"wstokens": "khabar.batch.testing:WhitespaceTokens"})
>>> r = compute_chunk([Item("a.jsonl", 1, '{"id": "d1", "text": "سلام دنیا"}'),
...                    Item("a.jsonl", 2, "{oops")], spec, "v1")
>>> [row.id for row in r.rows], [f.stage for f in r.failures]
(['d1'], ['parse'])
"""

from __future__ import annotations

import ctypes
import json
import logging
import signal
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

from khabar.document import Document
from khabar.errors import KhabarError
from khabar.pipeline import DEFAULT, Pipeline
from khabar.reader import Failure, Item, Record, parse_item

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PipelineSpec:
    """A picklable description of a pipeline (what workers rebuild)."""

    names: tuple[str, ...] = DEFAULT
    config: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    registry: Mapping[str, str] | None = None

    def key(self) -> str:
        return json.dumps([self.names, self.config, self.registry], sort_keys=True, default=repr)

    def build(self) -> Pipeline:
        return Pipeline(self.names, config=self.config, registry=self.registry)


@dataclass(frozen=True, slots=True)
class Row:
    """One output document: its id, publication time and JSON line (no newline)."""

    id: str
    published: str | None
    line: str


@dataclass
class ChunkResult:
    rows: list[Row] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    #: characters of input text processed, for MB/s figures
    chars: int = 0


class DocumentTimeout(KhabarError, TimeoutError):
    """A document took longer than the per-document time limit."""


# One pipeline per worker process, keyed by its spec: building loads models.
_PIPELINES: dict[str, Pipeline] = {}


def get_pipeline(spec: PipelineSpec) -> Pipeline:
    key = spec.key()
    pipe = _PIPELINES.get(key)
    if pipe is None:
        pipe = _PIPELINES[key] = spec.build()
    return pipe


def _raise_timeout(signum: int, frame: FrameType | None) -> None:
    raise DocumentTimeout("document took longer than the time limit")


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the block once ``seconds`` have passed.

    In a process's main thread (local workers) a SIGALRM interrupts even a
    blocking call. In any other thread (Dask runs tasks in threads) a watchdog
    timer raises the exception in the thread at its next Python instruction
    (``PyThreadState_SetAsyncExc``), as the signal handler also runs between
    instructions; a long call into C code finishes first.
    """
    if not seconds:
        yield
    elif threading.current_thread() is threading.main_thread():
        old = signal.signal(signal.SIGALRM, _raise_timeout)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    else:
        with _thread_time_limit(seconds):
            yield


@contextmanager
def _thread_time_limit(seconds: float) -> Iterator[None]:
    thread = threading.get_ident()
    lock = threading.Lock()
    active = [True]

    def expire() -> None:
        with lock:  # never after the block has ended: no stray exception later on
            if active[0]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread),
                                                           ctypes.py_object(DocumentTimeout))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            active[0] = False
        timer.cancel()


def _fresh(rec: Record) -> Document:
    return Document.from_text(rec.text, id=rec.id, published=rec.published, **rec.meta)


def _row(rec: Record, out: dict[str, Any], version: str) -> Row:
    """The output line of an analyzed record (``to_dict()`` plus the pipeline version)."""
    out["pipeline_version"] = version
    return Row(rec.id, rec.published, json.dumps(out, ensure_ascii=False, check_circular=False))


def run_document(pipe: Pipeline, rec: Record, item: Item, version: str,
                 timeout: float | None = None) -> Row | Failure:
    """Analyze one record; a component's exception becomes a :class:`Failure`."""
    doc = _fresh(rec)
    name = "?"
    try:
        with _time_limit(timeout):
            for comp in pipe.components:
                name = comp.name
                doc = comp(doc)
            out = doc.to_dict()
    except DocumentTimeout:
        return Failure(rec.id, item.source, item.n, "timeout",
                       f"{name}: no result within {timeout:g} s")
    except Exception as e:  # noqa: BLE001 - any component bug must become an error record
        log.debug("document %s failed in %s", rec.id, name, exc_info=True)
        return Failure(rec.id, item.source, item.n, "pipeline", f"{name}: {type(e).__name__}: {e}")
    return _row(rec, out, version)


def run_records(pipe: Pipeline, recs: Sequence[Record], version: str) -> list[Row]:
    """Analyze records together (:meth:`Pipeline.run_many`); raises if any document fails."""
    docs = pipe.run_many([_fresh(r) for r in recs])
    return [_row(rec, doc.to_dict(), version) for rec, doc in zip(recs, docs, strict=True)]


def run_items(pipe: Pipeline, items: Sequence[Item], version: str,
              timeout: float | None = None) -> list[tuple[Row | Failure, int]]:
    """Each item's outcome and characters of text analyzed, in input order.

    The items' documents go through the pipeline together (faster: see
    :meth:`Pipeline.run_many`). If that fails, or a ``timeout`` per document is
    set, each document is analyzed alone, so a failure is pinned to its document
    and component and the others are kept.
    """
    parsed = [parse_item(item) for item in items]
    recs = {n: rec for n, rec in enumerate(parsed) if isinstance(rec, Record)}
    done: dict[int, Row] = {}
    if not timeout and recs:
        try:
            done = dict(zip(recs, run_records(pipe, list(recs.values()), version), strict=True))
        except Exception:  # noqa: BLE001 - redone one by one below, which records the failure
            log.debug("chunk failed as a batch; analyzing its documents one by one", exc_info=True)
    out: list[tuple[Row | Failure, int]] = []
    for n, (item, rec) in enumerate(zip(items, parsed, strict=True)):
        if isinstance(rec, Failure):
            out.append((rec, 0))
        else:
            row = done.get(n) or run_document(pipe, rec, item, version, timeout)
            out.append((row, len(rec.text)))
    return out


def compute_chunk(items: Sequence[Item], spec: PipelineSpec, version: str,
                  timeout: float | None = None) -> ChunkResult:
    """Process a chunk in input order (together, see :func:`run_items`); rows and failures keep that order."""
    result = ChunkResult()
    for out, chars in run_items(get_pipeline(spec), items, version, timeout):
        result.chars += chars
        if isinstance(out, Failure):
            result.failures.append(out)
        else:
            result.rows.append(out)
    return result
