"""Restatements: the same act told twice is one event.

News restates: «پوتین با عراقچی دیدار کرد … در این دیدار …», a lead sentence
and its paragraph, a denial of an act the text asserts. The gold convention
(shared/docs/gold-format.md) codes an act once; a new date makes a new act.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from khabar.events.draft import Draft
from khabar.events.roles import party_key, same_side


def _specific(d: Draft) -> int:
    """How specific a reading is: a named actor first, then person-level parties."""
    return 2 * (d.actor is not None) + sum(p is not None and p.label == "PER" for p in (d.actor, d.recipient))


def drop_restatements(drafts: Sequence[Draft], text: str) -> list[Draft]:
    """Drop restatements: an event whose type and parties were already coded.

    Within a sentence two triggers of one act («سفر … به پاکستان … دیدار با
    شهباز شریف») are merged by country, keeping the person-level reading; across
    sentences an act is coded again only when the text gives it a new date.
    """
    merged: list[Draft] = []
    for d in drafts:
        twin = next(
            (
                k
                for k, o in enumerate(merged)
                if o.sentence == d.sentence
                and o.type == d.type
                and (o.negated, o.modality) == (d.negated, d.modality)
                and (same_side(o.actor, d.actor, text) or o.actor is None or d.actor is None)
                and (same_side(o.recipient, d.recipient, text) or (o.recipient is None and d.recipient is None))
            ),
            None,
        )
        if twin is None:
            merged.append(d)
        elif _specific(d) > _specific(merged[twin]):
            merged[twin] = d
    def plain(d: Draft) -> bool:
        return not d.negated and d.modality in ("asserted", "future")

    asserted = [d for d in merged if plain(d)]
    seen: dict[tuple[Any, ...], str | None] = {}
    by_actor: dict[tuple[Any, ...], str | None] = {}
    out: list[Draft] = []
    for d in merged:
        a, r = party_key(d.actor, text), party_key(d.recipient, text)
        if not plain(d):
            # A denial or claim of an act the text also asserts restates it.
            if any(
                o.type == d.type and same_side(o.actor, d.actor, text) and same_side(o.recipient, d.recipient, text)
                for o in asserted
            ):
                continue
            out.append(d)
            continue
        k = (d.type, a, r)
        sym = (d.type, r, a) if d.type == "CONSULT" else k
        fresh = True  # a new date makes a told-again act a new act
        if k in seen or sym in seen:
            prev = seen.get(k, seen.get(sym))
            fresh = d.date is not None and d.date != prev
        elif r is None and a is not None and (d.type, a) in by_actor:
            prev = by_actor[(d.type, a)]
            fresh = d.date is not None and d.date != prev
        if not fresh:
            continue
        seen[k] = d.date
        if a is not None:
            by_actor[(d.type, a)] = d.date
        out.append(d)
    return out
