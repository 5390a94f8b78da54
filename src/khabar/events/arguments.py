"""Participants of a sentence and the syntactic roles the event coder reads.

Persian is SOV: the subject opens its clause, the object is marked by «را»,
other arguments by a preposition right before them. Without a parser we
approximate that on character offsets:

- a *participant* is an entity or a resolved mention (a title, «وی», «این
  کشور»); a span nested in another participant is dropped;
- participants separated only by a few plain words («عباس عراقچی وزیر امور
  خارجه ایران») form one *chain*: the first is the head, the rest apposition;
- chains joined by «و» form a coordinated *group*;
- a chain's *marker* is the preposition right before it (or two words
  before it, as in «از حق ایران»); ``obj`` says «را» follows it.

>>> from khabar.document import Document, Entity
>>> from khabar.events.lexicon import load_cues
>>> d = Document.from_text("پوتین و عراقچی در مسکو دیدار کردند.")
>>> d = d.with_layers(entities=[Entity("E1", 0, 5, "PER"), Entity("E2", 8, 14, "PER"),
...                             Entity("E3", 18, 22, "LOC")])
>>> cs = chains(d.text, participants(d), 0, len(d.text), load_cues())
>>> [(d.text[c.start:c.end], c.marker, c.coord_prev) for c in cs]
[('پوتین', None, False), ('عراقچی', None, True), ('مسکو', 'در', False)]
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from khabar.document import Document, Ref

_WORD = re.compile(r"[^\s\u200c.،,:؛!؟?()«»\[\]\"]+")
_PUNCT = re.compile(r"[.،,:؛!؟?()«»\[\]\"\n]")


@dataclass(frozen=True, slots=True)
class Party:
    """One participant: a span of the text and the reference it carries."""

    start: int
    end: int
    ref: Ref
    label: str | None = None

    @property
    def key(self) -> str | None:
        """Identity for comparing parties: the linked actor, else the entity id."""
        if self.ref.link is not None:
            return self.ref.link.id
        return self.ref.entity

    @property
    def country(self) -> str | None:
        return self.ref.link.country if self.ref.link is not None else None


@dataclass(slots=True)
class Chain:
    """A head participant with its apposition; see the module docstring."""

    parties: list[Party]
    marker: str | None = None
    far_marker: str | None = None
    obj: bool = False
    coord_prev: bool = False
    group: list[Chain] = field(default_factory=list)

    @property
    def head(self) -> Party:
        return self.parties[0]

    @property
    def start(self) -> int:
        return self.parties[0].start

    @property
    def end(self) -> int:
        return self.parties[-1].end


def norm(word: str) -> str:
    """A word as the cue lists spell it (ZWNJ kept, Arabic letters folded)."""
    return word.replace("ي", "ی").replace("ك", "ک")


def words(text: str) -> list[str]:
    # norm() maps letters to letters, so it may run before the split
    return _WORD.findall(norm(text))


def participants(doc: Document) -> list[Party]:
    """Entities and resolved mentions of ``doc``, outermost spans only, in text order."""
    cands: list[Party] = []
    for m in doc.mentions:
        cands.append(Party(m.start, m.end, Ref(m.start, m.end, m.antecedent, m.link), "MENTION"))
    for e in doc.entities:
        cands.append(Party(e.start, e.end, Ref(e.start, e.end, e.id, e.link), e.label))
    # Longer spans first so a title mention («رئیس‌جمهوری روسیه») hides the
    # country entity nested in it; at equal span, a linked one wins.
    cands.sort(key=lambda p: (-(p.end - p.start), p.ref.link is None, p.start))
    # Kept spans never overlap, so in (start, end) order their ends rise too: a
    # candidate overlaps one iff the last kept span starting before its end
    # ends after its start.
    kept: list[Party] = []
    spans: list[tuple[int, int]] = []
    for p in cands:
        i = bisect_left(spans, (p.end, -1))
        if i == 0 or spans[i - 1][1] <= p.start:
            insort(spans, (p.start, p.end))
            kept.append(p)
    kept.sort(key=lambda p: p.start)
    return kept


def _tail_words(text: str, lo: int, pos: int, n: int) -> list[str]:
    """Up to ``n`` words right before ``pos`` (stopping at punctuation)."""
    seg = text[lo:pos]
    cut = max((m.end() for m in _PUNCT.finditer(seg)), default=0)
    return words(seg[cut:])[-n:]


def chains(
    text: str,
    parties: Sequence[Party],
    lo: int,
    hi: int,
    cues: Mapping[str, Any],
    barriers: Sequence[tuple[int, int]] = (),
) -> list[Chain]:
    """Group the participants inside ``[lo, hi)`` into chains (see module docstring).

    ``barriers`` are spans (timexes, triggers) that a chain never spans: a
    subject and the object after its time adverbial stay apart.
    """
    preps = set(cues["prepositions"])
    coords = set(cues["coordinators"])
    stop = preps | coords | {"را", "که", *cues["clause_openers"], *cues["apposition_breakers"]}
    titles = set(cues["title_heads"])
    out: list[Chain] = []
    for p in (p for p in parties if lo <= p.start and p.end <= hi):
        if out:
            prev = out[-1]
            gap = text[prev.end : p.start]
            gw = words(gap)
            blocked = any(s < p.start and e > prev.end for s, e in barriers)
            # Apposition needs a title between («عراقچی وزیر امور خارجه ایران») or a
            # title mention next to a name; «اسرائیل غزه را» is subject and object.
            titled = bool(gw) and gw[0] in titles
            adjacent = not gw and "MENTION" in (prev.parties[-1].label, p.label)
            if not blocked and (titled or adjacent) and not _PUNCT.search(gap) and len(gw) <= 4 and not (set(gw) & stop):
                prev.parties.append(p)
                continue
            joined = " ".join(gw)
            if not _PUNCT.sub("", gap).strip(" \u200c") or (
                joined in coords and not re.search(r"[.:؛!؟?]", gap)
            ):
                c = Chain([p], coord_prev=bool(joined in coords))
                out.append(c)
                continue
        out.append(Chain([p]))
    connectives = {norm(w) for w in cues.get("connectives", ())}
    honor = set(cues["honorifics"])
    openers = set(cues["clause_openers"])
    prev_end = lo
    for c in out:
        # Never look past the previous participant: «با عراقچی حملات آمریکا»
        # leaves «آمریکا» outside the «با» phrase.
        before = _tail_words(text, prev_end, c.start, 4)
        prev_end = c.end
        while before and before[-1] in honor:
            before.pop()
        # «در همین حال X»: a connective, not a prepositional phrase around X.
        if any(" ".join(before[-k:]) in connectives for k in range(2, 5)):
            before = []
        for k, w in enumerate(reversed(before)):
            if w in openers:
                break  # «در صورتی که X»: X opens the clause after «که»
            if w in preps:
                if k == 0:
                    c.marker = w
                else:
                    c.far_marker = w
                break
        after = words(text[c.end : min(hi, c.end + 40)])
        c.obj = bool(after) and after[0] == "را"
    # «وزارت خارجه ایران سفیر آلمان را احضار کرد»: a clause-initial chain
    # marked by «را» holds the subject and, after the title, the object.
    for k, c in enumerate(out):
        if c.obj and len(c.parties) > 1 and all(x.marker or x.far_marker for x in out[:k]):
            rest = Chain(c.parties[-1:], obj=True)
            c.parties, c.obj = c.parties[:-1], False
            out.insert(k + 1, rest)
            break
    # Coordinated chains share their group and the first one's marker.
    group: list[Chain] = []
    for c in out:
        if c.coord_prev and group:
            c.marker = c.marker or group[0].marker
            c.far_marker = c.far_marker or group[0].far_marker
            group.append(c)
        else:
            group = [c]
        c.group = group
    for c in out:
        c.group = list(c.group)
        if any(g.obj for g in c.group):
            for g in c.group:
                g.obj = True
    return out


def is_free(c: Chain, agent_markers: set[str]) -> bool:
    """A chain that may be a subject: not inside a prepositional phrase, not marked by «را»."""
    if c.obj:
        return False
    if c.marker is not None:
        return c.marker in agent_markers
    return c.far_marker is None or c.far_marker in agent_markers
