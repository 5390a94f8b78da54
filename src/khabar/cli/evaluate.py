"""Score the pipeline on gold articles, or the NER model on a CoNLL corpus.

With a gold JSONL (``docs/gold-format.md``), runs the full pipeline on every
article as given, with ZWNJs stripped and with ZWNJs typed as spaces, and
prints P/R/F1 and the layer's accuracy (linking, value, speaker, date) per
layer. With ``--conll``, scores the shipped NER model phrase by phrase
(CoNLL strict) on a BIO file.
"""

from __future__ import annotations

import argparse
import json

HELP = "score the pipeline on gold articles or a CoNLL NER corpus"
EXAMPLE = """examples:
  khabar eval ../shared/data/gold/dev.jsonl
  khabar eval ../shared/data/gold/dev.jsonl --variants clean stripped --layers quotes events --json
  khabar eval --conll ../shared/data/ner/peyma/test.txt
  khabar eval --conll ../shared/data/ner/arman/test_fold3.txt --strip-zwnj"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    from khabar.evaluate.gold import SCORERS, VARIANTS

    p.add_argument("gold", nargs="?", help="gold articles, JSON lines")
    p.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    p.add_argument("--layers", nargs="+", default=list(SCORERS), choices=list(SCORERS))
    p.add_argument("--conll", metavar="FILE", help="score NER on a CoNLL/BIO corpus file instead")
    p.add_argument("--strip-zwnj", action="store_true", help="with --conll: remove ZWNJs from the input first")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")


def run(args: argparse.Namespace) -> int:
    from khabar.errors import InputError

    if args.conll:
        from khabar.evaluate.conll import evaluate_conll_cli

        print(evaluate_conll_cli(args.conll, strip_zwnj=args.strip_zwnj, as_json=args.json))
        return 0
    if not args.gold:
        raise InputError("give a gold JSONL file, or --conll FILE (see khabar eval --help)")
    from khabar import analyze
    from khabar.evaluate.gold import evaluate, format_report, read_gold

    report = evaluate(
        read_gold(args.gold),
        lambda text, id_, pub: analyze(text, id=id_, published=pub).to_dict(),
        variants=args.variants,
        layers=args.layers,
    )
    print(json.dumps(report.as_dict(), indent=2) if args.json else format_report(report))
    return 0
