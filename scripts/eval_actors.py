"""Score the linker on the gold articles: entity F1 and linking accuracy.

Usage: .venv/bin/python scripts/eval_actors.py [--gold PATH] [--zwnj keep|strip|space]
       [--ner] [--verbose]

Entities are matched to the gold by (folded text, label) as a multiset, in
order of appearance; linking accuracy is over matched entities: right when the
actor's English name equals the gold ``actor`` (both may be null), and
"actor-or-country" also accepts the right ``country``. Without ``--ner`` (or
when ``khabar.ner`` is absent) entities come from the dictionary scan alone.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.actors.keys import match_key  # noqa: E402
from khabar.actors.linker import Linker  # noqa: E402
from khabar.document import Document  # noqa: E402

GOLD = ROOT.parent / "shared" / "data" / "gold" / "dev.jsonl"


def pipeline_names(use_ner: bool) -> list[str]:
    names = []
    for name, module in (("normalize", "khabar.normalize"), ("segment", "khabar.segment")):
        if importlib.util.find_spec(module) is not None:
            names.append(name)
    if use_ner and importlib.util.find_spec("khabar.ner") is not None:
        names.append("ner")
    return names


def analyze_doc(text: str, published: str | None, names: list[str], linker: Linker) -> Document:
    doc = Document.from_text(text, published=published)
    if names:
        from khabar.pipeline import Pipeline

        doc = Pipeline(names)(doc)
    return linker(doc)


def score(gold_rows: list[dict[str, Any]], zwnj: str, use_ner: bool, verbose: bool) -> dict[str, float]:
    names = pipeline_names(use_ner)
    linker = Linker()
    tp = fp = fn = 0
    link_ok = link_any = matched = 0
    for row in gold_rows:
        text = row["text"]
        if zwnj == "strip":
            text = text.replace("\u200c", "")
        elif zwnj == "space":
            text = text.replace("\u200c", " ")
        doc = analyze_doc(text, row.get("published"), names, linker)
        pred = [(match_key(doc.text[e.start : e.end]), e.label, e) for e in doc.entities]
        gold = [(match_key(g["text"]), g["label"], g) for g in row["entities"]]
        pool: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for k, lab, e in pred:
            pool[(k, lab)].append(e)
        missed = []
        for k, lab, g in gold:
            if pool[(k, lab)]:
                e = pool[(k, lab)].pop(0)
                tp += 1
                matched += 1
                name = e.link.name if e.link else None
                country = e.link.country if e.link else None
                ok = name == g["actor"]
                link_ok += ok
                link_any += ok or (country is not None and country == g["country"])
                if verbose and not ok:
                    print(f"  {row['id']} LINK {g['text']}: gold {g['actor']}/{g['country']}"
                          f" got {name}/{country}")
            else:
                fn += 1
                missed.append(g["text"] + "/" + lab)
        extra = [doc.text[e.start : e.end] + "/" + e.label for es in pool.values() for e in es]
        fp += len(extra)
        if verbose and (missed or extra):
            print(f"  {row['id']} missed={missed} extra={extra}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "link_actor": link_ok / matched if matched else 0.0,
        "link_actor_or_country": link_any / matched if matched else 0.0,
        "pipeline": "+".join(names + ["link"]),  # type: ignore[dict-item]
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--zwnj", choices=["keep", "strip", "space"], default=None)
    ap.add_argument("--ner", action="store_true", help="run khabar.ner before the linker")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]
    print("own matcher (match_key folding):")
    for mode in [args.zwnj] if args.zwnj else ["keep", "strip", "space"]:
        res = score(rows, mode, args.ner, args.verbose)
        print(f"  zwnj={mode:5} " + " ".join(
            f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in res.items()))
    print("khabar.evaluate (the shared scorer):")
    print(official(rows, args.ner))
    return 0


def official(rows: list[dict[str, Any]], use_ner: bool) -> str:
    from khabar.evaluate.gold import evaluate, format_report

    names = pipeline_names(use_ner)
    linker = Linker()

    def analyze(text: str, id: str, published: str | None) -> dict[str, Any]:
        return analyze_doc(text, published, names, linker).to_dict()

    return format_report(evaluate(rows, analyze, layers=("entities",)))


if __name__ == "__main__":
    raise SystemExit(main())
