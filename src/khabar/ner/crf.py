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

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import numpy as np

#: forward-backward rescales its running sums every this many positions
RESCALE = 8
#: sentences decoded together at most (similar lengths, after sorting)
SLICE = 256

_T = TypeVar("_T")


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

        Sentences are sorted longest first and decoded in slices of at most
        :data:`SLICE` sentences of similar length (so padding and memory stay
        small however many articles' sentences come in); within a slice, the
        ones still running at position ``i`` are a prefix and each step works
        on that prefix only.
        """
        return _by_slices(emissions, self._viterbi_sorted)

    def _viterbi_sorted(self, emissions: Sequence[np.ndarray]) -> list[list[int]]:
        """:meth:`viterbi_batch` of sentences already sorted longest first."""
        lengths = [len(x) for x in emissions]
        n, b, k = lengths[0], len(emissions), len(self.labels)
        if n == 0:
            return [[] for _ in emissions]
        e = np.zeros((n, b, k), dtype=np.float32)
        for r, x in enumerate(emissions):
            e[: lengths[r], r] = x
        live = np.searchsorted(-np.asarray(lengths), -np.arange(n), side="left")  # running at i
        trans = self.transitions[None]
        back = np.empty((n, b, k), dtype=np.intp)
        delta = e[0].copy()  # a sentence's row is left alone once it has ended: its final scores
        for i in range(1, n):
            m = int(live[i])
            s = delta[:m, :, None] + trans  # (m, from, to)
            np.argmax(s, axis=1, out=back[i, :m])
            np.add(s.max(axis=1), e[i, :m], out=delta[:m])
        # follow the back-pointers of every sentence at once, from each one's own end
        ends = np.asarray(lengths) - 1
        rows = np.arange(b)
        paths = np.empty((n, b), dtype=np.intp)
        ok = ends >= 0
        paths[ends[ok], rows[ok]] = delta[ok].argmax(axis=1)
        for i in range(n - 1, 0, -1):
            m = int(live[i])
            paths[i - 1, :m] = back[i, rows[:m], paths[i, :m]]
        return [paths[: lengths[r], r].tolist() for r in range(b)]

    def marginals(self, emissions: np.ndarray) -> np.ndarray:
        """``P(label at i | sentence)`` by scaled forward-backward, shape ``(n, labels)``."""
        return self.marginals_batch([emissions])[0]

    def marginals_batch(self, emissions: Sequence[np.ndarray]) -> list[np.ndarray]:
        """:meth:`marginals` of several sentences, sorted and sliced as in :meth:`viterbi_batch`."""
        return _by_slices(emissions, self._marginals_sorted)

    def _marginals_sorted(self, emissions: Sequence[np.ndarray]) -> list[np.ndarray]:
        """:meth:`marginals_batch` of sentences already sorted longest first."""
        lengths = [len(x) for x in emissions]
        n, b, k = lengths[0], len(emissions), len(self.labels)
        if n == 0:
            return [np.empty((0, k)) for _ in emissions]
        e = np.ones((n, b, k))
        for r, x in enumerate(emissions):
            if lengths[r]:
                y = x.astype(np.float64)
                e[: lengths[r], r] = np.exp(y - y.max(axis=1, keepdims=True))
        live = np.searchsorted(-np.asarray(lengths), -np.arange(n), side="left")  # running at i
        t = self._exp_trans
        alpha = np.empty((n, b, k))
        beta = np.ones((n, b, k))
        # Scaled forward-backward. Each position's emissions peak at 1, so a step
        # multiplies the scale by at most k·max(exp(transitions)) and at least by the
        # smallest exp(transition): rescaling every RESCALE steps stays far inside
        # float64's range, and each position's marginals are normalized at the end.
        alpha[0] = e[0] / e[0].sum(axis=1, keepdims=True)
        for i in range(1, n):
            m = int(live[i])
            np.multiply(alpha[i - 1, :m] @ t, e[i, :m], out=alpha[i, :m])
            if i % RESCALE == 0:
                alpha[i, :m] /= alpha[i, :m].sum(axis=1, keepdims=True)
        for i in range(n - 2, -1, -1):
            m = int(live[i + 1])  # sentences that go on past i; the others keep beta = 1
            np.matmul(beta[i + 1, :m] * e[i + 1, :m], t.T, out=beta[i, :m])
            if i % RESCALE == 0:
                beta[i, :m] /= beta[i, :m].sum(axis=1, keepdims=True)
        out = []
        for r in range(b):
            p = alpha[: lengths[r], r] * beta[: lengths[r], r]
            out.append(p / p.sum(axis=1, keepdims=True))
        return out


def _by_slices(emissions: Sequence[np.ndarray],
               decode: Callable[[Sequence[np.ndarray]], list[_T]]) -> list[_T]:
    """``decode`` over ``emissions`` sorted longest first, :data:`SLICE` at a time, in input order."""
    order = sorted(range(len(emissions)), key=lambda j: -len(emissions[j]))
    out: dict[int, _T] = {}
    for a in range(0, len(order), SLICE):
        part = order[a : a + SLICE]
        out.update(zip(part, decode([emissions[j] for j in part]), strict=True))
    return [out[j] for j in range(len(emissions))]
