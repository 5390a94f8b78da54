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
#: sentences run through the recurrence together (sorted by length)
SLICE = 64
#: word types whose input projection is kept (2 KB each at 64 hidden units)
CACHE = 50_000


def char_window(folded: str) -> str:
    """The letters the character CNN reads: ``MAXCH`` at most, both ends kept."""
    half = MAXCH // 2
    return folded[:half] + folded[-half:] if len(folded) > MAXCH else folded


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
        # what they depend on; gates reordered i, f, o, g so one sigmoid covers three
        hid = self.hidden
        gates = np.r_[0:2 * hid, 3 * hid:4 * hid, 2 * hid:3 * hid]
        w_ih = {side: f32[f"w_ih_{side}"][gates] for side in ("f", "b")}
        self.w_type = np.ascontiguousarray(np.hstack([w_ih[x][:, :n_type].T for x in "fb"]))
        self.w_gaz = np.ascontiguousarray(np.hstack([w_ih[x][:, n_type + n_dom:].T for x in "fb"]))
        self.const = np.concatenate([w_ih[x][:, n_type : n_type + n_dom] @ d + f32[f"b_{x}"][gates]
                                     for x in "fb"])
        self.w_hh = [np.ascontiguousarray(f32[f"w_hh_{x}"][gates].T) for x in "fb"]
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
        # token -> row of ``_proj`` (its word's share of the input projection) and the
        # row of ``_gproj`` of its own gazetteer classes; phrase tags are added per sentence
        self._index: dict[str, tuple[int, int]] = {}
        self._proj = np.zeros((1024, 8 * hid), np.float32)
        self._size = 0
        self._gaz: dict[tuple[str, ...], int] = {}
        self._gproj = np.zeros((0, 8 * hid), np.float32)

    # -- per word type and per gazetteer tag set ---------------------------------
    def _char_cnn(self, folded: Sequence[str]) -> np.ndarray:
        """``(words, filters × widths)``: the character CNN of several words at once."""
        ids = [[self.chars.get(c, 1) for c in char_window(f)] or [0] for f in folded]
        lengths = np.asarray([len(i) for i in ids])
        longest = int(lengths.max())
        out = []
        for w, (kernel, bias) in zip(self.widths, self.convs, strict=True):
            # zero padding of w - 1 on both sides, as torch's Conv1d(padding=w - 1)
            padded = np.zeros((len(ids), longest + 2 * (w - 1)), np.intp)
            for k, i in enumerate(ids):
                padded[k, w - 1 : w - 1 + len(i)] = i
            x = self.chemb[padded]  # (words, positions, dim); row 0 of chemb is zeros
            windows = np.lib.stride_tricks.sliding_window_view(x, w, axis=1)  # (words, p, dim, w)
            n, p = windows.shape[:2]
            y = windows.reshape(n * p, -1) @ kernel.reshape(len(kernel), -1).T  # one matmul
            y = np.maximum(y.reshape(n, p, -1) + bias, 0)
            y[np.arange(y.shape[1])[None, :] >= (lengths + w - 1)[:, None]] = 0  # past the word
            out.append(y.max(axis=1))
        return np.concatenate(out, axis=1)

    def _words(self, folded: Sequence[str]) -> np.ndarray:
        """``(words, inputs)``: embeddings, cluster embeddings and character CNN of each word."""
        parts = [self.wemb[[self.words.get(f, 1) for f in folded]]]
        cls = [self.featurizer.clusters.get(f) for f in folded]
        for k, emb in enumerate(self.cembs):
            parts.append(emb[[int(c[k]) + 1 if c else 0 for c in cls]])
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
        proj = self._words(folded) @ self.w_type
        if self._size + len(tokens) > len(self._proj):  # grow by doubling
            grown = np.zeros((max(2 * len(self._proj), self._size + len(tokens)), proj.shape[1]),
                             np.float32)
            grown[: self._size] = self._proj[: self._size]
            self._proj = grown
        base = self._size
        self._proj[base : base + len(tokens)] = proj
        self._size += len(tokens)
        gaz = self.featurizer.gazetteer
        for k, (t, f) in enumerate(zip(tokens, folded, strict=True)):
            self._index[t] = (base + k, self._tag_row(tuple("gz=" + g for g in gaz.get(f, ()))))

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
        """Scores of sentences sorted longest first."""
        index = self._index
        new = {t: None for s in sentences for t in s if t not in index}
        if new:
            self._add(list(new))
        rows = [index[t] for s in sentences for t in s]
        words = np.fromiter((r[0] for r in rows), np.intp, len(rows))
        tags = np.fromiter((r[1] for r in rows), np.intp, len(rows))
        starts = self.featurizer._starts
        at = 0
        for s in sentences:  # gazetteer names: only in sentences where one can start
            if any(fold(t) in starts for t in s):
                folded = [fold(t) for t in s]
                for i, gz in enumerate(gazetteer_tags(self.featurizer, folded)):
                    tags[at + i] = self._tag_row(gz)
            at += len(s)
        x = self._proj[words] + self._gproj[tags] + self.const  # (tokens, 8 × hidden)
        lengths = np.asarray([len(s) for s in sentences])
        n, t_max, h4 = len(sentences), int(lengths[0]), 4 * self.hidden
        sent = np.repeat(np.arange(n), lengths)
        pos = np.arange(len(rows)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        back = np.repeat(lengths, lengths) - 1 - pos  # the backward direction reads from the end
        fwd = np.zeros((n, t_max, h4), np.float32)
        bwd = np.zeros((n, t_max, h4), np.float32)
        fwd[sent, pos] = x[:, :h4]
        bwd[sent, back] = x[:, h4:]
        h = np.empty((len(rows), 2 * self.hidden), np.float32)
        h[:, : self.hidden] = self._direction(fwd, lengths, 0)[sent, pos]
        h[:, self.hidden :] = self._direction(bwd, lengths, 1)[sent, back]
        e = h @ self.out_w + self.out_c
        return np.split(e, np.cumsum(lengths)[:-1])

    def _direction(self, x: np.ndarray, lengths: np.ndarray, side: int) -> np.ndarray:
        """Hidden states of one direction over inputs left-aligned in the order it reads them."""
        n, t_max, _ = x.shape
        hid = self.hidden
        w_hh = self.w_hh[side]
        h = np.zeros((n, hid), np.float32)
        c = np.zeros((n, hid), np.float32)
        out = np.zeros((n, t_max, hid), np.float32)
        running = np.searchsorted(-lengths, -np.arange(t_max), side="left")  # lengths > t
        for t in range(t_max):
            m = int(running[t])
            g = x[:m, t] + h[:m] @ w_hh
            sig = 0.5 + 0.5 * np.tanh(0.5 * g[:, : 3 * hid])  # i, f, o
            c[:m] = sig[:, hid : 2 * hid] * c[:m] + sig[:, :hid] * np.tanh(g[:, 3 * hid :])
            h[:m] = sig[:, 2 * hid :] * np.tanh(c[:m])
            out[:m, t] = h[:m]
        return out


__all__ = ["MAXCH", "LstmScorer", "char_window", "gazetteer_tags"]
