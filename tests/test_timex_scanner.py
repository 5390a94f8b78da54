"""The timex scanner finds exactly what the full atom regex finds.

:class:`khabar.timex.scanner.Scanner` tries at each word start only the atom
branches whose words can begin with the two letters there; a branch whose word
list misses a word it can match would silently lose atoms.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from khabar.resources import load_yaml
from khabar.timex.lexicon import lexicon, view
from khabar.timex.scanner import admits, starts


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


def _same(text: str) -> None:
    lex = lexicon()
    v = view(text)

    def found(ms: Any) -> list[tuple[Any, ...]]:
        return [(m.span(), m.lastgroup, {k: x for k, x in m.groupdict().items() if x}) for m in ms]

    assert found(lex.scanner.finditer(v)) == found(lex.scanner.full().finditer(v)), text


def test_timex_scanner_finds_every_lexicon_word_as_the_full_regex_does() -> None:
    words: set[str] = set()
    for name in ("calendars", "numbers", "relative", "dayparts", "holidays"):
        words.update(w for w in _strings(load_yaml("timex", f"{name}.yaml")) if w.strip())
    assert len(words) > 300
    for w in sorted(words):
        spellings = (w, w.replace("\u200c", " "), w.replace("\u200c", ""), w.replace(".", " . "))
        for text in (*spellings, f"در {w} گذشته", f"۱۲ {w} ۱۴۰۴", f"{w}ی", f"({w})"):
            _same(text)


@pytest.mark.parametrize(
    "text",
    [
        "پوتین دوشنبه دوم تیرماه ۱۴۰۴ با عراقچی دیدار کرد.",  # weekday, ordinal, month, year
        "ساعت ۱۸:۳۰ روز ۲۵ اسفند تا ۱۵ فروردین ۹۷",  # clock, range, two-digit year
        "این سه شنبه و سهشنبه‌ی آینده",  # a spaced and a glued weekday
        "۱۴۰۱/۰۵/۲۲ - ۱۴:۱۲ دو هزار و بیست و دو میلادی",  # numeric date, dash, number in words
        "F16 و ۲ بار در ۲۹ هزار ساعت — نیم ساعت",  # digits after a Latin letter, counts, a dash
        "یکصدسالگی، دوهفتگی و هر روزه",  # glued counts and units
        "۱۵ام خرداد، بیست و پنجم و ۳ام",  # ordinals in digits and in words
    ],
)
def test_timex_scanner_matches_the_full_regex_on_sentences(text: str) -> None:
    # each sentence mixes atoms whose branches share first letters
    _same(text)


@pytest.mark.parametrize(
    ("words", "text", "ok"),
    [
        (["سه‌شنبه"], "سهش", True),  # the ZWNJ may be missing
        (["سه‌شنبه"], "سه شنبه", True),  # or be a space
        (["سه‌شنبه"], "سه", False),  # the text ends before the word can
        (["سال"], "سار", False),  # the third letter differs
        (["دو"], "دوم", True),  # after a two-letter word anything may follow
        (["ه.ش."], "ه . ش", True),  # a dot may follow a space
        (["ه.ش."], "هش", False),  # but is not optional
        (["ب.ظ"], "به ", False),  # «به» starts no «ب.ظ»
    ],
)
def test_timex_scanner_starts_table(words: list[str], text: str, ok: bool) -> None:
    assert admits(starts(words), text) is ok
