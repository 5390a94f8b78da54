"""Normalizer tables: character map, cleanup, digits, spacing, and the component contract."""

from __future__ import annotations

import pytest

from khabar.document import Document
from khabar.errors import ConfigError
from khabar.normalize import Normalizer, normalize, normalize_text
from khabar.normalize.charmap import _read_tsv, base_map, deletable
from khabar.pipeline import Pipeline

ZWNJ = "\u200c"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("كتاب", "کتاب"),  # why: Arabic kaf becomes Persian keheh
        ("علي", "علی"),  # why: Arabic yeh becomes Farsi yeh
        ("موسى", "موسی"),  # why: alef maksura becomes Farsi yeh
        ("ﺑﺴﻢ", "بسم"),  # why: presentation forms become base letters
        ("ﻻ", "لا"),  # why: the lam-alef ligature expands to two letters
        ("ﷲ", "الله"),  # why: the Allah ligature expands
        ("تهــــران", "تهران"),  # why: kashida stretching a word is removed
        ("سال ١٤٠٤", "سال ۱۴۰۴"),  # why: Arabic-Indic digits become Persian
        ("سال 1404", "سال ۱۴۰۴"),  # why: Latin digits in Persian text become Persian
        ("جنگنده F-35 و G7", "جنگنده F-35 و G7"),  # why: digits glued to Latin letters stay Latin
        (
            "رشد ۳.۵ درصدی",
            "رشد ۳٫۵ درصدی",
        ),  # why: a decimal point between Persian digits is the momayyez
        ("تاریخ ۱۴۰۳.۰۵.۱۲", "تاریخ ۱۴۰۳.۰۵.۱۲"),  # why: a dotted date is not a decimal
        (
            "سلام , دنیا",
            "سلام، دنیا",
        ),  # why: Latin comma after Persian text becomes ، and loses its space
        ("چرا?", "چرا؟"),  # why: Latin question mark after Persian text becomes ؟
        ("hello, world?", "hello, world?"),  # why: Latin punctuation in Latin text stays
        ("گفت:این", "گفت: این"),  # why: a colon between Persian words gets its space
        ("تهران،ایران", "تهران، ایران"),  # why: a Persian comma gets a space after it
        ("ج.ا.ا", "ج.ا.ا"),  # why: dotted abbreviations are not spaced out
        ("او  گفت   که", "او گفت که"),  # why: runs of spaces collapse
        ("او\u00a0گفت", "او گفت"),  # why: no-break and odd spaces become plain spaces
        ("  سلام  \n  دنیا  ", "سلام\nدنیا"),  # why: spaces at line edges go, newlines stay
        ("او گفت .", "او گفت."),  # why: no space before a full stop after a word
        ("« سلام »", "«سلام»"),  # why: no spaces inside guillemets
        (
            'او گفت "سلام دنیا"',
            "او گفت «سلام دنیا»",
        ),  # why: straight quotes around Persian become guillemets
        ('he said "hi"', 'he said "hi"'),  # why: English quotes stay
        ("می\u200c\u200cروم", "می\u200cروم"),  # why: doubled ZWNJ becomes one
        (
            "کتاب\u200c ها",
            "کتاب\u200cها",
        ),  # why: a ZWNJ next to a space is removed, then the space is restored as ZWNJ
        ("سلام\u200b دنیا\u200d", "سلام دنیا"),  # why: zero-width space and joiner are removed
        ("\u202bسلام\u202c", "سلام"),  # why: bidi controls are removed
        ("واقعاً", "واقعاً"),  # why: diacritics stay unless asked
        ("a\r\nb\rc", "a\nb\nc"),  # why: CRLF and lone CR become newlines
    ],
)
def test_normalize_table(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("opts", "raw", "expected"),
    [
        ({"digits": "latin"}, "۱۴۰۴ و ١٤٠٤", "1404 و 1404"),  # why: all digit scripts to Latin
        ({"digits": "keep"}, "۱۴۰۴ و 1404 و ١٤٠٤", "۱۴۰۴ و 1404 و ١٤٠٤"),  # why: digits as typed
        (
            {"diacritics": True},
            "مُحَمَّد خانهٔ",
            "محمد خانه",
        ),  # why: harakat, shadda and hamza above removed on request
        ({"zwnj": "off"}, "گزارش ها", "گزارش ها"),  # why: ZWNJ restoration off
    ],
)
def test_normalize_options(opts: dict, raw: str, expected: str) -> None:
    assert normalize_text(raw, **opts) == expected


def test_normalize_alignment_maps_back_into_raw() -> None:
    raw = "رئيسجمهوري  گفت:آتش بس ﻻزم است"
    text, al = normalize(raw)
    assert text == "رئیس\u200cجمهوری گفت: آتش\u200cبس لازم است"
    word = text.index("گفت")
    assert raw[slice(*al.raw_span(word, word + 3))] == "گفت"
    z = text.index(ZWNJ)
    assert (
        al.raw_span(z, z + 1)[0] == al.raw_span(z, z + 1)[1]
    )  # an inserted ZWNJ has an empty raw range
    lam = text.index("لازم")
    assert raw[slice(*al.raw_span(lam, lam + 2))] == "ﻻ"  # both letters come from the ligature


def test_normalizer_component_in_pipeline() -> None:
    doc = Pipeline(["normalize", "segment"]).analyze("گزارش ها نشان مي دهد. آتش بس برقرار است.")
    assert doc.text == "گزارش\u200cها نشان می\u200cدهد. آتش\u200cبس برقرار است."
    assert "text" in doc.done and len(doc.sentences) == 2
    assert Normalizer.name == "normalize" and Normalizer.provides == ("text",)
    # running it twice gives the same document: it always starts from raw
    again = Normalizer()(doc)
    assert again.text == doc.text and again.alignment == doc.alignment


@pytest.mark.parametrize("opts", [{"digits": "roman"}, {"zwnj": "maybe"}, {"colour": 1}])
def test_normalizer_rejects_bad_options(opts: dict) -> None:
    with pytest.raises((ConfigError, ValueError, TypeError)):
        Pipeline(["normalize"], config={"normalize": opts})


def test_normalizer_keeps_document_fields() -> None:
    doc = Normalizer()(Document.from_text("سلام", id="x", published="2025-01-01T00:00:00+03:30"))
    assert (doc.id, doc.published, doc.raw) == ("x", "2025-01-01T00:00:00+03:30", "سلام")


@pytest.mark.parametrize("name", ["charmap.tsv", "delete.tsv"])
def test_normalize_resource_schema(name: str) -> None:
    rows = _read_tsv(name)
    assert rows
    for row in rows:
        assert len(row) == (3 if name == "charmap.tsv" else 2), row
        assert row[-1].strip(), f"{name}: every row says why"
        if name == "charmap.tsv":
            assert len(chr(int(row[0], 16)) + chr(int(row[1], 16))) == 2  # one char to one char
    assert "\u200c" not in deletable()  # ZWNJ is never deleted wholesale
    assert base_map()[ord("ي")] == ord("ی")
