"""Local worker processes that survive a document killing its worker.

A document can take its worker process down with it — the OOM killer, a
segfault in a C extension. A plain process pool then breaks, and a re-run
would die on the same document forever. :class:`LocalPool` replaces a broken
pool on the next submit, and :meth:`LocalPool.isolate` recomputes a chunk
whose worker died one document per fresh process, so the culprit becomes a
``crash`` failure in the errors file and every other document is kept.
"""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from khabar.batch.work import ChunkResult, PipelineSpec, compute_chunk
from khabar.reader import Failure, Item, parse_item

log = logging.getLogger(__name__)


def _context() -> Any:
    # fork (where available) lets workers inherit the pipeline run_batch built
    # in the parent: models are loaded once and their pages shared copy-on-write.
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class LocalPool:
    """A process pool for :func:`compute_chunk` that is rebuilt when it breaks."""

    def __init__(self, workers: int, spec: PipelineSpec, version: str,
                 timeout: float | None) -> None:
        self.workers, self.spec, self.version, self.timeout = workers, spec, version, timeout
        self._ctx = _context()
        self._ex = ProcessPoolExecutor(workers, mp_context=self._ctx)

    def submit(self, chunk: list[Item]) -> Future[ChunkResult]:
        try:
            return self._ex.submit(compute_chunk, chunk, self.spec, self.version, self.timeout)
        except BrokenProcessPool:
            log.warning("a worker process died; starting a new pool")
            self._ex.shutdown(wait=False, cancel_futures=True)
            self._ex = ProcessPoolExecutor(self.workers, mp_context=self._ctx)
            return self._ex.submit(compute_chunk, chunk, self.spec, self.version, self.timeout)

    def isolate(self, chunk: list[Item], error: BaseException) -> ChunkResult | None:
        """Recompute a chunk whose worker died, one document per process; else ``None``."""
        if not isinstance(error, BrokenProcessPool):
            return None
        result = ChunkResult()
        for item in chunk:
            with ProcessPoolExecutor(1, mp_context=self._ctx) as one:
                try:
                    part = one.submit(compute_chunk, [item], self.spec, self.version,
                                      self.timeout).result()
                except BrokenProcessPool:
                    rec = parse_item(item)
                    part = ChunkResult(failures=[Failure(
                        rec.id, item.source, item.n, "crash",
                        "the worker process died on this document (out of memory? a crash in "
                        "a C extension?)")])
            result.rows.extend(part.rows)
            result.failures.extend(part.failures)
            result.chars += part.chars
        return result

    def shutdown(self, *, wait: bool = True) -> None:
        self._ex.shutdown(wait=wait, cancel_futures=not wait)
