"""PLOVER types and modes mapped to CAMEO codes, Goldstein scores and quad classes.

The table is ``resources/events/ontology.yaml`` (ours; a test checks it
against the PLOVER project's CAMEO→PLOVER conversion table when ../shared is
present). The GDELT quad class follows from the CAMEO root code.

>>> code("CONSULT", "phone")
('041', 1.0, 1, ('diplomatic',))
>>> code("ASSAULT", None)[2]
4
>>> sorted(PLOVER_TYPES)[:3]
['ACCUSE', 'AGREE', 'AID']
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from khabar.errors import ConfigError
from khabar.resources import load_yaml

#: PLOVER's sixteen event types (PLOVER manual, 2021 draft).
PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT "
    "THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)


def quad_class(cameo: str) -> int:
    """GDELT quad class of a CAMEO code: 1 verbal/2 material cooperation, 3 verbal/4 material conflict.

    >>> [quad_class(c) for c in ("051", "0871", "111", "195")]
    [1, 2, 3, 4]
    """
    root = int(cameo[:2])
    if root <= 5:
        return 1
    if root <= 9:
        return 2
    if root <= 14:
        return 3
    return 4


@lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    """The parsed ontology table, keyed by PLOVER type."""
    data = load_yaml("events", "ontology.yaml")
    if not isinstance(data, dict) or not isinstance(data.get("types"), dict):
        raise ConfigError("resources/events/ontology.yaml must map 'types' to PLOVER types")
    return dict(data["types"])


def modes(etype: str) -> tuple[str, ...]:
    """The PLOVER modes our table knows for ``etype``."""
    return tuple((table().get(etype) or {}).get("modes") or {})


def code(etype: str, mode: str | None) -> tuple[str, float, int, tuple[str, ...]]:
    """(CAMEO code, Goldstein score, quad class, contexts) of a PLOVER type and mode."""
    entry = table().get(etype)
    if entry is None:
        raise ConfigError(f"PLOVER type {etype!r} is missing from resources/events/ontology.yaml")
    row = dict(entry["default"])
    if mode and mode in (entry.get("modes") or {}):
        row.update(entry["modes"][mode])
    cameo = str(row["cameo"])
    ctx = row.get("context")
    return cameo, float(row["goldstein"]), quad_class(cameo), (str(ctx),) if ctx else ()
