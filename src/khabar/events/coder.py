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
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, ClassVar

from khabar.document import Actor, Document, Event, Ref, Span
from khabar.events import ontology
from khabar.events.arguments import Party, norm, participants, words
from khabar.events.context import (
    SentenceContext,
    build_sentence,
    find_word,
    has_word,
    sentence_spans,
)
from khabar.events.draft import Draft
from khabar.events.lexicon import Lexicon, Match, load_cues, load_lexicon
from khabar.events.restatement import drop_restatements
from khabar.events.roles import Roles, party_key, same_side

log = logging.getLogger(__name__)


def capital_states() -> dict[str, Actor]:
    """Capital city actor id (and state ISO3) → the state's actor, from the actor dictionary.

    A capital that acts («تهران … حمایت می‌کند», «با میانجیگری واشنگتن») is
    its state (shared/docs/gold-format.md); as a plain place it stays the city.
    """
    from khabar.actors.dictionary import ActorDictionary

    d = ActorDictionary.load()
    out = {e.capital: e.actor() for e in d.entries.values() if e.capital}
    out.update({e.id: e.actor() for e in d.entries.values() if e.type == "state"})
    return out


def _as_state(p: Party | None, capitals: Mapping[str, Actor]) -> Party | None:
    link = p.ref.link if p is not None else None
    if p is None or link is None or link.id not in capitals:
        return p
    return replace(p, ref=replace(p.ref, link=capitals[link.id]))


class _Coder:
    """One document's coding run (holds the per-document state)."""

    def __init__(
        self, doc: Document, lex: Lexicon, cues: Mapping[str, Any], capitals: Mapping[str, Actor] | None = None
    ) -> None:
        self.doc, self.lex, self.cues = doc, lex, cues
        self._future_after_noun = {norm(w) for w in cues["modality"].get("future_after_noun", [])}
        self.capitals = capitals or {}
        self.text = doc.text
        self.parties = participants(doc)
        self.drafts: list[Draft] = []
        self.roles = Roles(doc, cues, self.drafts, self.capitals)

    # -- arguments ---------------------------------------------------------
    def _anaphor(self, sc: SentenceContext) -> Draft | None:
        """The event a «در این تماس تلفنی» of this sentence refers back to."""
        sent = self.text[sc.start : sc.end]
        dem = "|".join(self.cues["demonstratives"])
        for n, types in self.cues["event_anaphors"].items():
            flex = re.escape(n).replace("\u200c", "[\\u200c\\s]?")
            if re.search(f"(?<![\\w])(?:{dem})[\\s\\u200c]+{flex}", sent):
                earlier = [d for d in self.drafts if d.sentence < sc.index and (not types or d.type in types)]
                return earlier[-1] if earlier else None
        return None

    def _arguments(self, sc: SentenceContext, m: Match, etype: str) -> list[tuple[Party | None, Party | None]]:
        """Actor/recipient pairs; ``etype`` chooses the argument frame when a ruling recoded the trigger."""
        t, r = m.trigger, self.roles
        source_spec, target_spec = t.source, t.target
        if etype != m.type:  # recoded by a ruling: the new type's argument frame
            frame = self.lex.roles.get(etype, {})
            source_spec = t.source if t.source_given else frame.get("source", t.source)
            target_spec = t.target if t.target_given else frame.get("target", t.target)
        sources: list[Party] = []
        subj = r.subject(sc, m, passive=t.passive, spoken=self._spoken(sc, m))
        if t.kind == "noun" and has_word(" ".join(words(self.text[sc.start : m.start])[-3:]), self.cues["cause_markers"]):
            # «… سفیر روسیه را به دلیل حمله سایبری احضار کرد»: the cause's actor is
            # not the clause subject
            source_spec = tuple(x for x in source_spec if x != "subject")
        for strat in source_spec:
            if strat == "subject":
                sources = subj
            elif strat == "gen":
                sources = r.gen(sc, m)
            elif strat == "agent":
                sources = r.agent(sc, m)
            elif strat == "between":
                sources = r.between(sc, m)[:1]
            elif strat == "members":
                sources = r.members(sc, m)
            elif strat.startswith("prep:"):
                sources = r.prep(sc, m, strat[5:])
            if sources:
                break
        targets: list[Party] = []
        for strat in target_spec:
            if strat in ("coord", "members") and len(sources) > 1:
                targets, sources = sources[1:], sources[:1]
            elif strat.startswith("prep:"):
                targets = r.prep(sc, m, strat[5:])
            elif strat == "obj":
                targets = r.obj(sc, m, sources)
            elif strat == "gen":
                targets = r.gen(sc, m)
            elif strat == "between":
                targets = r.between(sc, m)[1:]
            elif strat == "clause":
                targets = r.clause(sc, m)
            elif strat == "after":
                targets = r.after(sc, m)
            elif strat == "group":
                targets = r.group(sc, m)
            elif strat == "act":
                targets = r.act(sc, m, sources[0] if sources else None)
            elif strat == "loc":
                targets = r.loc(sc, m, sources[0] if sources else None)
            elif strat == "resist":
                targets = r.resist(sc, m)
            elif strat == "subject":
                targets = subj
            targets = [
                p
                for p in targets
                if not any(
                    (p.start, p.end) == (s.start, s.end) or party_key(p, self.text) == party_key(s, self.text)
                    for s in sources
                )
            ]
            if targets:
                break
        if sources and not targets and "coord" in target_spec:
            # «ایران و پاکستان مصمم هستند» quoted from Pezeshkian: the speaker acts
            # towards the other side of the coordinated subject.
            lo, _ = sc.window(m.start)
            group = r.free_group(sc, lo, m.start, m)
            targets = [p for p in group if not any(same_side(p, s, self.text) for s in sources)]
        if not sources:
            # «در این دیدار، … به امضای مقامات دو کشور رسید»: the parties of the
            # event referred back to.
            ref = self._anaphor(sc)
            if ref is not None and ref.actor is not None:
                sources = [ref.actor]
                if not targets and ref.recipient is not None:
                    targets = [ref.recipient]
        srcs: list[Party | None] = list(sources) or [None]
        tgts: list[Party | None] = list(targets) or [None]
        return [(s, x) for s in srcs for x in tgts]

    def _spoken(self, sc: SentenceContext, m: Match) -> bool:
        """Present or future tense: the trigger's verb, else the verb right after a noun trigger."""
        if m.tense is not None:
            return m.tense in ("present", "future")
        _, hi = sc.window(m.start)
        after = words(self.text[m.end : min(hi, m.end + 40)])[:3]
        return any(w.startswith(("می\u200c", "نمی\u200c", "خواه", "نخواه")) for w in after)

    # -- type, mode, modality, date ----------------------------------------
    def _type_mode(self, sc: SentenceContext, m: Match) -> tuple[str, str | None]:
        sent = self.text[sc.start : sc.end]
        for rule in m.trigger.retype:
            if find_word(sent, [rule["cue"]]):
                return rule["type"], rule.get("mode")
        return m.type, m.trigger.mode

    def _mode(self, etype: str, mode: str | None, sc: SentenceContext) -> str | None:
        if mode and etype not in self.cues["mode_cues_override"]:
            return mode
        sent = self.text[sc.start : sc.end]
        for rule in self.cues["mode_cues"].get(etype, ()):
            if re.search(re.escape(rule["cue"]).replace("\u200c", "[\\u200c\\s]?"), sent):
                return str(rule["mode"])
        return mode

    def _claimed(self, sc: SentenceContext, m: Match) -> bool:
        """Inside «مدعی شد که …» or «ادعاهای … مبنی بر این که …» (up to a colon)."""
        mod = self.cues["modality"]
        lo = max([sc.start] + [b for b in sc.boundaries if b <= m.start and self.text[b - 1 : b] == ":"])
        head = self.text[lo : m.start]
        claim = find_word(head, mod["claim"])
        return claim is not None and has_word(head[claim.end() :], mod["claim_complement"])

    def _modality(self, sc: SentenceContext, m: Match) -> tuple[bool, str]:
        mod = self.cues["modality"]
        text = self.text
        lo, hi = sc.window(m.start)
        negated = m.negative
        if m.trigger.kind == "noun" and has_word(text[m.end : hi], mod["negators"]):
            negated = True
        if sc.in_condition(m.start):
            return negated, "hypothetical"
        if m.trigger.modality:
            return negated, str(m.trigger.modality)
        if not m.trigger.absorbs and self._claimed(sc, m):
            return negated, "claim"
        head = words(text[m.start : min(hi, m.end + 30)])[:2]
        if m.trigger.kind == "noun" and len(head) == 2 and head[1] in self._future_after_noun:
            return negated, "future"  # «سفر احتمالی …»
        near_after = " ".join(words(text[m.end : min(hi, m.end + 30)])[:3])
        planned = [w for w in mod["future"] if " " in w or w.startswith("قرار")]
        if re.search(r"خواه(?:م|ی|د|یم|ید|ند)", text[m.start : m.end] + " " + near_after) or has_word(
            text[lo : m.start], planned
        ):
            return negated, "future"
        return negated, "asserted"

    def _date(self, sc: SentenceContext, m: Match, actor: Party | None, recipient: Party | None) -> str | None:
        if sc.day_timexes:
            lo, hi = sc.window(m.start)
            anchor = m.start
            if recipient is not None and sc.start <= recipient.start < m.start:
                anchor = recipient.start  # «دوشنبه در اسلام‌آباد و پنجشنبه در دهلی نو … رایزنی»
            before = [x for x in sc.day_timexes if x[1] <= anchor]
            if before:
                return before[-1][2]
            later = [x for x in sc.day_timexes if lo <= x[0] < hi]
            if later:
                return later[0][2]
        ref = self._anaphor(sc)
        if ref is not None:
            return ref.date
        if has_word(self.text[sc.start : sc.end], self.cues["continuation"]) and actor is not None:
            for d in reversed(self.drafts):
                if d.sentence < sc.index - 2:
                    break
                if d.sentence < sc.index and same_side(d.actor, actor, self.text):
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
        ent_spans = [(p.start, p.end) for p in self.parties]
        dem = set(self.cues["demonstratives"])
        ordinals = {norm(w) for w in self.cues["ordinals"]}
        kept: list[Match] = []
        for m in self.lex.find(text):
            if any(s <= m.start and m.end <= e for s, e in ent_spans):
                continue  # a trigger word inside a name («کارزار همبستگی …»)
            prev = words(text[max(0, m.start - 30) : m.start])[-2:]
            if prev and prev[-1] in ordinals:
                prev = prev[:-1]
            if m.trigger.kind == "noun" and prev and prev[-1] in dem:
                continue  # «این دیدار», «این دومین سفر»: refers back to an event already coded
            kept.append(m)
        barriers = [(x.start, x.end) for x in self.doc.timexes] + [(m.start, m.end) for m in kept]
        for i, span in enumerate(sentence_spans(self.doc)):
            inside = [m for m in kept if span.start <= m.start < span.end]
            if not inside or has_word(text[span.start : span.end], self.cues["off_topic"]):
                continue
            sc = build_sentence(self.doc, i, span, self.parties, self.cues, barriers)
            absorbed_from = span.end
            for m in inside:
                if m.start >= absorbed_from:
                    break  # the content of a threat or request coded before
                if m.trigger.needs and not find_word(text[span.start : m.start], [m.trigger.needs]):
                    continue
                self._code(sc, m)
                if m.trigger.absorbs:
                    absorbed_from = m.end
        return self.drafts

    def _code(self, sc: SentenceContext, m: Match) -> None:
        etype, mode = self._type_mode(sc, m)
        negated, modality = self._modality(sc, m)
        if m.subjunctive and modality == "asserted":
            return  # «… را متقاعد کردند آتش‌بس برقرار کنند»: wished, not done
        frame = etype  # a future act keeps the participants of the act itself
        if modality == "future" and etype in self.cues["future_recode"]:
            rule = self.cues["future_recode"][etype]
            etype, mode = rule["type"], rule.get("mode")
        if etype in self.cues["intrinsically_future"] and modality == "future":
            modality = "asserted"
        mode = self._mode(etype, mode, sc)
        location = self._location(sc, m)
        pairs = self._arguments(sc, m, frame)
        if etype == "CONSULT" and mode is None and any(r is not None and r.label in ("LOC", "GPE") for _, r in pairs):
            mode = "visit"  # consultations held in the recipient's own country
        pairs = [(_as_state(a, self.capitals), _as_state(x, self.capitals)) for a, x in pairs]
        for actor, recipient in pairs:
            self.drafts.append(
                Draft(
                    type=etype,
                    mode=mode,
                    match=m,
                    sentence=sc.index,
                    actor=actor,
                    recipient=recipient,
                    date=self._date(sc, m, actor, recipient),
                    location=location,
                    negated=negated,
                    modality=modality,
                )
            )


class EventCoder:
    """Pipeline component filling ``Document.events`` (PLOVER + CAMEO).

    ``require_actor`` drops events whose actor was not found (except the
    types of ``actor_optional`` in ``cues.yaml``, e.g. unnamed protesters);
    by default it is on when the document has entities or mentions (NER ran)
    and off otherwise, so the coder still reports triggers on a bare text.
    """

    name: ClassVar[str] = "events"
    requires: ClassVar[tuple[str, ...]] = ("text", "sentences", "tokens", "entities", "mentions", "timexes", "quotes")
    provides: ClassVar[tuple[str, ...]] = ("events",)

    def __init__(self, *, require_actor: bool | None = None, dedupe: bool = True) -> None:
        self.require_actor = require_actor
        self.dedupe = dedupe
        self.lexicon = load_lexicon()
        self.cues = load_cues()
        ontology.table()  # load the CAMEO table now, not on the first document
        self.capitals = capital_states()

    def __call__(self, doc: Document) -> Document:
        drafts = _Coder(doc, self.lexicon, self.cues, self.capitals).run()
        need_actor = bool(doc.entities or doc.mentions) if self.require_actor is None else self.require_actor
        if need_actor:
            optional = set(self.cues["actor_optional"])
            drafts = [d for d in drafts if d.actor is not None or d.type in optional]
        if self.dedupe:
            drafts = drop_restatements(drafts, doc.text)
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
