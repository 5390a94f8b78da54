"""Actors: the Persian actor dictionary and the entity linker.

- :mod:`khabar.actors.dictionary` — load, validate and index ``resources/actors``.
- :mod:`khabar.actors.linker` — the ``link`` pipeline component.
- :mod:`khabar.actors.coref` — pronoun, «این کشور» and surname rules.
- :mod:`khabar.actors.matching`, :mod:`khabar.actors.keys` — ZWNJ-insensitive matching.
"""

from khabar.actors.dictionary import ActorDictionary, Entry, Role

__all__ = ["ActorDictionary", "Entry", "Role"]
