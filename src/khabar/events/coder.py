"""The event coder: Persian news sentences to PLOVER events with CAMEO codes.

For each trigger of the dictionary found in the text the coder reads the
actor and recipient from the participants around it (see
:mod:`khabar.events.arguments`), then the date (the timex of the act, or the
date of the event a «در این دیدار» refers back to), the location, and the
modality (negated, future, hypothetical, claim). Compound recipients or
actors become one event each; a restatement of an event already coded is
not coded again.

>>> from khabar.document import Actor, Document, Entity
>>> t = "پوتین در دیدار با عراقچی حملات آمریکا را محکوم کرد."
>>> A = lambda i, c: Actor(i, i, country=c)
>>> d = Document.from_text(t).with_layers(entities=[
...     Entity("E1", 0, 5, "PER", A("putin", "RUS")), Entity("E2", 18, 24, "PER", A("araghchi", "IRN")),
...     Entity("E3", 31, 37, "LOC", A("usa", "USA"))])
>>> [(v.type, v.actor[0].link.id, [r.link.id for r in v.recipient]) for v in EventCoder()(d).events]
[('CONSULT', 'putin', ['araghchi']), ('ASSAULT', 'usa', []), ('ACCUSE', 'putin', ['usa'])]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from khabar.document import Document, Event, Ref, Span
from khabar.events import ontology
from khabar.events.arguments import Party, participants, words
from khabar.events.context import (
    SentenceContext,
    build_sentence,
    find_word,
    has_word,
    quote_at,
    sentence_spans,
    subject_of,
)
from khabar.events.lexicon import Lexicon, Match, load_cues, load_lexicon

log = logging.getLogger(__name__)


@dataclass
class Draft:
    """An event being coded, before ids and CAMEO fields are assigned."""

    type: str
    mode: str | None
    match: Match
    sentence: int
    actor: Party | None
    recipient: Party | None
    date: str | None = None
    location: Ref | None = None
    negated: bool = False
    modality: str = "asserted"
    extra: dict[str, Any] = field(default_factory=dict)


def _key(p: Party | None, text: str) -> str | None:
    if p is None:
        return None
    return p.key if p.ref.link is not None else re.sub(r"[\s\u200c]", "", text[p.start : p.end])


class _Coder:
    """One document's coding run (holds the per-document state)."""

    def __init__(self, doc: Document, lex: Lexicon, cues: Mapping[str, Any]) -> None:
        self.doc, self.lex, self.cues = doc, lex, cues
        self.text = doc.text
        self.agents = set(cues["agent_markers"])
        self.parties = participants(doc)
        self.drafts: list[Draft] = []

    # -- arguments ---------------------------------------------------------
    def _speaker(self, sc: SentenceContext, pos: int) -> tuple[bool, list[Party]]:
        """Whether ``pos`` is reported speech, and its speaker if known."""
        q = quote_at(self.doc, pos)
        if q is not None:
            ref = q[1]
            if ref is None:
                return True, []
            return True, [Party(ref.start or 0, ref.end or 0, ref, None)]
        if sc.colon is not None and pos >= sc.colon:
            return True, subject_of(sc, sc.start, sc.colon, self.agents)
        return False, []

    def _subject(self, sc: SentenceContext, m: Match) -> list[Party]:
        lo, _ = sc.window(m.start)
        found = subject_of(sc, lo, m.start, self.agents)
        if found:
            return found
        quoted, speaker = self._speaker(sc, m.start)
        if quoted:
            verbal = m.type in self.cues["verbal_types"]
            pron = has_word(self.text[lo : m.start], self.cues["speaker_pronouns"])
            return speaker if (verbal or pron) else []
        return subject_of(sc, sc.start, m.start, self.agents)

    def _prep(self, sc: SentenceContext, m: Match, word: str) -> list[Party]:
        lo, hi = sc.window(m.start)
        hits = [c for c in sc.chains if lo <= c.start < hi and (c.marker == word or c.far_marker == word)]
        after = [c for c in hits if c.start >= m.end]
        before = [c for c in hits if c.end <= m.start][::-1]
        order = after + before if m.trigger.kind == "noun" else before + after
        return [g.head for g in order[0].group] if order else []

    def _obj(self, sc: SentenceContext, m: Match, subj: Sequence[Party]) -> list[Party]:
        lo, _ = sc.window(m.start)
        for start in (lo, sc.start):
            subj_end = max((p.end for p in subj if start <= p.start < m.start), default=start)
            ras = [x.start() for x in re.finditer(r"(?<![\w\u200c])را(?![\w])", self.text[subj_end : m.start])]
            if not ras:
                continue
            last_ra = subj_end + ras[-1]
            for c in sc.chains:
                if subj_end <= c.start and c.end <= last_ra and c.marker is None and c.head not in subj:
                    return [g.head for g in c.group if g.end <= last_ra]
        return []

    def _gen(self, sc: SentenceContext, m: Match) -> list[Party]:
        preps = set(self.cues["prepositions"])
        for c in sc.chains:
            if c.start < m.end:
                continue
            gap = self.text[m.end : c.start]
            gw = words(gap)
            if len(gw) > 3 or re.search(r"[.،:؛«»]", gap) or set(gw) & preps or c.marker:
                return []
            return [g.head for g in c.group]
        return []

    def _between(self, sc: SentenceContext, m: Match) -> list[Party]:
        lo, hi = sc.window(m.start)
        for c in sc.chains:
            if lo <= c.start < hi and c.marker in ("میان", "بین") and len(c.group) > 1:
                return [g.head for g in c.group]
        return []

    def _clause(self, sc: SentenceContext, m: Match) -> list[Party]:
        k = re.search(r"(?<![\w\u200c])که(?![\w])", self.text[m.end : sc.end])
        if not k:
            return []
        return subject_of(sc, m.end + k.end(), sc.end, self.agents)

    def _after(self, sc: SentenceContext, m: Match) -> list[Party]:
        for c in sc.chains:
            if c.start >= m.end and c.marker is None and c.far_marker is None:
                return [c.head]
        return []

    def _group(self, sc: SentenceContext, m: Match) -> list[Party]:
        hits = list(re.finditer("اعتراض", self.text[sc.start : m.start]))
        k = hits[-1] if hits else None
        if k is None:
            return []
        lo = sc.start + k.end()
        return [c.head for c in sc.chains if lo <= c.start and c.end <= m.start and c.marker is None]

    def _act(self, sc: SentenceContext, m: Match, actor: Party | None) -> list[Party]:
        acts: Mapping[str, Sequence[str]] = self.cues["act_nouns"]
        dem = "|".join(self.cues["demonstratives"])
        found = None
        for noun, types in acts.items():
            rx = f"(?<![\\w\\u200c])(?:{dem})[\\s\\u200c]+{noun}"
            if re.search(rx, self.text[sc.start : sc.end]):
                found = tuple(types)
                break
        if found is None:
            return []
        akey = _key(actor, self.text)
        acountry = actor.country if actor else None
        for d in reversed(self.drafts):
            if d.actor is None or (found and d.type not in found):
                continue
            if _key(d.actor, self.text) == akey or (acountry and d.actor.country == acountry):
                continue
            return [d.actor]
        return []

    def _arguments(self, sc: SentenceContext, m: Match) -> list[tuple[Party | None, Party | None]]:
        t = m.trigger
        sources: list[Party] = []
        subj = self._subject(sc, m)
        for strat in t.source:
            if strat == "subject":
                sources = subj
            elif strat == "gen":
                sources = self._gen(sc, m)
            elif strat == "agent":
                sources = self._agent(sc, m)
            elif strat == "between":
                sources = self._between(sc, m)[:1]
            elif strat.startswith("prep:"):
                sources = self._prep(sc, m, strat[5:])
            if sources:
                break
        targets: list[Party] = []
        for strat in t.target:
            if strat == "coord" and len(sources) > 1:
                targets, sources = sources[1:], sources[:1]
            elif strat.startswith("prep:"):
                targets = self._prep(sc, m, strat[5:])
            elif strat == "obj":
                targets = self._obj(sc, m, sources)
            elif strat == "gen":
                targets = self._gen(sc, m)
            elif strat == "between":
                targets = self._between(sc, m)[1:]
            elif strat == "clause":
                targets = self._clause(sc, m)
            elif strat == "after":
                targets = self._after(sc, m)
            elif strat == "group":
                targets = self._group(sc, m)
            elif strat == "act":
                targets = self._act(sc, m, sources[0] if sources else None)
            elif strat == "subject":
                targets = subj
            skeys = {_key(s, self.text) for s in sources}
            targets = [p for p in targets if _key(p, self.text) not in skeys]
            if targets:
                break
        srcs: list[Party | None] = list(sources) or [None]
        tgts: list[Party | None] = list(targets) or [None]
        return [(s, r) for s in srcs for r in tgts]

    def _agent(self, sc: SentenceContext, m: Match) -> list[Party]:
        for c in sc.chains:
            if sc.start <= c.start and (c.marker in self.agents or c.far_marker in self.agents):
                return [c.head]
        return []

    # -- type, mode, modality, date ----------------------------------------
    def _type_mode(self, sc: SentenceContext, m: Match) -> tuple[str, str | None]:
        sent = self.text[sc.start : sc.end]
        etype, mode = m.type, m.trigger.mode
        for rule in m.trigger.retype:
            if find_word(sent, [rule["cue"]]):
                etype, mode = rule["type"], rule.get("mode")
                break
        return etype, mode

    def _mode(self, etype: str, mode: str | None, sc: SentenceContext) -> str | None:
        if mode:
            return mode
        sent = self.text[sc.start : sc.end]
        for rule in self.cues["mode_cues"].get(etype, ()):
            if re.search(re.escape(rule["cue"]).replace("\u200c", "[\\u200c\\s]?"), sent):
                return str(rule["mode"])
        return None

    def _modality(self, sc: SentenceContext, m: Match) -> tuple[bool, str]:
        mod = self.cues["modality"]
        text = self.text
        lo, hi = sc.window(m.start)
        negated = m.negative
        if m.trigger.kind == "noun" and has_word(text[m.end : hi], mod["negators"]):
            negated = True
        # Conditional: the cue opens a clause that reaches the trigger (no comma between).
        head = text[sc.start : m.start]
        conds = list(re.finditer("|".join(mod["hypothetical"]), head))
        cond = conds[-1] if conds else None
        if cond is not None and "،" not in head[cond.end() :] and "," not in head[cond.end() :]:
            return negated, "hypothetical"
        if m.trigger.modality:
            return negated, str(m.trigger.modality)
        if m.trigger.type != "ACCUSE" and has_word(head, mod["claim"]):
            return negated, "claim"
        vtext = text[m.start : m.end]
        near_after = " ".join(words(text[m.end : min(hi, m.end + 30)])[:3])
        if re.search(r"خواه(?:م|ی|د|یم|ید|ند)", vtext + " " + near_after) or has_word(
            text[lo : m.start], [w for w in mod["future"] if " " in w or w.startswith("قرار")]
        ):
            return negated, "future"
        return negated, "asserted"

    def _date(self, sc: SentenceContext, m: Match, actor: Party | None) -> str | None:
        if sc.day_timexes:
            lo, _ = sc.window(m.start)
            before = [x for x in sc.day_timexes if x[1] <= m.start]
            same = [x for x in before if x[0] >= lo]
            pick = (same or before or sc.day_timexes)
            x = pick[-1] if (same or before) else pick[0]
            return x[2]
        sent = self.text[sc.start : sc.end]
        dem = self.cues["demonstratives"]
        anaphor = any(
            re.search(f"(?<![\\w\\u200c])(?:{'|'.join(dem)})[\\s\\u200c]+{re.escape(n)}", sent.replace("\u200c", "\u200c"))
            for n in self.cues["event_anaphors"]
        )
        if anaphor and self.drafts:
            return self.drafts[-1].date
        if has_word(sent, self.cues["continuation"]) and actor is not None:
            akey = _key(actor, self.text)
            for d in reversed(self.drafts):
                if _key(d.actor, self.text) == akey:
                    return d.date
        return None

    def _location(self, sc: SentenceContext, m: Match) -> Ref | None:
        lo, hi = sc.window(m.start)
        for c in sc.chains:
            if lo <= c.start < hi and c.marker == "در" and c.head.label in ("LOC", "GPE", "FAC"):
                return c.head.ref
        return None

    # -- the run -------------------------------------------------------------
    def run(self) -> list[Draft]:
        text = self.text
        matches = self.lex.find(text)
        ent_spans = [(p.start, p.end) for p in self.parties]
        dem = set(self.cues["demonstratives"])
        kept: list[Match] = []
        for m in matches:
            if any(s <= m.start and m.end <= e for s, e in ent_spans):
                continue  # a trigger word inside a name («کارزار همبستگی …»)
            prev = words(text[max(0, m.start - 20) : m.start])[-1:]
            if m.trigger.kind == "noun" and prev and prev[0] in dem:
                continue  # «این دیدار»: refers back to an event already coded
            kept.append(m)
        barriers = [(x.start, x.end) for x in self.doc.timexes] + [(m.start, m.end) for m in kept]
        for i, span in enumerate(sentence_spans(self.doc)):
            inside = [m for m in kept if span.start <= m.start < span.end]
            if not inside:
                continue
            sc = build_sentence(self.doc, i, span, self.parties, self.cues, barriers)
            for m in inside:
                self._code(sc, m)
        return self.drafts

    def _code(self, sc: SentenceContext, m: Match) -> None:
        etype, mode = self._type_mode(sc, m)
        negated, modality = self._modality(sc, m)
        if modality == "future" and etype in self.cues["future_recode"]:
            rule = self.cues["future_recode"][etype]
            etype, mode = rule["type"], rule.get("mode")
            if etype in self.cues["intrinsically_future"]:
                modality = "asserted"
        elif etype in self.cues["intrinsically_future"] and modality == "future" and not m.trigger.modality:
            modality = "asserted"
        mode = self._mode(etype, mode, sc)
        location = self._location(sc, m)
        for actor, recipient in self._arguments(sc, m):
            self.drafts.append(
                Draft(
                    type=etype,
                    mode=mode,
                    match=m,
                    sentence=sc.index,
                    actor=actor,
                    recipient=recipient,
                    date=self._date(sc, m, actor),
                    location=location,
                    negated=negated,
                    modality=modality,
                )
            )


def _dedupe(drafts: Sequence[Draft], text: str) -> list[Draft]:
    """Drop restatements: an event whose type and parties were already coded."""
    seen: set[tuple[Any, ...]] = set()
    by_actor: set[tuple[Any, ...]] = set()
    out: list[Draft] = []
    for d in drafts:
        a, r = _key(d.actor, text), _key(d.recipient, text)
        k = (d.type, a, r, d.negated)
        sym = (d.type, r, a, d.negated) if d.type == "CONSULT" else k
        if k in seen or sym in seen or (r is None and (d.type, a) in by_actor):
            continue
        seen.add(k)
        by_actor.add((d.type, a))
        out.append(d)
    return out


class EventCoder:
    """Pipeline component filling ``Document.events`` (PLOVER + CAMEO).

    ``require_actor`` drops events whose actor was not found; by default it is
    on when the document has entities (NER ran) and off otherwise, so the coder
    still reports triggers on a bare text.
    """

    name: ClassVar[str] = "events"
    requires: ClassVar[tuple[str, ...]] = ("text", "sentences", "tokens", "entities", "mentions", "timexes", "quotes")
    provides: ClassVar[tuple[str, ...]] = ("events",)

    def __init__(self, *, require_actor: bool | None = None, dedupe: bool = True) -> None:
        self.require_actor = require_actor
        self.dedupe = dedupe
        self.lexicon = load_lexicon()
        self.cues = load_cues()

    def __call__(self, doc: Document) -> Document:
        drafts = _Coder(doc, self.lexicon, self.cues).run()
        need_actor = bool(doc.entities or doc.mentions) if self.require_actor is None else self.require_actor
        if need_actor:
            drafts = [d for d in drafts if d.actor is not None]
        if self.dedupe:
            drafts = _dedupe(drafts, doc.text)
        return doc.with_layers(events=tuple(_event(i, d) for i, d in enumerate(drafts, 1)))


def _event(i: int, d: Draft) -> Event:
    cameo, goldstein, quad, contexts = ontology.code(d.type, d.mode)
    if d.type == d.match.type and d.match.trigger.cameo:
        cameo = d.match.trigger.cameo
        quad = ontology.quad_class(cameo)
    return Event(
        id=f"V{i}",
        type=d.type,
        mode=d.mode,
        trigger=Span(d.match.start, d.match.end),
        sentence=d.sentence,
        actor=(d.actor.ref,) if d.actor else (),
        recipient=(d.recipient.ref,) if d.recipient else (),
        contexts=contexts,
        cameo=cameo,
        goldstein=goldstein,
        quad_class=quad,
        date=d.date,
        location=d.location,
        negated=d.negated,
        modality=d.modality,
    )


__all__ = ["EventCoder", "Draft", "replace"]
