"""``QuoteExtractor``: who said what, as spans over ``Document.text``.

Each cue of the cue table (``resources/quotes/cues.yaml``) opens at most one
quote:

* **direct** — after a colon, to the end of the paragraph (stopping before a
  later sentence that has its own cue), or inside «…» wherever they close; a
  colon that ends its paragraph takes the next paragraph;
* **indirect** — after «که», or a bare clause after the cue, to the sentence end;
* **partial** — a «…» right before «خواند», «توصیف کرد», «دانست»… (direct);
* **source markers** — «به گفته X، …», «از نظر X، …»: X speaks the sentence.

The speaker is the cue's subject (see :mod:`khabar.quotes.speaker`);
pronouns and zero subjects take over the previous speaker. Cues inside a quote
already found are reported speech within speech and are skipped.

>>> from khabar.document import Document
>>> doc = Document.from_text("لاوروف گفت: آتش‌بس شکننده است. وی افزود که مذاکره ادامه دارد.")
>>> out = QuoteExtractor()(doc)
>>> [(doc.text[q.start:q.end], q.direct, q.cue.lemma) for q in out.quotes]
[('آتش\u200cبس شکننده است', True, 'گفت'), ('مذاکره ادامه دارد', False, 'افزود')]
>>> [doc.text[q.speaker.start:q.speaker.end] for q in out.quotes if q.speaker]
['لاوروف', 'وی']
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from khabar.document import Cue, Document, Quote, Ref
from khabar.quotes.cues import SEP, CueMatch, CueTable, fuzzy
from khabar.quotes.spans import (
    PAIRS,
    closing_mark,
    paragraph_end,
    sentence_of,
    sentence_spans,
    trim,
    word_count,
)
from khabar.quotes.speaker import Subject, SubjectFinder

log = logging.getLogger(__name__)

_KE = re.compile(SEP + r"که(?![\w\u200c])")
_COLON = re.compile(r"[ \u200c\u00a0]*:")
#: a bare-clause complement must not start with a conjunction or punctuation
_NOT_CLAUSE = re.compile(r"[ \u200c\u00a0]*(?:[.،,؛;!?؟)\n]|و(?![\w\u200c])|$)")
#: nothing but punctuation to the sentence end
_AT_END = re.compile(r"[\s\u200c.!?؟»”\"]*$")
#: a clause complement shorter than this is not reported speech
MIN_CLAUSE_WORDS = 3


@dataclass(frozen=True, slots=True)
class _Draft:
    start: int
    end: int
    direct: bool
    cue: CueMatch
    subject: Subject | None
    marker: bool = False


class QuoteExtractor:
    """Fill ``Document.quotes`` from cue verbs, colons, «» and source markers.

    Works with empty ``entities``/``mentions`` layers too: speakers are then
    unlinked spans (``Ref.link`` None) of the subject phrase.
    """

    name: ClassVar[str] = "quotes"
    requires: ClassVar[tuple[str, ...]] = ("text", "sentences", "tokens", "entities", "mentions")
    provides: ClassVar[tuple[str, ...]] = ("quotes",)

    def __init__(
        self,
        *,
        cues: str | Path | None = None,
        table: CueTable | None = None,
        carry_sentences: int = 1,
    ) -> None:
        """``cues``: a cue table file in the format of ``resources/quotes/cues.yaml``
        to use instead of the shipped one (``table``: an already loaded table).
        ``carry_sentences``: how many sentences back a previous quote may end
        for a pronoun to take its speaker even when the linker resolved the
        pronoun otherwise."""
        if cues is not None and table is None:
            table = CueTable.from_file(cues)
        self.table = table or CueTable.load()
        self.carry_sentences = carry_sentences
        self._gozaresh = re.compile(fuzzy("به گزارش"))
        self._continuing = frozenset(self.table.words("continuation_cues"))

    def __call__(self, doc: Document) -> Document:
        return doc.with_layers(quotes=tuple(self.extract(doc)))

    # ------------------------------------------------------------------
    def extract(self, doc: Document) -> list[Quote]:
        text = doc.text
        sents = sentence_spans(text, doc.sentences)
        finder = SubjectFinder(self.table, doc)
        matches = self.table.find(text)
        quotes: list[Quote] = []
        covered: list[tuple[int, int]] = []
        prev: Ref | None = None
        prev_sent = -10
        for si, (ss, se) in enumerate(sents):
            if any(a <= ss and se <= b for a, b in covered):
                continue
            here = [m for m in matches if ss <= m.start < se]
            drafts: list[_Draft] = []
            for m in here:
                if m.spec.kind != "verb" or _inside(m.start, covered):
                    continue
                d = self._verb(text, sents, si, m, finder, matches)
                if d is not None and not _overlaps(d, covered):
                    drafts.append(d)
                    covered.append((d.start, d.end))
            if not drafts:
                for m in here:
                    if m.spec.kind == "marker" and not _inside(m.start, covered):
                        d = self._marker(text, ss, se, m, finder)
                        if d is not None and not _overlaps(d, covered):
                            drafts.append(d)
                            covered.append((d.start, d.end))
                            break
            for d in drafts:
                subject = d.subject
                if subject is None and not d.marker and si > 0 and prev_sent < si - 1:
                    subject = self._previous_subject(text, sents[si - 1], ss, finder)
                speaker = self._speaker(subject, finder, prev, si - prev_sent, d.cue.lemma)
                quotes.append(
                    Quote(d.start, d.end, d.direct, Cue(d.cue.start, d.cue.end, d.cue.lemma), speaker)
                )
                if speaker is not None:
                    prev = speaker
                prev_sent = sentence_of(sents, d.end - 1)
        quotes.sort(key=lambda q: (q.start, q.end))
        return quotes

    # -- verb cues ------------------------------------------------------
    def _verb(
        self,
        text: str,
        sents: list[tuple[int, int]],
        si: int,
        m: CueMatch,
        finder: SubjectFinder,
        matches: list[CueMatch],
    ) -> _Draft | None:
        ss, se = sents[si]
        comps = m.spec.complements
        span: tuple[int, int] | None = None
        direct = False
        clause_start = ss
        if "label" in comps:
            span = _label_before(text, ss, m.start)
            if span is None:
                return None
            # the subject stands before the quotation marks, which may hold names
            return _Draft(*trim(text, *span), True, m, finder.subject(ss, span[0] - 1))
        colon = _COLON.match(text, m.end)
        if colon and "colon" in comps:
            span = self._after_colon(text, sents, si, colon.end(), matches)
            direct = True
        elif "ke" in comps and (ke := _KE.match(text, m.end)):
            span = _to_sentence_end(text, ke.end(), _coordinated_end(text, m, se, matches))
        elif "clause" in comps and not _NOT_CLAUSE.match(text, m.end):
            span = _to_sentence_end(text, m.end, _coordinated_end(text, m, se, matches))
            if word_count(text, *span) < MIN_CLAUSE_WORDS:
                return None
        if span is None and _AT_END.match(text, m.end, se):
            # «…»، پسکوف گفت. — the quotation opens the sentence, the cue closes it
            lead = _lstrip(text, ss)
            close = closing_mark(text, lead, m.start) if text[lead] in PAIRS else None
            if close is not None:
                span, direct, clause_start = (lead + 1, close), True, close + 1
            elif "colon" in comps and si + 1 < len(sents):
                span = _quotation_sentence(text, *sents[si + 1])
                direct = span is not None
        if span is None:
            return None
        s, e = trim(text, *span)
        if e <= s:
            return None
        lead = _lstrip(text, span[0])
        if not direct and lead < span[1] and text[lead] in PAIRS:
            # «گفت که «…»»: a complement that is one whole quotation is direct speech
            direct = closing_mark(text, lead) == _rstrip_mark(text, span)
        return _Draft(s, e, direct, m, finder.subject(clause_start, m.start))

    def _after_colon(
        self, text: str, sents: list[tuple[int, int]], si: int, pos: int, matches: list[CueMatch]
    ) -> tuple[int, int] | None:
        pe = paragraph_end(text, pos)
        start = pos
        while start < pe and text[start] in " \u200c\u00a0":
            start += 1
        if start >= pe:  # «… گفت:» ends the line: the next paragraph is the quote
            start = pe + 1
            while start < len(text) and text[start].isspace():
                start += 1
            if start >= len(text):
                return None
            pe = paragraph_end(text, start)
        if text[start] in PAIRS:
            close = closing_mark(text, start)
            if close is not None:
                return start + 1, close
        # to the paragraph end, but not into a later sentence with its own cue
        end = pe
        for k in range(si + 1, len(sents)):
            s2, e2 = sents[k]
            if s2 < start:
                continue
            if s2 >= pe:
                break
            if any(s2 <= c.start < e2 and _opens_quote(c) for c in matches):
                end = s2
                break
        return start, end

    # -- source markers -------------------------------------------------
    def _marker(
        self, text: str, ss: int, se: int, m: CueMatch, finder: SubjectFinder
    ) -> _Draft | None:
        spec = m.spec
        if spec.not_after and self._gozaresh.search(text, ss, m.start):
            return None
        subj = finder.after(m.end, se)
        if subj is None or (spec.needs_speaker and subj.candidate is None):
            return None
        comma = text.find("،", subj.end, se)
        after = comma + 1 if comma >= 0 else subj.end
        span = (after, se)
        if word_count(text, *span) < MIN_CLAUSE_WORDS:  # «…، به گفته X.»: the words come first
            span = (self._skip_outlet_line(text, ss, m.start), m.start)
        s, e = trim(text, *span)
        if word_count(text, s, e) < MIN_CLAUSE_WORDS:
            return None
        return _Draft(s, e, False, m, subj, marker=True)

    def _skip_outlet_line(self, text: str, ss: int, end: int) -> int:
        m = self._gozaresh.match(text, ss, end)
        comma = text.find("،", m.end(), end) if m else -1
        return comma + 1 if comma >= 0 else ss

    # -- speakers -------------------------------------------------------
    def _previous_subject(
        self, text: str, before: tuple[int, int], ss: int, finder: SubjectFinder
    ) -> Subject | None:
        """A zero subject right after a sentence of the same paragraph that
        quoted nobody shares its subject («X با Y دیدار کرد. افزود: …», or a
        question the segmenter cut off: «X در پاسخ به این سؤال که …؟ گفت: …»)."""
        if "\n" in text[before[1] : ss]:
            return None
        found = finder.subject(before[0], before[1])
        if found is None or found.candidate is None or found.pronoun:
            return None  # only a named subject is worth more than the previous speaker
        return found

    def _speaker(
        self, subj: Subject | None, finder: SubjectFinder, prev: Ref | None, gap: int, lemma: str
    ) -> Ref | None:
        if subj is None:  # zero subject: «افزود: …»
            return Ref(None, None, prev.entity, prev.link) if prev is not None else None
        c = subj.candidate
        if subj.pronoun and c is not None:
            # a pronoun right after a quote is its speaker; further away, trust the linker
            if prev is not None and (gap <= self.carry_sentences or c.link is None):
                return Ref(c.start, c.end, prev.entity, prev.link)
            return Ref(c.start, c.end, c.entity, c.link)
        if c is None:
            if prev is not None and gap <= self.carry_sentences + 1 and finder.label_of(prev) in subj.anaphor:
                return Ref(subj.start, subj.end, prev.entity, prev.link)  # «این مسئول افزود»
            if (
                prev is not None
                and gap <= self.carry_sentences
                and lemma in self._continuing
                and finder.is_title(subj)
                and finder.label_of(prev) == "PER"
            ):
                # «سخنگوی دستگاه دیپلماسی کشورمان افزود» right after that spokesman's
                # words: an unresolved title that *adds* continues the same speaker
                return Ref(subj.start, subj.end, prev.entity, prev.link)
            return Ref(subj.start, subj.end, None, None)
        return Ref(subj.start, subj.end, c.entity, c.link)


_AND_BEFORE = re.compile(r"[\s\u200c،,]و[\s\u200c]*$")


def _coordinated_end(text: str, m: CueMatch, se: int, matches: list[CueMatch]) -> int:
    """Where an indirect complement stops: the sentence end, or a coordinated
    second cue («گفت که A و افزود که B» is two quotes of one speaker)."""
    for c in matches:
        if m.end < c.start < se and _opens_quote(c):
            hit = _AND_BEFORE.search(text, max(m.end, c.start - 4), c.start)
            if hit:
                return hit.start()
    return se


def _quotation_sentence(text: str, s2: int, e2: int) -> tuple[int, int] | None:
    """The inside of a sentence that is one quotation and nothing else
    («پسکوف در این باره توضیح داد. «ما برنامه‌ای نداریم.»»), or None."""
    lead = _lstrip(text, s2)
    if lead >= e2 or text[lead] not in PAIRS:
        return None
    close = closing_mark(text, lead)
    if close is None or not _AT_END.match(text, close + 1, e2):
        return None
    return lead + 1, close


def _opens_quote(c: CueMatch) -> bool:
    """Whether a cue can start a new speech act of its own (and so end a
    running colon quote): not a «…»-labelling verb, not «از نظر ما»."""
    if c.spec.kind == "marker":
        return not c.spec.needs_speaker
    return c.spec.complements != ("label",)


def _overlaps(d: _Draft, covered: list[tuple[int, int]]) -> bool:
    """Whether a draft's content shares text with a quote already taken."""
    return any(d.start < b and a < d.end for a, b in covered)


def _inside(offset: int, covered: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in covered)


def _to_sentence_end(text: str, start: int, se: int) -> tuple[int, int]:
    """From ``start`` to the sentence end, past it if a «…» opened is still open."""
    opened = text.count("«", start, se) - text.count("»", start, se)
    end = se
    if opened > 0:
        k = start
        for _ in range(opened):
            k = text.find("»", max(k, se))
            if k < 0:
                break
            end = k + 1
    return start, end


def _label_before(text: str, ss: int, cue_start: int) -> tuple[int, int] | None:
    """The «…» closing right before a labelling verb («… را «…» خواند»)."""
    k = cue_start
    while k > ss and text[k - 1] in " \u200c\u00a0":
        k -= 1
    if k <= ss or text[k - 1] not in "»”\"":
        return None
    closer = text[k - 1]
    opener = {"»": "«", "”": "“", '"': '"'}[closer]
    o = text.rfind(opener, ss, k - 1)
    if o < 0 or closing_mark(text, o, k) != k - 1:
        return None
    return o + 1, k - 1


def _lstrip(text: str, k: int) -> int:
    while k < len(text) and text[k] in " \u200c\u00a0":
        k += 1
    return k


def _rstrip_mark(text: str, span: tuple[int, int]) -> int:
    e = span[1]
    while e > span[0] and text[e - 1] in " \u200c\u00a0.":
        e -= 1
    return e - 1
