"""Process a large corpus in parallel, locally or on Dask, resumably.

Reads what ``khabar ingest`` reads (:mod:`khabar.reader`: JSON lines, streamed
JSON arrays such as the farsnews dumps, text, HTML, feeds; IN may be a
directory), with the same ids, text and dates, writes part files of document JSON
(``--format jsonl``) or Parquet under the directory OUT, and every failed item,
with its id and reason, to OUT/errors.jsonl. Re-running the same command
skips the chunks already written under the same pipeline version.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from khabar.errors import ConfigError

HELP = "process a large JSONL corpus in parallel (locally or on Dask)"
EXAMPLE = """examples:
  khabar batch articles.jsonl out/ --workers 2
  khabar batch /data/farsnews out/ --format parquet --pipeline normalize,segment
  khabar batch articles.jsonl out/ --scheduler tcp://10.0.0.5:8786   # on a Dask cluster
  (kill it and run the same command again: it resumes where it stopped)"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", metavar="IN", help="a .jsonl/.json/.txt/.html/.rss file, or a directory of them")
    p.add_argument("output", metavar="OUT", help="output directory (part files, errors.jsonl)")
    p.add_argument("--format", choices=("jsonl", "parquet"), default=None,
                   help="part file format (default: what OUT holds, else jsonl; parquet with "
                   "--scheduler)")
    p.add_argument("--workers", type=int, default=1, help="local worker processes (default 1)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on a Dask cluster, e.g. tcp://host:8786 (--workers is ignored)")
    p.add_argument("--pipeline", metavar="NAMES",
                   help="comma-separated components (default: the full pipeline)")
    p.add_argument("--config", metavar="JSON",
                   help='component options, e.g. \'{"normalize": {"digits": "fa"}}\' or @file.json')
    p.add_argument("--component", action="append", default=[], metavar="NAME=MODULE:CLASS",
                   help="register an extra component (repeatable)")
    p.add_argument("--chunk-size", type=int, default=64,
                   help="items per part file; the unit of resume (default 64)")
    p.add_argument("--max-inflight", type=int, default=None,
                   help="chunks read ahead at most (default 2 per worker)")
    p.add_argument("--timeout", type=float, default=None,
                   help="seconds allowed per document; slower ones are errors. "
                   "Documents are then analyzed one at a time, which is slower")
    p.add_argument("--errors", metavar="PATH", default=None,
                   help="errors file (default OUT/errors.jsonl)")
    p.add_argument("--glob", metavar="PATTERN", default=None,
                   help="read only the files of IN matching PATTERN, e.g. '*.json'")
    p.add_argument("--limit", type=int, default=None, help="process only the first N items")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def _config(value: str | None) -> dict[str, Any]:
    if not value:
        return {}
    text = Path(value[1:]).read_text(encoding="utf-8") if value.startswith("@") else value
    try:
        cfg = json.loads(text)
    except json.JSONDecodeError as e:
        raise ConfigError(f"--config is not JSON ({e.msg}); e.g. '{{\"normalize\": {{}}}}'") from e
    if not isinstance(cfg, dict) or not all(isinstance(v, dict) for v in cfg.values()):
        raise ConfigError("--config must map component names to option objects")
    return cfg


def _registry(extra: list[str]) -> dict[str, str] | None:
    if not extra:
        return None
    from khabar.pipeline import REGISTRY

    table = dict(REGISTRY)
    for entry in extra:
        name, sep, path = entry.partition("=")
        if not sep or ":" not in path or not name:
            raise ConfigError(f"--component {entry!r} is not NAME=MODULE:CLASS")
        table[name] = path
    return table


def _format(args: argparse.Namespace) -> str:
    """The --format given, else the one OUT already holds (resume), else the default."""
    if args.format:
        return str(args.format)
    try:
        manifest = json.loads((Path(args.output) / "_khabar_batch.json").read_text("utf-8"))
        return str(manifest["format"])
    except (OSError, ValueError, KeyError):
        return "parquet" if args.scheduler else "jsonl"


def _check_pipeline(common: dict[str, Any]) -> None:
    """Build the pipeline once here so configuration errors stop the run before any output."""
    from khabar.batch.work import PipelineSpec, get_pipeline

    get_pipeline(PipelineSpec(tuple(common["names"]), common["config"], common["registry"]))


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from khabar.pipeline import DEFAULT

    names = [n.strip() for n in args.pipeline.split(",") if n.strip()] if args.pipeline else DEFAULT
    common: dict[str, Any] = {
        "names": names,
        "config": _config(args.config),
        "registry": _registry(args.component),
        "chunk_size": args.chunk_size,
        "max_inflight": args.max_inflight,
        "errors_path": args.errors,
        "limit": args.limit,
        "pattern": args.glob,
    }
    # No monitor thread: a thread alive at fork time can deadlock the workers.
    tqdm.monitor_interval = 0
    bar = tqdm(unit="doc", file=sys.stderr, disable=args.no_progress or None, smoothing=0.1,
               desc="khabar batch")

    def progress(n: int, chars: int) -> None:
        bar.update(n)

    try:
        try:
            _check_pipeline(common)
        except ConfigError as e:
            # The shell prints one line; keep every listed problem on it.
            raise ConfigError(" ".join(str(e).split())) from e
        if args.scheduler:
            from khabar.distributed import run_distributed

            report = run_distributed(args.input, args.output, scheduler=args.scheduler,
                                     fmt=_format(args), timeout=args.timeout,
                                     progress=progress, **common)
        else:
            from khabar.batch import run_batch

            report = run_batch(args.input, args.output, workers=args.workers,
                               fmt=_format(args), timeout=args.timeout,
                               progress=progress, **common)
    finally:
        bar.close()
    print(
        f"khabar batch: {report.documents} documents, {report.failures} failures, "
        f"{report.skipped} items already done, {report.docs_per_second:.1f} items/s; "
        f"output in {report.out}, {report.errors_total} error(s) in {report.errors_path}",
        file=sys.stderr,
    )
    return 0
