"""Load article files into the store: read, dedupe, analyze, store — one record at a time.

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
from khabar.ingest.readers import MAX_TEXT, Item, Problem, Record, read_path
from khabar.store import Store
from khabar.store.sqlite import content_hash

log = logging.getLogger(__name__)

Analyzer = Callable[[Document], Document]


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


def _items(paths: Iterable[str | Path]) -> Iterator[Item]:
    for p in paths:
        path = Path(p)
        if not path.exists():
            yield Problem(str(path), "no such file or directory")
            continue
        yield from read_path(path)


def _doc(rec: Record, h: str) -> Document:
    meta = {k: v for k, v in (("title", rec.title), ("url", rec.url), ("source", rec.source),
                              ("origin", rec.origin)) if v}
    return Document.from_text(rec.text, id=rec.id or h[:16], published=rec.published, **meta)


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
    pipeline, built on first use). Records without an id get the first 16 hex
    digits of their content hash. ``progress`` shows a bar on stderr.
    """
    from tqdm import tqdm

    if analyzer is None:
        from khabar import default_pipeline

        analyzer = default_pipeline()
    report = IngestReport()
    t0 = time.perf_counter()

    def fail(origin: str, reason: str, id: str | None) -> None:
        report.counts["failed"] += 1
        entry = {"id": id, "path": origin, "reason": reason}
        report.errors.append(entry)
        log.info("skipped %s: %s", origin, reason)
        if errors is not None:
            errors.write(json.dumps(entry, ensure_ascii=False) + "\n")
            errors.flush()

    bar = tqdm(_items(paths), disable=not progress, file=sys.stderr, unit="doc", dynamic_ncols=True)
    for item in bar:
        if isinstance(item, Problem):
            fail(item.origin, item.reason, item.id)
            continue
        if len(item.text) > MAX_TEXT:
            fail(item.origin, f"text too long ({len(item.text)} > {MAX_TEXT} characters)", item.id)
            continue
        h = content_hash(item.text)
        if (dup := store.has_hash(h)) is not None:
            report.counts["duplicate"] += 1
            log.debug("%s duplicates %s", item.origin, dup)
            continue
        try:
            doc = analyzer(_doc(item, h))
        except Exception as e:  # noqa: BLE001 - any component failure is this record's failure
            fail(item.origin, f"analysis failed: {type(e).__name__}: {e}", item.id)
            continue
        result = store.put(doc, hash=h)
        report.counts[result.status] += 1
        bar.set_postfix(added=report.counts["added"], failed=report.counts["failed"], refresh=False)
    bar.close()
    report.seconds = time.perf_counter() - t0
    return report


__all__ = ["IngestReport", "Record", "ingest", "read_path"]
