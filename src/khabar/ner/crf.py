"""A linear-chain CRF decoder in numpy over weights exported from crfsuite.

crfsuite's own tagger converts every feature string of every token on each
call; here the weights of a word type's features are summed once per type and
window position (:class:`khabar.ner.features.Featurizer` builds the strings),
so a token's label scores are a handful of vector additions, and Viterbi runs
over the few labels in numpy. The decoded labels equal crfsuite's (same
weights, same model: crfsuite's 1-d CRF has state and transition weights only).

>>> import numpy as np
>>> crf = LinearChainCRF(["O", "B-PER"], {"w=a": 0}, np.array([[0.0, 2.0]], np.float32),
...                      np.zeros((2, 2), np.float32))
>>> crf.viterbi(np.array([[0.0, 2.0], [1.0, 0.0]], np.float32))
[1, 0]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np


class LinearChainCRF:
    """Labels, a feature-string → row index, a (features × labels) weight matrix, transitions."""

    def __init__(
        self,
        labels: Sequence[str],
        attributes: dict[str, int],
        weights: np.ndarray,
        transitions: np.ndarray,
    ) -> None:
        self.labels = list(labels)
        self.attributes = attributes
        self.weights = weights.astype(np.float32)
        self.transitions = transitions.astype(np.float32)
        self._exp_trans = np.exp(self.transitions.astype(np.float64))
        self.zero = np.zeros(len(self.labels), dtype=np.float32)

    # -- persistence -----------------------------------------------------------------
    def save(self, path: Path) -> None:
        blob = "\n".join(sorted(self.attributes, key=self.attributes.__getitem__)).encode("utf-8")
        np.savez_compressed(
            path,
            labels=np.frombuffer("\n".join(self.labels).encode("utf-8"), dtype=np.uint8),
            attributes=np.frombuffer(blob, dtype=np.uint8),
            weights=self.weights.astype(np.float16),
            transitions=self.transitions,
        )

    @classmethod
    def load(cls, path: Path) -> LinearChainCRF:
        with np.load(path) as z:
            labels = z["labels"].tobytes().decode("utf-8").split("\n")
            names = z["attributes"].tobytes().decode("utf-8").split("\n")
            return cls(labels, {a: i for i, a in enumerate(names)}, z["weights"], z["transitions"])

    @classmethod
    def from_crfsuite(cls, model: Path) -> LinearChainCRF:
        """Read a python-crfsuite model file (training time only)."""
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(model))
        info = tagger.info()
        labels = sorted(info.labels, key=info.labels.__getitem__)
        lab = {x: i for i, x in enumerate(labels)}
        attrs: dict[str, int] = {}
        for a, _ in info.state_features:
            attrs.setdefault(a, len(attrs))
        w = np.zeros((len(attrs), len(labels)), dtype=np.float32)
        for (a, y), v in info.state_features.items():
            w[attrs[a], lab[y]] = v
        t = np.zeros((len(labels), len(labels)), dtype=np.float32)
        for (y0, y1), v in info.transitions.items():
            t[lab[y0], lab[y1]] = v
        return cls(labels, attrs, w, t)

    # -- scoring ---------------------------------------------------------------------
    def score(self, features: Iterable[str]) -> np.ndarray:
        """Summed weights of the known features (unknown ones weigh nothing)."""
        rows = [i for i in map(self.attributes.get, features) if i is not None]
        if not rows:
            return self.zero
        if len(rows) == 1:
            return self.weights[rows[0]]
        return self.weights[rows].sum(axis=0)

    def viterbi(self, emissions: np.ndarray) -> list[int]:
        """The best label index sequence for an ``(n, labels)`` emission matrix."""
        n = len(emissions)
        if n == 0:
            return []
        trans = self.transitions
        back = np.empty((n, len(self.labels)), dtype=np.intp)
        delta = emissions[0]
        for i in range(1, n):
            m = delta[:, None] + trans
            back[i] = m.argmax(axis=0)
            delta = m[back[i], np.arange(len(self.labels))] + emissions[i]
        path = [int(delta.argmax())]
        for i in range(n - 1, 0, -1):
            path.append(int(back[i, path[-1]]))
        return path[::-1]

    def viterbi_batch(self, emissions: Sequence[np.ndarray]) -> list[list[int]]:
        """:meth:`viterbi` of several sentences at once: one numpy step per position, not per token.

        Shorter sentences are padded; past its end a sentence's scores are frozen
        and its back-pointers point at themselves, so padding changes nothing.
        """
        if not emissions:
            return []
        lengths = np.array([len(e) for e in emissions])
        n, b, k = int(lengths.max()), len(emissions), len(self.labels)
        if n == 0:
            return [[] for _ in emissions]
        e = np.zeros((n, b, k), dtype=np.float32)
        for j, x in enumerate(emissions):
            e[: len(x), j] = x
        trans = self.transitions[None]
        same = np.broadcast_to(np.arange(k), (b, k))
        back = np.empty((n, b, k), dtype=np.intp)
        delta = e[0]
        for i in range(1, n):
            m = delta[:, :, None] + trans  # (b, from, to)
            best = m.argmax(axis=1)
            score = np.take_along_axis(m, best[:, None, :], axis=1)[:, 0] + e[i]
            live = (lengths > i)[:, None]
            back[i] = np.where(live, best, same)
            delta = np.where(live, score, delta)
        paths = np.empty((n, b), dtype=np.intp)
        paths[-1] = delta.argmax(axis=1)
        rows = np.arange(b)
        for i in range(n - 1, 0, -1):
            paths[i - 1] = back[i, rows, paths[i]]
        return [paths[: lengths[j], j].tolist() for j in range(b)]

    def marginals(self, emissions: np.ndarray) -> np.ndarray:
        """``P(label at i | sentence)`` by scaled forward-backward, shape ``(n, labels)``."""
        return self.marginals_batch([emissions])[0]

    def marginals_batch(self, emissions: Sequence[np.ndarray]) -> list[np.ndarray]:
        """:meth:`marginals` of several sentences, padded as in :meth:`viterbi_batch`."""
        if not emissions:
            return []
        lengths = np.array([len(x) for x in emissions])
        n, b, k = int(lengths.max()), len(emissions), len(self.labels)
        e = np.ones((n, b, k))
        for j, x in enumerate(emissions):
            if len(x):
                x64 = x.astype(np.float64)
                e[: len(x), j] = np.exp(x64 - x64.max(axis=1, keepdims=True))
        t = self._exp_trans
        alpha = np.empty((n, b, k))
        beta = np.ones((n, b, k))
        alpha[0] = e[0] / e[0].sum(axis=1, keepdims=True)
        for i in range(1, n):
            a = (alpha[i - 1] @ t) * e[i]
            alpha[i] = a / a.sum(axis=1, keepdims=True)
        for i in range(n - 2, -1, -1):
            bb = (beta[i + 1] * e[i + 1]) @ t.T
            bb /= bb.sum(axis=1, keepdims=True)
            beta[i] = np.where((lengths - 1 > i)[:, None], bb, 1.0)
        p = alpha * beta
        p /= p.sum(axis=2, keepdims=True)
        return [p[: lengths[j], j] for j in range(b)]
