"""Analyze a Persian news article into khabar document JSON.

Reads one article from FILE (or standard input) and prints the document as
JSON (the contract in docs/output-schema.md) or as readable text. With
``--jsonl``, reads JSON lines ``{"id","text","published"}`` from standard input
and writes one document JSON a line, in order (analyzed up to 32 at a time, each
answer written as soon as no more input is waiting: :mod:`khabar.stream`); a
record that cannot be analyzed becomes ``{"id", "error"}`` on its line and is
reported on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys

from khabar.errors import InputError

HELP = "analyze an article (or JSON lines) into khabar document JSON"
EXAMPLE = """examples:
  khabar analyze examples/01_kremlin_call.txt --published 2025-06-25T10:00:00+03:30
  khabar analyze article.txt --format text
  cat articles.jsonl | khabar analyze --jsonl > documents.jsonl"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", default="-", help="article text file, or - for stdin (default)")
    p.add_argument("--published", help="publication time, ISO 8601, e.g. 2025-06-25T10:00:00+03:30")
    p.add_argument("--id", default="", help="document id to put in the output")
    p.add_argument("--format", choices=("json", "text"), default="json", help="output format")
    p.add_argument("--jsonl", action="store_true", help="JSON lines in on stdin, one document JSON a line out")
    p.add_argument("--indent", type=int, default=None, help="indent JSON output (default: compact)")
    p.add_argument("--accurate-ner", action="store_true",
                   help="add the NER network to the CRF: better names, about 20%% slower overall")


def run(args: argparse.Namespace) -> int:
    from khabar import analyze, default_pipeline
    from khabar.render import render_text
    from khabar.stream import analyze_stream, input_waiting
    from khabar.textio import check_published, read_input, read_jsonl

    if args.jsonl:
        if args.file != "-":
            raise InputError("--jsonl reads standard input; pipe the file in: khabar analyze --jsonl < FILE")
        failures = 0
        stream = analyze_stream(default_pipeline(args.accurate_ner), read_jsonl(sys.stdin),
                               lambda: input_waiting(sys.stdin))
        for rec, out in stream:
            if rec.error is not None:
                failures += 1
                print(f"khabar analyze: line {rec.line} ({rec.id}): {rec.error}", file=sys.stderr)
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        return 1 if failures else 0

    text = read_input(args.file)
    published = check_published(args.published)
    doc = analyze(text, id=args.id, published=published, accurate=args.accurate_ner)
    if args.format == "text":
        print(render_text(doc))
    else:
        print(json.dumps(doc.to_dict(), ensure_ascii=False, indent=args.indent))
    return 0
