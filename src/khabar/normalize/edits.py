"""Apply text edits while keeping track of where every character came from.

A normalization step is a list of non-overlapping *edits* ``(start, end,
replacement)`` on its input. :class:`Tracked` applies them and, when it
tracks, updates per-character raw ranges (numpy arrays) so the final text
maps back into the raw input exactly:

- an unchanged character keeps its raw range;
- a replacement of the same length maps character to character;
- an insertion (``start == end``) gets an empty raw range at the insertion point;
- any other replacement maps each new character to the whole replaced range.

>>> t = Tracked.start("ab  c", track=True)
>>> t = t.edit([(2, 3, ""), (5, 5, ".")])
>>> t.text, t.alignment().raw_span(0, 4)
('ab c.', (0, 5))
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from khabar.document import Alignment

Edit = tuple[int, int, str]
Replacement = str | Callable[[re.Match[str]], str]


@dataclass(frozen=True, slots=True)
class Tracked:
    """A text plus, optionally, the raw range of each of its characters."""

    text: str
    starts: np.ndarray | None
    ends: np.ndarray | None
    raw_length: int

    @classmethod
    def start(cls, raw: str, *, track: bool) -> Tracked:
        if not track:
            return cls(raw, None, None, len(raw))
        n = len(raw)
        return cls(raw, np.arange(n, dtype=np.int64), np.arange(1, n + 1, dtype=np.int64), n)

    @property
    def tracking(self) -> bool:
        return self.starts is not None

    def same_length(self, text: str) -> Tracked:
        """Swap in a text of the same length (a 1:1 character map)."""
        if text == self.text:
            return self
        return Tracked(text, self.starts, self.ends, self.raw_length)

    def sub(
        self,
        pattern: re.Pattern[str],
        repl: Replacement,
        *,
        when: Callable[[str, re.Match[str]], bool] | None = None,
    ) -> Tracked:
        """``pattern.sub`` that keeps the alignment.

        If the pattern has a group, only group 1 is replaced (the rest of the
        match is context), so patterns can start with a literal and stay
        fast. ``when(text, match)`` can veto a match. The replaced span should
        cover only changed text, which keeps the alignment exact.
        """
        text = self.text
        grouped = pattern.groups > 0
        if not self.tracking and not grouped and when is None:
            return Tracked(pattern.sub(repl, text), None, None, self.raw_length)
        edits = []
        for m in pattern.finditer(text):
            if when is not None and not when(text, m):
                continue
            r = repl if isinstance(repl, str) else repl(m)
            if grouped:
                edits.append((m.start(1), m.end(1), r))
            else:
                edits.append((m.start(), m.end(), r))
        return self.edit(edits)

    def edit(self, edits: Sequence[Edit]) -> Tracked:
        """Apply sorted, non-overlapping edits."""
        if not edits:
            return self
        text = self.text
        pieces: list[str] = []
        pos = 0
        for s, e, r in edits:
            pieces.append(text[pos:s])
            pieces.append(r)
            pos = e
        pieces.append(text[pos:])
        new_text = "".join(pieces)
        if not self.tracking:
            return Tracked(new_text, None, None, self.raw_length)
        return Tracked(new_text, *self._ranges(edits), self.raw_length)

    def _ranges(self, edits: Sequence[Edit]) -> tuple[np.ndarray, np.ndarray]:
        starts, ends = self.starts, self.ends
        assert starts is not None and ends is not None
        s_parts: list[np.ndarray] = []
        e_parts: list[np.ndarray] = []
        pos = 0
        for s, e, r in edits:
            s_parts.append(starts[pos:s])
            e_parts.append(ends[pos:s])
            k = len(r)
            if k:
                if e - s == k:  # one to one
                    s_parts.append(starts[s:e])
                    e_parts.append(ends[s:e])
                elif e == s:  # insertion: an empty range where it was inserted
                    p = int(ends[s - 1]) if s > 0 else (int(starts[0]) if len(starts) else 0)
                    s_parts.append(np.full(k, p, dtype=np.int64))
                    e_parts.append(np.full(k, p, dtype=np.int64))
                else:  # regrouped: each new character stands for the whole range
                    s_parts.append(np.full(k, starts[s], dtype=np.int64))
                    e_parts.append(np.full(k, ends[e - 1], dtype=np.int64))
            pos = e
        s_parts.append(starts[pos:])
        e_parts.append(ends[pos:])
        return np.concatenate(s_parts), np.concatenate(e_parts)

    def alignment(self) -> Alignment:
        if self.starts is None or self.ends is None:
            raise ValueError("this text was normalized without tracking its alignment")
        return Alignment(
            array("i", self.starts.astype(np.int32).tobytes()),
            array("i", self.ends.astype(np.int32).tobytes()),
            self.raw_length,
        )
