r"""The normalization steps in order, with or without alignment tracking.

>>> normalize_text("رئيسجمهوري با او ديدار كرد")
'رئیس\u200cجمهوری با او دیدار کرد'
>>> text, alignment = normalize("آتش بس")
>>> text, alignment.raw_span(0, len(text))
('آتش\u200cبس', (0, 6))
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Literal

from khabar.document import Alignment
from khabar.normalize import cleanup as c
from khabar.normalize.charmap import Digits, deletable, ligatures, translate_table
from khabar.normalize.edits import Tracked
from khabar.normalize.zwnj import restorer

ZwnjMode = Literal["auto", "restore", "off"]

_PERSIAN_LETTER = re.compile(f"[{c.LETTER}]")
_LATIN_LETTER = re.compile("[A-Za-z]")


def _quote(m: re.Match[str]) -> str:
    inner = m.group(1)
    # Only Persian quotations become guillemets; English quotes stay as typed.
    if _PERSIAN_LETTER.search(inner) and not _LATIN_LETTER.search(inner):
        return "«" + inner + "»"
    return m.group(0)


def _sub_when(
    pattern: re.Pattern[str],
    text: str,
    repl: Callable[[re.Match[str]], str],
    when: Callable[[str, re.Match[str]], bool],
) -> str:
    """``pattern.sub`` for same-length replacements, vetoed by ``when``."""
    return pattern.sub(lambda m: repl(m) if when(text, m) else m.group(0), text)


def _char_map(text: str, digits: Digits) -> str:
    """The one-to-one character map (only runs of characters it changes are touched)."""
    table = translate_table(digits)
    if _needs_map(digits).search(text):
        text = _needs_map(digits).sub(lambda m: m.group(0).translate(table), text)
    return text


def _context_maps(text: str, digits: Digits) -> str:
    """Length-preserving maps that look at neighbours (digits, decimal point, punctuation,
    quotes). They run after deletions and space collapsing, so the neighbours they
    see are final (else a second pass could still change something)."""
    if digits == "fa":
        if _DIGIT_0_9.search(text):
            text = _sub_when(
                c.LATIN_DIGITS,
                text,
                lambda m: m.group(0).translate(_TO_PERSIAN),
                lambda t, m: not c.latin_attached(t, m),
            )
        if "." in text:
            text = _sub_when(
                c.DECIMAL, text, lambda m: m.group(0).replace(".", "٫"), c.lone_decimal
            )
    if "," in text or ";" in text or "?" in text:
        text = _sub_when(
            c.LATIN_PUNCT, text, lambda m: c.PERSIAN_PUNCT[m.group(0)], c.after_persian
        )
    if '"' in text or "\u201c" in text or "\u201d" in text:
        text = c.QUOTED.sub(_quote, text)
    return text


_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")
_DIGIT_0_9 = re.compile("[0-9]")
_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@lru_cache(maxsize=3)
def _needs_map(digits: Digits) -> re.Pattern[str]:
    """Runs of characters the 1:1 table changes (Latin digits are handled in context)."""
    keys = sorted(k for k, v in translate_table(digits).items() if k != v and not 0x30 <= k <= 0x39)
    return re.compile("[" + "".join(re.escape(chr(k)) for k in keys) + "]+")


@lru_cache(maxsize=1)
def _ligature_pattern() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(k) for k in ligatures()) + "]")


@lru_cache(maxsize=1)
def _deletable_pattern() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(deletable())) + "]+")


def _run(raw: str, *, track: bool, digits: Digits, diacritics: bool, zwnj: ZwnjMode) -> Tracked:
    t = Tracked.start(raw, track=track)
    if "\r" in raw:
        # Windows and old-Mac line ends: drop the \r of \r\n, a lone \r becomes \n.
        t = t.sub(_CRLF, "")
        t = t.same_length(t.text.replace("\r", "\n"))
    t = t.same_length(_char_map(t.text, digits))
    if _PRESENTATION.search(t.text):
        ligs = ligatures()
        t = t.sub(_ligature_pattern(), lambda m: ligs[m.group(0)])
    if _deletable_pattern().search(t.text):
        t = t.sub(_deletable_pattern(), "")
    if c.ZWNJ in t.text:
        if c.ZWNJ + c.ZWNJ in t.text:
            t = t.sub(c.ZWNJ_REPEAT, "")
        t = t.sub(c.ZWNJ_ANY, "", when=c.stray)
    # after the stray ZWNJs: one between a letter and a kashida («ء‌ـ») hides the
    # letter the kashida follows
    if c.KASHIDA in t.text:
        t = t.sub(c.KASHIDA_RUN, "", when=c.in_word)
    if diacritics:
        t = t.sub(c.DIACRITICS, "")
    # Each pass is skipped when a plain substring test shows it has nothing to do
    # (cheap C scans; most sentences need few of them).
    text = t.text
    if "  " in text:
        t = t.sub(c.SPACE_RUN, "")
    if text[:1] == " " or "\n " in text:
        t = t.sub(c.LINE_START_SPACE, "")
    if text[-1:] == " " or " \n" in text:
        t = t.sub(c.LINE_END_SPACE, "")
    t = t.same_length(_context_maps(t.text, digits))
    text = t.text
    if " ،" in text or " ؛" in text or " ؟" in text or " »" in text:
        t = t.sub(c.SPACE_BEFORE, "")
    if "«" in text:
        t = t.sub(c.SPACE_AFTER_OPEN, "")
        t = t.sub(c.SPACE_BEFORE_QUOTE, " ", when=c.letter_before)
    if " ." in text or " !" in text or " :" in text:
        t = t.sub(c.SPACE_BEFORE_STOP, "", when=c.after_word)
    if "،" in t.text or "؛" in t.text or "؟" in t.text:
        t = t.sub(c.SPACE_AFTER, " ")
    if "." in text or "!" in text or ":" in text or "»" in text:
        t = t.sub(c.SPACE_AFTER_STOP, " ", when=c.word_before)
    if zwnj != "off":
        t = t.edit(restorer().edits(t.text, force=zwnj == "restore"))
    return t


_CRLF = re.compile("\r(?=\n)")


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
