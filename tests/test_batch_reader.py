"""Batch input: every item read in a fixed order, every unusable one a failure with an id."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from khabar.batch import reader
from khabar.batch.reader import Item, iter_items
from khabar.batch.records import Failure, Record, parse_item


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        # plain analyze-style record: id and text kept as given
        ('{"id": "n1", "text": "وزیر خارجه گفت"}', ("ok", "n1", "وزیر خارجه گفت")),
        # no id: the deterministic file:line id
        ('{"text": "خبر بدون شناسه"}', ("ok", "f.jsonl:7", "خبر بدون شناسه")),
        # numeric ids are fine, as strings
        ('{"id": 12, "body": "متن در body"}', ("ok", "12", "متن در body")),
        # a khabar document is re-analyzed from its raw text, not its normalized text
        ('{"schema": "khabar.document/1", "id": "d", "raw": "ك خام", "text": "ک"}', ("ok", "d", "ك خام")),
        # farsnews shape: title, abstract, paragraphs one per line; id from the link
        (json.dumps({"title": "تیتر", "abstract": "خلاصه", "paragraphs": ["بند ۱", " ", "بند ۲"],
                     "link": "https://farsnews.ir/n/1"}),
         ("ok", "https://farsnews.ir/n/1", "تیتر\nخلاصه\nبند ۱\nبند ۲")),
        # broken JSON line: a parse failure under the line's id
        ('{"id": "x", "text": "نیمه', ("parse", "f.jsonl:7", None)),
        # a JSON value that is not an object
        ('["آرایه"]', ("parse", "f.jsonl:7", None)),
        # whitespace-only text (ZWNJ and spaces) is empty
        ('{"id": "e", "text": " \\u200c "}', ("parse", "e", None)),
        # no text field at all
        ('{"id": "t", "title_fa": "تیتر"}', ("parse", "t", None)),
        # a Jalali date given as published is refused, not misread as Gregorian
        ('{"id": "j", "text": "خبر", "published": "1404-04-04"}', ("parse", "j", None)),
    ],
)
def test_batch_records_parse(payload: str, expected: tuple[str, str, str | None]) -> None:
    out = parse_item(Item("f.jsonl", 7, payload))
    kind, rid, text = expected
    if kind == "ok":
        assert isinstance(out, Record), out
        assert (out.id, out.text) == (rid, text)
    else:
        assert isinstance(out, Failure)
        assert (out.stage, out.id) == (kind, rid)
        assert out.reason


def test_batch_records_farsnews_meta_keeps_title_and_url() -> None:
    rec = parse_item(Item("f.json", 1, {"title": "تیتر", "paragraphs": ["متن"], "cat": "سیاسی",
                                        "link": "u1", "tags": ["ایران"]}))
    assert isinstance(rec, Record)
    assert rec.meta == {"title": "تیتر", "cat": "سیاسی", "url": "u1", "tags": ["ایران"]}


def _array(tmp_path: Path, values: list[object], name: str = "a.json") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(values, ensure_ascii=False, indent=1), encoding="utf-8")
    return p


@pytest.mark.parametrize("block", [1, 7, 1 << 20])
def test_batch_reader_json_array_streams_across_buffer_edges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    # Tiny blocks cut values (and the number 12345) at every possible place.
    monkeypatch.setattr(reader, "BLOCK", block)
    values = [{"title": "تیتر یک", "paragraphs": ["الف", "ب"]}, 12345, {"text": "سه"}]
    items = list(iter_items(_array(tmp_path, values)))
    assert [(i.n, i.payload, i.error) for i in items] == [(1, values[0], None), (2, 12345, None),
                                                         (3, values[2], None)]


@pytest.mark.parametrize(
    ("content", "n_ok", "error_at"),
    [
        ('[{"text": "یک"}, {"text": "دو"', 1, 2),  # cut off mid-item: the rest is one failure
        ('[{"text": "یک"} {"text": "دو"}]', 1, 2),  # missing comma
        ('[{"text": "یک"},', 1, 2),  # no closing bracket
        ("[]", 0, None),  # empty array: nothing, no failure
    ],
)
def test_batch_reader_json_array_damage_is_reported(
    tmp_path: Path, content: str, n_ok: int, error_at: int | None
) -> None:
    p = tmp_path / "d.json"
    p.write_text(content, encoding="utf-8")
    items = list(iter_items(p))
    assert sum(i.error is None for i in items) == n_ok
    errors = [i.n for i in items if i.error is not None]
    assert errors == ([] if error_at is None else [error_at])


def test_batch_reader_directory_order_formats_and_line_numbers(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.jsonl").write_text('{"text": "ز"}\n', encoding="utf-8")
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write('{"text": "الف"}\n\n{"text": "ب"}\n')
    (tmp_path / "SOURCE.txt").write_text("github.com/…", encoding="utf-8")  # a note, not news
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_bytes(b'{"text": "\xff"}\n')
    got = [(i.source, i.n, i.error is None) for i in iter_items(tmp_path)]
    assert got == [("a.jsonl.gz", 1, True), ("a.jsonl.gz", 3, True), ("b/z.jsonl", 1, True),
                   ("bad.jsonl", 1, False)]
    assert [i.source for i in iter_items(tmp_path, "*.txt")] == ["SOURCE.txt"]


def test_batch_reader_directory_of_text_files_is_articles(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_text("متن کامل یک خبر", encoding="utf-8")
    (tmp_path / "2.txt").write_text("\u200c \n", encoding="utf-8")  # blank: a parse failure
    outs = [parse_item(i) for i in iter_items(tmp_path)]
    assert isinstance(outs[0], Record) and outs[0].id == "1.txt"
    assert isinstance(outs[1], Failure) and outs[1].reason == "empty text"


def test_batch_reader_json_file_of_lines_is_read_as_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "l.json"
    p.write_text('{"text": "یک"}\n{"text": "دو"}\n', encoding="utf-8")
    assert [i.payload for i in iter_items(p)] == ['{"text": "یک"}', '{"text": "دو"}']


def test_batch_reader_missing_input_is_an_input_error(tmp_path: Path) -> None:
    from khabar.errors import InputError

    with pytest.raises(InputError, match="no such file"):
        list(iter_items(tmp_path / "nope.jsonl"))
