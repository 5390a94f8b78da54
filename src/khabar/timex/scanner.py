"""Run a large alternation only where it can match, with only the branches that can.

The timex atom regex (:mod:`khabar.timex.lexicon`) has some twenty word
branches.  Python's ``re`` tries them one after another at every word start,
although most words start no temporal expression and the first letters of a
word rule out all but one or two branches.  :class:`Scanner` finds candidate
positions with one cheap pattern (a lookahead on the first three letters of
every branch's words), then matches there an alternation of only the branches
whose words can begin with the letters found (compiled once per distinct set
of branches).  Its matches are those of the full alternation: the same spans
and groups, left to right, non-overlapping.

>>> s = starts(["سه‌شنبه", "سال"])
>>> sorted(s)
['سال', 'سه ', 'سهش', 'سه\u200c']
>>> admits(s, "سال"), admits(s, "سهش"), admits(s, "سو")
(True, True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

#: How many leading letters are compared.
N = 3

#: The ways the words of a branch may begin: prefixes of up to :data:`N`
#: letters; a shorter one (a short word, an abbreviation) lets anything follow.
Starts = frozenset[str]

DIGITS: Starts = frozenset("0123456789")


#: What ``\\s`` matches (every whitespace character is below U+3001).
_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace())


def starts(words: Iterable[str]) -> Starts:
    """The first :data:`N` letters of every way ``words`` may be written.

    Mirrors :func:`khabar.timex.lexicon.phrase`: inside a word a ZWNJ or
    space may be present or absent («سه‌شنبه», «سه شنبه», «سهشنبه»); a dot
    and every letter after one may follow a space («ه . ش .»).
    """
    out: set[str] = set()

    def walk(word: str, i: int, begun: str) -> None:
        if len(begun) >= N or i == len(word):
            out.add(begun[:N])
            return
        ch = word[i]
        if ch in "\u200c ":
            for joiner in ("\u200c", " ", ""):
                walk(word, i + 1, begun + joiner)
            return
        walk(word, i + 1, begun + ch)
        if ch == "." or (i and word[i - 1] == "."):
            for space in _SPACES:
                walk(word, i + 1, begun + space + ch)

    for w in words:
        walk(w, 0, "")
    return frozenset(out)


def admits(s: Starts, text: str) -> bool:
    """Whether a word of ``s`` can begin ``text`` (of which the first :data:`N` letters count)."""
    return any(text[:k] in s for k in range(1, N + 1))


def lookahead(s: Starts) -> str:
    """A lookahead that accepts the beginning of a word of ``s``."""
    trie: dict[str, Any] = {}
    for p in s:
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        if "" in node:  # a shorter prefix: anything may follow
            return ""
        parts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items())]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return "(?=" + emit(trie) + ")"


@dataclass(frozen=True)
class Branch:
    """One alternative of the alternation and the letters its matches can start with."""

    pattern: str
    starts: Starts


@dataclass(frozen=True)
class Group:
    """Consecutive branches sharing a guard pattern written before them (``guard(?:b1|b2…)``)."""

    guard: str
    branches: Sequence[Branch]


class Scanner:
    """``prefix(?:group1|group2…)`` matched only at ``candidates`` and with only the
    branches whose :attr:`Branch.starts` admit the letters there.

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
            start = text[at : at + N]
            if start not in by_start:
                by_start[start] = self._for(start)
            rx = by_start[start]
            m = rx.match(text, at) if rx is not None else None
            if m is not None:
                yield m
                pos = m.end()
