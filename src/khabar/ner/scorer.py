"""Label scores of tokens from cached per-word-type weight sums (what crfsuite would sum).

crfsuite scores a token by summing the weights of its feature strings. Most of
those strings depend on one word type at a fixed offset (the word itself, the
word two before, …), so :class:`Scorer` sums them once per type and window
position into a ``(5, labels)`` block and keeps the blocks in one growing matrix.
A sentence's scores are then a gather from that matrix, four shifted additions,
and the few features that depend on two words (word pairs) or on a phrase
(gazetteer names). ``tests/test_ner_scorer.py`` checks the sums equal those of
:meth:`khabar.ner.features.Featurizer.sentence` exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat

import numpy as np

from khabar.ner.crf import LinearChainCRF
from khabar.ner.features import Featurizer


class Scorer:
    """``(n, labels)`` emission scores of sentences, one article's sentences at a time."""

    def __init__(
        self,
        featurizer: Featurizer,
        crf: LinearChainCRF,
        *,
        domain: str | None = None,
        o_bias: float = 0.0,
        cache_size: int = 200_000,
    ):
        self.featurizer = featurizer
        self.crf = crf
        self.domain = domain
        self._cache_size = cache_size
        self._reset()
        s = crf.score
        self._bias, self._bos, self._eos = s(["b"]), s(["BOS"]), s(["EOS"])
        if o_bias and "O" in crf.labels:
            # a lower «O» score trades precision for recall; tuned on the dev sets
            self._bias = self._bias.copy()
            self._bias[crf.labels.index("O")] -= o_bias
        # word pair «a|b» → weight rows of «bw=a|b» (scores b) and «fw=a|b» (scores a); -1: none
        pairs: dict[str, list[int]] = {}
        for name, row in crf.attributes.items():
            if name.startswith(("bw=", "fw=")):
                pairs.setdefault(name[3:], [-1, -1])[name.startswith("fw=")] = row
        #: first word → {second word: (bw row, fw row)}: a type's pairs are looked up once
        self._pairs: dict[str, dict[str, tuple[int, int]]] = {}
        for pair, (bw, fw) in pairs.items():
            a, _, b = pair.partition("|")
            self._pairs.setdefault(a, {})[b] = (bw, fw)

    def _reset(self) -> None:
        k = len(self.crf.labels)
        self._index: dict[str, int] = {}
        self._folded: list[str] = []
        #: per type: the pairs it opens (or None), and whether a gazetteer phrase can start at it
        self._next: list[dict[str, tuple[int, int]] | None] = []
        self._opens = np.zeros(1024, dtype=bool)
        self._has_next = np.zeros(0, dtype=bool)
        self._blocks = np.zeros((1024, 5, k), dtype=np.float32)

    def _add(self, words: Sequence[str]) -> None:
        """Sum new word types' feature weights at positions 0, -2, -1, +1, +2 (one gather)."""
        feats: list[str] = []
        sizes: list[int] = []
        first = len(self._folded)
        for n, word in enumerate(words, first):
            folded, groups = self.featurizer._type_features(word, self.domain)  # cached here, not twice
            for group in groups:
                feats += group
                sizes.append(len(group))
            self._folded.append(folded)
            self._next.append(self._pairs.get(folded))
            self._index[word] = n
        while len(self._folded) > len(self._blocks):
            self._blocks = np.concatenate([self._blocks, np.zeros_like(self._blocks)])
            self._opens = np.concatenate([self._opens, np.zeros_like(self._opens)])
        self._opens[first : len(self._folded)] = [f in self.featurizer._starts for f in self._folded[first:]]
        self._has_next = np.concatenate(
            [self._has_next, [x is not None for x in self._next[len(self._has_next):]]]
        )
        # every feature string's weight row (-1: not in the model), looked up in one pass
        rows = np.fromiter(map(self.crf.attributes.get, feats, repeat(-1, len(feats))),
                           dtype=np.intp, count=len(feats))
        at = np.repeat(np.arange(5 * first, 5 * len(self._folded)), sizes)
        known = rows >= 0
        rows, at = rows[known], at[known]
        if not len(rows):
            return
        # slots never decrease (types, then positions, in order): sum each run of equal
        # slots with one reduceat, then write every run's sum to its (distinct) slot
        runs = np.flatnonzero(np.r_[True, at[1:] != at[:-1]])
        flat = self._blocks.reshape(-1, self._blocks.shape[2])  # a view: (types * 5, labels)
        flat[at[runs]] = np.add.reduceat(self.crf.weights[rows], runs, axis=0)

    def emissions(self, tokens: Sequence[str]) -> np.ndarray:
        """``(n, labels)`` scores; the same sums crfsuite forms from ``Featurizer.sentence``."""
        return self.emissions_batch([tokens])[0]

    def emissions_batch(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """:meth:`emissions` of several sentences, computed on their concatenation.

        The window offsets are applied to the concatenated tokens and masked where
        they would cross a sentence boundary, so one article costs a handful of
        numpy operations rather than a handful per sentence.
        """
        if len(self._index) >= self._cache_size:
            self._reset()  # a crude bound: news vocabularies rarely reach it
        index = self._index
        new = {t: None for s in sentences for t in s if t not in index}
        if new:
            self._add(list(new))
        ids = [index[t] for s in sentences for t in s]
        k = len(self.crf.labels)
        if not ids:
            return [np.zeros((0, k), dtype=np.float32) for _ in sentences]
        v = self._blocks[ids]  # (n, 5, labels): positions 0, -2, -1, +1, +2
        lengths = [len(s) for s in sentences]
        ends = np.cumsum(lengths)
        starts = ends - lengths
        # each token's position in its sentence, and the tokens left after it
        pos = np.arange(len(ids)) - np.repeat(starts, lengths)
        left = np.repeat(np.asarray(lengths), lengths) - pos - 1
        e = v[:, 0] + self._bias
        e[2:] += v[:-2, 1] * (pos[2:] >= 2)[:, None]  # the word two before token i, seen from i
        e[1:] += v[:-1, 2] * (pos[1:] >= 1)[:, None]
        e[:-1] += v[1:, 3] * (left[:-1] >= 1)[:, None]
        e[:-2] += v[2:, 4] * (left[:-2] >= 2)[:, None]
        e[pos == 0] += self._bos
        e[left == 0] += self._eos
        folded, nexts = self._folded, self._next
        at: list[int] = []
        rows: list[int] = []
        # word pairs: only where the first word's type opens one and a second word follows
        for i in np.flatnonzero(self._has_next[ids[:-1]] & (left[:-1] > 0)).tolist():
            hit = nexts[ids[i]].get(folded[ids[i + 1]])  # type: ignore[union-attr]
            if hit is not None:
                bw, fw = hit  # «bw=» belongs to the pair's second token, «fw=» to its first
                if bw >= 0:
                    at.append(i + 1)
                    rows.append(bw)
                if fw >= 0:
                    at.append(i)
                    rows.append(fw)
        # gazetteer phrases, only in the sentences where one can start
        opens = np.flatnonzero(self._opens[ids])
        for k in np.unique(np.searchsorted(ends, opens, side="right")).tolist():
            a, b = int(starts[k]), int(ends[k])
            for i, tags in self.featurizer._phrase_tags([folded[t] for t in ids[a:b]]).items():
                score = self.crf.score
                e[a + i] += score(tags)
                if i > 0:
                    e[a + i - 1] += score(["+1" + t for t in tags])
                if a + i + 1 < b:
                    e[a + i + 1] += score(["-1" + t for t in tags])
        if at:
            np.add.at(e, at, self.crf.weights[rows])  # a token may get both a bw= and a fw= row
        return np.split(e, ends[:-1])
