"""Train the BiLSTM whose label scores the NER tagger adds to its CRF's (``models/ner/lstm.npz``).

Usage (from the repository root, ``../shared`` beside it; needs PyTorch, which
khabar itself never imports: ``.venv/bin/pip install -e '.[train]'``)::

    # choose settings: the CRF of a --dev run first, then this network beside it
    .venv/bin/python scripts/train_ner.py --dev --out /tmp/ner-dev
    .venv/bin/python scripts/train_ner_lstm.py --dev --model-dir /tmp/ner-dev
    # the shipped network, beside the shipped CRF (its clusters and gazetteer)
    .venv/bin/python scripts/train_ner_lstm.py

The data are those of ``scripts/train_ner.py`` (same corpora, splits, token
normalization, ZWNJ-split copies and corpus conventions); the word clusters
and gazetteer are read from ``--model-dir``, the CRF's, so both models see the
same. With ``--dev``, the dev splits and the last tenth of Arman train_fold3
are held out; after each epoch the network alone is scored on them, and at
the end the ensemble (CRF + ``weight`` × network) is scored by
:class:`khabar.ner.tagger.NerTagger` itself, for each candidate weight. The
shipped network trains on train + dev for the same number of epochs. No test
split is trained or tuned on. One epoch takes about 2–3 minutes on one core.

Network: see :mod:`khabar.ner.lstm`, which runs the exported weights in numpy.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

import train_ner as tn  # noqa: E402

from khabar.evaluate.conll import Sentence, format_table, score_tags, tag_all  # noqa: E402
from khabar.ner.features import Featurizer, fold  # noqa: E402
from khabar.ner.lstm import char_window, cluster_ids, gazetteer_tags, letter_ids  # noqa: E402
from khabar.ner.tagger import NerTagger, load_gazetteer, read_table  # noqa: E402

log = logging.getLogger("train_ner_lstm")
TYPES = ("PER", "ORG", "LOC", "FAC", "EVENT", "NORP")
LABELS = ["O"] + [f"{p}-{t}" for t in TYPES for p in "BI"]
WIDTHS = (2, 3, 4)
KS = (32, 128, 512, 1024)


class Vocab:
    """Index maps for words (seen twice or more), letters, gazetteer tags and domains."""

    def __init__(self, sents: list[tuple[Sentence, str]], feat: Featurizer, domains: list[str]) -> None:
        count = Counter(fold(t) for s, _ in sents for t in s.tokens)
        self.words = ["<pad>", "<unk>"] + sorted(w for w, c in count.items() if c >= 2)
        letters = Counter(ch for w in count for ch in char_window(w))
        self.chars = ["<pad>", "<unk>"] + sorted(c for c, n in letters.items() if n >= 2)
        self.tags = sorted({f"{p}={c}" for cs in feat.gazetteer.values() for c in cs
                            for p in ("gz", "gB", "gI")})
        self.domains = domains
        self.feat = feat
        self._w = {w: i for i, w in enumerate(self.words)}
        self._c = {c: i for i, c in enumerate(self.chars)}
        self._g = {g: i for i, g in enumerate(self.tags)}

    def encode(self, tokens: tuple[str, ...], domain: str) -> tuple[object, ...]:
        folded = [fold(t) for t in tokens]
        words = [self._w.get(f, 1) for f in folded]
        clusters = [cluster_ids(f, self.feat.clusters) for f in folded]
        chars = [letter_ids(f, self._c) for f in folded]
        tags = [[self._g[g] for g in gs if g in self._g] for gs in gazetteer_tags(self.feat, folded)]
        return words, clusters, chars, tags, self.domains.index(domain)


def build(vocab: Vocab, wdim: int, hidden: int, cdim: int, filters: int, ddim: int, gdim: int,
          dropout: float):  # noqa: ANN201 - torch is imported here only
    import torch
    from torch import nn

    class Crf(nn.Module):
        def __init__(self, k: int) -> None:
            super().__init__()
            self.trans = nn.Parameter(torch.zeros(k, k))
            self.start = nn.Parameter(torch.zeros(k))
            self.end = nn.Parameter(torch.zeros(k))

        def nll(self, em, y, mask):  # noqa: ANN001, ANN202
            b = em.shape[0]
            lengths = mask.sum(1)
            mf = mask.float()
            gold = self.start[y[:, 0]] + (em.gather(2, y[:, :, None]).squeeze(2) * mf).sum(1)
            gold = gold + (self.trans[y[:, :-1], y[:, 1:]] * mf[:, 1:]).sum(1)
            gold = gold + self.end[y[torch.arange(b), lengths - 1]]
            alpha = self.start + em[:, 0]
            for t in range(1, em.shape[1]):
                nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans + em[:, t].unsqueeze(1), dim=1)
                alpha = torch.where(mask[:, t, None], nxt, alpha)
            return (torch.logsumexp(alpha + self.end, dim=1) - gold).sum()

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.wemb = nn.Embedding(len(vocab.words), wdim, padding_idx=0)
            self.cembs = nn.ModuleList(nn.Embedding(k + 1, d) for k, d in zip(KS, (8, 16, 24, 32),
                                                                             strict=True))
            self.chemb = nn.Embedding(len(vocab.chars), cdim, padding_idx=0)
            self.convs = nn.ModuleList(nn.Conv1d(cdim, filters, w, padding=w - 1) for w in WIDTHS)
            self.demb = nn.Embedding(len(vocab.domains), ddim)
            self.gproj = nn.Linear(max(len(vocab.tags), 1), gdim)
            size = wdim + 80 + len(WIDTHS) * filters + ddim + gdim
            self.drop = nn.Dropout(dropout)
            self.lstm = nn.LSTM(size, hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * hidden + ddim, len(LABELS))
            self.crf = Crf(len(LABELS))

        def emissions(self, w, cl, ch, chlen, ci, g, d, m):  # noqa: ANN001, ANN202
            b, t = w.shape
            x = self.chemb(ch).transpose(1, 2)
            pooled = []
            for width, conv in zip(WIDTHS, self.convs, strict=True):
                y = torch.relu(conv(x))
                valid = torch.arange(y.shape[2])[None, :] < (chlen + width - 1)[:, None]
                pooled.append(y.masked_fill(~valid[:, None, :], -1.0).max(2).values)
            chv = torch.cat(pooled, 1)[ci]
            dv = self.demb(d)[:, None, :].expand(b, t, -1)
            x = torch.cat([self.wemb(w), *[e(cl[:, :, i]) for i, e in enumerate(self.cembs)], chv,
                           dv, torch.relu(self.gproj(g))], 2)
            packed = nn.utils.rnn.pack_padded_sequence(self.drop(x), m.sum(1), batch_first=True,
                                                       enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=t)
            return self.out(torch.cat([self.drop(h), dv], 2))

    return Net()


def tensors(batch: list[tuple[object, ...]], n_tags: int, tags: list[list[int]] | None = None):  # noqa: ANN201
    """Padded tensors of encoded sentences; letters once per distinct word of the batch."""
    import torch

    n, t = len(batch), max(len(e[0]) for e in batch)  # type: ignore[arg-type]
    w = torch.zeros(n, t, dtype=torch.long)
    cl = torch.zeros(n, t, 4, dtype=torch.long)
    ci = torch.zeros(n, t, dtype=torch.long)
    g = torch.zeros(n, t, max(n_tags, 1))
    d = torch.tensor([e[4] for e in batch])
    m = torch.zeros(n, t, dtype=torch.bool)
    y = torch.zeros(n, t, dtype=torch.long)
    rows: dict[tuple[int, ...], int] = {}
    for i, (words, clusters, chars, gz, _) in enumerate(batch):  # type: ignore[misc]
        k = len(words)
        w[i, :k] = torch.tensor(words)
        cl[i, :k] = torch.tensor(clusters)
        for j, c in enumerate(chars):
            ci[i, j] = rows.setdefault(tuple(c), len(rows))
            for col in gz[j]:
                g[i, j, col] = 1.0
        m[i, :k] = True
        if tags is not None:
            y[i, :k] = torch.tensor(tags[i])
    width = max(len(r) for r in rows)
    ch = torch.zeros(len(rows), width, dtype=torch.long)
    for r, i in rows.items():
        ch[i, : len(r)] = torch.tensor(r)
    chlen = torch.tensor([len(r) for r in rows])
    return (w, cl, ch, chlen, ci, g, d, m), y


def export(net, vocab: Vocab, path: Path, hidden: int) -> None:  # noqa: ANN001
    """Write the weights khabar.ner.lstm reads (float16, with the vocabularies)."""
    sd = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    half = {
        "wemb": sd["wemb.weight"], "chemb": sd["chemb.weight"], "demb": sd["demb.weight"],
        "gproj_w": sd["gproj.weight"], "gproj_b": sd["gproj.bias"],
        "w_ih_f": sd["lstm.weight_ih_l0"], "w_hh_f": sd["lstm.weight_hh_l0"],
        "b_f": sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"],
        "w_ih_b": sd["lstm.weight_ih_l0_reverse"], "w_hh_b": sd["lstm.weight_hh_l0_reverse"],
        "b_b": sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"],
        "out_w": sd["out.weight"], "out_b": sd["out.bias"],
        **{f"cemb{i}": sd[f"cembs.{i}.weight"] for i in range(4)},
        **{f"conv{w}_w": sd[f"convs.{i}.weight"] for i, w in enumerate(WIDTHS)},
        **{f"conv{w}_b": sd[f"convs.{i}.bias"] for i, w in enumerate(WIDTHS)},
    }
    np.savez_compressed(
        path, **{k: v.astype(np.float16) for k, v in half.items()},
        words=np.asarray(vocab.words), chars=np.asarray(vocab.chars),
        gaz_tags=np.asarray(vocab.tags or [""]), domains=np.asarray(vocab.domains),
        labels=np.asarray(LABELS), widths=np.asarray(WIDTHS), hidden=np.asarray(hidden))


def check(net, vocab: Vocab, out: Path, sents: list[Sentence]) -> None:  # noqa: ANN001
    """The numpy network (khabar.ner.lstm) must give torch's scores: log the largest gap."""
    import torch

    from khabar.ner.lstm import LstmScorer

    scorer = LstmScorer(out / "lstm.npz", vocab.feat, LABELS, vocab.domains[0], 1.0)
    ours = scorer.emissions_batch([s.tokens for s in sents])
    with torch.no_grad():
        x, _ = tensors([vocab.encode(s.tokens, vocab.domains[0]) for s in sents], len(vocab.tags))
        theirs = net.emissions(*x).numpy()
    gap = max(float(np.abs(e - theirs[i, : len(e)]).max()) for i, e in enumerate(ours) if len(e))
    log.info("numpy vs torch emissions on %d sentences: largest difference %.2e", len(sents), gap)
    if gap > 1e-3:
        raise SystemExit(f"khabar.ner.lstm disagrees with the trained network ({gap:.3g})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model-dir", default=str(ROOT / "src" / "khabar" / "models" / "ner"),
                    help="the CRF's model dir: clusters and gazetteer read there, lstm.npz written")
    ap.add_argument("--dev", action="store_true", help="hold out the dev sets and score them")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--wdim", type=int, default=64)
    ap.add_argument("--filters", type=int, default=50)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--weights", type=float, nargs="+", default=[0.3, 0.5, 0.7],
                    help="ensemble weights scored with --dev")
    ap.add_argument("--limit", type=int, default=0, help="smoke test: the first N sentences only")
    ap.add_argument("--weight", type=float, default=0.5,
                    help="the ensemble weight recorded in meta.json (chosen with --dev)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    import torch
    from torch import nn

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    out = Path(args.model_dir)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    feat = Featurizer(clusters=read_table(out / "clusters.tsv"),
                      gazetteer=load_gazetteer(out / "gazetteer.tsv"))
    data, devs, _ = tn.corpora(argparse.Namespace(dev=args.dev, with_dev=True))
    aug = random.Random(0)  # the ZWNJ-split copies, as train_ner.py makes them
    sents: list[tuple[Sentence, str]] = []
    for corpus, ss in data.items():
        for s in ss:
            sents.append((s, corpus))
            if any(tn.ZWNJ in t for t in s.tokens) and aug.random() < 0.33:
                sents.append((tn.split_zwnj(s), corpus))
    if args.limit:
        sents = sents[: args.limit]
    vocab = Vocab(sents, feat, list(meta["domains"]))
    enc = [vocab.encode(s.tokens, dom) for s, dom in sents]
    gold = [[LABELS.index(t) if t in LABELS else 0 for t in s.tags] for s, _ in sents]
    net = build(vocab, args.wdim, args.hidden, 32, args.filters, 8, 16, 0.5)
    log.info("%d sentences, vocabulary %d words, %d letters, %d gazetteer tags; %d parameters",
             len(enc), len(vocab.words), len(vocab.chars), len(vocab.tags),
             sum(p.numel() for p in net.parameters()))
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    order = sorted(range(len(enc)), key=lambda i: len(sents[i][0].tokens))
    batches = [order[i : i + args.batch] for i in range(0, len(order), args.batch)]
    for epoch in range(1, args.epochs + 1):
        net.train()
        rng.shuffle(batches)
        t0, total = time.time(), 0.0
        for b in batches:
            x, y = tensors([enc[i] for i in b], len(vocab.tags), [gold[i] for i in b])
            loss = net.crf.nll(net.emissions(*x), y, x[-1]) / len(b)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += loss.item() * len(b)
        log.info("epoch %d: loss %.3f in %.0fs", epoch, total / len(enc), time.time() - t0)
    net.eval()
    with torch.no_grad():  # the float16 weights that ship, so the check below compares like with like
        for v in net.state_dict().values():
            v.copy_(v.half().float())
    export(net, vocab, out / "lstm.npz", args.hidden)
    check(net, vocab, out, [s for ss in devs.values() for s in ss][:300] or [s for s, _ in sents[:300]])
    meta["lstm"] = {"hidden": args.hidden, "wdim": args.wdim, "epochs": args.epochs,
                    "weight": args.weight, "sentences": len(enc), "dev_held_out": args.dev}
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    log.info("wrote %s (%.1f MB)", out / "lstm.npz", (out / "lstm.npz").stat().st_size / 1e6)
    if args.dev:
        for weight in [0.0, *args.weights]:
            reports = []
            for name, ss in devs.items():
                tagger = NerTagger(model_dir=out, domain=tn.DEV_DOMAIN[name], offices=False,
                                   lstm_weight=weight)
                rep = score_tags((s.tags for s in ss), tag_all(tagger, [s.tokens for s in ss]))
                rep.name = name
                reports.append(rep)
            mean = sum(r.micro.f1 for r in reports) / len(reports)
            print(f"ensemble weight {weight}: mean micro-F1 {mean:.4f}\n" + format_table(reports))


if __name__ == "__main__":
    main()
