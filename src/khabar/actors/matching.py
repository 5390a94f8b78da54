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
>>> table = {"کاخسفید": 1, "کاخ": 2}
>>> pre = frozenset(k[:i] for k in table for i in range(1, len(k) + 1))
>>> [(text[m.start:m.end], m.key) for m in scan(text, regex_tokens(text), table, pre)]
[('کاخ سفید', 'کاخسفید')]
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass

from khabar.actors.keys import fold_text
from khabar.document import Token

_JOINERS = " \u200c\u00a0\u200d"


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # char offsets into text
    end: int
    first: int  # token indexes, end exclusive
    last: int
    key: str


def token_keys(text: str, tokens: Sequence[Token]) -> list[str]:
    """The :func:`~khabar.actors.keys.match_key` of every token ("" for punctuation)."""
    folded = fold_text(text)
    return [
        folded[t.start : t.end].replace("\u200c", "") if t.kind != "punct" else "" for t in tokens
    ]


def joinable(text: str, tokens: Sequence[Token]) -> list[bool]:
    """``out[i]``: token ``i`` and ``i + 1`` may be inside one name."""
    out = []
    for a, b in zip(tokens, tokens[1:], strict=False):
        gap = text[a.end : b.start]
        out.append((gap == " " or not gap.strip(_JOINERS)) and b.kind != "punct")
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
    out: list[Match] = []
    n = len(tokens)
    i = 0
    while i < n:
        cur = keys[i]
        best = -1
        j = i
        while cur and cur in prefixes:
            if cur in table:
                best = j
            if not joins[j]:
                break
            j += 1
            cur += keys[j]
        if best >= 0:
            key = "".join(keys[i : best + 1])
            out.append(Match(tokens[i].start, tokens[best].end, i, best + 1, key))
            i = best + 1
        else:
            i += 1
    return out
