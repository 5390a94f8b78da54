"""Run the batch unit of work on a Dask cluster.

Two ways in:

* :func:`run_distributed` — ``khabar batch IN OUT --scheduler tcp://…``: this
  process streams IN, ships chunks to the cluster (at most ``max_inflight`` at
  a time), and writes the same resumable part-file layout as a local run
  (Parquet by default); the output is identical to ``run_batch``'s. Results
  flow back through this client, which also means OUT need only be
  writable here, not on the workers.
* :func:`process_bag` / :func:`process_dataframe` — for data already on the
  cluster (``dask.bag.read_text("s3://…/*.jsonl")``): lazy collections of
  output documents, and :func:`write_bag_parquet` to write one Parquet part
  per partition from the workers themselves (OUT must then be shared storage).

``timeout`` limits seconds per document here too. Dask executes tasks in
threads, where the limit interrupts a component at its next Python
instruction (see :func:`khabar.batch.work.run_document`): a single long call
into C code finishes first.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.batch.runner import BatchReport, Progress, chunked, drive
from khabar.batch.store import OutputDir, write_parquet
from khabar.batch.version import pipeline_version
from khabar.batch.work import ChunkResult, PipelineSpec, Row, compute_chunk, get_pipeline, run_items
from khabar.pipeline import DEFAULT
from khabar.reader import Failure, Item, iter_items, record_id

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    from distributed import Client

log = logging.getLogger(__name__)


def _spec(names: Sequence[str], config: Mapping[str, Mapping[str, Any]] | None,
          registry: Mapping[str, str] | None) -> tuple[PipelineSpec, str]:
    spec = PipelineSpec(tuple(names), dict(config or {}), dict(registry) if registry else None)
    return spec, pipeline_version(spec.names, spec.config, spec.registry)


def _client(scheduler: str | Client) -> tuple[Client, bool]:
    from distributed import Client

    if isinstance(scheduler, Client):
        return scheduler, False
    return Client(scheduler, set_as_default=False), True


def run_distributed(
    inp: str | Path | Iterable[Item],
    out: str | Path,
    *,
    scheduler: str | Client,
    names: Sequence[str] = DEFAULT,
    config: Mapping[str, Mapping[str, Any]] | None = None,
    registry: Mapping[str, str] | None = None,
    fmt: str = "parquet",
    chunk_size: int = 64,
    max_inflight: int | None = None,
    errors_path: str | Path | None = None,
    limit: int | None = None,
    pattern: str | None = None,
    progress: Progress | None = None,
    timeout: float | None = None,
) -> BatchReport:
    """:func:`khabar.batch.run_batch` on the cluster at ``scheduler`` (an address or a Client).

    Same chunks, same part files, same resume; ``max_inflight`` defaults to
    two chunks per worker thread of the cluster; ``timeout`` limits seconds per
    document (a failure, not a crash; documents are then analyzed one at a time).
    """
    spec, version = _spec(names, config, registry)
    client, owned = _client(scheduler)
    started = time.perf_counter()
    try:
        threads = sum(client.nthreads().values()) or 1
        inflight = max_inflight or 2 * threads
        with OutputDir(out, fmt=fmt, chunk_size=chunk_size, version=version,
                       pipeline=spec.names) as od:
            report = BatchReport(od.path, Path(errors_path or od.path / "errors.jsonl"), version)
            items = iter_items(inp, pattern) if isinstance(inp, str | Path) else inp
            if limit is not None:
                items = islice(items, limit)
            executor = client.get_executor(pure=False)

            def submit(chunk: list[Item]) -> Future[ChunkResult]:
                return executor.submit(compute_chunk, chunk, spec, version, timeout)

            def compute(chunk: list[Item]) -> ChunkResult:  # pragma: no cover - unused
                return compute_chunk(chunk, spec, version, timeout)

            drive(chunked(items, od.chunk_size), od, submit, report, compute=compute,
                  max_inflight=inflight, progress=progress)
            report.errors_path, report.errors_total = od.write_errors(report.errors_path)
    finally:
        if owned:
            client.close()
    report.seconds = time.perf_counter() - started
    return report


# -- collections already on the cluster ---------------------------------------
def _content_id(payload: Any) -> str:
    """A deterministic id for a record without one: a hash of its content."""
    data = payload if isinstance(payload, str) else json.dumps(payload, sort_keys=True,
                                                                ensure_ascii=False)
    return "sha1-" + hashlib.sha1(data.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _item(rec: Any, n: int) -> Item | dict[str, Any]:
    """A bag element as an input item, or its failure record if it is not even JSON."""
    obj = rec
    if isinstance(rec, str):
        try:
            obj = json.loads(rec)
        except json.JSONDecodeError as e:
            return {"id": _content_id(rec), "stage": "parse",
                    "error": f"invalid JSON ({e.msg} at column {e.colno})"}
    if isinstance(obj, dict) and record_id(obj) is None:  # no id, no URL: no file position either
        obj = {**obj, "id": _content_id(obj)}
    return Item("bag", n, obj)


def _outcomes(records: Iterable[Any], spec: PipelineSpec, version: str,
              timeout: float | None = None, batch: int = 32) -> list[dict[str, Any]]:
    """A partition's outcomes in order; its records are analyzed ``batch`` at a time."""
    pipe = get_pipeline(spec)
    out: list[dict[str, Any]] = []
    elements = [_item(rec, n) for n, rec in enumerate(records, 1)]
    for k in range(0, len(elements), batch):
        part = elements[k : k + batch]
        items = [e for e in part if isinstance(e, Item)]
        results = iter(run_items(pipe, items, version, timeout))
        for e in part:
            if not isinstance(e, Item):
                out.append(e)
                continue
            res, _ = next(results)
            if isinstance(res, Failure):
                rid = res.id if isinstance(e.payload, dict) else _content_id(e.payload)
                out.append({"id": rid, "stage": res.stage, "error": res.reason})
            else:
                out.append(dict(json.loads(res.line)))
    return out


def is_error(outcome: Mapping[str, Any]) -> bool:
    """Whether an element of :func:`process_bag`'s output is a failure record."""
    return "error" in outcome


def process_bag(
    bag: dask.bag.Bag,
    *,
    names: Sequence[str] = DEFAULT,
    config: Mapping[str, Mapping[str, Any]] | None = None,
    registry: Mapping[str, str] | None = None,
    timeout: float | None = None,
) -> dask.bag.Bag:
    """Analyze a bag of input records (JSON-line strings or dicts), lazily.

    Each element of the result is a document dict (``to_dict()`` plus
    ``pipeline_version``) or, for an item that failed, ``{"id", "error",
    "stage"}`` (see :func:`is_error`), in the input's order. Ids follow
    :mod:`khabar.reader`, except that a record with neither an id nor a URL (a
    bag has no file positions) gets ``"sha1-…"`` of its content, stable wherever
    it is processed. ``timeout`` limits seconds per document, as in
    :func:`run_distributed`.
    """
    spec, version = _spec(names, config, registry)
    return bag.map_partitions(_outcomes, spec, version, timeout)


def _write_partition(outcomes: list[dict[str, Any]], out: str, index: int) -> int:
    version = next((str(d["pipeline_version"]) for d in outcomes if not is_error(d)), "")
    rows = [Row(str(d["id"]), d.get("published"), json.dumps(d, ensure_ascii=False))
            for d in outcomes if not is_error(d)]
    path = Path(out)
    path.mkdir(parents=True, exist_ok=True)
    write_parquet(path / f"part-{index:06d}.parquet", rows, version)
    errors = [json.dumps(d, ensure_ascii=False) + "\n" for d in outcomes if is_error(d)]
    (path / f"errors-{index:06d}.jsonl").write_text("".join(errors), encoding="utf-8")
    return len(rows)


def write_bag_parquet(outcomes: dask.bag.Bag, out: str | Path) -> int:
    """Write :func:`process_bag` output as ``part-NNNNNN.parquet`` per partition.

    The workers write, so ``out`` must be storage they all see. Failures go to
    ``errors-NNNNNN.jsonl`` beside each part. Returns the number of documents.
    """
    import dask

    tasks = [dask.delayed(_write_partition)(p, str(out), i)
             for i, p in enumerate(outcomes.to_delayed())]
    return int(sum(dask.compute(*tasks)))


def process_dataframe(
    df: dask.dataframe.DataFrame,
    *,
    text: str = "text",
    id: str = "id",
    published: str | None = "published",
    names: Sequence[str] = DEFAULT,
    config: Mapping[str, Mapping[str, Any]] | None = None,
    registry: Mapping[str, str] | None = None,
    timeout: float | None = None,
) -> dask.dataframe.DataFrame:
    """Analyze the ``text`` column of a Dask DataFrame, lazily (needs pandas).

    Returns a frame with string columns ``id``, ``pipeline_version``,
    ``document`` (the output JSON, or null) and ``error`` (null, or the reason),
    one row per input row, partitions aligned with the input. ``timeout``
    limits seconds per document, as in :func:`run_distributed`.
    """
    import pandas as pd

    spec, version = _spec(names, config, registry)
    cols = [c for c in (id, text, published) if c and c in df.columns]
    meta = pd.DataFrame({c: pd.Series(dtype="string")
                         for c in ("id", "pipeline_version", "document", "error")})
    return df[cols].map_partitions(_df_partition, spec, version, text, id, published, timeout,
                                   meta=meta)


def _df_partition(part: Any, spec: PipelineSpec, version: str, text: str, id: str,
                  published: str | None, timeout: float | None) -> Any:
    import pandas as pd

    records = []
    for row in part.to_dict("records"):
        rec = {"text": row.get(text)}
        if id in row and row[id] is not None and not pd.isna(row[id]):
            rec["id"] = str(row[id])
        if published and row.get(published) is not None and not pd.isna(row[published]):
            rec["published"] = str(row[published])
        records.append(rec)
    outcomes = _outcomes(records, spec, version, timeout)
    return pd.DataFrame({
        "id": pd.array([str(o["id"]) for o in outcomes], dtype="string"),
        "pipeline_version": pd.array([version] * len(outcomes), dtype="string"),
        "document": pd.array([None if is_error(o) else json.dumps(o, ensure_ascii=False)
                               for o in outcomes], dtype="string"),
        "error": pd.array([o["error"] if is_error(o) else None for o in outcomes],
                           dtype="string"),
    }, index=part.index)


__all__ = ["Failure", "is_error", "process_bag", "process_dataframe", "run_distributed",
           "write_bag_parquet"]
