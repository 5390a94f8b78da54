"""Run a large alternation only where it can match, with only the branches that can.

The timex atom regex (:mod:`khabar.timex.lexicon`) has some twenty word
branches.  Python's ``re`` tries them one after another at every word start,
although most words start no temporal expression and the first two letters of
a word rule out all but one or two branches.  :class:`Scanner` finds candidate
positions with one cheap pattern, then matches there an alternation of only
the branches whose words can begin with the two letters found (compiled once
per distinct set of branches).  Its matches are those of the full alternation:
the same spans and groups, left to right, non-overlapping.

>>> f = follow(["سه‌شنبه", "سال"])
>>> sorted(f["س"])
['ا', 'ه']
>>> admits(f, "سا"), admits(f, "سو")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

#: First letter → the letters that may come second (``None``: any letter may).
Follow = dict[str, frozenset[str] | None]

DIGITS: Follow = {d: None for d in "0123456789"}


def follow(words: Iterable[str]) -> Follow:
    """The first two letters of ``words``.

    Inside a word a ZWNJ or space may be present or absent («سه‌شنبه»,
    «سه شنبه», «سهشنبه»), so after a first letter followed by one, the letter
    after it may come second too.  A one-letter word or an abbreviation («ش»,
    «م.») lets anything follow its letter.
    """
    out: dict[str, set[str] | None] = {}
    for w in words:
        first, rest = w[0], w[1:]
        if not rest or rest[0] == ".":
            out[first] = None
            continue
        seconds = out.setdefault(first, set())
        if seconds is None:
            continue
        seconds.update({rest[0]} if rest[0] not in "\u200c " else {"\u200c", " ", rest[1:2] or " "})
    return {k: None if v is None else frozenset(v) for k, v in out.items()}


def merge(*follows: Follow) -> Follow:
    """The union of several :func:`follow` tables."""
    out: dict[str, set[str] | None] = {}
    for f in follows:
        for first, seconds in f.items():
            if seconds is None or out.get(first, set()) is None:
                out[first] = None
            else:
                out.setdefault(first, set()).update(seconds)  # type: ignore[union-attr]
    return {k: None if v is None else frozenset(v) for k, v in out.items()}


def admits(f: Follow, start: str) -> bool:
    """Whether a word of ``f`` can begin with ``start`` (its first two letters)."""
    if not start or start[0] not in f:
        return False
    seconds = f[start[0]]
    return seconds is None or start[1:2] in seconds


def lookahead(f: Follow) -> str:
    """A lookahead that accepts the first two letters of a word of ``f``."""
    parts = []
    for first, seconds in sorted(f.items()):
        if seconds is None:
            parts.append(re.escape(first))
        else:
            parts.append(re.escape(first) + "[" + "".join(re.escape(c) for c in sorted(seconds)) + "]")
    return "(?=" + "|".join(parts) + ")"


@dataclass(frozen=True)
class Branch:
    """One alternative of the alternation and the letters its matches can start with."""

    pattern: str
    starts: Follow


@dataclass(frozen=True)
class Group:
    """Consecutive branches sharing a guard pattern written before them (``guard(?:b1|b2…)``)."""

    guard: str
    branches: Sequence[Branch]


class Scanner:
    """``prefix(?:group1|group2…)`` matched only at ``candidates`` and with only the
    branches whose :attr:`Branch.starts` admit the two letters there.

    ``candidates`` must match (with a zero-width match) at every position where
    the full pattern can match.
    """

    def __init__(self, prefix: str, groups: Sequence[Group], candidates: str) -> None:
        self.prefix = prefix
        self.groups = tuple(groups)
        self._candidates = re.compile(candidates)
        self._by_start: dict[str, re.Pattern[str] | None] = {}
        self._by_pattern: dict[str, re.Pattern[str]] = {}

    def full(self) -> re.Pattern[str]:
        """The whole alternation as one regex (what :meth:`finditer` is equivalent to)."""
        return re.compile(self._source([g.branches for g in self.groups]))

    def _source(self, kept: Sequence[Sequence[Branch]]) -> str:
        parts = [
            g.guard + "(?:" + "|".join(b.pattern for b in bs) + ")"
            for g, bs in zip(self.groups, kept, strict=True)
            if bs
        ]
        return self.prefix + "(?:" + "|".join(parts) + ")"

    def _for(self, start: str) -> re.Pattern[str] | None:
        kept = [[b for b in g.branches if admits(b.starts, start)] for g in self.groups]
        if not any(kept):
            return None
        source = self._source(kept)
        if source not in self._by_pattern:
            self._by_pattern[source] = re.compile(source)
        return self._by_pattern[source]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of :meth:`full` in ``text``, left to right, non-overlapping."""
        by_start = self._by_start
        pos = 0
        for c in self._candidates.finditer(text):
            at = c.start()
            if at < pos:  # inside the previous match
                continue
            start = text[at : at + 2]
            if start not in by_start:
                by_start[start] = self._for(start)
            rx = by_start[start]
            m = rx.match(text, at) if rx is not None else None
            if m is not None:
                yield m
                pos = m.end()
