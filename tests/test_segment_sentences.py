"""Sentence and token segmentation of normalized Persian text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.document import Document
from khabar.normalize import Normalizer
from khabar.segment import Segmenter, abbreviations, split_sentences, tokenize

Z = "\u200c"


def _sents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("او آمد. من رفتم.", ["او آمد.", "من رفتم."]),  # why: a full stop ends a sentence
        (
            "آیا آمد؟ نه!",
            ["آیا آمد؟", "نه!"],
        ),  # why: Persian question mark and exclamation end sentences
        (
            "صبر کن… بعد برو.",
            ["صبر کن…", "بعد برو."],
        ),  # why: an ellipsis before a new word ends a sentence
        (
            "قیمت ۳٫۵ و ۱۲.۵ دلار شد.",
            ["قیمت ۳٫۵ و ۱۲.۵ دلار شد."],
        ),  # why: decimal separators are not stops
        ("او گفت: سلام.", ["او گفت: سلام."]),  # why: a colon does not end a sentence
        (
            "بند اول\nبند دوم",
            ["بند اول", "بند دوم"],
        ),  # why: a newline (paragraph) always ends a sentence
        (
            "او گفت: «آمدم. دیدم.» سپس رفت.",
            ["او گفت: «آمدم. دیدم.»", "سپس رفت."],
        ),  # why: a stop inside «» waits for the closing quote
        (
            "او گفت: «آمدم. دیدم و رفتم",
            ["او گفت: «آمدم.", "دیدم و رفتم"],
        ),  # why: an unclosed quote does not swallow the paragraph
        ("سال ۱۴۰۴ ه.ش. آغاز شد.", ["سال ۱۴۰۴ ه.ش. آغاز شد."]),  # why: Persian abbreviation ه.ش
        (
            "Dr. Smith came. He left.",
            ["Dr. Smith came.", "He left."],
        ),  # why: Latin abbreviation Dr.
        ("J. K. Rowling wrote it.", ["J. K. Rowling wrote it."]),  # why: single-letter initials
        (
            "visit e.g. here. Then go.",
            ["visit e.g. here.", "Then go."],
        ),  # why: e.g. is an abbreviation
        (
            "(او آمد.) من ماندم.",
            ["(او آمد.)", "من ماندم."],
        ),  # why: closing bracket stays with its sentence
        ("", []),  # why: empty text has no sentences
        ("  \n \n", []),  # why: blank lines are not sentences
    ],
)
def test_segment_sentences_table(text: str, expected: list[str]) -> None:
    assert _sents(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            f"آتش{Z}بس برقرار شد.",
            [(f"آتش{Z}بس", "word"), ("برقرار", "word"), ("شد", "word"), (".", "punct")],
        ),  # why: ZWNJ-joined word is one token
        (
            "رشد ۳٫۵ درصد",
            [("رشد", "word"), ("۳٫۵", "num"), ("درصد", "word")],
        ),  # why: momayyez inside a number
        (
            "۱۲،۵ و ۱۴۰۴/۴/۲",
            [("۱۲،۵", "num"), ("و", "word"), ("۱۴۰۴/۴/۲", "num")],
        ),  # why: Persian comma and slashes between digits
        (
            "۱۴۰۴، تهران",
            [("۱۴۰۴", "num"), ("،", "punct"), ("تهران", "word")],
        ),  # why: a comma after a number is punctuation
        (
            "«سلام»؛ گفت؟",
            [
                ("«", "punct"),
                ("سلام", "word"),
                ("»", "punct"),
                ("؛", "punct"),
                ("گفت", "word"),
                ("؟", "punct"),
            ],
        ),  # why: Persian punctuation
        (
            "F-35 و COVID-19",
            [("F-35", "latin"), ("و", "word"), ("COVID-19", "latin")],
        ),  # why: Latin words with digits and hyphens
        (
            "https://x.ir/a?b=1 ۵٪",
            [("https://x.ir/a?b=1", "latin"), ("۵", "num"), ("٪", "symbol")],
        ),  # why: URLs stay whole; percent is a symbol
        ("مُحَمَّد", [("مُحَمَّد", "word")]),  # why: diacritics stay inside the word
    ],
)
def test_segment_tokens_table(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[t.start : t.end], t.kind) for t in tokenize(text)] == expected


def test_segmenter_component_after_normalizer() -> None:
    doc = Segmenter()(Normalizer()(Document.from_text("آتش بس برقرار شد. گزارش ها رسید")))
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [
        f"آتش{Z}بس برقرار شد.",
        f"گزارش{Z}ها رسید",
    ]
    assert doc.text[doc.tokens[0].start : doc.tokens[0].end] == f"آتش{Z}بس"
    assert {"sentences", "tokens"} <= doc.done
    assert Segmenter.requires == ("text",)


def test_segment_abbreviations_schema() -> None:
    abbr = abbreviations()
    assert {"ه.ش", "Dr", "e.g"} <= abbr
    assert all(a and not a.endswith(".") and " " not in a for a in abbr)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ابت پ.؟!«»\n ۱۲٫،:" + Z, max_size=60))
def test_segment_spans_are_ordered_trimmed_and_in_bounds(text: str) -> None:
    sents = split_sentences(text)
    prev = 0
    for s in sents:
        assert prev <= s.start < s.end <= len(text)
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        assert "\n" not in text[s.start : s.end]
        prev = s.end
    toks = tokenize(text)
    assert all(0 <= t.start < t.end <= len(text) for t in toks)
    assert all(a.end <= b.start for a, b in zip(toks, toks[1:], strict=False))
    # every non-space character outside ZWNJ belongs to a token
    covered = {i for t in toks for i in range(t.start, t.end)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace() and ch != Z)
