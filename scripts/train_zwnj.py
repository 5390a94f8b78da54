"""Build the ZWNJ restoration lexicon shipped in ``src/khabar/models/zwnj/``.

Usage (from the repository root, ``../shared`` beside it)::

    .venv/bin/python scripts/train_zwnj.py            # write models/zwnj/lexicon.tsv.gz + scorer.tsv
    .venv/bin/python scripts/train_zwnj.py --tune     # score on UD dev with a lexicon built without it
    .venv/bin/python scripts/train_zwnj.py --frontier # the trade-off of the decision thresholds on UD dev

Training text (correctly written Persian, read only here, never shipped):
the UD Persian Seraji and PerDT *dev* splits, ArmanPersoNERCorpus (fold 1
train + test = the whole corpus) and ParsTwiNER (train/dev/test). The UD
*test* splits are never read: they are the benchmark. The decision model
(``scorer.tsv``) is also trained on khabar's annotated *dev* articles
(``gold/dev.jsonl``), for the news spelling of whole articles. Fars News articles
are not used (their terms allow evaluation only).

Word list: hazm's ``data/words.dat`` (MIT licence, see
``src/khabar/models/zwnj/NOTICE``), ~190k words with corpus frequencies, adds
the spelling of compounds the corpora above lack. It is read from an
installed hazm package (``.peers-venv``, made by ``benchmarks/zwnj.py
--setup-peers``, or ``--hazm-words PATH``); without it the lexicon is
built from the corpora alone. hazm is never imported and never needed at
run time.

Compound list: shekar's ``data/files/compound_words.csv`` (MIT licence), ~10k
compounds spelled with ZWNJ (light-verb infinitives such as ``گوش‌دادن`` left
out: UD writes them apart), read from an installed shekar (``.peers-venv``, or
``--shekar-compounds PATH``); it adds the spelling of compounds to propose when
they are typed with a space. Never imported, never needed at run time.

What is counted (see :mod:`khabar.normalize.zwnj` for how it is used):
every word's ZWNJ spelling against its solid spelling, the parts on each
side of a compound ZWNJ, the verb forms after ``می``/``نمی``, and word pairs
whose joined spelling also exists.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import zwnj_scorer as zs

from khabar.normalize import normalize_text
from khabar.normalize.score import CONDITIONS, corrupt, score_zwnj
from khabar.normalize.scorer import Scorer
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
SCORER_OUT = OUT.parent / "scorer.tsv"
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
SPACED_WEIGHT = {"ud": 3.0, "arman": 0.3, "ptw": 0.3}
MIN_FORM = 2
NOISY_SOLID = 0.1
MIN_BLOCK = 3  # wrong joins on UD dev before a word stops joining by known spelling
WORDLIST_WEIGHT = 2  # one entry of hazm's word list counts like two corpus occurrences  # weight of a solid rule-shaped word in Arman/ParsTwiNER  # a ZWNJ spelling seen once in the NER corpora may be a typo


def training_text(with_ud_dev: bool, ud: list[str] | None = None) -> list[tuple[str, str]]:
    ner = DATA / "ner"
    out = [
        ("arman", s)
        for s in conll_sentences(
            [ner / "arman/train_fold1.txt", ner / "arman/test_fold1.txt"], None
        )
    ]
    out += [("ptw", s) for s in conll_sentences(sorted((ner / "parstwiner").glob("*.txt")), "\t")]
    if with_ud_dev:
        out += [("ud", s) for s in (ud_sentences("dev") if ud is None else ud)]
    # The same cleanup as at run time (Arabic letters, digits, stray ZWNJ), no restoration.
    return [(src, normalize_text(s, zwnj="off", diacritics=True)) for src, s in out]


VERB_ENDINGS = ("یم", "ید", "ند", "م", "ی", "د", "")


def verb_stems(rests: Iterable[str]) -> set[str]:
    """Stems of the verb forms seen after می‌ (personal endings stripped)."""
    out = set()
    for r in rests:
        for e in VERB_ENDINGS:
            if r.endswith(e) and len(r) - len(e) >= 2:
                out.add(r[: len(r) - len(e)] if e else r)
    return out


def _affixed(word: str, stems: set[str]) -> bool:
    """A word that should carry a ZWNJ by rule: stem + plural/degree/clitic after a
    joining letter, or می/نمی + a verb form. Arman and ParsTwiNER often write these
    solid, so their solid counts are not evidence against the ZWNJ."""
    for suf in PLURAL + DEGREE:
        if (
            word.endswith(suf)
            and len(word) - len(suf) >= 2
            and word[-len(suf) - 1] not in NON_JOINING
        ):
            return True
    for suf in CLITIC:
        if word.endswith(suf) and len(word) - len(suf) >= 2 and word[-len(suf) - 1] in "هی":
            return True
    for pre in PREFIX_VERB:
        if word.startswith(pre):
            rest = word[len(pre) :]
            return any(
                rest.endswith(e) and rest[: len(rest) - len(e)] in stems
                for e in VERB_ENDINGS
                if len(rest) > len(e)
            )
    return False


def gold_articles() -> list[str]:
    """khabar's annotated dev articles (``gold/dev.jsonl``), normalized without restoration."""
    path = DATA / "gold" / "dev.jsonl"
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [normalize_text(r["text"], zwnj="off", digits="keep") for r in rows]


def _peer_file(name: str, otherwise: str) -> Path | None:
    """A data file of a peer package installed in ``.peers-venv`` (never imported)."""
    found = sorted(ROOT.glob(f".peers-venv/lib/python*/site-packages/{name}"))
    if not found:
        print(f"{name} not found in .peers-venv: {otherwise}", file=sys.stderr)
        return None
    return found[0]


def hazm_words(path: Path | None) -> list[tuple[str, int]]:
    """``(word, frequency)`` from hazm's words.dat, normalized like the corpora."""
    path = path or _peer_file("hazm/data/words.dat", "building from the corpora only")
    if path is None:
        return []
    out = []
    for line in path.open(encoding="utf-8"):
        word, freq, *_ = line.rstrip("\n").split("\t")
        word = normalize_text(word, zwnj="off", diacritics=True)
        if WORD.fullmatch(word) and int(freq) > 0:
            out.append((word, int(freq)))
    return out


def shekar_compounds(path: Path | None) -> list[str]:
    """shekar's list of compound words written with ZWNJ (MIT), normalized like the corpora."""
    path = path or _peer_file("shekar/data/files/compound_words.csv", "not used")
    if path is None:
        return []
    out = []
    for line in path.open(encoding="utf-8"):
        word = normalize_text(line.strip(), zwnj="off", diacritics=True)
        # light-verb infinitives (گوش‌دادن, جدا‌کردن) are written apart in UD
        if ZWNJ in word and WORD.fullmatch(word) and not word.endswith(("دن", "تن")):
            out.append(word)
    return out


def build(
    sents: list[tuple[str, str]],
    wordlist: Iterable[tuple[str, int]] = (),
    compounds: Iterable[str] = (),
) -> Lexicon:
    solid: collections.Counter[str] = collections.Counter()  # float weights
    # solid spellings that are evidence on their own: UD's, and the noisy corpora's
    # words that do not look affixed (their solid affixed words are often damage)
    plain: collections.Counter[str] = collections.Counter()
    spell: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    left: collections.Counter[str] = collections.Counter()
    right: collections.Counter[str] = collections.Counter()
    mi: collections.Counter[str] = collections.Counter()
    spaced: collections.Counter[str] = collections.Counter()
    # UD dev's own habit, unweighted: keys with ZWNJ, solid words, runs written apart
    ud_z: collections.Counter[str] = collections.Counter()
    ud_s: collections.Counter[str] = collections.Counter()
    ud_a: collections.Counter[str] = collections.Counter()
    # first pass: the verb forms written after می‌ (to recognise solid-written verbs)
    for src, s in sents:
        for w in WORD.findall(s):
            parts = w.split(ZWNJ)
            if len(parts) > 1 and parts[0] in PREFIX_VERB:
                mi["".join(parts[1:])] += WEIGHT[src]
    stems = verb_stems(mi)
    for src, s in sents:
        wt = WEIGHT[src]
        words = [(m.group(), m.start(), m.end()) for m in WORD.finditer(s)]
        for w, _, _ in words:
            if src == "ud":
                (ud_z if ZWNJ in w else ud_s)[w.replace(ZWNJ, "")] += 1
            if ZWNJ in w:
                spell[w.replace(ZWNJ, "")][w] += wt
                parts = w.split(ZWNJ)
                if parts[0] in PREFIX_VERB:
                    parts = parts[1:]
                for a, b in zip(parts, parts[1:], strict=False):
                    if b in AFFIXES:
                        continue
                    left[a] += wt
                    right[b] += wt
            elif src == "ud" or not _affixed(w, stems):
                solid[w] += wt
                plain[w] += wt
            else:
                # discounted, not ignored: lexicalised words (تنها, بیشتر) look affixed too
                solid[w] += wt * NOISY_SOLID
        # runs of two and three words written apart, keyed without ZWNJ
        for k in range(len(words) - 1):
            run = [words[k][0]]
            for n in range(k + 1, min(k + 3, len(words))):
                if words[n][1] != words[n - 1][2] + 1 or s[words[n - 1][2]] != " ":
                    break
                run.append(words[n][0])
                spaced[" ".join(x.replace(ZWNJ, "") for x in run)] += SPACED_WEIGHT.get(src, wt)
                if src == "ud":
                    ud_a["".join(x.replace(ZWNJ, "") for x in run)] += 1
    # the word list: for each key, its most frequent spelling counts WORDLIST_WEIGHT
    best_of: dict[str, tuple[int, str]] = {}
    for w, f in wordlist:
        key = w.replace(ZWNJ, "")
        if f > best_of.get(key, (0, ""))[0]:
            best_of[key] = (f, w)
    def listed(w: str) -> None:
        """Count a listed ZWNJ spelling and, unless it is a verb form, its compound parts."""
        spell[w.replace(ZWNJ, "")][w] += WORDLIST_WEIGHT
        parts = w.split(ZWNJ)
        if parts[0] in PREFIX_VERB:
            return
        for a, b in zip(parts, parts[1:], strict=False):
            if b not in AFFIXES:
                left[a] += 1
                right[b] += 1

    for _f, w in best_of.values():
        if ZWNJ in w:
            listed(w)
        else:
            affixed = _affixed(w, stems)
            solid[w] += WORDLIST_WEIGHT * (NOISY_SOLID if affixed else 1)
            plain[w] += 0 if affixed else WORDLIST_WEIGHT
    # the compound list: each spelling counts like one word-list entry
    for w in compounds:
        listed(w)
    lex = Lexicon()
    for key, variants in spell.items():
        best, _ = variants.most_common(1)[0]
        total = sum(variants.values())
        # ZWNJ spellings get some benefit of the doubt: damage drops ZWNJs, it rarely adds them.
        if total >= MIN_FORM and total * 1.5 >= solid.get(key, 0):
            lex.forms[key] = best
            lex.form_count[key] = total
            if plain.get(key, 0) >= 1:
                lex.form_solid[key] = round(plain[key])
    # a solid word needs one full occurrence: discounted rule-shaped spellings
    # from the noisy corpora alone (رایانههای) are not evidence of a solid word
    lex.solid = {w: round(n) for w, n in solid.items() if w not in lex.forms and n >= 1}
    lex.left, lex.right, lex.mi = dict(left), dict(right), dict(mi)
    for run, n in spaced.items():
        joined = run.replace(" ", "")
        if joined in lex.forms or (" " not in run[run.index(" ") + 1 :] and joined in lex.solid):
            lex.pairs[run] = round(n, 1)
    ud_keys = set(ud_z) | {k for k in lex.forms if ud_s[k]}
    ud_keys |= {k for k in ud_a if k in lex.forms or k in lex.solid or k in ud_z}
    lex.ud = {k: (ud_z[k], ud_s[k], ud_a[k]) for k in ud_keys}
    return lex.index()


def save(lex: Lexicon, path: Path) -> None:
    rows = [
        f"F\t{k}\t{v}\t{lex.form_count[k]}\t{lex.form_solid.get(k, 0)}"
        for k, v in sorted(lex.forms.items())
    ]
    for kind, table in (
        ("S", lex.solid),
        ("L", lex.left),
        ("R", lex.right),
        ("M", lex.mi),
        ("P", lex.pairs),
        ("XL", dict.fromkeys(sorted(lex.block_left), 1)),
        ("XR", dict.fromkeys(sorted(lex.block_right), 1)),
    ):
        rows += [f"{kind}\t{k}\t{v}" for k, v in sorted(table.items())]
    rows += [f"U\t{k}\t{z},{s},{a}" for k, (z, s, a) in sorted(lex.ud.items())]
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(rows) + "\n")


def learn_blocks(lex: Lexicon, gold: list[str]) -> tuple[set[str], set[str]]:
    """Words whose spaced joins by known spelling are mostly wrong on UD dev.

    ``lex`` must be built without UD dev (so the joins are real predictions).
    A word is blocked on its side when it took part in at least MIN_BLOCK
    such joins and fewer than half were right (UD writes «به ویژه», «چرا که»
    apart although the word list spells them with a ZWNJ).
    """
    r = Restorer(lex)
    counts: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0])
    for cond in ("space", "deleted"):
        for g in gold:
            base = normalize_text(corrupt(g, cond), zwnj="off", digits="keep")
            if len(base) != len(g):
                continue
            for s, e, _ in r.edits(base, force=True):
                if e != s + 1 or base[s] != " ":
                    continue
                a = base[:s].rsplit(" ", 1)[-1].replace(ZWNJ, "")
                b = base[e:].split(" ", 1)[0].replace(ZWNJ, "")
                if r.join(a, b, True) or b in CLITIC or b in DEGREE:
                    continue  # affix rules are not blocked
                ok = int(g[s] == ZWNJ)
                for side in (("L", a), ("R", b)):
                    counts[side][ok] += 1
    blocked = {side for side, (bad, good) in counts.items() if bad >= MIN_BLOCK and good < bad}
    return {w for k, w in blocked if k == "L"}, {w for k, w in blocked if k == "R"}


def evaluate(r: Restorer, gold: list[str], show: int = 0) -> None:
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
    ap.add_argument(
        "--hazm-words", type=Path, help="hazm's data/words.dat (default: found in .peers-venv)"
    )
    ap.add_argument(
        "--shekar-compounds",
        type=Path,
        help="shekar's data/files/compound_words.csv (default: found in .peers-venv)",
    )
    ap.add_argument(
        "--no-wordlist", action="store_true", help="build from the corpora only (no word lists)"
    )
    ap.add_argument(
        "--frontier",
        action="store_true",
        help="print what each pair of decision thresholds gives on UD dev (cross-fitted)",
    )
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"needs {DATA}", file=sys.stderr)
        return 2
    words = [] if args.no_wordlist else hazm_words(args.hazm_words)
    comps = [] if args.no_wordlist else shekar_compounds(args.shekar_compounds)
    raw_dev = ud_sentences("dev")
    dev = [normalize_text(g, zwnj="off", digits="keep") for g in raw_dev]
    held_out = build(training_text(with_ud_dev=False), words, comps)
    # two halves of UD dev, each scored by a lexicon built from the other half
    halves = []
    for part in (0, 1):
        lex = build(training_text(with_ud_dev=True, ud=raw_dev[part::2]), words, comps)
        lex.block_left, lex.block_right = learn_blocks(held_out, dev[part::2])
        halves.append((lex, dev[1 - part :: 2]))
    if args.frontier:
        print(zs.frontier(zs.crossfit(halves)))
        return 0
    if args.tune:
        # the decision model too is trained on one half and scored on the other
        ex_a, ex_b = zs.crossfit(halves[:1]), zs.crossfit(halves[1:])
        weights, thresholds = zs.train(ex_a)
        print(f"model from half B (thresholds {thresholds}), scored on half A:")
        print(zs.report(ex_b, weights))
        r = Restorer(halves[1][0], Scorer(weights))
        print("the same through Restorer.edits and the benchmark metric:")
        evaluate(r, halves[1][1], args.show)
        return 0
    ex = zs.crossfit(halves)
    # khabar's own annotated dev articles (news spelling, whole articles): the
    # lexicon never saw them, so they are scored like the UD halves
    zs.collect(Restorer(halves[0][0]), gold_articles(), ex)
    weights, thresholds = zs.train(ex)
    print(f"decision model (thresholds inside/join {thresholds}), on its cross-fitted examples:")
    print(zs.report(ex, weights))
    lex = build(training_text(with_ud_dev=True), words, comps)
    lex.block_left, lex.block_right = learn_blocks(held_out, dev)
    save(lex, OUT)
    Scorer.save(
        weights,
        str(SCORER_OUT),
        "ZWNJ decision model: kind<TAB>feature<TAB>weight (khabar.normalize.scorer).\n"
        "Built by scripts/train_zwnj.py from UD dev (cross-fitted halves); do not edit.",
    )
    print(
        f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB): {len(lex.forms)} forms, "
        f"{len(lex.solid)} solid; {SCORER_OUT}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
