"""Reading inputs: every item in a fixed order, streamed, every unreadable one a failure."""

from __future__ import annotations

import gzip
import json
import socket
from pathlib import Path

import pytest

from khabar.errors import InputError
from khabar.reader import Failure, Record, iter_items, jsonarray, parse_item, read_records


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def _array(tmp_path: Path, values: list[object], name: str = "a.json") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(values, ensure_ascii=False, indent=1), encoding="utf-8")
    return p


@pytest.mark.parametrize("block", [1, 7, 1 << 20])
def test_reader_files_json_array_streams_across_buffer_edges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    # Tiny blocks cut values (and the number 12345) at every possible place.
    monkeypatch.setattr(jsonarray, "BLOCK", block)
    values = [{"title": "تیتر یک", "paragraphs": ["الف", "ب"]}, 12345, {"text": "سه"}]
    items = list(iter_items(_array(tmp_path, values)))
    assert [(i.where, i.payload, i.error) for i in items] == [
        ("a.json#1", values[0], None), ("a.json#2", 12345, None), ("a.json#3", values[2], None)]


def test_reader_files_json_array_is_streamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each item arrives after reading little more than itself, not the whole file.
    monkeypatch.setattr(jsonarray, "BLOCK", 100)
    p = _array(tmp_path, [{"text": "خبر " * 10, "id": i} for i in range(64)])
    read = [0]
    real = jsonarray.iter_array

    class Counting:
        def __init__(self, f: jsonarray.Readable) -> None:
            self.f = f

        def read(self, n: int) -> str:
            s = self.f.read(n)
            read[0] += len(s)
            return s

    monkeypatch.setattr(jsonarray, "iter_array", lambda f: real(Counting(f)))
    ahead = [read[0] - i * len(p.read_text("utf-8")) // 64 for i, _ in enumerate(iter_items(p), 1)]
    assert len(ahead) == 64 and max(ahead) < 300  # the file is ~6,000 characters


@pytest.mark.parametrize(
    ("content", "n_ok", "error_at"),
    [
        ('[{"text": "یک"}, {"text": "دو"', 1, 2),  # cut off mid-item: the rest is one failure
        ('[{"text": "یک"} {"text": "دو"}]', 1, 2),  # missing comma
        ('[{"text": "یک"},', 1, 2),  # no closing bracket
        ("[]", 0, None),  # empty array: nothing, no failure
    ],
)
def test_reader_files_json_array_damage_is_reported(
    tmp_path: Path, content: str, n_ok: int, error_at: int | None
) -> None:
    p = tmp_path / "d.json"
    p.write_text(content, encoding="utf-8")
    items = list(iter_items(p))
    assert sum(i.error is None for i in items) == n_ok
    errors = [i.n for i in items if i.error is not None]
    assert errors == ([] if error_at is None else [error_at])


def test_reader_files_directory_order_formats_and_line_numbers(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.jsonl").write_text('{"text": "ز"}\n', encoding="utf-8")
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write('{"text": "الف"}\n\n{"text": "ب"}\n')
    (tmp_path / "SOURCE.txt").write_text("github.com/…", encoding="utf-8")  # a note, not news
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_bytes(b'{"text": "\xff"}\n')
    got = [(i.where, i.error is None) for i in iter_items(tmp_path)]
    assert got == [("a.jsonl.gz:1", True), ("a.jsonl.gz:3", True), ("b/z.jsonl:1", True),
                   ("bad.jsonl:1", False)]
    assert [i.source for i in iter_items(tmp_path, "*.txt")] == ["SOURCE.txt"]  # chosen explicitly


def test_reader_files_directory_of_text_files_is_articles(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_text("متن کامل یک خبر", encoding="utf-8")
    (tmp_path / "2.txt").write_text("\u200c \n", encoding="utf-8")  # blank: a parse failure
    (tmp_path / "README.txt").write_text("درباره این پیکره", encoding="utf-8")  # a corpus note
    (tmp_path / "c.pdf").write_bytes(b"%PDF")  # not a known format: skipped in a directory
    outs = list(read_records(tmp_path))
    assert isinstance(outs[0], Record) and outs[0].id == "1.txt"
    assert isinstance(outs[1], Failure) and (outs[1].id, outs[1].reason) == ("2.txt", "empty text")
    assert len(outs) == 2


def test_reader_files_named_file_is_always_read(tmp_path: Path) -> None:
    (tmp_path / "SOURCE.txt").write_text("source: github.com/x/y", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00garbage")
    assert isinstance(next(read_records(tmp_path / "SOURCE.txt")), Record)
    (pdf,) = read_records(tmp_path / "c.pdf")
    assert isinstance(pdf, Failure) and pdf.id == "c.pdf" and "unknown file type" in pdf.reason
    (bad,) = read_records(tmp_path / "bad.txt")
    assert isinstance(bad, Failure) and bad.stage == "read" and "not UTF-8" in bad.reason


def test_reader_files_json_file_of_lines_is_read_as_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "l.json"
    p.write_text('{"text": "یک"}\n{"text": "دو"}\n', encoding="utf-8")
    assert [(i.where, i.payload) for i in iter_items(p)] == [("l.json:1", '{"text": "یک"}'),
                                                             ("l.json:2", '{"text": "دو"}')]


@pytest.mark.parametrize("name", ["nope.jsonl", "empty-dir"])
def test_reader_files_missing_or_empty_input_is_an_input_error(tmp_path: Path, name: str) -> None:
    (tmp_path / "empty-dir").mkdir()
    with pytest.raises(InputError, match="no such file|holds no readable files"):
        list(iter_items(tmp_path / name))


def test_reader_files_items_survive_pickling(tmp_path: Path) -> None:
    # Batch ships items to worker processes and Dask workers.
    import pickle

    items = list(iter_items(_array(tmp_path, [{"text": "خبر"}])))
    assert pickle.loads(pickle.dumps(items)) == items
    assert isinstance(parse_item(pickle.loads(pickle.dumps(items[0]))), Record)
