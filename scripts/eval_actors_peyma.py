"""Precision of the dictionary scan on unseen text: PEYMA test (PER/ORG/LOC).

Usage: .venv/bin/python scripts/eval_actors_peyma.py [--split test] [--verbose]

PEYMA's sentences are given to the linker as pre-tokenized documents (its
tokens, joined by spaces; no NER entities), so every entity is a dictionary
match. A match counts as right when PEYMA has a phrase with the same tokens and
label. Recall here is only the dictionary's coverage of PEYMA's names (most of
them are unknown people and local organisations, which the NER must find), so
the useful figure is precision. NORP matches are left out: PEYMA has no NORP.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.actors.linker import Linker  # noqa: E402
from khabar.document import Document, Span, Token  # noqa: E402
from khabar.evaluate.conll import normalize_tokens, phrases, read_conll  # noqa: E402

PEYMA = ROOT.parent / "shared" / "data" / "ner" / "peyma"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()
    sents = read_conll(PEYMA / f"{args.split}.txt")
    linker = Linker()
    tp: Counter[str] = Counter()
    pred: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    wrong: Counter[tuple[str, str]] = Counter()
    for s in sents:
        words = normalize_tokens(s.tokens)
        text, toks, pos = "", [], 0
        for w in words:
            toks.append(Token(pos, pos + len(w)))
            text += w + " "
            pos += len(w) + 1
        doc = Document.from_text(text).with_layers(
            tokens=tuple(toks), sentences=(Span(0, len(text)),), entities=())
        out = linker(doc)
        starts = {t.start: i for i, t in enumerate(toks)}
        ends = {t.end: i + 1 for i, t in enumerate(toks)}
        g = {(a, b, lab) for a, b, lab in phrases(s.tags) if lab in ("PER", "ORG", "LOC")}
        for _, _, lab in g:
            gold[lab] += 1
        for e in out.entities:
            if e.label not in ("PER", "ORG", "LOC"):
                continue
            key = (starts.get(e.start, -1), ends.get(e.end, -1), e.label)
            pred[e.label] += 1
            if key in g:
                tp[e.label] += 1
            else:
                wrong[(out.text[e.start:e.end], e.label)] += 1
    for lab in ("PER", "ORG", "LOC"):
        p = tp[lab] / pred[lab] if pred[lab] else 0.0
        r = tp[lab] / gold[lab] if gold[lab] else 0.0
        print(f"{lab}: precision={p:.3f} ({tp[lab]}/{pred[lab]})  coverage={r:.3f} of {gold[lab]}")
    allp = sum(tp.values()) / max(1, sum(pred.values()))
    print(f"all: precision={allp:.3f} ({sum(tp.values())}/{sum(pred.values())})")
    if args.verbose:
        for (t, lab), n in wrong.most_common(60):
            print(f"  {n:3d} {lab} {t}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
