"""Character-span helpers for quotes: sentences, paragraphs, quotation marks.

Everything works on offsets into ``Document.text`` and never on tokens, so the
extractor does not depend on how a tokenizer split the words.

>>> t = "لاوروف گفت: «ما آماده‌ایم. او نیز.» سپس رفت.\\nوی افزود: بله."
>>> [t[s:e] for s, e in fallback_sentences(t)]
['لاوروف گفت: «ما آماده\u200cایم. او نیز.» سپس رفت.', 'وی افزود: بله.']
>>> o = t.index("«"); t[o + 1 : closing_mark(t, o)]
'ما آماده\u200cایم. او نیز.'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from khabar.document import Span

#: opening mark -> closing mark
PAIRS = {"«": "»", "“": "”", '"': '"', "„": "“"}
_END = re.compile(r"[.!?؟]+(?=[\s»”\"]|$)|\n")
_TRAILING = " \t\u200c\u00a0.؛;,،:"


def fallback_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans when no segmenter ran: split at line ends and at final
    punctuation, but not inside «…» (a quotation may hold several sentences)."""
    out: list[tuple[int, int]] = []
    start = 0
    depth = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in "«“":
            depth += 1
        elif ch in "»”" and depth:
            depth -= 1
        if ch == "\n":
            depth = 0
            _push(out, text, start, i)
            start = i + 1
        elif ch in ".!?؟" and depth == 0:
            j = i + 1
            while j < n and text[j] in ".!?؟":
                j += 1
            if j >= n or text[j].isspace():
                _push(out, text, start, j)
                start = j
            i = j - 1
        i += 1
    _push(out, text, start, n)
    return out


def _push(out: list[tuple[int, int]], text: str, s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def sentence_spans(text: str, sentences: Sequence[Span]) -> list[tuple[int, int]]:
    """The segmenter's sentences, or :func:`fallback_sentences` when there are none.

    Sentences are also cut at line ends: a paragraph break always ends one.
    """
    if not sentences:
        return fallback_sentences(text)
    out: list[tuple[int, int]] = []
    for s in sentences:
        start = s.start
        k = text.find("\n", start, s.end)
        while k >= 0:
            _push(out, text, start, k)
            start = k + 1
            k = text.find("\n", start, s.end)
        _push(out, text, start, s.end)
    return out


def paragraph_end(text: str, offset: int) -> int:
    """End of the paragraph (line) holding ``offset``."""
    k = text.find("\n", offset)
    return len(text) if k < 0 else k


def closing_mark(text: str, open_at: int, limit: int | None = None) -> int | None:
    """Offset of the mark closing the quotation opened at ``open_at``, or None.

    Guillemets nest («… «…» …»); a quotation may span sentences and paragraphs
    up to ``limit`` (default: three paragraphs on).
    """
    opener = text[open_at]
    closer = PAIRS.get(opener)
    if closer is None:
        return None
    if limit is None:
        limit = open_at
        for _ in range(3):
            limit = paragraph_end(text, limit + 1)
    depth = 0
    for k in range(open_at + 1, min(limit, len(text))):
        ch = text[k]
        if ch == closer and (depth == 0 or opener == closer):
            return k
        if ch == closer:
            depth -= 1
        elif ch == opener:
            depth += 1
    return None


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` by whitespace, a final full stop and outer «»."""
    for _ in range(3):
        while start < end and (text[start].isspace() or text[start] in "\u200c:"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING):
            end -= 1
        if end - start >= 2 and text[start] in PAIRS and closing_mark(text, start, end) == end - 1:
            start, end = start + 1, end - 1
            continue
        break
    return start, end


def sentence_of(spans: Sequence[tuple[int, int]], offset: int) -> int:
    """Index of the sentence span holding ``offset`` (the last one before it)."""
    starts = [s for s, _ in spans]
    return max(bisect_right(starts, offset) - 1, 0)


def word_count(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())
