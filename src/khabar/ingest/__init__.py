"""Load article files into the store: read, dedupe, analyze, store.

Records are analyzed up to :data:`CHUNK` at a time (:func:`khabar.pipeline.run_each`,
as ``khabar batch`` does), then stored one by one in input order, so the
counts, the stored documents and the errors file are those of a run one
record at a time.

:func:`ingest` never stops on a bad record: each failure (unreadable file,
invalid JSON line, empty text, a component error) goes to the report and, if
given, to a JSON-lines errors file. Each document is stored with all its
layers in one transaction, so an interrupted run leaves only whole documents.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from khabar.document import Document
from khabar.errors import InputError
from khabar.pipeline import run_each
from khabar.reader import Failure, Item, Record, discover, parse_item
from khabar.reader.files import iter_file
from khabar.store import Store
from khabar.store.sqlite import content_hash

log = logging.getLogger(__name__)

Analyzer = Callable[[Document], Document]

#: Records analyzed together at most.
CHUNK = 32


@dataclass
class IngestReport:
    """Counts of what happened: ``added``, ``replaced``, ``duplicate``, ``failed``."""

    counts: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def records(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        c = self.counts
        return (
            f"{self.records} records in {self.seconds:.1f}s: {c['added']} added, "
            f"{c['replaced']} replaced, {c['duplicate']} duplicates, {c['failed']} failed"
        )


def _read(paths: Iterable[str | Path]) -> Iterator[tuple[str, Item, Record | Failure]]:
    """``(file, item, record or failure)`` for every record under ``paths``, in order."""
    for p in paths:
        try:
            files = discover(p)
        except InputError as e:  # a missing or empty path is one failure, not the end
            item = Item(str(p), 0, None, str(e), "text")
            yield str(p), item, parse_item(item)
            continue
        for f, name in files:
            for item in iter_file(f, name):
                yield str(f), item, parse_item(item)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    analyzer: Analyzer | None = None,
    errors: TextIO | None = None,
    progress: bool = False,
) -> IngestReport:
    """Ingest every record under ``paths`` into ``store`` and report what happened.

    ``analyzer`` turns a fresh document into an analyzed one (default: the full
    pipeline, built on first use). Records are read by :mod:`khabar.reader`
    (ids, text and dates as ``khabar batch`` gives them); a record whose text
    is already stored is counted as a duplicate. Each failure is logged as
    :meth:`khabar.reader.Failure.to_dict` plus ``path``, the file it came
    from. ``progress`` shows a bar on stderr.
    """
    from tqdm import tqdm

    if analyzer is None:
        from khabar import default_pipeline

        analyzer = default_pipeline()
    report = IngestReport()
    t0 = time.perf_counter()

    def fail(path: str, failure: Failure) -> None:
        report.counts["failed"] += 1
        entry = {**failure.to_dict(), "path": path}
        report.errors.append(entry)
        log.info("skipped %s (%s): %s", failure.id, path, failure.reason)
        if errors is not None:
            errors.write(json.dumps(entry, ensure_ascii=False) + "\n")
            errors.flush()

    pending: list[tuple[str, Item, Record, str]] = []

    def flush() -> None:
        docs = [Document.from_text(rec.text, id=rec.id, published=rec.published, **rec.meta)
                for _, _, rec, _ in pending]
        for (path, item, rec, h), doc in zip(pending, run_each(analyzer, docs), strict=True):
            if isinstance(doc, Exception):
                fail(path, Failure(rec.id, item.source, item.n, "pipeline",
                                   f"analysis failed: {type(doc).__name__}: {doc}"))
            elif (dup := store.has_hash(h)) is not None:  # an earlier record of this chunk
                report.counts["duplicate"] += 1
                log.debug("%s duplicates %s", rec.id, dup)
            else:
                report.counts[store.put(doc, hash=h).status] += 1
        pending.clear()
        bar.set_postfix(added=report.counts["added"], failed=report.counts["failed"], refresh=False)

    bar = tqdm(_read(paths), disable=not progress, file=sys.stderr, unit="doc", dynamic_ncols=True)
    for path, item, rec in bar:
        if isinstance(rec, Failure):
            flush()  # earlier records first: the errors file stays in input order
            fail(path, rec)
            continue
        h = content_hash(rec.text)
        if (dup := store.has_hash(h)) is not None:
            report.counts["duplicate"] += 1
            log.debug("%s duplicates %s", rec.id, dup)
            continue
        pending.append((path, item, rec, h))
        if len(pending) >= CHUNK:
            flush()
    flush()
    bar.close()
    report.seconds = time.perf_counter() - t0
    return report


__all__ = ["CHUNK", "IngestReport", "ingest"]
