r"""The normalization steps in order, with or without alignment tracking.

>>> normalize_text("رئيسجمهوري گفت و گو كرد")
'رئیس\u200cجمهوری گفت\u200cوگو کرد'
>>> text, alignment = normalize("آتش بس")
>>> text, alignment.raw_span(0, len(text))
('آتش\u200cبس', (0, 6))
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

import numpy as np

from khabar.document import Alignment
from khabar.normalize import cleanup as c
from khabar.normalize.charmap import Digits, deletable, ligatures, translate_table
from khabar.normalize.edits import Tracked

ZwnjMode = Literal["auto", "restore", "off"]

_LATIN_FROM_PERSIAN = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
_PERSIAN_LETTER = re.compile(f"[{c.LETTER}]")
_LATIN_LETTER = re.compile("[A-Za-z]")


def _quote(m: re.Match[str]) -> str:
    inner = m.group(1)
    # Only Persian quotations become guillemets; English quotes stay as typed.
    if _PERSIAN_LETTER.search(inner) and not _LATIN_LETTER.search(inner):
        return "«" + inner + "»"
    return m.group(0)


def _decimal(m: re.Match[str]) -> str:
    return m.group(0).replace(".", "٫")


def _one_to_one(text: str, digits: Digits) -> str:
    """Length-preserving steps: the character map, then context-dependent 1:1 maps."""
    text = text.translate(translate_table(digits))
    if digits == "fa":
        text = c.LATIN_ATTACHED_DIGITS.sub(lambda m: m.group(0).translate(_LATIN_FROM_PERSIAN), text)
        text = c.DECIMAL.sub(_decimal, text)
    if "," in text:
        text = c.PERSIAN_COMMA.sub("،", text)
    if ";" in text:
        text = c.PERSIAN_SEMICOLON.sub("؛", text)
    if "?" in text:
        text = c.PERSIAN_QUESTION.sub("؟", text)
    if '"' in text or "\u201c" in text or "\u201d" in text:
        text = c.QUOTED.sub(_quote, text)
    return text


_DELETE_CODES = None
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")


@lru_cache(maxsize=1)
def _ligature_pattern() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(k) for k in ligatures()) + "]")


def _delete_codes() -> np.ndarray:
    global _DELETE_CODES
    if _DELETE_CODES is None:
        _DELETE_CODES = np.array(sorted(ord(ch) for ch in deletable()), dtype=np.uint32)
    return _DELETE_CODES


def _run(raw: str, *, track: bool, digits: Digits, diacritics: bool, zwnj: ZwnjMode) -> Tracked:
    t = Tracked.start(raw, track=track)
    if "\r" in raw:
        # Windows and old-Mac line ends: drop the \r of \r\n, a lone \r becomes \n.
        t = t.sub(re.compile("\r(?=\n)"), "")
        t = t.same_length(t.text.replace("\r", "\n"))
    t = t.same_length(_one_to_one(t.text, digits))
    if _PRESENTATION.search(t.text):
        ligs = ligatures()
        t = t.sub(_ligature_pattern(), lambda m: ligs[m.group(0)])
    dels = deletable()
    if any(ch in t.text for ch in dels):
        codes = np.frombuffer(t.text.encode("utf-32-le"), dtype=np.uint32)
        t = t.delete_where(~np.isin(codes, _delete_codes()))
    if c.KASHIDA in t.text:
        t = t.sub(c.KASHIDA_RUN, "")
    if diacritics:
        t = t.sub(c.DIACRITICS, "")
    if c.ZWNJ in t.text:
        t = t.sub(c.ZWNJ_REPEAT, "")
        t = t.sub(c.ZWNJ_STRAY, "")
    t = t.sub(c.SPACE_RUN, "")
    t = t.sub(c.LINE_EDGE_SPACE, "")
    t = t.sub(c.SPACE_BEFORE_PUNCT, "")
    t = t.sub(c.SPACE_AFTER_PUNCT, " ")
    if zwnj != "off":
        from khabar.normalize.zwnj import restorer

        t = t.edit(restorer().edits(t.text, force=zwnj == "restore"))
    return t


def normalize(
    raw: str,
    *,
    digits: Digits = "fa",
    diacritics: bool = False,
    zwnj: ZwnjMode = "auto",
) -> tuple[str, Alignment]:
    """Normalize ``raw``; return the text and its alignment back into ``raw``.

    ``digits``: keep digits as typed, or make them all Persian (``fa``, the
    default; digits glued to Latin letters stay Latin) or Latin.
    ``diacritics``: remove Arabic diacritics (harakat, tanwin, hamza above).
    ``zwnj``: restore missing ZWNJs — ``auto`` leaves a text that already
    uses ZWNJ consistently alone except for clear damage, ``restore``
    always restores, ``off`` never.
    """
    t = _run(raw, track=True, digits=digits, diacritics=diacritics, zwnj=zwnj)
    return t.text, t.alignment()


def normalize_text(
    raw: str,
    *,
    digits: Digits = "fa",
    diacritics: bool = False,
    zwnj: ZwnjMode = "auto",
) -> str:
    """Like :func:`normalize` but only the text (faster: no alignment is tracked)."""
    return _run(raw, track=False, digits=digits, diacritics=diacritics, zwnj=zwnj).text
