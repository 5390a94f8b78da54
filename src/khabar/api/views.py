"""Data assembled for both the JSON API and the web pages (one source of truth)."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from khabar.store import Filters, Store
from khabar.store.dates import jalali

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _dictionary() -> Any:
    """The actor dictionary, or None when it cannot be loaded (the pages then show store data only)."""
    try:
        from khabar.actors.dictionary import ActorDictionary

        return ActorDictionary.load()
    except Exception as e:  # noqa: BLE001 - an optional enrichment must not take the app down
        log.warning("actor dictionary unavailable: %s", e)
        return None


def dictionary_entry(actor_id: str) -> dict[str, Any] | None:
    """Aliases, type and roles of an actor from the dictionary, if it lists the actor."""
    d = _dictionary()
    if d is None or actor_id not in getattr(d, "entries", {}):
        return None
    e = d.get(actor_id)
    return {
        "id": e.id, "name": e.name, "name_fa": e.name_fa, "country": e.country,
        "sector": e.sector, "type": e.type, "aliases": list(e.aliases),
        "roles": [
            {"title_en": r.title_en, "titles_fa": list(r.titles_fa), "country": r.country,
             "from": r.start, "to": r.end, "from_jalali": jalali(r.start), "to_jalali": jalali(r.end)}
            for r in e.roles
        ],
    }


def actor_profile(store: Store, actor_id: str, *, limit: int = 100) -> dict[str, Any] | None:
    """Everything known about one actor: description, aliases, roles, quotes, events both ways."""
    row = store.actor(actor_id)
    entry = dictionary_entry(actor_id)
    if row is None and entry is None:
        return None
    base = dict(row) if row is not None else {k: entry[k] for k in  # type: ignore[index]
                                              ("id", "name", "name_fa", "country", "sector")}
    base.setdefault("role", None)
    seen = store.aliases(actor_id)
    listed = entry["aliases"] if entry else []
    aliases = [a for a, _ in seen] + [a for a in listed if a not in {s for s, _ in seen}]
    return {
        "actor": base,
        "aliases": aliases,
        "alias_counts": {a: n for a, n in seen},
        "roles": entry["roles"] if entry else [],
        "in_dictionary": entry is not None,
        "quotes": store.quotes(Filters(actor=actor_id, limit=limit)),
        "events_as_actor": store.events(Filters(actor=actor_id, limit=limit)),
        "events_as_recipient": store.events(Filters(recipient=actor_id, limit=limit)),
    }
