"""The document value: alignment, layers, the JSON contract and its round-trip."""

from __future__ import annotations

import json
from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.document import Actor, Alignment, Cue, Document, Entity, Event, Quote, Ref, Span, Timex
from khabar.serialize import decode_alignment, document_from_dict, encode_alignment


def _doc() -> Document:
    raw = "کرملین اعلام کرد: پوتین گفت و گو کرد."
    text = "کرملین اعلام کرد: پوتین گفت‌وگو کرد."
    # "گفت و گو" (8 chars) became "گفت‌وگو" (7 chars): the ZWNJ replaces " و " partly
    i = raw.index("گفت و گو")
    starts = array("i", range(i + 3))
    ends = array("i", range(1, i + 4))
    starts.extend([i + 3, i + 5, i + 6, i + 7])  # ZWNJ from the first space; و; گ; و
    ends.extend([i + 4, i + 6, i + 7, i + 8])
    rest = range(i + 8, len(raw))
    starts.extend(rest)
    ends.extend(r + 1 for r in rest)
    al = Alignment(starts, ends, len(raw))
    assert len(al) == len(text)
    putin = Actor("putin-vladimir", "Vladimir Putin", "ولادیمیر پوتین", "RUS", "GOV", "President of Russia")
    p0 = text.index("پوتین")
    return Document(raw=raw, text=text, alignment=al, id="t1", published="2025-06-25T10:00:00+03:30").with_layers(
        sentences=(Span(0, len(text)),),
        entities=(Entity("E1", p0, p0 + 5, "PER", putin),),
        timexes=(Timex(0, 0, "DATE", None, "relative"),),
        quotes=(Quote(p0, len(text) - 1, True, Cue(13, 16, "اعلام کرد"), Ref(0, 6, None, None)),),
        events=(Event("V1", "CONSULT", "phone", Span(p0 + 6, p0 + 13), 0, actor=(Ref(p0, p0 + 5, "E1", putin),)),),
    )


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("کرملین", "کرملین"),  # why: untouched prefix maps one to one
        ("گفت‌وگو", "گفت و گو"),  # why: a span over the restored ZWNJ covers the raw spaces it replaced
        ("", ""),  # why: an empty span maps to an empty raw span
    ],
)
def test_document_raw_span_maps_back(surface: str, expected: str) -> None:
    doc = _doc()
    start = doc.text.index(surface) if surface else 0
    rs, re_ = doc.alignment.raw_span(start, start + len(surface))
    assert doc.raw[rs:re_] == expected


def test_document_to_dict_has_contract_fields() -> None:
    d = _doc().to_dict()
    for key in ("schema", "id", "published", "raw", "text", "sentences", "entities", "timexes", "quotes", "events"):
        assert key in d
    e = d["entities"][0]
    assert e["text"] == "پوتین" and e["link"]["country"] == "RUS"
    assert d["raw"][e["raw_start"] : e["raw_end"]] == "پوتین"
    json.dumps(d, ensure_ascii=False)


def test_document_round_trip_through_dict() -> None:
    doc = _doc()
    again = document_from_dict(json.loads(json.dumps(doc.to_dict())))
    assert again == doc


def test_document_is_immutable() -> None:
    doc = _doc()
    with pytest.raises(AttributeError):
        doc.text = "x"  # type: ignore[misc]


def test_document_with_layers_marks_done() -> None:
    doc = Document.from_text("سلام").with_layers(sentences=[Span(0, 4)])
    assert "sentences" in doc.done and isinstance(doc.sentences, tuple)


def test_alignment_rejects_out_of_range() -> None:
    with pytest.raises(IndexError):
        Alignment.identity(3).raw_span(2, 5)


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2)), max_size=60))
def test_alignment_encoding_round_trips(steps: list[tuple[int, int]]) -> None:
    starts, ends, pos = array("i"), array("i"), 0
    for gap, width in steps:
        pos += gap
        starts.append(pos)
        ends.append(pos + width)
        pos += width
    al = Alignment(starts, ends, pos + 1)
    assert decode_alignment(encode_alignment(al), pos + 1) == al


def test_alignment_compose_chains_steps() -> None:
    outer = Alignment(array("i", [0, 2]), array("i", [1, 3]), 3)  # text of 2 from mid of 3
    inner = Alignment(array("i", [0, 1, 3]), array("i", [1, 3, 4]), 4)  # mid of 3 from raw of 4
    assert list(outer.compose(inner).starts) == [0, 3]
    assert list(outer.compose(inner).ends) == [1, 4]
