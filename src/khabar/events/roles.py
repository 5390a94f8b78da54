"""Argument strategies: where the actor and recipient of a trigger are.

Each strategy named in ``resources/events/triggers.yaml`` (``subject``,
``prep:با``, ``obj``, ``gen``, ``coord``, ``between``, ``clause``, ``after``,
``group``, ``act``, ``agent``, ``members``, ``loc``) is a method here that
returns the participants it finds, heads of coordinated groups included.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol

from khabar.document import Actor, Document, Ref
from khabar.events.arguments import Party, is_free, words
from khabar.events.context import SentenceContext, has_word, quote_at, subject_of
from khabar.events.lexicon import Match

_RA = re.compile(r"(?<![\w])را(?![\w])")


class Prior(Protocol):
    """What a strategy may read of an event coded earlier."""

    type: str
    actor: Party | None
    recipient: Party | None


def party_key(p: Party | None, text: str) -> str | None:
    """Identity of a participant: its linked actor, else its folded surface text."""
    if p is None:
        return None
    return p.key if p.ref.link is not None else re.sub(r"[\s\u200c]", "", text[p.start : p.end])


def same_side(a: Party | None, b: Party | None, text: str) -> bool:
    if a is None or b is None:
        return False
    if party_key(a, text) == party_key(b, text):
        return True
    return bool(a.country and a.country == b.country)


class Roles:
    """Strategies over one document; ``prior`` is the list of events coded so far."""

    def __init__(
        self, doc: Document, cues: Mapping[str, Any], prior: Sequence[Prior], states: Mapping[str, Actor] | None = None
    ) -> None:
        self.doc, self.cues, self.prior = doc, cues, prior
        self.states = states or {}  # ISO3 → the state's actor
        self.text = doc.text
        self.agents = set(cues["agent_markers"])

    def free_group(self, sc: SentenceContext, lo: int, hi: int, m: Match) -> list[Party]:
        """The explicit subject of ``[lo, hi)``, whatever the speaker rule says."""
        return self._free(sc, lo, hi, m)

    def _free(self, sc: SentenceContext, lo: int, hi: int, m: Match) -> list[Party]:
        chains = [c for c in sc.chains if not (sc.in_condition(c.start) and not sc.in_condition(m.start))]
        for c in chains:
            if lo <= c.start and c.end <= hi and not c.coord_prev and is_free(c, self.agents):
                return [g.head for g in c.group if g.end <= hi]
        return []

    def speaker(self, sc: SentenceContext, pos: int) -> tuple[bool, bool, int, list[Party]]:
        """(is reported speech, is direct speech, where the speech starts, its speaker if known)."""
        q = quote_at(self.doc, pos)
        if q is not None:
            start, ref, direct = q
            if ref is None or self._attribution(sc, ref):
                return True, direct, start, []
            return True, direct, start, [Party(ref.start or 0, ref.end or 0, ref, None)]
        if sc.colon is not None and pos >= sc.colon:
            spk = subject_of(sc, sc.start, sc.colon, self.agents)
            if spk and spk[0].ref.link is not None and spk[0].ref.link.sector == "MED":
                return False, False, sc.colon, []  # «خبرگزاری فارس: …» is a dateline, not speech
            return True, True, sc.colon, spk
        return False, False, pos, []

    def _attribution(self, sc: SentenceContext, ref: Ref) -> bool:
        """A speaker named in «به گفته X، …» is the news source, not the actor."""
        return any(c.head.start == ref.start and c.marker in ("گزارش", "گفته", "نقل") for c in sc.chains)

    def subject(self, sc: SentenceContext, m: Match, *, passive: bool = False, spoken: bool = False) -> list[Party]:
        """The actor by position; ``spoken``: the trigger is in the present or future tense."""
        lo, _ = sc.window(m.start)
        quoted, direct, qstart, spk = self.speaker(sc, m.start)
        verbal = m.type in self.cues["verbal_types"]
        # A verbal act in direct speech is the (identified) speaker's, unless it
        # sits in a clause of its own («… تأیید کردیم که روسیه … حمایت می‌کند»).
        # In indirect speech a present or future verbal act is made by saying it
        # («گفت که ایران مذاکره … را نمی‌پذیرد», «… پاسخ قاطع خواهد داد»): the
        # speaker's; a past one is reported («گفت که هند و پاکستان … موافقت
        # کرده‌اند»): the clause's own subject acted.
        linked = bool(spk) and spk[0].ref.link is not None
        if quoted and verbal and linked and ((direct and lo <= qstart) or (not direct and spoken)):
            return spk
        found = self._free(sc, lo, m.start, m)
        if found:
            return found
        if quoted:
            pron = has_word(self.text[lo : m.start], self.cues["speaker_pronouns"])
            return spk if (verbal or pron or passive) else []
        # after a dateline colon the sentence starts anew
        start = qstart if sc.colon is not None and m.start >= sc.colon else sc.start
        return self._free(sc, start, m.start, m)

    def prep(self, sc: SentenceContext, m: Match, word: str) -> list[Party]:
        lo, hi = sc.window(m.start)
        hits = [
            c
            for c in sc.chains
            if lo <= c.start < hi and (c.marker == word or c.far_marker == word) and not sc.in_condition(c.start)
        ]
        inner = [c for c in hits if m.start <= c.start and c.end <= m.end]
        after = [c for c in hits if c.start >= m.end]
        before = [c for c in hits if c.end <= m.start][::-1]
        order = inner + (after + before if m.trigger.kind == "noun" else before + after)
        return [g.head for g in order[0].group] if order else []

    def obj(self, sc: SentenceContext, m: Match, subj: Sequence[Party]) -> list[Party]:
        lo, _ = sc.window(m.start)
        explicit = self._free(sc, lo, m.start, m)  # the clause's own subject is not its object
        for start in (lo, sc.start):
            subj_end = max((p.end for p in subj if start <= p.start < m.start), default=start)
            ras = [subj_end + x.start() for x in _RA.finditer(self.text[subj_end : m.start])]
            if not ras:
                continue
            last_ra = ras[-1]
            cands = [
                c
                for c in sc.chains
                if subj_end <= c.start
                and c.end <= last_ra
                and c.head not in subj
                and c.head not in explicit
                and not sc.in_condition(c.start)
            ]
            near = [
                c
                for c in cands
                if len(words(self.text[c.end : last_ra])) <= 2 and "،" not in self.text[c.end : last_ra]
            ]
            # The noun phrase right before «را» when it is plain; else the first
            # plain one after the subject («تحریم‌های آمریکا علیه شرکت‌های چینی را»);
            # else the one before «را» even inside a phrase («… مرتبط با نفت ایران را»).
            # Identified (linked) parties are preferred: an unlinked «شرکت و نفتکش»
            # is a common noun the tagger took for a name.
            plain = [c for c in cands if c.marker is None and c.far_marker is None]
            linked = [c for c in plain if c.head.ref.link is not None]
            order = [near[-1]] if near and near[-1] in linked else []
            order += linked[:1] + ([near[-1]] if near and near[-1].marker is None else []) + plain[:1]
            if order:
                return [g.head for g in order[0].group if g.end <= last_ra]
        return []

    def gen(self, sc: SentenceContext, m: Match) -> list[Party]:
        """The participant right after a nominal trigger: in «سفر … به» the one inside the
        gap («سفر [پوتین] به»), else the one after the match («حملات [آمریکا]»)."""
        if m.gap:
            inside = self._gen_after(sc, *m.gap)
            if inside:
                return inside
        return self._gen_after(sc, m.end, len(self.text))

    def _gen_after(self, sc: SentenceContext, start: int, stop: int) -> list[Party]:
        preps = set(self.cues["prepositions"])
        for c in sc.chains:
            if c.start < start:
                continue
            if c.end > stop:
                return []
            gap = self.text[start : c.start]
            gw = words(gap)
            if len(gw) > 3 or re.search(r"[.،:؛«»]", gap) or set(gw) & preps or c.marker:
                return []
            return [g.head for g in c.group]
        return []

    def between(self, sc: SentenceContext, m: Match) -> list[Party]:
        lo, hi = sc.window(m.start)
        for c in sc.chains:
            if lo <= c.start < hi and c.marker in ("میان", "بین") and len(c.group) > 1:
                return [g.head for g in c.group]
        return []

    def clause(self, sc: SentenceContext, m: Match) -> list[Party]:
        k = re.search(r"(?<![\w])که(?![\w])", self.text[m.end : sc.end])
        if not k:
            return []
        return subject_of(sc, m.end + k.end(), sc.end, self.agents)

    def after(self, sc: SentenceContext, m: Match) -> list[Party]:
        for c in sc.chains:
            if c.start >= m.end and c.marker is None and c.far_marker is None:
                return [c.head]
        return []

    def group(self, sc: SentenceContext, m: Match) -> list[Party]:
        """Every plain participant of «در اعتراض به …» (compound recipients)."""
        k = re.search("اعتراض[\\s\\u200c]+به", self.text[sc.start : sc.end])
        if k is None:
            return []
        lo = sc.start + k.end()
        stop = re.search(r"[،.]", self.text[lo : sc.end])
        hi = lo + stop.start() if stop else sc.end
        if lo <= m.start < hi:
            hi = m.start
        return [c.head for c in sc.chains if lo <= c.start and c.end <= hi and c.marker is None]

    def members(self, sc: SentenceContext, m: Match) -> list[Party]:
        """Participants listed after «با حضور/با مشارکت» (a joint act), one per country."""
        k = re.search("|".join(map(re.escape, self.cues["members"])), self.text[sc.start : sc.end])
        if k is None:
            return []
        out: list[Party] = []
        seen: set[str | None] = set()
        for c in sc.chains:
            if c.start >= sc.start + k.end():
                if out and "در" in (c.marker, c.far_marker):
                    break  # «… در آب‌های اقیانوس هند»: the place, not a participant
                for p in c.parties[:1]:
                    ckey = p.country or party_key(p, self.text)
                    if ckey not in seen:
                        seen.add(ckey)
                        # the navies of a joint exercise take part for their states
                        state = self.states.get(p.country or "")
                        out.append(replace(p, ref=replace(p.ref, link=state)) if state else p)
        return out

    def loc(self, sc: SentenceContext, m: Match, actor: Party | None) -> list[Party]:
        """Places the act happened in, as hosts («در اسلام‌آباد … رایزنی کرد»)."""
        lo, hi = sc.window(m.start)
        out = []
        for c in sc.chains:
            p = c.head
            if lo <= c.start < hi and c.marker == "در" and p.label in ("LOC", "GPE") and p.country:
                if actor is None or p.country != actor.country:
                    out.append(p)
        return out

    def resist(self, sc: SentenceContext, m: Match) -> list[Party]:
        """The side standing «در برابر» an act («ایستادگی ملت ایران در برابر تجاوز …»)."""
        for c in reversed(sc.chains):
            if c.end > m.start or c.start < sc.start:
                continue
            gw = words(self.text[c.end : m.start])
            if len(gw) <= 4 and (gw[-2:] in (["در", "برابر"], ["در", "مقابل"]) or gw[-1:] == ["مقابل"]):
                return [c.head]
            break
        return []

    def agent(self, sc: SentenceContext, m: Match) -> list[Party]:
        for c in sc.chains:
            if c.marker in self.agents or c.far_marker in self.agents:
                return [c.head]
        return []

    def act(self, sc: SentenceContext, m: Match, actor: Party | None) -> list[Party]:
        """The other side of an act referred back to («این حملات را محکوم کرد»)."""
        acts: Mapping[str, Sequence[str]] = self.cues["act_nouns"]
        dem = "|".join(self.cues["demonstratives"])
        sent = self.text[sc.start : sc.end]
        found: tuple[str, ...] | None = None
        for noun, types in acts.items():
            flex = noun.replace("\u200c", "[\\u200c\\s]?")
            rx = f"(?<![\\w])(?:{dem})[\\s\\u200c]+{flex}(?![\\w])"
            if re.search(rx, sent):
                found = tuple(types)
                break
        if found is None:
            return []
        for d in reversed(self.prior):
            if d.actor is None or (found and d.type not in found):
                continue
            if not same_side(d.actor, actor, self.text):
                return [d.actor]
            if d.recipient is not None and not same_side(d.recipient, actor, self.text):
                return [d.recipient]
        return []
