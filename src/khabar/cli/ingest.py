"""Ingest text, JSON lines, JSON arrays, HTML pages or RSS/Atom feeds into the store.

Each record is deduplicated by content hash, analyzed by the pipeline and
stored with all its layers in one transaction. Records that cannot be read or
analyzed are listed (id/path, reason) in the errors file; the run goes on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from khabar.store import DEFAULT_DB

HELP = "ingest text, JSON lines, HTML or RSS files into the store"
EXAMPLE = """examples:
  khabar ingest articles.jsonl --db var/khabar.db
  khabar ingest saved-pages/ feeds/irna.rss --errors var/ingest-errors.jsonl --progress
  khabar ingest farsnews/ --pipeline normalize,segment      # a light, fast analysis"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files or directories (.txt .jsonl .json .html .rss .atom .xml)")
    p.add_argument("--db", default=str(DEFAULT_DB), help=f"store file (default {DEFAULT_DB})")
    p.add_argument("--errors", metavar="FILE", default=None,
                   help="write one JSON line per failed record (id, source, line, stage, reason, path)")
    p.add_argument("--pipeline", metavar="NAMES", default=None,
                   help="comma-separated components (default: the full pipeline)")
    p.add_argument("--accurate-ner", action="store_true",
                   help="add the NER network to the CRF (as khabar analyze --accurate-ner)")
    p.add_argument("--progress", action="store_true",
                   help="show a progress bar on stderr even when it is not a terminal")


def run(args: argparse.Namespace) -> int:
    from khabar.errors import ConfigError
    from khabar.ingest import ingest
    from khabar.pipeline import DEFAULT, Pipeline
    from khabar.store import open_store

    names = [n.strip() for n in args.pipeline.split(",") if n.strip()] if args.pipeline else DEFAULT
    if args.accurate_ner and "ner" not in names:
        raise ConfigError("--accurate-ner needs the ner component; add it to --pipeline")
    config = {"ner": {"accurate": True}} if args.accurate_ner else None
    pipeline = Pipeline(names, config=config)
    progress = args.progress or sys.stderr.isatty()
    errors = None
    if args.errors:
        Path(args.errors).parent.mkdir(parents=True, exist_ok=True)
        errors = open(args.errors, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    try:
        with open_store(args.db) as store:
            report = ingest(args.paths, store, analyzer=pipeline, errors=errors, progress=progress)
    finally:
        if errors is not None:
            errors.close()
    print(f"{report.summary()} -> {args.db}")
    if report.counts["failed"]:
        where = f"; see {args.errors}" if args.errors else "; use --errors FILE for the list"
        print(f"{report.counts['failed']} records failed{where}", file=sys.stderr)
    return 0 if report.records and report.counts["failed"] < report.records else 1
