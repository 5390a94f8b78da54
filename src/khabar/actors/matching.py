"""Longest dictionary matches over tokens, insensitive to ZWNJ and spaces.

A match starts at a token start and ends at a token end; the tokens inside it
must be separated only by spaces or ZWNJ (never punctuation or a line break).
The keys of the tokens are concatenated (:func:`~khabar.actors.keys.match_key`
drops spaces and ZWNJ), so «آمریکایی‌ها», «آمریکایی ها» and «آمریکاییها» are one
key however the tokenizer split them. A set of every key prefix stops the
extension as soon as no alias can continue: the scan costs about one set
lookup per token.

>>> from khabar.actors.keys import regex_tokens
>>> text = "سخنگوی کاخ سفید گفت"
>>> table = {"کاخسفید", "کاخ"}
>>> pre = frozenset(k[:i] for k in table for i in range(1, len(k) + 1))
>>> [(text[m.start:m.end], m.key) for m in scan(text, regex_tokens(text), table, pre)]
[('کاخ سفید', 'کاخسفید')]
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from typing import NamedTuple

from khabar.actors.keys import fold_text
from khabar.document import Token

_JOINERS = " \u200c\u00a0\u200d"


class Match(NamedTuple):  # a tuple: built by the thousand, cheaper than a frozen dataclass
    start: int  # char offsets into text
    end: int
    first: int  # token indexes, end exclusive
    last: int
    key: str


def token_keys(
    text: str, tokens: Sequence[Token], cache: dict[str, str] | None = None
) -> list[str]:
    """The :func:`~khabar.actors.keys.match_key` of every token ("" for punctuation).

    ``cache`` (token text → key) saves the folding of words seen before.
    """
    if cache is None:
        folded = fold_text(text)
        return [
            folded[t.start : t.end].replace("\u200c", "") if t.kind != "punct" else ""
            for t in tokens
        ]
    out = []
    for t in tokens:
        if t.kind == "punct":
            out.append("")
            continue
        w = text[t.start : t.end]
        k = cache.get(w)
        if k is None:
            k = cache[w] = fold_text(w).replace("\u200c", "")
        out.append(k)
    return out


class Joins(Sequence[bool]):
    """``joins[i]``: token ``i`` and ``i + 1`` may be inside one name — computed on demand.

    Only tokens that start a possible name are ever asked about, so most gaps
    of a text are never looked at.
    """

    def __init__(self, text: str, tokens: Sequence[Token]) -> None:
        self.text = text
        self.tokens = tokens

    def __len__(self) -> int:
        return len(self.tokens)

    def __getitem__(self, i: int) -> bool:  # type: ignore[override]
        toks = self.tokens
        if i < 0 or i + 1 >= len(toks):
            return False
        a, b = toks[i], toks[i + 1]
        if b.kind == "punct" or a.kind == "punct":
            return False
        gap = b.start - a.end
        if gap == 1:
            return self.text[a.end] in _JOINERS
        return gap == 0 or not self.text[a.end : b.start].strip(_JOINERS)


def prepare(
    text: str, tokens: Sequence[Token], cache: dict[str, str]
) -> tuple[list[str], Joins]:
    """:func:`token_keys` (with a cache) and lazy :class:`Joins`."""
    # comprehensions, then fold only the words not seen before (few in a long batch)
    words = [text[t.start : t.end] if t.kind != "punct" else "" for t in tokens]
    get = cache.get
    keys = [get(w) for w in words]
    for i, k in enumerate(keys):
        if k is None:
            w = words[i]
            keys[i] = cache[w] = fold_text(w).replace("\u200c", "")
    return keys, Joins(text, tokens)  # type: ignore[return-value]


def joinable(text: str, tokens: Sequence[Token]) -> list[bool]:
    """``out[i]``: token ``i`` and ``i + 1`` may be inside one name."""
    out = []
    for a, b in zip(tokens, tokens[1:], strict=False):
        gap = b.start - a.end
        if b.kind == "punct":
            out.append(False)
        elif gap == 1:
            out.append(text[a.end] in _JOINERS)
        else:
            out.append(gap == 0 or not text[a.end : b.start].strip(_JOINERS))
    out.append(False)
    return out


def scan(
    text: str,
    tokens: Sequence[Token],
    table: Container[str],
    prefixes: Container[str],
    *,
    keys: Sequence[str] | None = None,
    joins: Sequence[bool] | None = None,
) -> list[Match]:
    """Non-overlapping longest matches of ``table`` keys, left to right."""
    keys = token_keys(text, tokens) if keys is None else keys
    joins = joinable(text, tokens) if joins is None else joins
    index = {p: (1 if p in table else 0) for p in prefixes}  # type: ignore[attr-defined]
    return scan_many(tokens, keys, joins, index, 1)[0]


def prefix_index(tables: Sequence[Iterable[str]], prefixes: Iterable[str]) -> dict[str, int]:
    """Each prefix (key of leading words) → bit mask of the tables where it is a whole key.

    0 means "only a prefix: keep extending"; a key absent from the index stops the walk.

    >>> prefix_index([["ab"], ["a"]], ["a", "ab"])
    {'a': 2, 'ab': 1}
    """
    out: dict[str, int] = dict.fromkeys(prefixes, 0)
    for bit, table in enumerate(tables):
        for k in table:
            out[k] = out.get(k, 0) | (1 << bit)
    return out


def scan_many(
    tokens: Sequence[Token],
    keys: Sequence[str],
    joins: Sequence[bool],
    index: Mapping[str, int],
    ntables: int,
) -> list[list[Match]]:
    """Longest non-overlapping matches for each of ``ntables`` tables, in one walk.

    ``index`` is :func:`prefix_index` of the tables: one dict lookup per step
    tells both "can a key continue?" and "which tables end here?".
    """
    longest: list[dict[int, int]] = [{} for _ in range(ntables)]  # start -> last token
    get = index.get
    bits = [tuple(t for t in range(ntables) if mask >> t & 1) for mask in range(1 << ntables)]
    last_token = len(keys) - 1
    lazy = joins if isinstance(joins, Joins) else None  # its test inlined below (hot loop)
    text = lazy.text if lazy else ""
    # most tokens start no key: find the few that do in one comprehension
    for i in [i for i, k in enumerate(keys) if k in index]:
        cur = keys[i]
        mask = get(cur)
        j = i
        while mask is not None:
            for t in bits[mask]:
                longest[t][i] = j
            # a name never runs over punctuation or a keyless token (cheap test first)
            if j == last_token or not keys[j + 1]:
                break
            if lazy is not None:  # Joins.__getitem__ for two keyed (so non-punct) tokens
                a_end, b_start = tokens[j].end, tokens[j + 1].start
                if b_start - a_end == 1:
                    if text[a_end] not in _JOINERS:
                        break
                elif b_start != a_end and text[a_end:b_start].strip(_JOINERS):
                    break
            elif not joins[j]:
                break
            j += 1
            cur += keys[j]
            mask = get(cur)
    out: list[list[Match]] = []
    for best in longest:
        found = []
        reach = -1
        for i in sorted(best):
            if i <= reach:
                continue  # inside the previous (longer, earlier) match
            last = best[i]
            key = "".join(keys[i : last + 1])
            found.append(Match(tokens[i].start, tokens[last].end, i, last + 1, key))
            reach = last
        out.append(found)
    return out
