"""The *frame* of a temporal expression: its atoms and slots before resolution,
and the word-context helpers the grammar rules share.

>>> f = Frame("deictic", [], {"dday": -1})
>>> f.is_point()
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from khabar.timex.lexicon import Atom, _key


@dataclass
class Frame:
    """What an expression says, slot by slot, before it is resolved to a value."""

    rule: str
    atoms: list[Atom]
    slots: dict[str, Any] = field(default_factory=dict)
    #: a second frame when this one is a range «مهر – آبان ۱۴۰۴»
    until: Frame | None = None

    @property
    def start(self) -> int:
        return self.atoms[0].start

    @property
    def end(self) -> int:
        return self.atoms[-1].end

    def is_point(self) -> bool:
        return not ({"qty", "every", "vague", "bare"} & self.slots.keys()) or "shift" in self.slots



PREV_WORD = re.compile(r"([\w\u200c]+)[\s\u200c]+$")
NEXT_WORD = re.compile(r"[\s\u200c]+([\w\u200c]+)")


def prev_word(v: str, start: int) -> re.Match[str] | None:
    """The word just before ``start`` (searched in a short window: linear, not quadratic)."""
    return PREV_WORD.search(v[max(0, start - 40) : start])


def word_before(v: str, start: int, words: frozenset[str] | set[str]) -> bool:
    """Whether the word just before ``start`` is one of ``words`` (lookup keys)."""
    prev = prev_word(v, start)
    return prev is not None and _key(prev.group(1)) in words

