"""Who is speaking: the grammatical subject of a cue, found on character spans.

A Persian reporting clause is subject-first («دیمیتری پسکوف سخنگوی کرملین به
خبرنگاران گفت که …»), so the subject is the first entity, mention or pronoun
of the clause once leading adverbials are skipped: discourse words («نیز»,
«در همین حال»), honorifics, time expressions, the outlet line «به گزارش X
(به نقل از Y)،» and a comma-closed prepositional phrase («در واکنش به این
اظهارات، …»). What follows the subject (its title apposition, prepositional
phrases) is never the speaker, however near the cue.

>>> from khabar.document import Document
>>> doc = Document.from_text("در واکنش به این اظهارات، وزیر خارجه نیز در تهران گفت")
>>> s = SubjectFinder(CueTable.load(), doc).subject(0, doc.text.index("گفت"))
>>> doc.text[s.start:s.end], s.candidate
('وزیر خارجه', None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.document import Actor, Document, Ref
from khabar.quotes.cues import CueTable
from khabar.quotes.spans import PAIRS, closing_mark

_OUTLET_CLOSE = re.compile(r"[،؛:]")
_RA = re.compile(r"(?<![\w\u200c])را(?![\w\u200c])")

#: entity labels that can speak (NER may also emit dates, money, …)
SPEAKING_LABELS = frozenset({"PER", "ORG", "LOC", "GPE", "NORP", "FAC", "POG", "NAT"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span that can be a speaker: an entity, a mention or a bare pronoun."""

    start: int
    end: int
    kind: str  # entity | mention | pronoun
    entity: str | None = None
    link: Actor | None = None
    label: str | None = None  # the entity label, for entities


@dataclass(frozen=True, slots=True)
class Subject:
    """The subject found for a cue; ``candidate`` is None for an unlinked phrase."""

    start: int
    end: int
    candidate: Candidate | None
    pronoun: bool = False
    #: entity labels an unlinked «این مسئول»-type phrase can refer back to
    anaphor: tuple[str, ...] = ()


class SubjectFinder:
    """Find subjects in one document, given the cue table's word lists."""

    def __init__(self, table: CueTable, doc: Document) -> None:
        self.text = doc.text
        self.cands = _candidates(table, doc)
        self.labels = {e.id: e.label.upper() for e in doc.entities}
        self.timexes = [(x.start, x.end) for x in doc.timexes]
        self._skip = table.word_regex("skip_before_subject")
        self._outlet = table.word_regex("outlet_prefixes")
        self._heads = table.word_regex("speaker_heads")
        self._stop = table.word_regex("subject_stops", extra="|[،,:؛]")
        self._opener = table.word_regex("adverbial_openers")
        self._anaphor = table.word_regex("anaphor_determiners")
        heads: dict[str, list[str]] = dict(table.data.get("anaphor_heads", {}))
        self._heads_of = [
            (label, table.word_regex(f"anaphor_heads.{label}", words=words)) for label, words in heads.items()
        ]
        self._person_heads = tuple(w for w in heads.get("PER", ()) if len(w) > 2)
        self._ws = re.compile(r"[\s\u200c،,]+")
        self._preps = table.word_regex("prepositions", extra=r"[\s\u200c]*$")

    # -- scanning helpers ---------------------------------------------------
    def _skip_ws(self, pos: int, end: int) -> int:
        m = self._ws.match(self.text, pos, end)
        return m.end() if m else pos

    def _starting_at(self, pos: int, end: int) -> Candidate | None:
        """The best candidate starting at ``pos``: linked first, then longest."""
        here = [c for c in self.cands if c.start == pos and c.end <= end]
        if not here:
            return None
        return max(here, key=lambda c: (c.link is not None, c.kind != "pronoun", c.end - c.start))

    def _skip_adverbials(self, pos: int, end: int) -> int:
        while True:
            pos = self._skip_ws(pos, end)
            if pos >= end:
                return pos
            nxt = pos
            if self.text[pos] in PAIRS:  # a quotation before the subject («…»، پسکوف گفت)
                close = closing_mark(self.text, pos, end)
                if close is not None and not self._quoted_name(pos, close, end):
                    nxt = close + 1
            for s, e in self.timexes:
                if s == pos and e <= end:
                    nxt = e
            if nxt == pos:
                m = self._skip.match(self.text, pos, end)
                if m and self._starting_at(pos, end) is None:
                    nxt = m.end()
            if nxt == pos:
                return pos
            pos = nxt

    def _quoted_name(self, open_at: int, close: int, end: int) -> bool:
        """«جان گارور» در گفت‌وگو … گفت: a short «…» opening the clause is the
        subject's name in quotation marks, not a quotation (a quotation that
        opens a sentence ending in its cue is handled before the subject search)."""
        return len(self.text[open_at + 1 : close].split()) <= 4

    def _skip_outlet(self, pos: int, end: int) -> int:
        """Skip «به گزارش X (به نقل از Y)،»: the comma closes it."""
        m = self._outlet.match(self.text, pos, end)
        if not m:
            return pos
        close = _OUTLET_CLOSE.search(self.text, m.end(), end)
        if close is not None and not self._clausal(m.end(), close.start()):
            return close.end()  # «به گزارش فارس از ایلام؛ …» closes with a semicolon too
        # no comma (or the comma closes a clause with a person or an object in
        # it: «به گزارش فارس جرج بوش … بدون مدرکی، ایران را …»): step over the outlets
        pos = self._skip_ws(m.end(), end)
        while True:
            c = self._starting_at(pos, end)
            if c is None or c.label == "PER" or c.kind != "entity":
                return pos  # outlets are organisations; a person here is the subject
            pos = self._skip_ws(c.end, end)
            m = self._outlet.match(self.text, pos, end)
            if m:
                pos = self._skip_ws(m.end(), end)

    def _object_at(self, pos: int, end: int) -> bool:
        c = self._starting_at(pos, end)
        return c is not None and bool(_RA.match(self.text, self._skip_ws(c.end, end), end))

    def _clausal(self, start: int, end: int) -> bool:
        """Whether a span holds a named person or an object marker «را»."""
        if _RA.search(self.text, start, end):
            return True
        return any(start <= c.start < end and c.label == "PER" for c in self.cands)

    # -- the subject of a cue ----------------------------------------------
    def subject(self, start: int, end: int) -> Subject | None:
        """The subject of a cue whose clause runs from ``start`` to the cue at ``end``.

        None means a zero subject («افزود: …»); the caller carries the previous
        speaker over.
        """
        pos = self._skip_outlet(self._skip_ws(start, end), end)
        for _ in range(6):  # a few comma-closed adverbial phrases at most
            pos = self._skip_adverbials(pos, end)
            if pos >= end:
                return None
            if self._object_at(pos, end):
                return None  # «ایران را … متهم کرد و مدعی شد»: an object; the subject is elsewhere
            found = self._at(pos, end)
            if found is not None:
                return found
            if self._opener.match(self.text, pos, end):
                comma = self.text.find("،", pos, end)
                if comma < 0:
                    return self._fallback(pos, end)
                pos = comma + 1
                continue
            return self._unlinked(pos, end)
        return self._fallback(pos, end)

    def after(self, pos: int, end: int) -> Subject | None:
        """The source named right after a marker («به گفته X»), or None."""
        pos = self._skip_adverbials(pos, end)
        if pos >= end:
            return None
        found = self._at(pos, end)
        if found is not None:
            return found
        if self._opener.match(self.text, pos, end):
            return None
        return self._unlinked(pos, end)

    def _unlinked(self, pos: int, end: int) -> Subject:
        stop = self._phrase_end(pos, end)
        title = self._title_after(pos, stop, end)
        if title is not None:
            return Subject(pos, stop, title)
        det = self._anaphor.match(self.text, pos, stop)
        if det is None or not 2 <= len(self.text[pos:stop].split()) <= 3:
            return Subject(pos, stop, None)
        noun = self._skip_ws(det.end(), stop)
        labels = tuple(label for label, rx in self._heads_of if rx.match(self.text, noun, stop))
        return Subject(pos, stop, None, anaphor=labels)

    def _title_after(self, pos: int, stop: int, end: int) -> Candidate | None:
        """An unknown name followed by its linked title («کایا کالاس مسئول سیاست
        خارجی اتحادیه اروپا گفت»): the title says who the name is."""
        if not 1 <= len(self.text[pos:stop].split()) <= 4 or self._anaphor.match(self.text, pos, stop):
            return None
        nxt = self._skip_ws(stop, end)
        for c in self.cands:
            if c.start == nxt and c.kind == "mention" and c.link is not None and c.end <= end:
                return c
        return None

    def _at(self, pos: int, end: int) -> Subject | None:
        head = self._heads.match(self.text, pos, end)
        if head:
            c = self._starting_at(self._skip_ws(head.end(), end), end)
            if c is not None and c.kind != "pronoun":
                return Subject(pos, c.end, c)
        c = self._starting_at(pos, end)
        if c is None and self.text[pos] in PAIRS:  # «جان گارور»: the name inside the marks
            c = self._starting_at(pos + 1, end)
        if c is not None:
            return Subject(c.start, c.end, c, pronoun=c.kind == "pronoun")
        return None

    def _phrase_end(self, pos: int, end: int) -> int:
        """End of an unlinked subject phrase: before the next stop word or
        entity, at most eight words."""
        m = self._stop.search(self.text, pos + 1, end)
        stop = m.start() if m else end
        for c in self.cands:
            if pos < c.start < stop and c.kind != "entity":
                stop = c.start
        words = list(re.finditer(r"\S+", self.text[pos:stop]))[:8]
        stop = pos + words[-1].end() if words else min(stop, end)
        opened = any(ch in PAIRS for ch in self.text[pos:stop])
        while stop > pos + 1 and self.text[stop - 1] in (".!?؟" if opened else ".!?؟»”\""):
            stop -= 1
        return stop

    def _fallback(self, pos: int, end: int) -> Subject | None:
        """No subject at the clause start: the first named candidate not
        governed by a preposition («با عراقچی», «از ایران») nor an object («را»)."""
        for c in self.cands:
            if not (pos <= c.start and c.end <= end) or c.label in ("LOC", "ORG"):
                continue  # a place or an outlet inside an adverbial phrase is not who speaks
            if self._preps.search(self.text, max(0, c.start - 12), c.start):
                continue
            if _RA.match(self.text, self._skip_ws(c.end, end), end):
                continue
            return Subject(c.start, c.end, c, pronoun=c.kind == "pronoun")
        return None

    def is_title(self, subj: Subject) -> bool:
        """Whether an unlinked subject phrase opens with a person's office noun
        («سخنگوی …», «وزیر …»)."""
        words = self.text[subj.start : subj.end].split()
        if not words or subj.candidate is not None or subj.anaphor:
            return False
        first = words[0].replace("\u200c", "")
        return any(first.startswith(h.replace("\u200c", "")) for h in self._person_heads)

    def label_of(self, ref: Ref) -> str:
        """The entity label of a speaker; a title or pronoun without an entity is a person."""
        return self.labels.get(ref.entity or "", "PER")


def _candidates(table: CueTable, doc: Document) -> list[Candidate]:
    out: list[Candidate] = []
    for e in doc.entities:
        if e.label.upper() in SPEAKING_LABELS:
            out.append(Candidate(e.start, e.end, "entity", e.id, e.link, e.label.upper()))
    pron = table.word_regex("pronouns")
    for m in doc.mentions:
        kind = "pronoun" if m.kind == "pronoun" or pron.fullmatch(doc.text, m.start, m.end) else "mention"
        out.append(Candidate(m.start, m.end, kind, m.antecedent, m.link))
    covered = {(c.start, c.end) for c in out}
    for pm in pron.finditer(doc.text):
        if (pm.start(), pm.end()) not in covered:
            out.append(Candidate(pm.start(), pm.end(), "pronoun"))
    out.sort(key=lambda c: (c.start, -c.end))
    return out
