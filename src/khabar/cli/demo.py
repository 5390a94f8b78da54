"""Analyze the bundled example articles and load them into the embedded store.

Prints, for each example, what khabar found — entities and the actors they
stand for, dates, who said what, and the coded events — then ingests the same
articles into the SQLite store and prints the command that opens the web app.
"""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "analyze the bundled example articles and load them into the store"
EXAMPLE = """examples:
  khabar demo
  khabar demo --examples examples/articles.jsonl --db var/khabar.db"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    from khabar.store import DEFAULT_DB

    p.add_argument("--examples", default="examples/articles.jsonl", help="JSON lines of articles to show")
    p.add_argument("--db", default=str(DEFAULT_DB), help=f"SQLite store to load them into (default {DEFAULT_DB})")


def run(args: argparse.Namespace) -> int:
    from khabar import default_pipeline
    from khabar.errors import InputError
    from khabar.ingest import ingest
    from khabar.render import render_text
    from khabar.store import open_store
    from khabar.textio import read_jsonl

    path = Path(args.examples)
    if not path.exists():
        raise InputError(f"{path}: no such file; run `make demo` from the repository root")
    pipeline = default_pipeline()
    with path.open(encoding="utf-8") as f:
        records = [r for r in read_jsonl(f) if r.error is None]
    for rec in records:
        doc = pipeline.analyze(rec.text or "", id=rec.id, published=rec.published)
        title = (rec.extra or {}).get("title") or rec.id
        print("=" * 78)
        print(f"{rec.id}: {title}")
        print(render_text(doc))
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    with open_store(args.db) as store:
        report = ingest([path], store, analyzer=pipeline)
    print("=" * 78)
    print(f"store {args.db}: {report.summary()}")
    print(f"open the web app:  .venv/bin/khabar serve --db {args.db}   (then http://127.0.0.1:8000/)")
    return 0
