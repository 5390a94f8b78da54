"""Hand-built documents for the quote tests (imported by the other test_quotes_* files): entities and mentions by surface form.

Tests describe layers as ``E("لاوروف", "Sergey Lavrov")`` (a PER entity),
``O(...)``/``L(...)`` (ORG/LOC) and ``M("وی", "pronoun", actor)`` (a mention);
each one takes the next unused occurrence of its surface in the text, so the
tests do not depend on the NER model or the linker.
"""

from __future__ import annotations

from dataclasses import dataclass

from khabar.document import Actor, Document, Entity, Mention


@dataclass(frozen=True)
class Layer:
    surface: str
    label: str  # PER | ORG | LOC for entities; pronoun | title | anaphor | surname for mentions
    actor: str | None
    mention: bool = False


def E(surface: str, actor: str | None = None) -> Layer:
    return Layer(surface, "PER", actor)


def O(surface: str, actor: str | None = None) -> Layer:  # noqa: E743 - reads as «organisation»
    return Layer(surface, "ORG", actor)


def L(surface: str, actor: str | None = None) -> Layer:
    return Layer(surface, "LOC", actor)


def M(surface: str, kind: str, actor: str | None = None) -> Layer:
    return Layer(surface, kind, actor, mention=True)


def actor(name: str) -> Actor:
    return Actor(id=name.lower().replace(" ", "-"), name=name)


def build(text: str, layers: tuple[Layer, ...] | list[Layer] = ()) -> Document:
    """A document whose entities/mentions are ``layers`` located in ``text``."""
    taken: set[int] = set()
    entities: list[Entity] = []
    mentions: list[Mention] = []
    by_actor: dict[str, str] = {}
    for i, lay in enumerate(layers):
        k = text.find(lay.surface)
        while k in taken:
            k = text.find(lay.surface, k + 1)
        if k < 0:
            raise ValueError(f"{lay.surface!r} is not in the test text")
        taken.add(k)
        link = actor(lay.actor) if lay.actor else None
        if lay.mention:
            ante = by_actor.get(lay.actor) if lay.actor else None
            mentions.append(Mention(k, k + len(lay.surface), lay.label, link, ante))
        else:
            eid = f"E{i + 1}"
            if lay.actor:
                by_actor.setdefault(lay.actor, eid)
            entities.append(Entity(eid, k, k + len(lay.surface), lay.label, link))
    entities.sort(key=lambda e: e.start)
    mentions.sort(key=lambda m: m.start)
    return Document.from_text(text).with_layers(entities=entities, mentions=mentions)


def test_quotes_helpers_build_locates_each_occurrence_once() -> None:
    doc = build("لاوروف گفت و لاوروف افزود.", [E("لاوروف", "Sergey Lavrov"), E("لاوروف", "Sergey Lavrov")])
    assert [(e.start, e.end) for e in doc.entities] == [(0, 6), (13, 19)]
    assert doc.entities[0].link is not None and doc.entities[0].link.name == "Sergey Lavrov"
