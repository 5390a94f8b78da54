"""Matching keys: one folded form per surface string, so spelling variants meet.

Persian news spells the same name many ways: with or without ZWNJ
(«آمریکایی‌ها», «آمریکاییها», «آمریکایی ها»), with Arabic or Persian yeh and
kaf, with or without hamza («اسرائیل»/«اسراییل», «بقائی»/«بقایی») and madda
(«آمریکا»/«امریکا»). :func:`match_key` folds all of these into one key. The key
is only for lookup; stored aliases and output spans keep the real spelling.

>>> match_key("آمریکایی‌ها") == match_key("امریکایی ها") == match_key("آمريكاييها")
True
>>> match_key("اسرائیل") == match_key("اسراییل")
True
"""

from __future__ import annotations

import re

from khabar.document import Token

_FOLD = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ة": "ه",
        "ۀ": "ه",
        "\u200c": None,  # ZWNJ
        "\u200d": None,  # ZWJ
        "\u200f": None,  # RLM
        "\u200e": None,  # LRM
        "\u0640": None,  # tatweel
        " ": None,
        "\u00a0": None,
        "-": None,
        "\u2011": None,
    }
)
# Arabic diacritics (fatha … sukun, superscript alef) and hamza above/below.
_DIACRITICS = re.compile("[\u064b-\u065f\u0670]")
# The same folding, but length-preserving: every dropped character becomes a ZWNJ,
# so a whole text is folded once and token keys are slices minus ZWNJ.
_FOLD_SAME_LENGTH = str.maketrans(
    {
        **{k: (v if v is not None else "\u200c") for k, v in
           ((chr(c), t) for c, t in _FOLD.items())},
        **{chr(c): "\u200c" for c in range(0x064B, 0x0660)},
        "\u0670": "\u200c",
    }
)


def match_key(s: str) -> str:
    """The folded lookup key of ``s`` (no spaces, ZWNJ, diacritics or variant letters)."""
    return _DIACRITICS.sub("", s).translate(_FOLD)


def fold_text(text: str) -> str:
    """``text`` folded like :func:`match_key` but with the same length (dropped chars → ZWNJ).

    >>> t = "آمریکایی‌ها"
    >>> fold_text(t).replace("\u200c", "") == match_key(t)
    True
    """
    return text.translate(_FOLD_SAME_LENGTH)


_WORD = re.compile(r"[\w\u200c\u200d\u0640\u064b-\u065f\u0670]+")


def regex_tokens(text: str) -> tuple[Token, ...]:
    """A fallback word tokenization, used only when a document has no ``tokens`` layer.

    ZWNJ stays inside a word; punctuation is skipped (it never belongs to a name).

    >>> [("سلام دنیا"[t.start:t.end]) for t in regex_tokens("سلام دنیا")]
    ['سلام', 'دنیا']
    """
    return tuple(Token(m.start(), m.end()) for m in _WORD.finditer(text))
