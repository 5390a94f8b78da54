"""Search folding: the forms of a text that the full-text index holds.

Persian writes one compound three ways — with a ZWNJ (``آتش‌بس``), with a space
(``آتش بس``) or joined (``آتشبس``). The index keeps two folded forms of the
normalized text so that a query in any spelling finds all three:

- ``spaced``: ZWNJ separates tokens, so ``آتش‌بس`` and ``آتش بس`` give the same
  two tokens (the ZWNJ itself is kept: ``unicode61`` already splits on it, and
  keeping it lets search snippets show the words as written);
- ``joined``: ZWNJ is dropped, so ``آتش‌بس`` and ``آتشبس`` give the same token.

Both drop combining marks (harakat), which SQLite's ``unicode61`` tokenizer
would otherwise treat as word separators, and other invisible format
characters (ZWJ, direction marks).

>>> spaced("آتش\u200cبس") == "آتش\u200cبس"
True
>>> joined("آتش\u200cبس")
'آتشبس'
>>> spaced("کُتُب")
'کتب'
"""

from __future__ import annotations

import importlib
import logging
import unicodedata
from collections.abc import Callable
from functools import lru_cache

log = logging.getLogger(__name__)

ZWNJ = "\u200c"


@lru_cache(maxsize=4096)
def invisible(ch: str) -> bool:
    """True for characters the index drops: marks and format characters other than ZWNJ."""
    # Mn: harakat, tanvin, superscript alef; Cf: ZWJ, LRM/RLM, BOM — never part of a word.
    return ch != ZWNJ and unicodedata.category(ch) in ("Mn", "Cf")


def _fold(text: str, zwnj: str) -> str:
    return "".join(zwnj if ch == ZWNJ else ch for ch in text if not invisible(ch))


def spaced(text: str) -> str:
    """``text`` with marks dropped, ZWNJ kept as a token separator (one index column)."""
    return _fold(text, ZWNJ)


def joined(text: str) -> str:
    """``text`` with ZWNJ and marks dropped (the other index column)."""
    return _fold(text, "")


def _fallback_normalize(text: str) -> str:
    # Used only while khabar.normalize is unavailable: the letter variants that
    # matter most for matching (Arabic yeh/kaf, Arabic-Indic digits stay as they are).
    return text.replace("ي", "ی").replace("ى", "ی").replace("ك", "ک")


@lru_cache(maxsize=1)
def normalizer() -> Callable[[str], str]:
    """The project normalizer (``khabar.normalize.normalize_text``), or a minimal fallback.

    Documents and queries must pass through the same function, otherwise a
    query would not find the text it was copied from.
    """
    try:
        module = importlib.import_module("khabar.normalize")
    except ImportError:
        log.warning("khabar.normalize is unavailable; search uses a minimal fallback normalizer")
        return _fallback_normalize
    fn = getattr(module, "normalize_text", None)
    return fn if callable(fn) else _fallback_normalize


def normalize_query(text: str) -> str:
    """Normalize a search query exactly as article text is normalized."""
    return normalizer()(text)
