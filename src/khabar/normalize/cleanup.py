"""Context-dependent cleanup steps: compiled regexes plus context checks.

Order matters and is fixed in :func:`khabar.normalize.core.normalize`: the
one-to-one context maps run on the character-mapped text, then ligatures
expand, then deletions (controls, kashida, optional diacritics, stray ZWNJ,
extra spaces), then punctuation spacing. Each pattern starts with a literal
or a small character class (so the regex engine can scan fast) and replaces
only its group 1 when it has one; the surrounding context is checked by a
``when(text, match)`` predicate. Replacing only the changed characters keeps
the alignment exact.
"""

from __future__ import annotations

import re

#: Persian/Arabic letters (no digits, no punctuation).
LETTER = "\u0621-\u063a\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc"
#: Arabic diacritics (harakat, tanwin, shadda, sukun, hamza above/below, superscript alef).
DIACRITIC = "\u064b-\u065f\u0670"
ZWNJ = "\u200c"
KASHIDA = "\u0640"
PERSIAN_DIGIT = "\u06f0-\u06f9"

_LETTER = re.compile(f"[{LETTER}]")
_LETTER_OR_MARK = re.compile(f"[{LETTER}{DIACRITIC}]")
_DIGIT = re.compile(f"[0-9{PERSIAN_DIGIT}]")


def _is(rx: re.Pattern[str], text: str, i: int) -> bool:
    return 0 <= i < len(text) and rx.match(text, i) is not None


# --- one-to-one context maps (lengths unchanged) ---------------------------
#: Latin digits; under digits="fa" they become Persian unless glued to Latin letters (F-35, G7).
LATIN_DIGITS = re.compile("[0-9]+")


def latin_attached(text: str, m: re.Match[str]) -> bool:
    s, e = m.span()
    before = text[s - 1] if s else ""
    if before == "-" and s >= 2:
        before = text[s - 2]
    after = text[e] if e < len(text) else ""
    return before.isascii() and before.isalpha() or after.isascii() and after.isalpha()


#: Latin , ; ? right after Persian text (or one space after it) -> Persian forms.
LATIN_PUNCT = re.compile("[,;?]")
PERSIAN_PUNCT = {",": "،", ";": "؛", "?": "؟"}


def after_persian(text: str, m: re.Match[str]) -> bool:
    s = m.start()
    if s and text[s - 1] == " ":
        s -= 1
    return _is(_LETTER_OR_MARK, text, s - 1) or (s > 0 and text[s - 1] == ZWNJ)


#: A lone decimal point between Persian digits (not ۱۴۰۳.۰۵.۱۲) -> momayyez.
DECIMAL = re.compile(rf"[{PERSIAN_DIGIT}]+(\.)[{PERSIAN_DIGIT}]+")


def lone_decimal(text: str, m: re.Match[str]) -> bool:
    s, e = m.span()
    return not (s and (text[s - 1] == "." or _is(_DIGIT, text, s - 1))) and not (
        e < len(text) and (text[e] == "." or _is(_DIGIT, text, e))
    )


#: Straight or curly double quotes around Persian text without Latin letters -> « ».
QUOTED = re.compile(r'["\u201c\u201d]([^"\u201c\u201d\n]{1,500})["\u201c\u201d]')

# --- deletions ---------------------------------------------------------------
#: Kashida (tatweel) stretching a word; a free-standing one (used as a dash) stays.
KASHIDA_RUN = re.compile(f"{KASHIDA}+")


def in_word(text: str, m: re.Match[str]) -> bool:
    return _is(_LETTER_OR_MARK, text, m.start() - 1) or _is(_LETTER, text, m.end())


DIACRITICS = re.compile(f"[{DIACRITIC}]+")
#: Repeated ZWNJ keep the first; a ZWNJ not between two letters has no job.
ZWNJ_REPEAT = re.compile(f"{ZWNJ}({ZWNJ}+)")
ZWNJ_ANY = re.compile(ZWNJ)


def stray(text: str, m: re.Match[str]) -> bool:
    return not (_is(_LETTER_OR_MARK, text, m.start() - 1) and _is(_LETTER_OR_MARK, text, m.end()))


SPACE_RUN = re.compile(" ( +)")
LINE_START_SPACE = re.compile(r"(?:\A|\n)( +)")
LINE_END_SPACE = re.compile(r"( +)(?:\n|\Z)")

# --- punctuation spacing -------------------------------------------------------
#: Space before Persian punctuation and closing guillemets, after opening ones.
SPACE_BEFORE = re.compile("( +)[،؛؟»]")
SPACE_AFTER_OPEN = re.compile("«( +)")
SPACE_BEFORE_STOP = re.compile(r"( +)[.!:](?=[\s»)]|\Z)")


def after_word(text: str, m: re.Match[str]) -> bool:
    """The spaces follow a Persian letter, digit, or closing bracket."""
    c = text[m.start() - 1] if m.start() else ""
    return bool(c) and (
        _is(_LETTER_OR_MARK, text, m.start() - 1) or _is(_DIGIT, text, m.start() - 1) or c in "»)"
    )


#: Missing space after Persian punctuation (before a Persian letter or «).
SPACE_AFTER = re.compile(f"[،؛؟]()(?=[{LETTER}«])")
#: Missing space after . ! : » between two Persian words (not in ج.ا.ا).
SPACE_AFTER_STOP = re.compile(f"[.!:»]()(?=[{LETTER}])")


def word_before(text: str, m: re.Match[str]) -> bool:
    s = m.start()
    return _is(_LETTER, text, s - 1) and _is(_LETTER, text, s - 2)


#: Missing space before « after a Persian letter.
SPACE_BEFORE_QUOTE = re.compile("()«")


def letter_before(text: str, m: re.Match[str]) -> bool:
    return _is(_LETTER, text, m.start() - 1)
