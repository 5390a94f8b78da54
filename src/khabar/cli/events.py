"""Code political events (PLOVER + CAMEO) and write them as a GDELT-style CSV.

Analyzes one article from FILE (or standard input), or with ``--jsonl`` JSON
lines ``{"id","text","published"}``, through the full pipeline and writes one
CSV row an event (columns in ``khabar.events.export.COLUMNS``) to ``--csv OUT``
or standard output. A JSON line that cannot be analyzed is reported on stderr
and skipped; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterator

from khabar.document import Document
from khabar.errors import InputError
from khabar.textio import Record

HELP = "code events and write them as a GDELT-style CSV"
EXAMPLE = """examples:
  khabar events article.txt --published 2025-06-25T10:00:00+03:30
  khabar events article.txt --csv events.csv
  khabar events --jsonl articles.jsonl --csv events.csv
  cat articles.jsonl | khabar events --jsonl - > events.csv"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", default="-", help="article text file (or JSON lines with --jsonl); - for stdin")
    p.add_argument("--jsonl", action="store_true", help="FILE holds JSON lines {id, text, published}")
    p.add_argument("--csv", metavar="OUT", help="write the CSV to OUT instead of standard output")
    p.add_argument("--published", help="publication time of a single article, ISO 8601")
    p.add_argument("--id", default="", help="article id of a single article")


def _records(args: argparse.Namespace, failures: list[str]) -> Iterator[tuple[str, str, str | None]]:
    from khabar.textio import check_published, read_input, read_jsonl

    if not args.jsonl:
        yield args.id, read_input(args.file), check_published(args.published)
        return
    if args.file == "-":
        yield from _from_jsonl(read_jsonl(sys.stdin), failures)
        return
    try:
        with open(args.file, encoding="utf-8") as f:
            yield from _from_jsonl(read_jsonl(f), failures)
    except FileNotFoundError as e:
        raise InputError(f"{args.file}: no such file") from e


def _from_jsonl(records: Iterator[Record], failures: list[str]) -> Iterator[tuple[str, str, str | None]]:
    for rec in records:
        if rec.error is not None:
            failures.append(f"line {rec.line} ({rec.id}): {rec.error}")
            continue
        yield rec.id, rec.text or "", rec.published


def analyze_all(args: argparse.Namespace, failures: list[str]) -> Iterator[Document]:
    """Documents of the input, analyzed with the default pipeline."""
    from khabar.pipeline import Pipeline

    pipeline = None  # built after the first record is read, so input errors come first
    for id_, text, published in _records(args, failures):
        if pipeline is None:
            pipeline = Pipeline()
        yield pipeline.analyze(text, id=id_, published=published)


def run(args: argparse.Namespace) -> int:
    from khabar.events.export import events_to_csv

    failures: list[str] = []
    stream = analyze_all(args, failures)
    # Analyze the first article before writing anything: a bad input or an
    # unbuildable pipeline then leaves no half-written CSV behind.
    first = next(stream, None)
    docs = itertools.chain([] if first is None else [first], stream)
    if args.csv:
        n = events_to_csv(docs, args.csv)
        print(f"khabar events: {n} events written to {args.csv}", file=sys.stderr)
    else:
        events_to_csv(docs, sys.stdout)
    for f in failures:
        print(f"khabar events: {f}", file=sys.stderr)
    return 1 if failures else 0
