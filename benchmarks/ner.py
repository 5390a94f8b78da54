"""Score the shipped NER model: CoNLL test sets (clean and ZWNJ-stripped), gold articles, speed.

    .venv/bin/python benchmarks/ner.py            # print the tables
    .venv/bin/python benchmarks/ner.py --write    # and write benchmarks/results/ner.md

CoNLL: phrase-level (conlleval strict) P/R/F1 for PER/ORG/LOC on PEYMA test,
Arman ``test_fold3`` and ParsTwiNER test; "stripped" removes every ZWNJ from the
input tokens (no restoration: the worst case). Gold articles: entity F1 by
text + label (multiset, ``khabar.evaluate.gold.score_entities``) for the NER
alone, on clean text, ZWNJs stripped and ZWNJs turned into spaces. Speed:
tokens/s of ``NerTagger`` on one core (features + CRF decoding), alone and
with the BiLSTM's scores (``accurate=True``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.document import Document  # noqa: E402
from khabar.evaluate.conll import (  # noqa: E402
    ConllReport,
    format_table,
    normalize_tokens,
    read_conll,
    score_conll,
    tag_all,
)
from khabar.ner import NerTagger  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
NER = DATA / "ner"
TESTS = {
    "PEYMA test": NER / "peyma" / "test.txt",
    "Arman test_fold3": NER / "arman" / "test_fold3.txt",
    "ParsTwiNER test": NER / "parstwiner" / "test.txt",
}
#: the annotation convention (``NerTagger(domain=…)``) each test set follows
DOMAINS = {"PEYMA test": "peyma", "Arman test_fold3": "arman", "ParsTwiNER test": "parstwiner"}
GOLD_LABELS = ("PER", "ORG", "LOC", "NORP")


def conll_tables(model_dir: str | None) -> str:
    """Each test set with its own corpus convention (the CRF alone, then ``accurate``),
    then all with the default (news) one."""
    # the corpora's own conventions: no «office is a title» rule of the gold articles
    default = NerTagger(model_dir=model_dir, offices=False)
    taggers = {d: NerTagger(model_dir=model_dir, domain=d, offices=False) if default.domain
               else default for d in set(DOMAINS.values())}
    accurate = {d: NerTagger(model_dir=model_dir, domain=d, offices=False, accurate=True)
                for d in set(DOMAINS.values())}
    out = []
    for title, pick in (("Each corpus with its own convention (`domain=`)", lambda n: taggers[DOMAINS[n]]),
                        ("Same, `accurate=True` (CRF + BiLSTM label scores)",
                         lambda n: accurate[DOMAINS[n]]),
                        (f"All with the default convention (`domain={default.domain}`)",
                         lambda n: default)):
        rows: list[tuple[str, ConllReport]] = []
        for name, path in TESTS.items():
            for strip in (False, True):
                rows.append((f"{name}{' (ZWNJ stripped)' if strip else ''}",
                             score_conll(path, pick(name), strip_zwnj=strip)))
        out += [f"### {title}", "", format_table([r for _, r in rows], titles=[t for t, _ in rows]), ""]
    tw = taggers[DOMAINS["ParsTwiNER test"]]
    more = [(f"ParsTwiNER test{' (ZWNJ stripped)' if s else ''}",
             score_conll(TESTS["ParsTwiNER test"], tw, labels=("PER", "ORG", "LOC", "NORP", "EVENT"),
                         strip_zwnj=s)) for s in (False, True)]
    out += ["### All ParsTwiNER labels (POG→ORG, NAT→NORP, EVE→EVENT; its own convention)", "",
            format_table([r for _, r in more], titles=[t for t, _ in more]), ""]
    return "\n".join(out)


def analyze(text: str, tagger: NerTagger) -> Document:
    """normalize → segment → ner, with the pipeline's own stages."""
    from khabar.segment import Segmenter

    doc = Document.from_text(text)
    try:
        from khabar.normalize import Normalizer

        doc = Normalizer()(doc)
    except Exception as e:  # noqa: BLE001 — the normalizer is developed alongside; fall back
        print(f"(normalizer unavailable, letter map only: {e!r})", file=sys.stderr)
        doc = Document.from_text(normalize_tokens([text])[0])
    return tagger(Segmenter()(doc))


def gold_table(tagger: NerTagger) -> str:
    from khabar.evaluate.gold import Score, read_gold, score_entities

    articles = read_gold(DATA / "gold" / "dev.jsonl")
    variants = {"clean": lambda t: t, "ZWNJ stripped": lambda t: t.replace("\u200c", ""),
                "ZWNJ as space": lambda t: t.replace("\u200c", " ")}
    lines = ["| text | P | R | F1 | tp | pred | gold |", "|---|---|---|---|---|---|---|"]
    for vname, f in variants.items():
        total = Score()
        for a in articles:
            doc = analyze(f(a["text"]), tagger).to_dict()
            pred = [e for e in doc["entities"] if e["label"] in GOLD_LABELS]
            gold = [e for e in a["entities"] if e["label"] in GOLD_LABELS]
            total.add(score_entities(gold, pred))
        lines.append(f"| {vname} | {total.precision:.3f} | {total.recall:.3f} | {total.f1:.3f} "
                     f"| {total.tp} | {total.pred} | {total.gold} |")
    return "\n".join(lines)


def seed_check(tagger: NerTagger) -> str:
    first = json.loads((DATA / "gold" / "dev.jsonl").read_text(encoding="utf-8").splitlines()[0])
    raw = next((DATA / "seed").glob("*.txt")).read_text(encoding="utf-8")
    doc = analyze(raw, tagger)
    found = [(doc.text[e.start:e.end], e.label) for e in doc.entities]
    from khabar.evaluate.gold import fold

    got = {(fold(t), lab) for t, lab in found}
    missed = sorted({(e["text"], e["label"]) for e in first["entities"]
                     if (fold(e["text"]), e["label"]) not in got})
    return ("found: " + "، ".join(f"{t} ({lab})" for t, lab in found)
            + "\n\nmissed (gold dev-001 text+label): " + "، ".join(f"{t} ({lab})" for t, lab in missed))


def speed(model_dir: str | None) -> str:
    """Tokens/s of a fresh tagger over PEYMA + Arman test: cold and warm caches.

    The default tagger (the CRF alone) and ``accurate=True`` (CRF + BiLSTM scores),
    back to back. CPU seconds of this process are reported beside wall seconds: on a
    shared machine the CPU figure is the per-core speed.
    """
    sents = [normalize_tokens(s.tokens) for p in (TESTS["PEYMA test"], TESTS["Arman test_fold3"])
             for s in read_conll(p)]
    n = sum(map(len, sents))
    lines = [f"{n:,} tokens (PEYMA test + Arman test_fold3), batches of 64 sentences:", ""]
    for name, acc in (("default (CRF alone)", False), ("`accurate=True` (CRF + BiLSTM)", True)):
        fresh = NerTagger(model_dir=model_dir, accurate=acc)
        for run in ("cold cache", "warm cache"):
            w0, c0 = time.perf_counter(), time.process_time()
            tag_all(fresh, sents)
            wall, cpu = time.perf_counter() - w0, time.process_time() - c0
            lines.append(f"- {name}, {run}: {n / cpu:,.0f} tokens/s per CPU-second "
                         f"({n / wall:,.0f} wall)")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="write benchmarks/results/ner.md")
    ap.add_argument("--model-dir", default=None)
    args = ap.parse_args()
    tagger = NerTagger(model_dir=args.model_dir)
    table = conll_tables(args.model_dir)
    parts = ["# NER benchmark (`benchmarks/ner.py`)", "",
             "Phrase-level CoNLL-strict scores of the shipped tagger (the CRF; with `accurate=True` "
             "also a BiLSTM's label scores; PER/ORG/LOC unless stated), "
             "on the test splits (never trained or tuned on). The corpora are scored with their "
             "own annotation convention (`NerTagger(domain=…, offices=False)`); tokens/s is per "
             "CPU-second of the tagging alone. \"ZWNJ stripped\" removes every ZWNJ from the input "
             "tokens after normalization; every lexical feature reads the ZWNJ-folded word, so the "
             "scores are equal by construction. ZWNJs turned into spaces (token splits) are "
             "scored on the gold articles below.", "",
             table, "", "## Speed", "", speed(args.model_dir), ""]
    try:
        parts += ["## Gold articles, NER alone (PER/ORG/LOC/NORP, text+label)", "", gold_table(tagger),
                  "", "## Seed article", "", seed_check(tagger), ""]
    except ImportError as e:  # normalizer/segmenter not installed yet
        parts += [f"(gold articles skipped: {e})", ""]
    out = "\n".join(parts)
    print(out)
    if args.write:
        (ROOT / "benchmarks" / "results" / "ner.md").write_text(out, encoding="utf-8")


if __name__ == "__main__":
    main()
