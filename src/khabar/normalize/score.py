r"""Scoring ZWNJ restoration: corrupt correct text, compare ZWNJ decisions.

The metric counts ZWNJ *decisions only*. Each text is reduced to a
skeleton: ZWNJ and whitespace removed, diacritics and kashida removed, and
letters/digits folded with the character map (so ``ي``/``ی``, ``ك``/``ک``
and digit scripts compare equal). A ZWNJ is located by the skeleton index
of the character that follows it. A predicted ZWNJ at the gold position is a
true positive, one elsewhere a false positive, a gold ZWNJ not predicted a
false negative. When a tool changed other characters too, the two skeletons
are aligned with :class:`difflib.SequenceMatcher` and only predicted
positions inside matching blocks are mapped onto the gold; so other
normalizations never count against a tool, but a ZWNJ it puts inside a word
it has rewritten cannot be credited either.

>>> score_zwnj(["می\u200cروم به خانه"], ["می\u200cروم به\u200cخانه"]).as_row()
(0.5, 1.0, 0.667)
>>> corrupt("گزارش\u200cها", "space")
'گزارش ها'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from khabar.normalize.charmap import translate_table

Condition = Literal["deleted", "space", "gold"]
CONDITIONS: tuple[Condition, ...] = ("deleted", "space", "gold")
ZWNJ = "\u200c"
_DROP = re.compile("[\\s\u064b-\u065f\u0670\u0640\u200b\u200d\u200e\u200f\ufeff]")


def corrupt(gold: str, condition: Condition) -> str:
    """The input a tool sees: ZWNJs deleted, typed as spaces, or left as they are."""
    if condition == "deleted":
        return gold.replace(ZWNJ, "")
    if condition == "space":
        return gold.replace(ZWNJ, " ")
    return gold


def skeleton(text: str) -> tuple[str, frozenset[int]]:
    """The folded text without ZWNJ/whitespace, and the indices a ZWNJ precedes."""
    text = _DROP.sub("", text)
    chars: list[str] = []
    marks: set[int] = set()
    table = translate_table("latin")
    for ch in text:
        if ch == ZWNJ:
            if chars:
                marks.add(len(chars))
            continue
        chars.append(ch.translate(table))
    n = len(chars)
    return "".join(chars), frozenset(m for m in marks if m < n)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misaligned: int = 0  # sentences whose skeleton the tool changed

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_row(self) -> tuple[float, float, float]:
        return round(self.precision, 3), round(self.recall, 3), round(self.f1, 3)

    def add(self, gold: str, pred: str) -> None:
        gs, gz = skeleton(gold)
        ps, pz = skeleton(pred)
        if gs != ps:
            self.misaligned += 1
            pz = _map_positions(ps, gs, pz)
        self.tp += len(gz & pz)
        self.fp += len(pz - gz)
        self.fn += len(gz - pz)


def _map_positions(src: str, dst: str, marks: frozenset[int]) -> frozenset[int]:
    """Carry ZWNJ positions from ``src`` onto ``dst`` through matching blocks only."""
    out = set()
    sm = difflib.SequenceMatcher(None, src, dst, autojunk=False)
    for a, b, size in sm.get_matching_blocks():
        for m in marks:
            # strictly inside a matching block: both neighbours of the ZWNJ match
            if a < m < a + size:
                out.add(b + (m - a))
    return frozenset(out)


def score_zwnj(gold: Iterable[str], pred: Iterable[str]) -> Counts:
    counts = Counts()
    for g, p in zip(gold, pred, strict=True):
        counts.add(g, p)
    return counts
