"""The one immutable document value that flows through every khabar stage.

A :class:`Document` keeps the input exactly as given (``raw``), the normalized
``text``, an :class:`Alignment` from every ``text`` character back to ``raw``,
and layers of half-open ``[start, end)`` character spans into ``text``.
Components never mutate a document; they return a new one with
:meth:`Document.with_layers`.

>>> doc = Document.from_text("سلام دنیا", id="d1")
>>> doc.text[0:4]
'سلام'
>>> doc.to_dict()["schema"]
'khabar.document/1'
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

SCHEMA = "khabar.document/1"

#: Names of the layers a document carries; components declare these in
#: ``requires``/``provides`` (plus ``"text"`` for normalized text).
LAYERS = ("text", "sentences", "tokens", "entities", "mentions", "timexes", "quotes", "events")


@dataclass(frozen=True, slots=True, eq=False)
class Alignment:
    """Where each character of ``text`` came from in ``raw``.

    ``starts[i]``/``ends[i]`` delimit the raw characters that produced text
    character ``i``; an inserted character (a restored ZWNJ) has an empty raw
    range at the point where it was inserted.

    >>> a = Alignment.identity(5)
    >>> a.raw_span(1, 3)
    (1, 3)
    """

    starts: array
    ends: array
    raw_length: int

    @classmethod
    def identity(cls, n: int) -> Alignment:
        return cls(array("i", range(n)), array("i", range(1, n + 1)), n)

    def __len__(self) -> int:
        return len(self.starts)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a text span to the raw span that produced it."""
        n = len(self.starts)
        if not 0 <= start <= end <= n:
            raise IndexError(f"span [{start}, {end}) is outside a text of length {n}")
        if start == end:
            pos = self.starts[start] if start < n else self.raw_length
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def compose(self, inner: Alignment) -> Alignment:
        """Chain two steps: ``self`` maps text→mid and ``inner`` maps mid→raw."""
        starts = array("i", bytes(0))
        ends = array("i", bytes(0))
        m = len(inner.starts)
        for s, e in zip(self.starts, self.ends, strict=True):
            if s == e:
                p = inner.starts[s] if s < m else inner.raw_length
                starts.append(p)
                ends.append(p)
            else:
                starts.append(inner.starts[s])
                ends.append(inner.ends[e - 1])
        return Alignment(starts, ends, inner.raw_length)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Alignment):
            return NotImplemented
        return (
            self.raw_length == other.raw_length
            and self.starts == other.starts
            and self.ends == other.ends
        )

    def __hash__(self) -> int:
        return hash((self.raw_length, bytes(self.starts), bytes(self.ends)))


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character span into ``Document.text``."""

    start: int
    end: int


class Token(NamedTuple):
    """A token span; a named tuple, not a dataclass, because a document has
    hundreds of them and building one costs about half a frozen dataclass."""

    start: int
    end: int
    kind: str = "word"  # word | punct | num | latin | symbol


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor (the ``link`` object of the output contract)."""

    id: str
    name: str
    name_fa: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "name_fa": self.name_fa,
            "country": self.country,
            "sector": self.sector,
            "role": self.role,
        }


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    start: int
    end: int
    label: str
    link: Actor | None = None
    source: str = "ner"  # ner | gazetteer | rule
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A non-name reference resolved by coreference: «وی», «این کشور», a bare title."""

    start: int
    end: int
    kind: str  # pronoun | anaphor | title | surname
    link: Actor | None = None
    antecedent: str | None = None  # entity id


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    calendar: str  # jalali | gregorian | hijri | relative
    jalali: str | None = None
    note: str | None = None  # e.g. the ±1 day uncertainty of a lunar Hijri date


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    lemma: str


@dataclass(frozen=True, slots=True)
class Ref:
    """A participant: the speaker of a quote, the actor or recipient of an event."""

    start: int | None
    end: int | None
    entity: str | None = None
    link: Actor | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    start: int
    end: int
    direct: bool
    cue: Cue
    speaker: Ref | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    mode: str | None
    trigger: Span
    sentence: int
    actor: tuple[Ref, ...] = ()
    recipient: tuple[Ref, ...] = ()
    contexts: tuple[str, ...] = ()
    cameo: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    date: str | None = None
    location: Ref | None = None
    negated: bool = False
    modality: str = "asserted"


@dataclass(frozen=True, slots=True)
class Document:
    """One article: raw input, normalized text, alignment and annotation layers."""

    raw: str
    text: str
    alignment: Alignment
    id: str = ""
    published: str | None = None  # ISO 8601 with offset, as given
    sentences: tuple[Span, ...] = ()
    tokens: tuple[Token, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    timexes: tuple[Timex, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    #: layers that some component has filled (an empty layer can be filled)
    done: frozenset[str] = frozenset()

    @classmethod
    def from_text(
        cls, raw: str, *, id: str = "", published: str | None = None, **meta: Any
    ) -> Document:
        """A fresh document whose text is still the raw input."""
        return cls(
            raw=raw,
            text=raw,
            alignment=Alignment.identity(len(raw)),
            id=id,
            published=published,
            meta=dict(meta),
        )

    def with_layers(self, **layers: Any) -> Document:
        """A copy with the given layers replaced and marked as provided."""
        provided = {k for k in layers if k in LAYERS}
        if "alignment" in layers:
            provided.add("text")
        for k in ("sentences", "tokens", "entities", "mentions", "timexes", "quotes", "events"):
            if k in layers and not isinstance(layers[k], tuple):
                layers[k] = tuple(layers[k])
        return replace(self, done=self.done | provided, **layers)

    # -- helpers used by components -------------------------------------
    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (the last one before it if none)."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].start <= offset:
                lo = mid + 1
            else:
                hi = mid
        return max(lo - 1, 0)

    # -- the external JSON contract --------------------------------------
    def _spanned(self, start: int, end: int) -> dict[str, Any]:
        rs, re_ = self.alignment.raw_span(start, end)
        return {"start": start, "end": end, "raw_start": rs, "raw_end": re_}

    def _ref(self, ref: Ref | None) -> dict[str, Any] | None:
        if ref is None:
            return None
        out: dict[str, Any] = {
            "text": self.text[ref.start : ref.end] if ref.start is not None and ref.end is not None else None,
            "start": ref.start,
            "end": ref.end,
            "entity": ref.entity,
            "link": ref.link.to_dict() if ref.link else None,
        }
        return out

    def to_dict(self) -> dict[str, Any]:
        """The document as the JSON contract of ``shared/docs/output-schema.md``."""
        from khabar.serialize import encode_alignment

        t = self.text
        return {
            "schema": SCHEMA,
            "id": self.id,
            "published": self.published,
            "raw": self.raw,
            "text": t,
            "sentences": [self._spanned(s.start, s.end) for s in self.sentences],
            "tokens": [{"start": a, "end": b, "kind": k} for a, b, k in self.tokens],
            "entities": [
                {
                    "id": e.id,
                    **self._spanned(e.start, e.end),
                    "text": t[e.start : e.end],
                    "label": e.label,
                    "link": e.link.to_dict() if e.link else None,
                    "source": e.source,
                    "score": e.score,
                }
                for e in self.entities
            ],
            "mentions": [
                {
                    **self._spanned(m.start, m.end),
                    "text": t[m.start : m.end],
                    "kind": m.kind,
                    "antecedent": m.antecedent,
                    "link": m.link.to_dict() if m.link else None,
                }
                for m in self.mentions
            ],
            "timexes": [
                {
                    **self._spanned(x.start, x.end),
                    "text": t[x.start : x.end],
                    "type": x.type,
                    "value": x.value,
                    "calendar": x.calendar,
                    "jalali": x.jalali,
                    "note": x.note,
                }
                for x in self.timexes
            ],
            "quotes": [
                {
                    **self._spanned(q.start, q.end),
                    "content": t[q.start : q.end],
                    "direct": q.direct,
                    "cue": {
                        "start": q.cue.start,
                        "end": q.cue.end,
                        "text": t[q.cue.start : q.cue.end],
                        "lemma": q.cue.lemma,
                    },
                    "speaker": self._ref(q.speaker),
                }
                for q in self.quotes
            ],
            "events": [
                {
                    "id": v.id,
                    "type": v.type,
                    "mode": v.mode,
                    "contexts": list(v.contexts),
                    "cameo": v.cameo,
                    "goldstein": v.goldstein,
                    "quad_class": v.quad_class,
                    "actor": [self._ref(r) for r in v.actor],
                    "recipient": [self._ref(r) for r in v.recipient],
                    "date": v.date,
                    "location": self._ref(v.location),
                    "trigger": {
                        **self._spanned(v.trigger.start, v.trigger.end),
                        "text": t[v.trigger.start : v.trigger.end],
                    },
                    "sentence": v.sentence,
                    "negated": v.negated,
                    "modality": v.modality,
                }
                for v in self.events
            ],
            "meta": dict(self.meta),
            "layers": sorted(self.done),
            "alignment": encode_alignment(self.alignment),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Document:
        """Rebuild a document from :meth:`to_dict` output (the store round-trip)."""
        from khabar.serialize import document_from_dict

        return document_from_dict(d)


def actor_from_dict(d: Mapping[str, Any] | None) -> Actor | None:
    if not d:
        return None
    return Actor(
        id=d["id"],
        name=d["name"],
        name_fa=d.get("name_fa"),
        country=d.get("country"),
        sector=d.get("sector"),
        role=d.get("role"),
    )


def spans(items: Sequence[Any]) -> list[tuple[int, int]]:
    """``[(start, end), …]`` of any span-like items (handy in tests)."""
    return [(x.start, x.end) for x in items]
