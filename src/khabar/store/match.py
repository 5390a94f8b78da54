"""Turn a user query into an FTS5 expression that ignores ZWNJ spelling.

A query is split into words; each word (or pair of adjacent words whose
concatenation is a known compound) becomes a *unit* that matches its letters
written with a ZWNJ, a space or nothing between the parts:

- ``{spaced joined}:"آتشبس"`` finds ``آتش‌بس`` and ``آتشبس`` (the joined column drops ZWNJ);
- ``spaced:"آتش بس"`` finds ``آتش‌بس`` and ``آتش بس`` (the spaced column splits on it).

Split points of a unit come from its own ZWNJs/spaces plus every two-way
split whose halves are in the index vocabulary, computed from the unit's
letters alone — so the three spellings of a compound build the same
expression and return the same hits. Units are ANDed.

>>> vocab = {"آتش", "بس", "برقرار"}
>>> build_match("آتشبس", spaced_has=vocab.__contains__, joined_has={"آتشبس"}.__contains__)
'({spaced joined}:"آتشبس" OR spaced:"آتش بس")'
>>> build_match("  ", spaced_has=vocab.__contains__, joined_has=vocab.__contains__) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable

from khabar.store.fold import ZWNJ, invisible, normalize_query

_WORD = re.compile(r"[^\W_](?:[^\W_]|\u200c)*")
#: halves shorter than this are not tried as split points (single letters would
#: turn most words into spurious phrases)
MIN_PART = 2
#: longest query kept, in words (keeps the expression small)
MAX_WORDS = 16


def _words(q: str) -> list[tuple[str, ...]]:
    """Query words, each as its ZWNJ-separated parts, after normalizing and folding marks."""
    text = "".join(ch for ch in normalize_query(q) if not invisible(ch))
    out: list[tuple[str, ...]] = []
    for m in _WORD.finditer(text):
        parts = tuple(p for p in m.group().split(ZWNJ) if p)
        if parts:
            out.append(parts)
    return out[:MAX_WORDS]


def _quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def _unit(parts: tuple[str, ...], spaced_has: Callable[[str], bool]) -> str:
    letters = "".join(parts)
    splits: list[tuple[str, ...]] = []
    if len(parts) > 1:
        splits.append(parts)
    for i in range(MIN_PART, len(letters) - MIN_PART + 1):
        pair = (letters[:i], letters[i:])
        if pair not in splits and spaced_has(pair[0].lower()) and spaced_has(pair[1].lower()):
            splits.append(pair)
    # the spaced column also finds the word as one part of a ZWNJ compound («کتاب» in «کتاب‌ها»)
    alts = [f"{{spaced joined}}:{_quote(letters)}"] + [f"spaced:{_quote(' '.join(s))}" for s in splits]
    return alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")"


def build_match(
    q: str, *, spaced_has: Callable[[str], bool], joined_has: Callable[[str], bool]
) -> str | None:
    """The FTS5 MATCH expression for ``q``; None when it contains no words.

    ``spaced_has``/``joined_has`` say whether a term is in the index vocabulary
    of the spaced/joined column (the caller's lookup; tests pass sets).
    """
    words = _words(q)
    units: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words):
            pair = words[i] + words[i + 1]
            if joined_has("".join(pair).lower()):
                # «آتش بس» typed with a space: the index knows «آتشبس» as a compound.
                units.append(_unit(pair, spaced_has))
                i += 2
                continue
        units.append(_unit(words[i], spaced_has))
        i += 1
    return " AND ".join(units) if units else None
