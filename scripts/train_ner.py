"""Train khabar's CRF named-entity model from the NER corpora in ../shared.

    .venv/bin/python scripts/train_ner.py                 # the shipped model -> src/khabar/models/ner/
    .venv/bin/python scripts/train_ner.py --dev --out /tmp/ner-dev   # choose settings: dev scores
    .venv/bin/python scripts/train_ner.py --dev --tune-only --out /tmp/ner-dev  # re-tune the «O» biases

The defaults are the shipped model's settings (crfsuite l2sgd, c2 0.05, 45 epochs,
features seen at least twice, weights below 0.02 pruned, the per-domain «O»
biases of ``--o-bias-by-domain``); one run takes about 10 minutes on one free
core (an ``--algorithm lbfgs --iterations 100`` run about 20).

Settings are chosen with ``--dev`` first: PEYMA dev and ParsTwiNER dev are
scored, and the last tenth of Arman ``train_fold3`` is held out and scored — a
contiguous block, because Arman's sentences come grouped by document and a
random tenth shares documents with the training part (it scores ≈ 0.75 where
unseen documents score ≈ 0.68). Each domain's «O» bias (lower «O» score: recall
for precision) is the candidate of ``--o-bias`` with the best micro-F1 on that
domain's dev set; the run prints them. The shipped model is then trained, as is
standard, on the training AND dev splits (PEYMA train + dev, the whole of Arman
``train_fold3``, ParsTwiNER train + dev; ``--no-train-dev`` leaves the dev splits
out) with those settings and the biases given by ``--o-bias-by-domain``; its dev
scores are then not held-out scores. No test split is ever trained or tuned on:
any training sentence equal to a sentence of a test split is dropped.

Labels are mapped by :data:`khabar.evaluate.conll.LABEL_MAP` (PEYMA's timexes,
numbers and Arman's products become ``O``). Tokens are normalized as at run
time; a third of the sentences that hold a ZWNJ are added again with the ZWNJ
turned into a space (split tokens), as crawled news often arrives.

Each corpus keeps its own annotation convention through corpus-conjoined
features (``Featurizer(domain=…)``). Word clusters (k-means over PPMI context
vectors reduced by SVD, four granularities) are computed from the training
tokens plus the token text of the UD Persian *dev* treebanks (unlabelled text;
UD test is never read; a sentence equal to an NER test sentence is dropped).
The gazetteer is compiled from khabar's own actor dictionary
(``src/khabar/resources/actors``: given names, states, provinces, cities, regions,
people, organisations) and the titles and office words of
``src/khabar/resources/ner/titles.yaml`` — no shared data is shipped with the model.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.evaluate.conll import (  # noqa: E402
    ConllReport,
    Sentence,
    format_table,
    normalize_tokens,
    read_conll,
    score_tags,
    tag_all,
)
from khabar.ner.features import Featurizer, fold  # noqa: E402

log = logging.getLogger("train_ner")
SHARED = ROOT.parent / "shared" / "data"
NER = SHARED / "ner"
TRAIN = {
    "peyma": NER / "peyma" / "train.txt",
    "arman": NER / "arman" / "train_fold3.txt",
    "parstwiner": NER / "parstwiner" / "train.txt",
}
TESTS = [NER / "peyma" / "test.txt", NER / "arman" / "test_fold3.txt", NER / "parstwiner" / "test.txt"]
DEVS = {"peyma dev": NER / "peyma" / "dev.txt", "parstwiner dev": NER / "parstwiner" / "dev.txt"}
ZWNJ = "\u200c"


def load(path: Path) -> list[Sentence]:
    return [Sentence(tuple(normalize_tokens(s.tokens)), s.tags) for s in read_conll(path)]


def split_zwnj(s: Sentence) -> Sentence:
    """The sentence with every ZWNJ turned into a token boundary (tags continue the span)."""
    toks: list[str] = []
    tags: list[str] = []
    for tok, tag in zip(s.tokens, s.tags, strict=True):
        parts = [p for p in tok.split(ZWNJ) if p] or [tok]
        for k, p in enumerate(parts):
            toks.append(p)
            tags.append(tag if k == 0 or tag == "O" else "I-" + tag[2:])
    return Sentence(tuple(toks), tuple(tags))


# -- word clusters ----------------------------------------------------------------


def kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iters: int = 20) -> np.ndarray:
    centers = x[rng.choice(len(x), size=k, replace=False)].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        assign = np.argmax(x @ centers.T, axis=1)  # rows are unit vectors: cosine k-means
        sums = np.zeros_like(centers)
        np.add.at(sums, assign, x)
        norms = np.linalg.norm(sums, axis=1)
        full = norms > 0
        centers[full] = sums[full] / norms[full, None]
    return assign


def word_clusters(sentences: list[Sentence], *, ks=(32, 128, 512, 1024), contexts=1500, dim=100,
                  seed=0) -> dict[str, tuple[str, ...]]:
    """Folded word -> cluster ids at each granularity in ``ks``, from left/right context counts."""
    seqs = [[fold(t) for t in s.tokens] for s in sentences]
    freq = Counter(w for s in seqs for w in s)
    vocab = [w for w, _ in freq.most_common()]
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:contexts])}
    m = np.zeros((len(vocab), 2 * contexts + 2), dtype=np.float32)
    for s in seqs:
        padded = ["<s>", *s, "</s>"]
        for j in range(1, len(padded) - 1):
            row = index[padded[j]]
            left, right = padded[j - 1], padded[j + 1]
            m[row, ctx.get(left, contexts) if left != "<s>" else 2 * contexts + 1] += 1
            m[row, contexts + 1 + ctx.get(right, contexts) if right != "</s>" else 2 * contexts + 1] += 1
    total = m.sum()
    pw = m.sum(axis=1, keepdims=True) / total
    pc = m.sum(axis=0, keepdims=True) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        ppmi = np.maximum(np.log((m / total) / (pw * pc)), 0)
    ppmi = np.nan_to_num(ppmi, copy=False).astype(np.float32)
    rng = np.random.default_rng(seed)
    # randomized SVD: project, orthonormalize, decompose the small matrix
    q, _ = np.linalg.qr(ppmi @ rng.standard_normal((ppmi.shape[1], dim + 20)).astype(np.float32))
    _, sv, vt = np.linalg.svd(q.T @ ppmi, full_matrices=False)
    emb = ppmi @ vt[:dim].T
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    assigns = [kmeans(emb, k, rng) for k in ks]
    return {w: tuple(f"{a[i]}" for a in assigns) for w, i in index.items()}


# -- gazetteer --------------------------------------------------------------------


def read_ud(path: Path) -> list[Sentence]:
    """Token text of a UD treebank file (multi-word token lines kept, their parts skipped)."""
    out: list[Sentence] = []
    toks: list[str] = []
    skip_to = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if toks:
                out.append(Sentence(tuple(normalize_tokens(toks)), ("O",) * len(toks)))
            toks, skip_to = [], 0
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0]:
            toks.append(cols[1])
            skip_to = int(cols[0].split("-")[1])
        elif "." not in cols[0] and int(cols[0]) > skip_to:
            toks.append(cols[1])
    return out


def gazetteer(titles: bool = False) -> dict[str, set[str]]:
    """Folded names -> classes, from khabar's own resources (no shared data shipped).

    FIRST: the given names in ``resources/actors/cues.yaml``; CITY / PROVINCE / PLACE /
    STATE / PERSON / ORG: the Persian names and aliases of the dictionary's actors;
    with ``titles``, TITLE / OFFICE: the honorifics and office words of
    ``resources/ner/titles.yaml`` («آقای», «وزیر»), which announce a name next to them.
    """
    from khabar.actors.dictionary import ActorDictionary
    from khabar.resources import load_yaml

    out: dict[str, set[str]] = {}

    def add(name: str, cls: str) -> None:
        name = " ".join(normalize_tokens(name.split()))
        if name:
            out.setdefault(name, set()).add(cls)

    if titles:
        t = load_yaml("ner", "titles.yaml")
        for n in t["titles"]:
            add(n, "TITLE")
        for n in t["office_titles"]:
            add(n, "OFFICE")
    for n in load_yaml("actors", "cues.yaml").get("first_names", []):
        add(n, "FIRST")
    classes = {"city": "CITY", "province": "PROVINCE", "region": "PLACE", "state": "STATE",
               "person": "PERSON", "org": "ORG", "group": "ORG"}
    for e in ActorDictionary.load().entries.values():
        cls = classes.get(e.type)
        if cls is None:
            continue
        for n in (e.name_fa, *e.aliases, *e.link_only, *e.surnames):
            if n:
                add(n, cls)
    return out


# -- training -----------------------------------------------------------------------


def export(model: Path, out: Path, feat: Featurizer, check: list[tuple[str, ...]],
           prune: float, domain: str | None) -> None:
    """Write ``crf.npz`` (what ships) and count the sentences it decodes unlike crfsuite.

    Features whose largest absolute weight is below ``prune`` are dropped (a
    smaller, faster model; with ``prune`` 0 the decoding is crfsuite's exactly).
    """
    from khabar.ner.crf import LinearChainCRF
    from khabar.ner.scorer import Scorer

    crf = LinearChainCRF.from_crfsuite(model)
    keep = np.abs(crf.weights).max(axis=1) >= prune
    names = sorted(crf.attributes, key=crf.attributes.__getitem__)
    kept = [a for a, k in zip(names, keep, strict=True) if k]
    crf = LinearChainCRF(crf.labels, {a: i for i, a in enumerate(kept)}, crf.weights[keep],
                         crf.transitions)
    crf.save(out / "crf.npz")
    crf = LinearChainCRF.load(out / "crf.npz")  # the float16 weights that ship
    scorer = Scorer(feat, crf, domain=domain)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    differ = sum(
        tagger.tag(feat.sentence(toks, domain)) != [crf.labels[k] for k in crf.viterbi(scorer.emissions(toks))]
        for toks in check
    )
    log.info("exported %d features; %d of %d check sentences decode differently from crfsuite",
             len(crf.attributes), differ, len(check))


def corpora(args: argparse.Namespace) -> tuple[dict[str, list[Sentence]], dict[str, list[Sentence]],
                                             set[tuple[str, ...]]]:
    """(training sentences by corpus, dev sets by name, folded test sentences)."""
    test_keys = {tuple(fold(t) for t in s.tokens) for p in TESTS for s in load(p)}
    data: dict[str, list[Sentence]] = {}
    for name, path in TRAIN.items():
        sents = [s for s in load(path) if tuple(fold(t) for t in s.tokens) not in test_keys]
        data[name] = sents
        log.info("%s: %d sentences", name, len(sents))
    devs = {k: load(v) for k, v in DEVS.items()}
    if args.dev:
        # the LAST tenth, contiguous: Arman's sentences come grouped by document, and a
        # random tenth shares documents with the training part (≈ 0.75 instead of ≈ 0.68)
        cut = len(data["arman"]) - len(data["arman"]) // 10
        devs["arman held-out"], data["arman"] = data["arman"][cut:], data["arman"][:cut]
    elif args.with_dev:
        # the final model: hyper-parameters and «O» biases were chosen with --dev first
        for name, dom in (("peyma dev", "peyma"), ("parstwiner dev", "parstwiner")):
            data[dom] += [s for s in devs[name] if tuple(fold(t) for t in s.tokens) not in test_keys]
        log.info("dev splits added to training: %s", {k: len(v) for k, v in data.items()})
    return data, devs, test_keys


def train(args: argparse.Namespace) -> None:
    data, devs, test_keys = corpora(args)
    if args.tune_only:
        tune(Path(args.out), devs, args)
        return
    rng = random.Random(0)
    train_sents = [s for v in data.values() for s in v]
    t0 = time.time()
    extra: list[Sentence] = []
    if args.ud:
        for f in sorted((SHARED / "ud").glob("*/*-ud-dev.conllu")):
            extra += [s for s in read_ud(f) if tuple(fold(t) for t in s.tokens) not in test_keys]
        log.info("clusters also from %d UD dev sentences", len(extra))
    cache = Path(args.clusters_cache) if args.clusters_cache else None
    if cache and cache.exists():
        clusters = {k: tuple(v) for k, v in json.loads(cache.read_text()).items()}
    else:
        clusters = word_clusters(train_sents + extra, ks=tuple(args.ks))
        if cache:
            cache.write_text(json.dumps(clusters, ensure_ascii=False))
    log.info("clusters for %d words in %.0fs", len(clusters), time.time() - t0)
    gaz = gazetteer(titles=args.titles)
    feat = Featurizer(clusters=clusters, gazetteer={k: tuple(sorted(v)) for k, v in gaz.items()})

    trainer = pycrfsuite.Trainer(verbose=args.verbose)
    n_aug = 0
    for corpus, sents in data.items():
        dom = corpus if args.domains else None
        for s in sents:
            trainer.append(feat.sentence(s.tokens, dom), list(s.tags))
            if any(ZWNJ in t for t in s.tokens) and rng.random() < args.augment:
                a = split_zwnj(s)
                trainer.append(feat.sentence(a.tokens, dom), list(a.tags))
                n_aug += 1
    log.info("training on %d + %d augmented sentences", len(train_sents), n_aug)
    trainer.select(args.algorithm)
    params: dict[str, object] = {
        "c2": args.c2, "max_iterations": args.iterations,
        "feature.possible_transitions": True, "feature.minfreq": args.minfreq,
    }
    if args.algorithm == "lbfgs":
        params["c1"] = args.c1
    trainer.set_params(params)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    crfsuite_model = Path(args.crfsuite_model or out / "model.crfsuite.tmp")
    trainer.train(str(crfsuite_model))
    log.info("trained in %.0fs", time.time() - t0)
    with (out / "clusters.tsv").open("w", encoding="utf-8") as f:
        f.write("# folded word\tcluster ids at k=" + ", ".join(map(str, args.ks)) + " (scripts/train_ner.py)\n")
        for w, c in sorted(clusters.items()):
            if w and "\t" not in w:
                f.write(w + "\t" + "\t".join(c) + "\n")
    with (out / "gazetteer.tsv").open("w", encoding="utf-8") as f:
        f.write("# name\tclasses — compiled from khabar's actor dictionary "
                "(src/khabar/resources/actors); see README.md\n")
        for name, classes in sorted(gaz.items()):
            f.write(name + "\t" + ",".join(sorted(classes)) + "\n")
    export(crfsuite_model, out, feat, [s.tokens for v in devs.values() for s in v], args.prune,
           "peyma" if args.domains else None)
    if not args.crfsuite_model:
        crfsuite_model.unlink()
    meta: dict[str, object] = {"corpora": {k: len(v) for k, v in data.items()}, "augmented": n_aug,
            "domains": list(data) if args.domains else [],
            "default_domain": "peyma" if args.domains else None,
            "algorithm": args.algorithm, "c1": args.c1, "c2": args.c2,
            "iterations": args.iterations, "minfreq": args.minfreq, "prune": args.prune,
            "cluster_ks": args.ks, "clusters_from_ud_dev": args.ud, "title_classes": args.titles}
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    tune(out, devs, args)


#: the annotation convention (``NerTagger(domain=…)``) each dev set follows
DEV_DOMAIN = {"peyma dev": "peyma", "parstwiner dev": "parstwiner", "arman held-out": "arman"}


def tune(out: Path, devs: dict[str, list[Sentence]], args: argparse.Namespace) -> None:
    """Record the «O» bias of each domain in ``meta.json`` and print the dev scores.

    With ``--dev``, each domain's bias is the candidate with the best micro-F1 on
    that domain's own dev set (PEYMA dev, ParsTwiNER dev, the Arman held-out block).
    Otherwise the dev splits were trained on, so the biases are the ones given with
    ``--o-bias-by-domain`` (chosen by a ``--dev`` run) and the table is for show only.
    """
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    if not args.domains:  # one convention: one bias, the best mean
        best: tuple[float, float, list[ConllReport]] = (-1.0, 0.0, [])
        for o_bias in args.o_bias:
            reports = [dev_report(out, n, s, None, o_bias) for n, s in devs.items()]
            mean = sum(r.micro.f1 for r in reports) / len(reports)
            log.info("o_bias %.2f: mean dev micro-F1 %.4f", o_bias, mean)
            if mean > best[0]:
                best = (mean, o_bias, reports)
        meta["o_bias"] = best[1]
        (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        print(f"o_bias {best[1]}\n" + format_table(best[2]))
        return
    chosen: dict[str, float] = {}
    reports: list[ConllReport] = []
    for name, sents in devs.items():
        dom = DEV_DOMAIN[name]
        if args.dev:
            scored = [(dev_report(out, name, sents, dom, b), b) for b in args.o_bias]
            for r, b in scored:
                log.info("%s: o_bias %.3f micro-F1 %.4f", name, b, r.micro.f1)
            rep, chosen[dom] = max(scored, key=lambda rb: rb[0].micro.f1)  # ties: the first
        else:
            chosen[dom] = args.o_bias_by_domain.get(dom, 0.0)
            rep = dev_report(out, name, sents, dom, chosen[dom])
        reports.append(rep)
    for dom, b in args.o_bias_by_domain.items():
        chosen.setdefault(dom, b)  # no dev set for it in this run
    meta["o_bias_by_domain"] = chosen
    meta["o_bias"] = chosen.get(meta["default_domain"], 0.0)  # what older readers use
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    mean = sum(r.micro.f1 for r in reports) / len(reports)
    print(f"o_bias by domain {chosen}; mean micro-F1 {mean:.4f}"
          + ("" if args.dev else " (dev splits trained on: not a held-out score)") + "\n"
          + format_table(reports))


def dev_report(out: Path, name: str, sents: list[Sentence], domain: str | None,
               o_bias: float) -> ConllReport:
    from khabar.ner.tagger import NerTagger

    tagger = NerTagger(model_dir=out, domain=domain, o_bias=o_bias,
                       offices=False)  # the corpora's convention
    rep = score_tags((s.tags for s in sents), tag_all(tagger, [s.tokens for s in sents]))
    rep.name = name
    return rep


def domain_values(text: str) -> tuple[str, float]:
    dom, _, value = text.partition("=")
    return dom, float(value)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "src" / "khabar" / "models" / "ner"))
    ap.add_argument("--dev", action="store_true", help="hold out part of Arman and score dev sets")
    ap.add_argument("--algorithm", default="l2sgd", choices=["lbfgs", "l2sgd", "ap"])
    ap.add_argument("--c1", type=float, default=0.1, help="L1 (lbfgs only)")
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--iterations", type=int, default=45, help="epochs (l2sgd) or iterations")
    ap.add_argument("--prune", type=float, default=0.02, help="drop features weaker than this")
    ap.add_argument("--minfreq", type=int, default=2)
    ap.add_argument("--augment", type=float, default=0.33)
    ap.add_argument("--crfsuite-model", default=None, help="keep crfsuite's model file here")
    ap.add_argument("--o-bias", type=float, nargs="+",
                    default=[-0.25, 0.0, 0.125, 0.25, 0.375, 0.5, 0.75, 1.0],
                    help="with --dev: candidate «O» biases tried on each domain's dev set")
    ap.add_argument("--o-bias-by-domain", type=domain_values, nargs="+", metavar="DOMAIN=BIAS",
                    default=[("peyma", 0.0), ("arman", 0.125), ("parstwiner", 0.125)],
                    help="without --dev: the «O» bias of each domain (chosen by a --dev run)")
    ap.add_argument("--no-train-dev", dest="with_dev", action="store_false",
                    help="without --dev: do not add PEYMA dev and ParsTwiNER dev to the training data")
    ap.add_argument("--tune-only", action="store_true",
                    help="only re-tune (--dev) or re-set the «O» biases of the model in --out")
    ap.add_argument("--no-domains", dest="domains", action="store_false",
                    help="no corpus-conjoined features (one convention for all corpora)")
    ap.add_argument("--no-ud", dest="ud", action="store_false",
                    help="word clusters from the training tokens only (no UD dev text)")
    ap.add_argument("--ks", type=int, nargs="+", default=[32, 128, 512, 1024],
                    help="cluster granularities, coarse to fine (the features read four)")
    ap.add_argument("--clusters-cache", default=None,
                    help="JSON file: reuse the word clusters stored there (written if missing)")
    ap.add_argument("--no-titles", dest="titles", action="store_false",
                    help="no TITLE/OFFICE gazetteer classes from resources/ner/titles.yaml")
    ap.add_argument("--verbose", action="store_true", help="crfsuite progress on stdout")
    args = ap.parse_args()
    args.o_bias_by_domain = dict(args.o_bias_by_domain)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    train(args)


if __name__ == "__main__":
    main()
