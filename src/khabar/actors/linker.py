"""The ``link`` component: entities to actors, missed names, titles and coreference.

Steps, in order (each needs the one before):

1. **Dictionary scan** — longest alias matches over tokens (ZWNJ/space
   insensitive, :mod:`khabar.actors.matching`) become candidate entities with
   ``source="gazetteer"``: names get their actor's label (state/city → LOC,
   person → PER, organisation → ORG), demonyms NORP («آمریکایی‌ها», «قطری»).
   A person's span takes a preceding «سید» in; honorifics stay out.
2. **Merge with NER** — a PER span loses leading honorifics («سردار»); every
   NER entity is looked up by its text, and a known alias takes the
   dictionary's label (a demonym is NORP). An unknown NER span yields to the
   dictionary names it overlaps when it is a piece of a title («امور خارجه
   ایران»), crosses punctuation, wraps a known person in another label
   («دفتر بنیامین نتانیاهو») or only adds generic words («دولت انگلیس»).
   Remaining overlaps are resolved without nesting: a dictionary span covering
   a partial NER span wins; a longer NER span wins when it is a different kind
   of thing (PER «علی ایرانی» over NORP «ایرانی», ORG «سفارت عراق» over LOC
   «عراق») or links by itself; otherwise the longer span, the dictionary on
   ties. Ids are renumbered ``E1…`` in text order.
3. **Titles** — «رئیس‌جمهوری روسیه», «سخنگوی کرملین» become
   ``Mention(kind="title")`` linked to whoever held the office on the
   article's date (``doc.published``; the current holder when absent). A
   title in apposition to a person («X وزیر امور خارجه …») is that person,
   and stays unlinked when the person is unknown. Bare titles (the gold does
   not count them) are never entities; the state inside one is.
4. **Coreference** (:mod:`khabar.actors.coref`) — «این کشور» to a state
   (``kind="anaphor"``), «کشورمان» to the home country or, in a direct quote,
   the speaker's state (``kind="anaphor"``, no antecedent), institutions given by it or by «کشورمان» or bare
   («وزارت امور خارجه» → the home country's), surnames after a full mention
   (``kind="surname"``), and «وی»/«او» to a person (``kind="pronoun"``).
   Anaphor, appositive-title and surname mentions name their antecedent entity.

Unknown names keep ``link=None``: the linker never guesses an actor.

>>> from khabar.document import Document
>>> doc = Linker()(Document.from_text("ولادیمیر پوتین در مسکو گفت.", published="2025-06-25"))
>>> [(doc.text[e.start:e.end], e.label, e.link.name) for e in doc.entities]
[('ولادیمیر پوتین', 'PER', 'Vladimir Putin'), ('مسکو', 'LOC', 'Moscow')]
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import ClassVar

from khabar.actors.coref import (
    Candidate,
    quote_opening,
    resolve_pronoun,
    resolve_speaker_state,
    resolve_state,
)
from khabar.actors.dictionary import ActorDictionary, Entry, Hit, bounds
from khabar.actors.keys import match_key, regex_tokens
from khabar.actors.matching import Match, prefix_index, prepare, scan_many
from khabar.document import Actor, Document, Entity, Mention, Span, Token

log = logging.getLogger(__name__)

# which reading wins when one key names several actors
_TYPE_RANK = {"state": 0, "org": 1, "group": 2, "person": 3, "city": 4, "province": 5,
              "region": 6, "norp": 7}
_KIND_RANK = {"name": 0, "demonym_plural": 1, "demonym": 2, "surname": 3}
_WORD = re.compile(r"\w")
_LEADING_WORD = re.compile(r"(\S+)[ \u200c]+")
_PUNCT = re.compile(r"[،,؛;:()«»\[\]\"!?؟.]")
# between a name and its title: spaces, a comma, quotes or brackets — nothing else
_APPOSITION_GAP = re.compile(r"[\s\u200c،,«»\"()]{1,4}")
_SENT_END = re.compile(r"[.!?؟]+(?=\s)|\n+")


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    label: str
    source: str
    hit: Hit | None = None
    slot: str | None = None  # institution suffix, resolved after the anaphors
    link: Actor | None = None
    score: float | None = None
    surname_of: int | None = None  # index of the antecedent candidate
    key: str = ""  # match key of the surface, to revisit the other readings


@dataclass(slots=True)
class _Article:
    """Per-document state of one linker run."""

    text: str
    sentences: tuple[Span, ...]
    day: str | None
    cands: list[_Cand] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.starts = [x.start for x in self.sentences]

    def sent(self, offset: int) -> int:
        """Index of the sentence holding ``offset``."""
        return max(bisect_right(self.starts, offset) - 1, 0)


class Linker:
    """Link entities to actors of the dictionary and add what the NER missed."""

    name: ClassVar[str] = "link"
    requires: ClassVar[tuple[str, ...]] = ("text", "sentences", "tokens", "entities")
    provides: ClassVar[tuple[str, ...]] = ("entities", "mentions")

    def __init__(self, *, scan: bool = True, home: str | None = None) -> None:
        """``scan``: add dictionary matches the NER missed; ``home``: ISO3 of «کشورمان»."""
        self.dict = ActorDictionary.load()
        self.scan = scan
        self.home = home or self.dict.home
        cues = self.dict.cues
        self.pronouns = {match_key(w) for w in cues.get("pronouns", [])}
        self.anaphors = {match_key(w) for w in cues.get("state_anaphors", [])}
        self.home_words = {match_key(w) for w in cues.get("home_words", [])}
        self.honorifics = sorted((match_key(w) for w in cues.get("honorifics", [])), key=len,
                                 reverse=True)
        self.name_prefixes = {match_key(w) for w in cues.get("name_prefixes", [])}
        self.honorific_heads = {w[:2] for w in (*self.honorifics, *self.name_prefixes)}
        self.honorific_words = {match_key(w) for h in cues.get("honorifics", []) for w in h.split()}
        self.first_names = {match_key(w) for w in cues.get("first_names", [])}
        self.language_words = {match_key(w) for w in cues.get("language_words", [])}
        self.source_cues = tuple(cues.get("source_cues", []))
        self.generic_words = {match_key(w) for w in (*cues.get("generic_heads", []),
                                                     *cues.get("home_words", []),
                                                     *cues.get("state_anaphors", []))}
        self.generic_words |= {k for w in cues.get("state_anaphors", []) for k in
                               map(match_key, w.split())}
        # a state's capital stands for it («مسکو اعلام کرد»); a province's does not
        self.capitals = {e.capital for e in self.dict.entries.values()
                         if e.capital and e.type == "state"}
        self.coref_table = self.anaphors | self.home_words | self.pronouns
        # one index for the three scans: aliases (bit 0), titles (1), coreference cues (2)
        self.index = prefix_index(
            [self.dict.scan_keys, self.dict.titles, self.coref_table],
            self.dict.alias_prefixes | self.dict.title_prefixes
            | {b for w in (*cues.get("state_anaphors", []), *cues.get("home_words", []),
                           *cues.get("pronouns", [])) for b in bounds(w)},
        )
        self._key_cache: dict[str, str] = {}
        # per surface, across articles (names repeat): the best scanned reading of a key,
        # and an NER span's (start shift, reading, label, key) by (surface, label, cue)
        self._scan_best: dict[str, Hit | None] = {}
        self._ner_cache: dict[tuple[str, str, bool], tuple[int, Hit | None, str, str]] = {}
        self._actors: dict[tuple[str, str | None], Actor] = {}
        self._title_cache: dict[tuple[str, str | None, str | None],
                                tuple[Actor | None, str | None]] = {}

    def clear_caches(self) -> None:
        """Forget the per-surface caches (results do not depend on them, only speed)."""
        self._key_cache.clear()
        self._scan_best.clear()
        self._ner_cache.clear()
        self._actors.clear()
        self._title_cache.clear()

    # -- the component -------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        text = doc.text
        tokens = doc.tokens or regex_tokens(text)
        if len(self._key_cache) + len(self._ner_cache) + len(self._actors) \
                + len(self._title_cache) > 300_000:
            self.clear_caches()  # bound the memory of a long batch
        keys, joins = prepare(text, tokens, self._key_cache)
        alias_matches, title_matches, coref_matches = scan_many(
            tokens, keys, joins, self.index, 3
        )
        art = _Article(text, doc.sentences or _sentences(text), _day(doc.published))
        # 1–2: names from the dictionary and the NER, merged and linked
        cands = self._dictionary(alias_matches, tokens, keys, joins) if self.scan else []
        ner = [self._from_ner(doc, e) for e in doc.entities]
        if ner:
            ner = self._drop_doubtful(ner, cands, title_matches, text)
        art.cands = _merge(ner, cands)
        self._surnames(art.cands)
        actors = self._actors  # one (immutable) Actor value per entry and day
        for c in art.cands:
            if c.hit is not None and c.link is None and c.hit.entry.link:
                e = c.hit.entry
                known = actors.get((e.id, art.day))
                c.link = known or actors.setdefault((e.id, art.day), e.actor(art.day))
        # 3–4: titles and «این کشور» (each needs the other), institutions, pronouns
        pending = self._titles_and_anaphors(art, title_matches, coref_matches)
        entities = self._entities(art.cands)
        ids = {(e.start, e.end): e.id for e in entities}
        mentions = [replace(m, antecedent=ids.get(span)) if span else m for m, span in pending]
        for c in art.cands:
            if c.surname_of is not None:
                a = art.cands[c.surname_of]
                mentions.append(Mention(c.start, c.end, "surname", c.link, ids.get((a.start, a.end))))
        mentions += self._pronouns(art, coref_matches, entities, mentions)
        mentions.sort(key=lambda x: (x.start, x.end))
        return doc.with_layers(entities=tuple(entities), mentions=tuple(mentions))

    def _titles_and_anaphors(
        self, art: _Article, title_matches: list[Match], coref_matches: list[Match]
    ) -> list[tuple[Mention, tuple[int, int] | None]]:
        """Title and «این کشور» mentions with their antecedents' spans (the appositive
        person, the state); links the institutions named by «این کشور»."""
        day, sent = art.day, art.sent
        titles: list[tuple[Match, Actor | None, str | None]] = []
        starts = [c.start for c in art.cands]  # sorted, non-overlapping after the merge
        for m in title_matches:
            i = bisect_right(starts, m.start) - 1
            if i >= 0 and m.end <= art.cands[i].end:
                continue  # inside a name («سازمان … رئیس‌جمهوری»), not a title
            titles.append((m, *self._title(m.key, day, anaphor_state=None)))
        # persons and titles are the subjects «این کشور» is resolved against
        states = [Candidate(c.start, c.end, sent(c.start), c.link.country) for c in art.cands
                  if c.hit and c.link and c.link.country
                  and (c.hit.entry.type == "state" or c.hit.entry.id in self.capitals)]
        subjects = sorted(
            [Candidate(c.start, c.end, sent(c.start), c.link.country if c.link else None)
             for c in art.cands if c.label == "PER"]
            + [Candidate(m.start, m.end, sent(m.start), country) for m, _, country in titles],
            key=lambda c: c.start,
        )

        def state_cand(pos: int, *, use_subject: bool = True) -> Candidate | None:
            s = sent(pos)
            subj = [c for c in subjects if c.sentence == s and c.end <= pos] if use_subject else []
            return resolve_state(states, position=pos, sentence=s,
                                 subject_country=subj[0].payload if subj else None)

        def state_at(pos: int, *, use_subject: bool = True) -> str | None:
            found = state_cand(pos, use_subject=use_subject)
            return str(found.payload) if found else None

        mentions: list[tuple[Mention, tuple[int, int] | None]] = []  # with the antecedent's span
        anaphor_at: dict[int, str | None] = {}
        for m in coref_matches:
            if m.key in self.anaphors:
                in_title = any(t.start < m.start < t.end and c == "@anaphor" for t, _, c in titles)
                found = state_cand(m.start, use_subject=not in_title)
                iso = anaphor_at[m.start] = str(found.payload) if found else None
                link = self.dict.get(iso).actor(day) if iso and iso in self.dict.entries else None
                mentions.append((Mention(m.start, m.end, "anaphor", link),
                                 (found.start, found.end) if found else None))
        for m in coref_matches:  # «کشورمان»: the home country, or a foreign speaker's state
            if m.key not in self.home_words:
                continue
            if any(t.start <= m.start and m.end <= t.end for t, _, _ in titles):
                continue  # «رئیس‌جمهور کشورمان»: the title is the mention
            iso = self._home_state(art, m.start, subjects)
            anaphor_at[m.start] = iso
            if any(c.slot is not None and c.end < m.start <= c.end + 2 for c in art.cands):
                continue  # «وزارت امور خارجه کشورمان»: it only says whose ministry
            link = self.dict.get(iso).actor(day) if iso in self.dict.entries else None
            mentions.append((Mention(m.start, m.end, "anaphor", link), None))
        # titles that name their state by «این کشور» need the anaphor resolved first
        for i, (m, _link, country) in enumerate(titles):
            if country == "@anaphor":
                iso = state_at(m.start, use_subject=False)
                titles[i] = (m, *self._title(m.key, day, anaphor_state=iso))
        for m, link, _ in titles:
            person = self._apposition(m, art.cands, starts, art.text)
            if person is not None:  # «X وزیر امور خارجه …»: the title is X, whoever X is
                link = self._as_title_holder(person, m.key, day)
            mentions.append((Mention(m.start, m.end, "title", link),
                             (person.start, person.end) if person else None))
        for c in art.cands:
            if c.slot is not None:
                c.link = self._institution(c, anaphor_at, day)
        return mentions

    def _home_state(self, art: _Article, pos: int, subjects: list[Candidate]) -> str:
        """The state «کشورمان» at ``pos`` means (rule in :mod:`khabar.actors.coref`)."""
        s = art.sent(pos)
        first = art.sentences[s].start if art.sentences else 0
        quote = quote_opening(art.text, pos, first)
        if quote is not None:
            speaker = resolve_speaker_state(subjects, quote=quote, sentence=art.sent(quote))
            if speaker and speaker in self.dict.entries:
                return str(speaker)
        return self.home

    def _pronouns(
        self, art: _Article, coref_matches: list[Match], entities: list[Entity],
        mentions: list[Mention],
    ) -> list[Mention]:
        """«وی»/«او» → the person the coreference rule picks (PER entities and person titles)."""
        sent = art.sent
        persons = sorted(
            [Candidate(e.start, e.end, sent(e.start), (e.link, e.id)) for e in entities
             if e.label == "PER"]
            + [Candidate(m.start, m.end, sent(m.start), (m.link, None)) for m in mentions
               if m.kind == "title" and m.link is not None and m.link.sector != "IGO"
               and self._is_person(m.link)],
            key=lambda c: c.start,
        )
        out = []
        for m in coref_matches:
            if m.key in self.pronouns:
                s = sent(m.start)
                first = art.sentences[s].start if art.sentences else m.start
                found = resolve_pronoun(persons, position=m.start, sentence=s,
                                        sentence_initial=not _WORD.search(art.text, first, m.start))
                link, ante = found.payload if found else (None, None)
                out.append(Mention(m.start, m.end, "pronoun", link, ante))
        return out

    # -- steps -----------------------------------------------------------------
    def _is_person(self, actor: Actor) -> bool:
        e = self.dict.entries.get(actor.id)
        return e is not None and e.type == "person"

    def _best(self, hits: list[Hit], *, scanning: bool, after_source_cue: bool = False) -> Hit | None:
        usable = [h for h in hits if h.scan] if scanning else list(hits)
        if not usable:
            return None
        if after_source_cue:  # «به گزارش فارس»: the outlet, not the province
            media = [h for h in usable if h.entry.sector == "MED"]
            usable = media or usable
        return min(usable, key=lambda h: (_KIND_RANK[h.kind], _TYPE_RANK[h.entry.type]))

    def _dictionary(
        self, matches: list[Match], tokens: Sequence[Token], keys: list[str], joins: Sequence[bool]
    ) -> list[_Cand]:
        out: list[_Cand] = []
        for m in matches:
            if m.key in self.dict.slots and m.key not in self.dict.aliases:
                out.append(_Cand(m.start, m.end, "ORG", "gazetteer", slot=self.dict.slots[m.key]))
                continue
            if m.key in self._scan_best:
                hit = self._scan_best[m.key]
            else:  # depends on the key only: at most one computation per key
                hit = self._scan_best[m.key] = self._best(self.dict.aliases[m.key], scanning=True)
            if hit is None:
                continue
            if hit.kind != "name" and m.first > 0 and joins[m.first - 1] \
                    and keys[m.first - 1] in self.first_names:
                continue  # «بهروز بقایی», «عین‌اله تاجیک»: someone else's full name
            if hit.kind == "demonym" and any(
                k in self.language_words for k in keys[max(0, m.first - 6) : m.first]
            ):
                continue  # «زبان‌های فارسی، انگلیسی»: a language, not a people
            start = m.start
            if hit.label == "PER" and m.first > 0 and keys[m.first - 1] in self.name_prefixes \
                    and joins[m.first - 1]:
                start = tokens[m.first - 1].start
            out.append(_Cand(start, m.end, hit.label, "gazetteer", hit, key=m.key))
        return out

    def _drop_doubtful(
        self, ner: list[_Cand], dic: list[_Cand], titles: list[Match], text: str
    ) -> list[_Cand]:
        """Drop NER spans the dictionary explains better (they overlap dictionary names).

        An unknown NER span yields when it overlaps a title («امور خارجه ایران» inside
        «وزیر امور خارجه ایران»), crosses punctuation («شورای امنیت، ایران»), wraps a known
        person in a non-person label («دفتر بنیامین نتانیاهو»), or is only generic words
        around dictionary names («دولت انگلیس», «وزارت امور خارجه کشورمان»).
        """
        keep = []
        dic = sorted(dic, key=lambda d: d.start)
        starts = [d.start for d in dic]
        longest = max((d.end - d.start for d in dic), default=0)
        for n in ner:
            # only dictionary spans starting in [n.start - longest, n.end) can overlap n
            near = dic[bisect_left(starts, n.start - longest) : bisect_left(starts, n.end)]
            inside = [d for d in near if n.start <= d.start and d.end <= n.end]
            overlap = inside or [d for d in near if d.start < n.end and n.start < d.end]
            if n.hit is None and any(m.start <= n.start and n.end <= m.end for m in titles):
                continue  # a piece of a title («امور خارجه کشورمان»), not a name
            if n.hit is not None or not overlap:
                keep.append(n)
                continue
            surface = text[n.start : n.end]
            rest = surface
            for d in sorted(inside, key=lambda d: d.start, reverse=True):
                a, b = d.start - n.start, d.end - n.start
                rest = rest[:a] + " " + rest[b:]
            doubtful = (
                any(m.start < n.end and n.start < m.end for m in titles)
                or _PUNCT.search(surface) is not None
                or (n.label != "PER" and any(d.label == "PER" for d in inside))
                or all(match_key(w) in self.generic_words for w in rest.split())
            )
            if not doubtful:
                keep.append(n)
        return keep

    def _lookup(self, k: str) -> list[Hit]:
        """Readings of the match key ``k``, else of ``k`` without a leading honorific/«سید»."""
        hits = self.dict.aliases.get(k)
        if hits:
            return hits
        if k[:2] not in self.honorific_heads:
            return []  # starts with no honorific or «سید»: nothing to strip
        for p in (*self.honorifics, *self.name_prefixes):
            if k.startswith(p) and k[len(p):] in self.dict.aliases:
                return self.dict.aliases[k[len(p):]]
        return []

    def _from_ner(self, doc: Document, e: Entity) -> _Cand:
        text = doc.text
        before = text[max(0, e.start - 16) : e.start].rstrip(" \u200c،,")
        cue = before.endswith(self.source_cues)  # str.endswith takes the tuple at once
        surface = text[e.start : e.end]
        ck = (surface, e.label, cue)
        found = self._ner_cache.get(ck)
        if found is None:
            found = self._ner_cache[ck] = self._read_ner(surface, e.label, cue)
        shift, hit, label, key = found
        return _Cand(e.start + shift, e.end, label, e.source, hit, score=e.score, key=key)

    def _read_ner(self, surface: str, ner_label: str, cue: bool) -> tuple[int, Hit | None, str, str]:
        """(start shift past honorifics, reading, label, key) of an NER span's surface."""
        start = 0
        if ner_label == "PER":  # honorifics and ranks stay outside a name (gold convention)
            m = _LEADING_WORD.match(surface)
            while m and match_key(m.group(1)) in self.honorific_words and m.end() < len(surface):
                start += m.end()
                surface = surface[m.end() :]
                m = _LEADING_WORD.match(surface)
            if start:
                cue = False  # an honorific stands between the cue and the name
        key = match_key(surface)
        hits = self._lookup(key)
        same = [h for h in hits if h.label == ner_label]  # the NER's label decides among readings
        hit = self._best(hits if cue or not same else same, scanning=False, after_source_cue=cue)
        label = hit.label if hit else ner_label  # a demonym is NORP, a surname PER
        return start, hit, label, key

    def _surnames(self, cands: list[_Cand]) -> None:
        """Resolve short forms: a surname of someone named earlier wins over other readings
        («کامرون» after «دیوید کامرون» is Cameron, not Cameroon); a surname with no earlier
        full mention is kept only when its actor is famous and the surname names no one else.
        """
        seen: dict[str, int] = {}
        keep: list[_Cand] = []
        for c in cands:
            readings = self.dict.aliases.get(c.key, []) if c.hit is not None else []
            earlier = [h for h in readings if h.kind == "surname" and h.entry.id in seen]
            if earlier:
                c.hit, c.label = earlier[0], "PER"
                c.surname_of = seen[earlier[0].entry.id]
            elif c.hit is not None and c.hit.kind == "surname":
                # famous, and the word names nothing else (not even a link-only place: «هریس»)
                if not (c.hit.entry.famous and len(readings) == 1):
                    if c.source == "gazetteer":
                        continue  # drop: an unsure short form is no entity
                    c.hit = None  # the NER saw a person; we cannot tell which one
            if c.hit is not None and c.hit.kind != "surname":
                seen.setdefault(c.hit.entry.id, len(keep))
            keep.append(c)
        cands[:] = keep

    def _apposition(
        self, m: Match, cands: list[_Cand], starts: list[int], text: str
    ) -> _Cand | None:
        """The person a title stands in apposition to («عباس عراقچی وزیر امور خارجه»).

        ``cands`` are sorted and non-overlapping (``starts`` their starts): only the
        span just before the title or just after it can be separated by a mere gap.
        """
        i = bisect_left(starts, m.start)
        if i > 0:
            c = cands[i - 1]
            if c.label == "PER" and c.end <= m.start \
                    and _APPOSITION_GAP.fullmatch(text, c.end, m.start):
                return c
        j = bisect_left(starts, m.end)
        if j < len(cands):
            c = cands[j]
            if c.label == "PER" and _APPOSITION_GAP.fullmatch(text, m.end, c.start):
                return c
        return None

    def _as_title_holder(self, person: _Cand, key: str, day: str | None) -> Actor | None:
        """The appositive person as the title's actor, with the role the title names."""
        if person.hit is None or person.hit.entry.type != "person" or person.link is None:
            return None  # an unknown person holds this title: no guess
        entry = person.hit.entry
        for th in self.dict.titles.get(key, []):
            for r in entry.roles:
                same_office = r.office is not None and r.office == th.office and (
                    th.country in ("@home", "@anaphor") or r.country == th.country)
                if same_office or (th.fixed is not None and th.fixed in map(match_key, r.titles_fa)):
                    return entry.actor(day, r)
        return person.link

    def _title(
        self, key: str, day: str | None, *, anaphor_state: str | None
    ) -> tuple[Actor | None, str | None]:
        """(holder on ``day``, country of the office) of a title key (cached: same inputs,
        same answer, and titles repeat across the articles of a day)."""
        ck = (key, day, anaphor_state)
        found = self._title_cache.get(ck)
        if found is None:
            found = self._title_cache[ck] = self._title_holder(key, day, anaphor_state)
        return found

    def _title_holder(
        self, key: str, day: str | None, anaphor_state: str | None
    ) -> tuple[Actor | None, str | None]:
        for th in self.dict.titles.get(key, []):
            if th.fixed is not None:
                found = self.dict.holder_role(("=title", th.fixed), day)
                if found:
                    return found[0].actor(day, found[1]), found[1].country
                continue
            country = {"@home": self.home, "@anaphor": anaphor_state}.get(th.country, th.country)
            if th.country == "@anaphor" and anaphor_state is None:
                return None, "@anaphor"
            if country is None:
                continue
            found = self.dict.holder_role((th.office, country), day)
            if found:
                return found[0].actor(day, found[1]), country
            return None, country
        return None, None

    def _institution(
        self, c: _Cand, anaphor_at: dict[int, str | None], day: str | None
    ) -> Actor | None:
        """«وزارت امور خارجه» + «این کشور» / «کشورمان» / nothing → that state's ministry."""
        iso: str | None = self.home
        for pos, state in anaphor_at.items():
            if c.end < pos <= c.end + 2:  # «وزارت امور خارجه این کشور»
                iso = state
        entry: Entry | None = self.dict.entries.get(f"{iso}-{c.slot}") if iso else None
        return entry.actor(day) if entry else None

    def _entities(self, cands: list[_Cand]) -> list[Entity]:
        out = []
        for n, c in enumerate(sorted(cands, key=lambda c: c.start), start=1):
            out.append(Entity(f"E{n}", c.start, c.end, c.label, c.link, c.source, c.score))
        return out


def _merge(ner: list[_Cand], dic: list[_Cand]) -> list[_Cand]:
    """Union of NER and dictionary spans without overlaps (rules in the module docstring)."""
    if not ner:
        return list(dic)
    ner = sorted(ner, key=lambda n: n.start)
    starts = [n.start for n in ner]
    longest = max(n.end - n.start for n in ner)
    removed: set[int] = set()  # ids of NER candidates a dictionary span replaced
    added: list[_Cand] = []  # dictionary spans kept, in order of ``dic``
    for d in dic:
        # NER spans overlapping d start in [d.start - longest, d.end); earlier dictionary
        # spans are few and ordered, so only the last ones can reach d
        clash_ner = [n for n in ner[bisect_left(starts, d.start - longest) : bisect_left(starts, d.end)]
                     if d.start < n.end and id(n) not in removed]
        clash_dic = [a for a in added[-4:] if a.start < d.end and d.start < a.end]
        clash = clash_ner + clash_dic
        if not clash:
            added.append(d)
            continue
        keep_ner = False
        for n in clash:
            if (n.start, n.end) == (d.start, d.end) and n.hit is not None:
                keep_ner = True  # both found it: the NER's entity, linked by its alias
                continue
            n_covers = n.start <= d.start and d.end <= n.end and (n.end - n.start) > (d.end - d.start)
            if n_covers and (n.label != d.label or n.hit is not None):
                keep_ner = True
            elif not n_covers and (n.end - n.start) > (d.end - d.start):
                keep_ner = True
        if keep_ner:
            continue
        removed.update(id(n) for n in clash_ner)
        added = [a for a in added if not any(a is c for c in clash_dic)]
        added.append(replace(d))
    out = [n for n in ner if id(n) not in removed] + added
    out.sort(key=lambda c: c.start)
    return out


def _day(published: str | None) -> str | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10]).isoformat()
    except ValueError:
        log.warning("published %r is not ISO; titles resolve to current holders", published)
        return None


def _sentences(text: str) -> tuple[Span, ...]:
    """Fallback sentence split (only when a document has no ``sentences`` layer)."""
    out, start = [], 0
    for m in _SENT_END.finditer(text):
        out.append(Span(start, m.end()))
        start = m.end()
    if start < len(text):
        out.append(Span(start, len(text)))
    return tuple(out)
