"""khabar.stream: JSON-line articles analyzed a chunk at a time, yet line in, line out."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import pytest

from khabar import analyze, default_pipeline
from khabar.document import Document
from khabar.pipeline import Pipeline
from khabar.stream import analyze_stream, chunks, input_waiting
from khabar.textio import Record, parse_record

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles.jsonl"


def _records(n: int) -> list[Record]:
    return [Record(i + 1, f"r{i}", "متن", None) for i in range(n)]


@pytest.mark.parametrize(
    ("n", "waiting", "sizes", "why"),
    [
        (5, [True] * 5, [5], "input keeps coming: one chunk"),
        (70, [True] * 70, [32, 32, 6], "chunks stop at 32 records"),
        (3, [False] * 3, [1, 1, 1], "nothing waiting after each line: each answered at once"),
        (4, [True, False, True, True], [2, 2], "a pause in the input ends the chunk"),
        (0, [], [], "no input, no chunk"),
    ],
)
def test_chunks_end_when_no_input_waits(n: int, waiting: list[bool], sizes: list[int], why: str) -> None:
    flags = iter(waiting)
    got = [len(c) for c in chunks(_records(n), lambda: next(flags))]
    assert got == sizes, why


def test_stream_equals_one_by_one_on_the_examples() -> None:
    lines = EXAMPLES.read_text(encoding="utf-8").splitlines()
    lines.insert(1, "{broken")  # an unreadable record keeps its place
    lines.append(json.dumps({"id": "empty", "text": ""}))
    recs = [parse_record(line, n) for n, line in enumerate(lines, 1)]
    got = [json.dumps(out, ensure_ascii=False) for _, out in analyze_stream(default_pipeline(), recs)]
    want = [
        json.dumps(
            {"id": r.id, "error": r.error}
            if r.error
            else analyze(r.text or "", id=r.id, published=r.published).to_dict(),
            ensure_ascii=False,
        )
        for r in recs
    ]
    assert got == want


class _FailsOn(Pipeline):
    """A pipeline that fails as a batch and on one document, like a component bug."""

    def __init__(self, bad: str) -> None:
        super().__init__()
        self.bad = bad

    def run_many(self, docs: Sequence[Document]) -> list[Document]:
        raise RuntimeError("batch failed")

    def __call__(self, doc: Document) -> Document:
        if doc.id == self.bad:
            raise ValueError("bad document")
        return super().__call__(doc)


def test_a_failing_record_keeps_its_error_and_the_others_their_documents() -> None:
    recs = [Record(1, "a", "تهران", None), Record(2, "b", "مسکو", None), Record(3, "c", "قطر", None)]
    out = list(analyze_stream(_FailsOn("b"), recs))
    assert [r.id for r, _ in out] == ["a", "b", "c"]
    assert out[1][0].error == "ValueError: bad document" and out[1][1] == {"id": "b", "error": out[1][0].error}
    assert "text" in out[0][1] and "text" in out[2][1]


def test_input_waiting_on_a_pipe() -> None:
    r, w = os.pipe()
    with os.fdopen(r) as reader:
        assert not input_waiting(reader)  # nothing written yet: answer now
        os.write(w, b"{}\n")
        assert input_waiting(reader)
        os.close(w)


@pytest.mark.parametrize(
    ("stream", "why"),
    [
        (io.StringIO("x\n"), "no file descriptor: assume more is coming (batch fully)"),
        (cast(Any, object()), "not a stream at all: still no crash"),
    ],
)
def test_input_waiting_when_it_cannot_be_told(stream: Any, why: str) -> None:
    assert input_waiting(stream), why
