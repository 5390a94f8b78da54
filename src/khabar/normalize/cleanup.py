"""Context-dependent cleanup steps, each a compiled regex that matches only what it changes.

Order matters and is fixed in :func:`khabar.normalize.core.normalize`: the
one-to-one context maps run on the character-mapped text, then ligatures
expand, then deletions (controls, kashida, optional diacritics, stray ZWNJ,
extra spaces), then punctuation spacing. Patterns are written so a match
covers only the characters that change (lookarounds for context), which
keeps the alignment exact.
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

# --- one-to-one context maps (lengths unchanged) ---------------------------
#: Latin digits glued to Latin letters stay Latin (F-35, G7, COVID-19) under digits="fa".
LATIN_ATTACHED_DIGITS = re.compile(
    rf"(?<=[A-Za-z])[{PERSIAN_DIGIT}]+|(?<=[A-Za-z]-)[{PERSIAN_DIGIT}]+|[{PERSIAN_DIGIT}]+(?=[A-Za-z])"
)
#: Latin comma/semicolon/question mark right after Persian text -> Persian forms.
PERSIAN_COMMA = re.compile(rf"(?<=[{LETTER}{DIACRITIC}{ZWNJ}]),|(?<=[{LETTER}] ),")
PERSIAN_SEMICOLON = re.compile(rf"(?<=[{LETTER}]);|(?<=[{LETTER}] );")
PERSIAN_QUESTION = re.compile(rf"(?<=[{LETTER}])\?|(?<=[{LETTER}] )\?")
#: A lone decimal point between Persian digits (not dates like ۱۴۰۳.۰۵.۱۲) -> momayyez.
DECIMAL = re.compile(rf"(?<![{PERSIAN_DIGIT}.])[{PERSIAN_DIGIT}]+\.[{PERSIAN_DIGIT}]+(?![.{PERSIAN_DIGIT}])")
#: Straight or curly double quotes around Persian text without Latin letters -> « ».
QUOTED = re.compile(r'["\u201c\u201d]([^"\u201c\u201d\n]{1,500})["\u201c\u201d]')

# --- deletions ---------------------------------------------------------------
#: Kashida (tatweel) stretching a word; a free-standing one (used as a dash) stays.
KASHIDA_RUN = re.compile(rf"(?<=[{LETTER}{DIACRITIC}]){KASHIDA}+|{KASHIDA}+(?=[{LETTER}])")
DIACRITICS = re.compile(f"[{DIACRITIC}]+")
#: Repeated ZWNJ keep the first; a ZWNJ not between two letters has no job.
ZWNJ_REPEAT = re.compile(f"(?<={ZWNJ}){ZWNJ}+")
ZWNJ_STRAY = re.compile(
    rf"(?<![{LETTER}{DIACRITIC}]){ZWNJ}|{ZWNJ}(?![{LETTER}{DIACRITIC}])"
)
SPACE_RUN = re.compile("(?<= ) +")
LINE_EDGE_SPACE = re.compile(r"^ +| +$", re.MULTILINE)

# --- punctuation spacing -------------------------------------------------------
#: Space before Persian punctuation, before closing quotes/brackets and after opening ones.
SPACE_BEFORE_PUNCT = re.compile(
    rf"(?<=[^\s]) +(?=[،؛؟])|(?<=[{LETTER}{PERSIAN_DIGIT}{DIACRITIC}»)]) +(?=[.!:](?:[\s»)]|$))"
    r"|(?<=[«]) +| +(?=[»])"
)
#: Missing space after Persian punctuation, or after . ! : » between Persian words.
SPACE_AFTER_PUNCT = re.compile(
    rf"(?<=[،؛؟])(?=[{LETTER}«])|(?<=[{LETTER}]{{2}}[.!:»])(?=[{LETTER}])|(?<=[{LETTER}])(?=«)"
)
