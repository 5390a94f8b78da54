"""Build the ZWNJ restoration lexicon shipped in ``src/khabar/models/zwnj/``.

Usage (from the repository root, ``../shared`` beside it)::

    .venv/bin/python scripts/train_zwnj.py            # write models/zwnj/lexicon.tsv.gz
    .venv/bin/python scripts/train_zwnj.py --tune     # score on UD dev with a lexicon built without it

Training text (correctly written Persian, read only here, never shipped):
the UD Persian Seraji and PerDT *dev* splits, ArmanPersoNERCorpus (fold 1
train + test = the whole corpus) and ParsTwiNER (train/dev/test). The UD
*test* splits are never read: they are the benchmark. Fars News articles
are not used (their terms allow evaluation only).

What is counted (see :mod:`khabar.normalize.zwnj` for how it is used):
every word's ZWNJ spelling against its solid spelling, the parts on each
side of a compound ZWNJ, the verb forms after ``می``/``نمی``, and word pairs
whose joined spelling also exists.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from khabar.normalize import normalize_text
from khabar.normalize.score import CONDITIONS, corrupt, score_zwnj
from khabar.normalize.zwnj import (
    CLITIC,
    DEGREE,
    NON_JOINING,
    PLURAL,
    PREFIX_VERB,
    WORD,
    ZWNJ,
    Lexicon,
    Restorer,
    _apply,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "khabar" / "models" / "zwnj" / "lexicon.tsv.gz"
#: Right parts that are inflection, not a compound head: not counted as ``R``.
AFFIXES = (
    frozenset(PLURAL)
    | frozenset(DEGREE)
    | frozenset(CLITIC)
    | {
        "شان",
        "مان",
        "تان",
        "ش",
        "م",
        "ت",
        "ی",
        "ان",
        "ایی",
        "یی",
        "هایشان",
        "ات",
        "اید",
    }
)


def ud_sentences(split: str) -> list[str]:
    out = []
    for f in sorted((DATA / "ud").glob(f"*/*-ud-{split}.conllu")):
        for line in f.open(encoding="utf-8"):
            if line.startswith("# text = "):
                out.append(line[9:].rstrip("\n"))
    return out


def conll_sentences(paths: Iterable[Path], sep: str | None) -> Iterator[str]:
    for p in paths:
        toks: list[str] = []
        for line in p.open(encoding="utf-8"):
            line = line.strip()
            if not line:
                if toks:
                    yield " ".join(toks)
                toks = []
                continue
            toks.append(line.split(sep)[0])
        if toks:
            yield " ".join(toks)


#: How much one occurrence counts: UD dev is the target convention; Arman and
#: ParsTwiNER add vocabulary but follow looser conventions.
WEIGHT = {"ud": 10, "arman": 1, "ptw": 1}
#: UD writes many multiword expressions apart (گفت و گو) that khabar's own gold
#: joins (گفت‌وگو), so its spaced runs weigh less than its ZWNJ spellings.
SPACED_WEIGHT = {"ud": 3}
MIN_FORM = 2  # a ZWNJ spelling seen once in the NER corpora may be a typo


def training_text(with_ud_dev: bool) -> list[tuple[str, str]]:
    ner = DATA / "ner"
    out = [
        ("arman", s)
        for s in conll_sentences(
            [ner / "arman/train_fold1.txt", ner / "arman/test_fold1.txt"], None
        )
    ]
    out += [("ptw", s) for s in conll_sentences(sorted((ner / "parstwiner").glob("*.txt")), "\t")]
    if with_ud_dev:
        out += [("ud", s) for s in ud_sentences("dev")]
    # The same cleanup as at run time (Arabic letters, digits, stray ZWNJ), no restoration.
    return [(src, normalize_text(s, zwnj="off", diacritics=True)) for src, s in out]


def _affixed(word: str) -> bool:
    """stem + plural/degree suffix after a joining letter (Arman writes these solid)."""
    for suf in PLURAL + DEGREE:
        if (
            word.endswith(suf)
            and len(word) - len(suf) >= 2
            and word[-len(suf) - 1] not in NON_JOINING
        ):
            return True
    return False


def build(sents: list[tuple[str, str]]) -> Lexicon:
    solid: collections.Counter[str] = collections.Counter()
    spell: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    left: collections.Counter[str] = collections.Counter()
    right: collections.Counter[str] = collections.Counter()
    mi: collections.Counter[str] = collections.Counter()
    spaced: collections.Counter[str] = collections.Counter()
    for src, s in sents:
        wt = WEIGHT[src]
        words = [(m.group(), m.start(), m.end()) for m in WORD.finditer(s)]
        for w, _, _ in words:
            if ZWNJ in w:
                spell[w.replace(ZWNJ, "")][w] += wt
                parts = w.split(ZWNJ)
                if parts[0] in PREFIX_VERB:
                    mi["".join(parts[1:])] += wt
                    parts = parts[1:]
                for a, b in zip(parts, parts[1:], strict=False):
                    if b in AFFIXES:
                        continue
                    left[a] += wt
                    right[b] += wt
            elif not (src == "arman" and _affixed(w)):
                solid[w] += wt
        # runs of two and three words written apart, keyed without ZWNJ
        for k in range(len(words) - 1):
            run = [words[k][0]]
            for n in range(k + 1, min(k + 3, len(words))):
                if words[n][1] != words[n - 1][2] + 1 or s[words[n - 1][2]] != " ":
                    break
                run.append(words[n][0])
                spaced[" ".join(x.replace(ZWNJ, "") for x in run)] += SPACED_WEIGHT.get(src, wt)
    lex = Lexicon()
    for key, variants in spell.items():
        best, _ = variants.most_common(1)[0]
        total = sum(variants.values())
        # ZWNJ spellings get some benefit of the doubt: damage drops ZWNJs, it rarely adds them.
        if total >= MIN_FORM and total * 1.5 >= solid.get(key, 0):
            lex.forms[key] = best
            lex.form_count[key] = total
    lex.solid = {w: n for w, n in solid.items() if w not in lex.forms}
    lex.left, lex.right, lex.mi = dict(left), dict(right), dict(mi)
    for run, n in spaced.items():
        if run.replace(" ", "") in lex.forms:
            lex.pairs[run] = n
    return lex


def save(lex: Lexicon, path: Path) -> None:
    rows = [f"F\t{k}\t{v}\t{lex.form_count[k]}" for k, v in sorted(lex.forms.items())]
    for kind, table in (
        ("S", lex.solid),
        ("L", lex.left),
        ("R", lex.right),
        ("M", lex.mi),
        ("P", lex.pairs),
    ):
        rows += [f"{kind}\t{k}\t{v}" for k, v in sorted(table.items())]
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(rows) + "\n")


def evaluate(lex: Lexicon, gold: list[str], show: int = 0) -> None:
    r = Restorer(lex)
    for cond in CONDITIONS:
        preds = []
        t0 = time.perf_counter()
        for g in gold:
            base = normalize_text(corrupt(g, cond), zwnj="off", digits="keep")
            preds.append("".join(_apply(base, r.edits(base, force=False))))
        dt = time.perf_counter() - t0
        c = score_zwnj(gold, preds)
        print(f"{cond:8s} P/R/F1 {c.as_row()}  tp={c.tp} fp={c.fp} fn={c.fn}  {dt:.1f}s")
        if show:
            _show_errors(gold, preds, show)


def _show_errors(gold: list[str], preds: list[str], k: int) -> None:
    fp: collections.Counter[str] = collections.Counter()
    fn: collections.Counter[str] = collections.Counter()
    for g, p in zip(gold, preds, strict=True):
        gw = set(re.findall(r"\S+", g))
        pw = set(re.findall(r"\S+", p))
        for w in pw - gw:
            fp[w] += 1
        for w in gw - pw:
            fn[w] += 1
    print("   wrong out:", fp.most_common(k))
    print("   missed:   ", fn.most_common(k))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--tune", action="store_true", help="score on UD dev, lexicon built without UD dev"
    )
    ap.add_argument("--show", type=int, default=0, help="print the N most common errors")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"needs {DATA}", file=sys.stderr)
        return 2
    if args.tune:
        lex = build(training_text(with_ud_dev=False))
        evaluate(
            lex,
            [normalize_text(g, zwnj="off", digits="keep") for g in ud_sentences("dev")],
            args.show,
        )
        return 0
    lex = build(training_text(with_ud_dev=True))
    save(lex, OUT)
    print(
        f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB): {len(lex.forms)} forms, {len(lex.solid)} solid"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
