"""Per-sentence context for the event coder: windows, chains, quotes, dates.

A *window* is the stretch of a sentence between hard clause boundaries («:»,
«؛», the complementizer «که»); the subject of a trigger is looked for in its
window first. Text after a colon, or inside a quote of the quotes layer, is
reported speech whose speaker is the default actor of verbal events.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from khabar.document import Document, Ref, Span
from khabar.events.arguments import Chain, Party, chains, is_free, words

_SENT = re.compile(r"[^.!؟?\n]+[.!؟?]*")
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T.*)?$")


def sentence_spans(doc: Document) -> list[Span]:
    """The segmenter's sentences, or a punctuation split when that layer is empty."""
    if doc.sentences:
        return list(doc.sentences)
    return [Span(m.start(), m.end()) for m in _SENT.finditer(doc.text) if m.group().strip()]


def _word_rx(items: Sequence[str]) -> re.Pattern[str]:
    return _compiled_word_rx(tuple(items))


@lru_cache(maxsize=1024)
def _compiled_word_rx(items: tuple[str, ...]) -> re.Pattern[str]:
    """Built once per word list: escaping the words per call cost more than the search."""
    alts = sorted((re.escape(w).replace("\\ ", "[\\s\\u200c]+").replace("\u200c", "[\\u200c\\s]?") for w in items), key=len, reverse=True)
    return re.compile("(?<![\\w])(?:" + "|".join(alts) + ")(?![\\w])")


@dataclass
class SentenceContext:
    """What the coder needs to know about one sentence."""

    index: int
    start: int
    end: int
    chains: list[Chain]
    boundaries: list[int]  # window starts (sentence start first)
    colon: int | None  # offset after the first «:», if any
    day_timexes: list[tuple[int, int, str | None]] = field(default_factory=list)
    conditions: list[tuple[int, int]] = field(default_factory=list)  # «در صورتی که …،»

    def in_condition(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.conditions)

    def window(self, pos: int) -> tuple[int, int]:
        lo = max(b for b in self.boundaries if b <= pos)
        later = [b for b in self.boundaries if b > pos]
        return lo, (later[0] if later else self.end)


def build_sentence(
    doc: Document, index: int, span: Span, parties: Sequence[Party], cues: Mapping[str, Any], barriers: Sequence[tuple[int, int]]
) -> SentenceContext:
    text = doc.text
    bounds = [span.start]
    colon = None
    for m in re.finditer(r"(?<![\d۰-۹]):|؛", text[span.start : span.end]):
        bounds.append(span.start + m.end())
        if m.group() == ":" and colon is None:
            colon = span.start + m.end()
    for m in _word_rx(cues["clause_openers"]).finditer(text, span.start, span.end):
        # «در صورتی که»: the conditional is tracked apart, not as a clause of its own.
        if not re.search("صورتی[\\s\\u200c]*$", text[max(span.start, m.start() - 8) : m.start()]):
            bounds.append(m.end())
    for m in _word_rx(cues.get("connectives", [])).finditer(text, span.start, span.end):
        # Only a clause-initial connective opens a clause («پیش از این، …»);
        # mid-clause «پیش از این» is an adverb of the same clause.
        lead = text[span.start : m.start()].strip(" \u200c")
        if not lead or lead.endswith(("،", ",")):
            bounds.append(m.end())
    chs = chains(text, parties, span.start, span.end, cues, barriers)
    # «به گفته X، …»: X reports, it does not act.
    first = span.start + len(text[span.start : span.end]) - len(text[span.start : span.end].lstrip())
    if _word_rx(cues["attribution"]).match(text, first) is not None:
        comma = text.find("،", span.start, span.end)
        if comma > 0:
            for c in chs:
                if c.end <= comma:
                    c.marker = c.marker or "گزارش"
    days: list[tuple[int, int, str | None]] = []
    for x in doc.timexes:
        if span.start <= x.start < span.end and x.type in ("DATE", "TIME"):
            day = _DAY.match(x.value or "")
            days.append((x.start, x.end, day.group(1) if day else None))
    conds: list[tuple[int, int]] = []
    for m in _word_rx(cues["modality"]["hypothetical"]).finditer(text, span.start, span.end):
        # The antecedent runs to the last comma of the conditional (before the
        # consequent): «در صورتی که …، از جمله …، ایران … تلقی خواهد کرد».
        tail = text[m.end() : span.end]
        commas = [i for i, ch in enumerate(tail) if ch in "،,"]
        if not commas:
            continue
        stop = commas[0]
        for i in commas[1:]:
            if _has_finite_verb(tail[stop:i], cues):
                break
            stop = i
        conds.append((m.start(), m.end() + stop))
    return SentenceContext(index, span.start, span.end, chs, sorted(set(bounds)), colon, days, conds)


def _has_finite_verb(text: str, cues: Mapping[str, Any]) -> bool:
    finite = set(cues["finite_verbs"])
    # «می‌»/«نمی‌» with their ZWNJ: «میان» and «میلیون» are not verbs
    return any(w in finite or w.startswith(("می\u200c", "نمی\u200c", "خواه", "نخواه")) for w in words(text))


def quote_at(doc: Document, pos: int) -> tuple[int, Ref | None, bool] | None:
    """(content start, speaker, direct) of the quote containing ``pos``, if any."""
    for q in doc.quotes:
        if q.start <= pos < q.end:
            return q.start, q.speaker, q.direct
    return None


def subject_of(sc: SentenceContext, lo: int, hi: int, agents: set[str]) -> list[Party]:
    """Heads of the first free chain (and its coordinated group) in ``[lo, hi)``."""
    for c in sc.chains:
        if lo <= c.start and c.end <= hi and is_free(c, agents):
            return [g.head for g in c.group if g.end <= hi]
    return []


def has_word(text: str, items: Sequence[str]) -> bool:
    return bool(_word_rx(items).search(text))


def find_word(text: str, items: Sequence[str]) -> re.Match[str] | None:
    return _word_rx(items).search(text)


def first_words(text: str, n: int) -> list[str]:
    return words(text)[:n]
