"""Label scores from a small BiLSTM over the sentence, added to the CRF's (an ensemble).

The network is trained by ``scripts/train_ner_lstm.py`` in PyTorch and run here
in numpy (``models/ner/lstm.npz``). A token's input is its folded word's
embedding, the embeddings of its four word clusters, a character CNN over the
word, the corpus convention (domain) and a projection of its gazetteer tags; a
one-layer BiLSTM reads the sentence both ways; a linear layer scores each BIO
label. All that depends on the word alone — embeddings, character CNN and its
share of both directions' input projection — is computed once per word type and
cached, so a token costs only the recurrence and the output layer.

The CRF and this network disagree in useful ways (the CRF's sparse features vs.
the whole sentence read in order), so :class:`khabar.ner.tagger.NerTagger` adds
``weight`` × these scores to the CRF's emissions and decodes with the CRF.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from khabar.ner.features import Featurizer, fold

#: letters of a word the character CNN sees (the first and last half of a longer word)
MAXCH = 20
#: sentences run through the recurrence together at most (sorted by length)
SLICE = 1024
#: word types whose input projection is kept (2 KB each at 64 hidden units)
CACHE = 50_000


def char_window(folded: str) -> str:
    """The letters the character CNN reads: ``MAXCH`` at most, both ends kept."""
    half = MAXCH // 2
    return folded[:half] + folded[-half:] if len(folded) > MAXCH else folded


def letter_ids(folded: str, chars: dict[str, int]) -> list[int]:
    """The letter CNN's input: the word's letter ids (1 unknown; one padding letter 0 if empty)."""
    return [chars.get(c, 1) for c in char_window(folded)] or [0]


def cluster_ids(folded: str, clusters: dict[str, Sequence[str]]) -> list[int]:
    """The four cluster embedding rows of a word (0 when the word has no clusters)."""
    cl = clusters.get(folded)
    return [int(c) + 1 for c in cl] if cl else [0, 0, 0, 0]


def gazetteer_tags(featurizer: Featurizer, folded: Sequence[str]) -> list[tuple[str, ...]]:
    """Each token's gazetteer tags: the classes of the word (``gz=``) and of a name it is in
    (``gB=``/``gI=``), as the CRF's features see them."""
    phrase = featurizer._phrase_tags(folded)
    gaz = featurizer.gazetteer
    return [tuple("gz=" + g for g in gaz.get(f, ())) + tuple(phrase.get(i, ()))
            for i, f in enumerate(folded)]


class LstmScorer:
    """``(n, labels)`` scores of sentences, in the order of ``labels`` (the CRF's), times ``weight``."""

    def __init__(self, path: Path, featurizer: Featurizer, labels: Sequence[str],
                 domain: str | None, weight: float) -> None:
        z = np.load(path, allow_pickle=False)
        f32 = {k: z[k].astype(np.float32) for k in z.files if z[k].dtype.kind == "f"}
        self.featurizer = featurizer
        self.words = {w: i for i, w in enumerate(z["words"].tolist())}
        self.chars = {c: i for i, c in enumerate(z["chars"].tolist())}
        self.tags = {g: i for i, g in enumerate(z["gaz_tags"].tolist())}
        domains = z["domains"].tolist()
        self.hidden = int(z["hidden"])
        self.wemb, self.chemb = f32["wemb"], f32["chemb"]
        self.chemb[0] = 0  # the padding letter (torch's padding_idx): zeros
        self.cembs = [f32[f"cemb{i}"] for i in range(4)]
        self.widths = [int(w) for w in z["widths"]]
        self.convs = [(f32[f"conv{w}_w"], f32[f"conv{w}_b"]) for w in self.widths]
        d = f32["demb"][domains.index(domain) if domain in domains else 0]
        n_type = self.wemb.shape[1] + sum(e.shape[1] for e in self.cembs) + sum(
            c[0].shape[0] for c in self.convs)
        n_dom = d.shape[0]
        self.gproj_w, self.gproj_b = f32["gproj_w"], f32["gproj_b"]
        # both directions' input projections side by side (8 × hidden columns), split by
        # what they depend on; gates reordered i, f, o, g, and the rows of i, f, o halved,
        # so that one tanh serves all four: sigmoid(x) = (1 + tanh(x / 2)) / 2
        hid = self.hidden
        gates = np.r_[0:2 * hid, 3 * hid:4 * hid, 2 * hid:3 * hid]
        half = np.r_[np.full(3 * hid, 0.5), np.ones(hid)].astype(np.float32)
        w_ih = {side: f32[f"w_ih_{side}"][gates] * half[:, None] for side in ("f", "b")}
        self.w_type = np.ascontiguousarray(np.hstack([w_ih[x][:, :n_type].T for x in "fb"]))
        self.w_gaz = np.ascontiguousarray(np.hstack([w_ih[x][:, n_type + n_dom:].T for x in "fb"]))
        self.const = np.concatenate([w_ih[x][:, n_type : n_type + n_dom] @ d
                                     + f32[f"b_{x}"][gates] * half for x in "fb"])
        self.w_hh = [np.ascontiguousarray((f32[f"w_hh_{x}"][gates] * half[:, None]).T)
                     for x in "fb"]
        # output layer in the CRF's label order, scaled by the ensemble weight
        own = z["labels"].tolist()
        perm = [own.index(lab) if lab in own else -1 for lab in labels]
        out_w, out_b = f32["out_w"], f32["out_b"]
        keep = np.asarray([p >= 0 for p in perm])
        rows = [max(p, 0) for p in perm]
        self.out_w = np.ascontiguousarray((out_w[rows] * keep[:, None] * weight)[:, : 2 * hid].T)
        self.out_c = (out_w[rows] @ np.concatenate([np.zeros(2 * hid, np.float32), d])
                      + out_b[rows]) * keep * weight
        self.n_labels = len(labels)
        # token -> row of ``_proj``: its input projection (word, constants and the word's own
        # gazetteer classes); ``_tag`` is the row of ``_gproj`` of those classes, replaced per
        # sentence where the token is inside a gazetteer name
        self._index: dict[str, int] = {}
        self._proj = np.zeros((1024, 8 * hid), np.float32)
        self._tag = np.zeros(1024, np.intp)
        self._opens = np.zeros(1024, bool)  # the word can begin a gazetteer name
        self._size = 0
        self._gaz: dict[tuple[str, ...], int] = {}
        self._gproj = np.zeros((0, 8 * hid), np.float32)

    # -- per word type and per gazetteer tag set ---------------------------------
    def _char_cnn(self, folded: Sequence[str]) -> np.ndarray:
        """``(words, filters × widths)``: the character CNN of several words at once."""
        ids = [letter_ids(f, self.chars) for f in folded]
        lengths = np.fromiter(map(len, ids), np.intp, len(ids))
        pad = max(self.widths) - 1
        flat = np.zeros((len(ids), int(lengths.max()) + 2 * pad), np.intp)
        flat[np.arange(len(ids)).repeat(lengths), np.arange(int(lengths.sum()))
             - np.repeat(np.cumsum(lengths) - lengths, lengths) + pad] = np.concatenate(ids)
        x = self.chemb[flat]  # (words, positions, dim); the padding letter is zeros
        out = []
        for w, (kernel, bias) in zip(self.widths, self.convs, strict=True):
            # zero padding of w - 1 on both sides, as torch's Conv1d(padding=w - 1)
            windows = np.lib.stride_tricks.sliding_window_view(x[:, pad - (w - 1) :], w, axis=1)
            n, p = windows.shape[:2]
            y = windows.reshape(n * p, -1) @ kernel.reshape(len(kernel), -1).T  # one matmul
            y = np.maximum(y.reshape(n, p, -1) + bias, 0)
            y[np.arange(p)[None, :] >= (lengths + w - 1)[:, None]] = 0  # past the word
            out.append(y.max(axis=1))
        return np.concatenate(out, axis=1)

    def _words(self, folded: Sequence[str]) -> np.ndarray:
        """``(words, inputs)``: embeddings, cluster embeddings and character CNN of each word."""
        parts = [self.wemb[[self.words.get(f, 1) for f in folded]]]
        cls = np.asarray([cluster_ids(f, self.featurizer.clusters) for f in folded])
        for k, emb in enumerate(self.cembs):
            parts.append(emb[cls[:, k]])
        return np.concatenate([*parts, self._char_cnn(folded)], axis=1)

    def _tag_row(self, tags: tuple[str, ...]) -> int:
        row = self._gaz.get(tags)
        if row is None:
            cols = [self.tags[t] for t in tags if t in self.tags]
            g = np.maximum(self.gproj_w[:, cols].sum(axis=1) + self.gproj_b, 0)
            row = self._gaz[tags] = len(self._gproj)
            self._gproj = np.vstack([self._gproj, g @ self.w_gaz])
        return row

    def _add(self, tokens: list[str]) -> None:
        if len(self._index) + len(tokens) > CACHE:  # bounded: memory stays flat over a corpus
            self._index, self._size = {}, 0
        folded = [fold(t) for t in tokens]
        gaz, starts = self.featurizer.gazetteer, self.featurizer._starts
        tags = [self._tag_row(tuple("gz=" + g for g in gaz.get(f, ()))) for f in folded]
        proj = self._words(folded) @ self.w_type + self._gproj[tags] + self.const
        base, end = self._size, self._size + len(tokens)
        if end > len(self._proj):  # grow by doubling
            size = max(2 * len(self._proj), end)
            self._proj = np.resize(self._proj, (size, proj.shape[1]))
            self._tag = np.resize(self._tag, size)
            self._opens = np.resize(self._opens, size)
        self._proj[base:end] = proj
        self._tag[base:end] = tags
        self._opens[base:end] = [f in starts for f in folded]
        self._index.update(zip(tokens, range(base, end), strict=True))
        self._size = end

    # -- sentences ---------------------------------------------------------------
    def emissions_batch(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Scores of each sentence's tokens (normalized text), computed together."""
        out: list[np.ndarray] = [np.zeros((0, self.n_labels), np.float32)] * len(sentences)
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: -len(sentences[i]))
        for k in range(0, len(order), SLICE):
            part = order[k : k + SLICE]
            for i, e in zip(part, self._run([sentences[i] for i in part]), strict=True):
                out[i] = e
        return out

    def _run(self, sentences: list[Sequence[str]]) -> list[np.ndarray]:
        """Scores of sentences sorted longest first, their tokens kept in one flat array."""
        index = self._index
        new = {t: None for s in sentences for t in s if t not in index}
        if new:
            self._add(list(new))
        ids = np.fromiter((index[t] for s in sentences for t in s), np.intp)
        x = self._proj[ids]  # (tokens, 8 × hidden)
        lengths = np.asarray([len(s) for s in sentences])
        ends = np.cumsum(lengths)
        starts = ends - lengths
        # gazetteer names: only in the sentences where one can start
        for k in np.unique(np.searchsorted(ends, np.flatnonzero(self._opens[ids]), side="right")):
            a = int(starts[k])
            folded = [fold(t) for t in sentences[k]]
            for i, gz in enumerate(gazetteer_tags(self.featurizer, folded)):
                own = self._tag[ids[a + i]]
                row = self._tag_row(gz)
                if row != own:
                    x[a + i] += self._gproj[row] - self._gproj[own]
        h4 = 4 * self.hidden
        h = np.empty((len(ids), 2 * self.hidden), np.float32)
        h[:, : self.hidden] = self._direction(x[:, :h4], starts, lengths, 1, 0)
        h[:, self.hidden :] = self._direction(x[:, h4:], ends - 1, lengths, -1, 1)
        e = h @ self.out_w + self.out_c
        return np.split(e, ends[:-1])

    def _direction(self, x: np.ndarray, first: np.ndarray, lengths: np.ndarray, step: int,
                   side: int) -> np.ndarray:
        """Hidden states of one direction: sentence ``i`` reads row ``first[i] + step × t``
        of ``x`` at time ``t`` (the sentences sorted longest first)."""
        hid = self.hidden
        w_hh = self.w_hh[side]
        h = np.zeros((len(lengths), hid), np.float32)
        c = np.zeros((len(lengths), hid), np.float32)
        out = np.empty((len(x), hid), np.float32)
        running = np.searchsorted(-lengths, -np.arange(int(lengths[0])), side="left")  # lengths > t
        for t, m in enumerate(running.tolist()):
            at = first[:m] + step * t
            g = np.tanh(x[at] + h[:m] @ w_hh)
            sig = g[:, : 3 * hid]  # i, f, o: their rows were halved, so this is the sigmoid
            sig *= 0.5
            sig += 0.5
            c[:m] = sig[:, hid : 2 * hid] * c[:m] + sig[:, :hid] * g[:, 3 * hid :]
            h[:m] = sig[:, 2 * hid :] * np.tanh(c[:m])
            out[at] = h[:m]
        return out


__all__ = ["MAXCH", "LstmScorer", "char_window", "cluster_ids", "gazetteer_tags", "letter_ids"]
