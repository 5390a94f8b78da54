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
  khabar eval gold/dev.jsonl
  khabar eval gold/dev.jsonl --variants clean stripped --layers quotes events --json
  khabar eval --conll ner/peyma/test.txt
  khabar eval --conll ner/arman/test_fold3.txt --strip-zwnj
  khabar eval --conll ner/peyma/test.txt --accurate-ner
(gold/ and ner/ as in the evaluation data indexed by ../shared/README.md)"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    from khabar.evaluate.gold import SCORERS, VARIANTS

    p.add_argument("gold", nargs="?", help="gold articles, JSON lines")
    p.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    p.add_argument("--layers", nargs="+", default=list(SCORERS), choices=list(SCORERS))
    p.add_argument("--conll", metavar="FILE", help="score NER on a CoNLL/BIO corpus file instead")
    p.add_argument("--strip-zwnj", action="store_true", help="with --conll: remove ZWNJs from the input first")
    p.add_argument(
        "--domain",
        help="with --conll: the corpus's annotation convention (peyma, arman, parstwiner); "
        "default: guessed from the file's path, else the model's news default",
    )
    p.add_argument("--accurate-ner", action="store_true",
                   help="score the NER with its network added to the CRF (khabar analyze --accurate-ner)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")


def run(args: argparse.Namespace) -> int:
    from khabar.errors import InputError

    if args.conll:
        print(_conll(args))
        return 0
    if not args.gold:
        raise InputError("give a gold JSONL file, or --conll FILE (see khabar eval --help)")
    from khabar import analyze
    from khabar.evaluate.gold import evaluate, format_report, read_gold

    report = evaluate(
        read_gold(args.gold),
        lambda text, id_, pub: analyze(text, id=id_, published=pub,
                                       accurate=args.accurate_ner).to_dict(),
        variants=args.variants,
        layers=args.layers,
    )
    print(json.dumps(report.as_dict(), indent=2) if args.json else format_report(report))
    return 0


def _conll(args: argparse.Namespace) -> str:
    from pathlib import Path

    from khabar.errors import InputError
    from khabar.evaluate.conll import format_table, score_conll
    from khabar.ner import NerTagger
    from khabar.resources import model_path

    path = Path(args.conll)
    if not path.is_file():
        raise InputError(f"{path}: no such CoNLL file")
    domain = args.domain
    if domain is None:  # guess the convention from the path, if the shipped model knows it
        meta = json.loads(model_path("ner", "meta.json").read_text(encoding="utf-8"))
        domain = next((d for d in meta.get("domains", ()) if d in str(path).lower()), None)
    # offices=False: the «office is a title» rule follows our gold format, not the corpora's
    tagger = NerTagger(domain=domain, offices=False, accurate=args.accurate_ner)
    report = score_conll(path, tagger, strip_zwnj=args.strip_zwnj)
    if args.json:
        m = report.micro
        return json.dumps(
            {
                "corpus": report.name,
                "domain": domain,
                "strip_zwnj": args.strip_zwnj,
                "accurate_ner": args.accurate_ner,
                "micro": {"precision": m.precision, "recall": m.recall, "f1": m.f1},
                "per_label": {k: v.f1 for k, v in report.per_label.items()},
                "tokens_per_second": report.tokens_per_second,
            },
            indent=2,
        )
    title = (f"{report.name} (domain {domain or 'default'}{', ZWNJ stripped' if args.strip_zwnj else ''}"
             f"{', accurate' if args.accurate_ner else ''})")
    return format_table([report], titles=[title])
