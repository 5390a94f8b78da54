"""Drive a batch run: read, chunk, dispatch with bounded memory, write, resume.

The driver reads items in input order, groups them into chunks of
``chunk_size`` and hands each chunk not yet done to an executor — in-process
(``workers=1``), a local process pool, or a Dask cluster (see
:mod:`khabar.distributed`). At most ``max_inflight`` chunks are read ahead, so
memory stays flat however large the input is. Every future is consumed: a
worker crash stops the run with an error (re-run to resume), and each
document's own failure goes to the errors file; a document that kills its
worker process is isolated (see :mod:`khabar.batch.pool`).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from khabar.batch.pool import LocalPool
from khabar.batch.store import OutputDir
from khabar.batch.version import pipeline_version
from khabar.batch.work import ChunkResult, PipelineSpec, compute_chunk, get_pipeline
from khabar.errors import ConfigError, KhabarError
from khabar.pipeline import DEFAULT
from khabar.reader import Item, iter_items

log = logging.getLogger(__name__)

#: called after each chunk with (documents + failures, characters of text)
Progress = Callable[[int, int], None]


class BatchError(KhabarError, RuntimeError):
    """A batch run stopped (a worker died or a chunk could not be written)."""


@dataclass
class BatchReport:
    """What a run did. ``skipped`` counts items in chunks already done (resume)."""

    out: Path
    errors_path: Path
    pipeline_version: str
    items: int = 0
    documents: int = 0
    failures: int = 0
    skipped: int = 0
    chunks: int = 0
    chars: int = 0
    seconds: float = 0.0
    errors_total: int = 0

    @property
    def docs_per_second(self) -> float:
        return (self.documents + self.failures) / self.seconds if self.seconds else 0.0


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def drive(
    chunks: Iterable[list[Item]],
    out: OutputDir,
    submit: Callable[[list[Item]], Future[ChunkResult]] | None,
    report: BatchReport,
    *,
    compute: Callable[[list[Item]], ChunkResult],
    max_inflight: int,
    progress: Progress | None = None,
    recover: Callable[[list[Item], BaseException], ChunkResult | None] | None = None,
) -> None:
    """Run every chunk not yet done; ``submit=None`` computes in this process.

    When a submitted chunk fails as a whole, ``recover(chunk, error)`` may still
    produce its result; otherwise the run stops with a :class:`BatchError`.
    """
    done = out.done_chunks()
    pending: dict[Future[ChunkResult], tuple[int, list[Item]]] = {}

    def finish(index: int, n_items: int, result: ChunkResult) -> None:
        out.write_chunk(index, result.rows, result.failures, n_items)
        report.documents += len(result.rows)
        report.failures += len(result.failures)
        report.chars += result.chars
        if progress:
            progress(n_items, result.chars)

    def consume(futures: Iterable[Future[ChunkResult]]) -> None:
        for fut in futures:
            index, chunk = pending.pop(fut)
            try:
                result = fut.result()
            except Exception as e:
                recovered = recover(chunk, e) if recover is not None else None
                if recovered is not None:
                    finish(index, len(chunk), recovered)
                    continue
                for other in pending:
                    other.cancel()
                raise BatchError(
                    f"chunk {index} failed in a worker ({type(e).__name__}: {e}); "
                    "completed chunks are saved, re-run the same command to resume"
                ) from e
            finish(index, len(chunk), result)

    last = -1
    for index, chunk in enumerate(chunks):
        last = index
        report.items += len(chunk)
        if done.get(index) == len(chunk):
            report.skipped += len(chunk)
            if progress:
                progress(len(chunk), 0)
            continue
        report.chunks += 1
        if submit is None:
            finish(index, len(chunk), compute(chunk))
            continue
        while len(pending) >= max_inflight:
            finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            consume(finished)
        pending[submit(chunk)] = (index, chunk)
    while pending:
        finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
        consume(finished)
    stale = [i for i in done if i > last]
    if stale:
        log.warning("%s holds %d chunk(s) beyond the end of this input (from another input?)",
                    out.path, len(stale))


def run_batch(
    inp: str | Path | Iterable[Item],
    out: str | Path,
    *,
    names: Sequence[str] = DEFAULT,
    config: Mapping[str, Mapping[str, Any]] | None = None,
    registry: Mapping[str, str] | None = None,
    workers: int = 1,
    fmt: str = "jsonl",
    chunk_size: int = 64,
    max_inflight: int | None = None,
    timeout: float | None = None,
    errors_path: str | Path | None = None,
    limit: int | None = None,
    pattern: str | None = None,
    progress: Progress | None = None,
) -> BatchReport:
    """Analyze every item of ``inp`` into part files under ``out``; resumable.

    ``inp`` is a file or directory (see :mod:`khabar.reader`; ``pattern``
    selects files in a directory) or any iterable of :class:`Item` — resume
    then needs the iterable to yield the same items in the same order.

    ``workers`` local processes (1 = this process). A chunk's documents go
    through the pipeline together (:func:`khabar.batch.work.run_items`).
    ``timeout`` limits seconds per document (a failure, not a crash); documents
    are then analyzed one at a time. ``limit`` reads only the first
    items. Returns a :class:`BatchReport`; failures are in ``errors_path``
    (default ``out/errors.jsonl``).
    """
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    if chunk_size < 1:
        raise ConfigError(f"--chunk-size must be at least 1, not {chunk_size}")
    spec = PipelineSpec(tuple(names), dict(config or {}), dict(registry) if registry else None)
    version = pipeline_version(spec.names, spec.config, spec.registry)
    get_pipeline(spec)  # configuration errors surface here, before OUT is touched
    inflight = max_inflight or 2 * workers
    started = time.perf_counter()
    with OutputDir(out, fmt=fmt, chunk_size=chunk_size, version=version, pipeline=spec.names) as od:
        report = BatchReport(od.path, Path(errors_path or od.path / "errors.jsonl"), version)
        items = iter_items(inp, pattern) if isinstance(inp, str | Path) else inp
        if limit is not None:
            items = islice(items, limit)

        def compute(chunk: list[Item]) -> ChunkResult:
            return compute_chunk(chunk, spec, version, timeout)

        if workers == 1:
            drive(chunked(items, od.chunk_size), od, None, report, compute=compute,
                  max_inflight=inflight, progress=progress)
        else:
            pool = LocalPool(workers, spec, version, timeout)
            try:
                drive(chunked(items, od.chunk_size), od, pool.submit, report, compute=compute,
                      max_inflight=inflight, progress=progress, recover=pool.isolate)
            except BaseException:
                pool.shutdown(wait=False)
                raise
            pool.shutdown()
        report.errors_path, report.errors_total = od.write_errors(report.errors_path)
    report.seconds = time.perf_counter() - started
    log.info("batch: %d documents, %d failures, %d skipped in %.1f s (pid %d)",
             report.documents, report.failures, report.skipped, report.seconds, os.getpid())
    return report
