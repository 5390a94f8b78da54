"""An event while it is being coded (before ids and CAMEO fields)."""

from __future__ import annotations

from dataclasses import dataclass

from khabar.document import Ref
from khabar.events.arguments import Party
from khabar.events.lexicon import Match


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
