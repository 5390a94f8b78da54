"""The pipeline is explicit and validated once, with all problems reported together."""

from __future__ import annotations

from typing import ClassVar

import pytest

from khabar.document import Document, Span
from khabar.errors import ConfigError
from khabar.pipeline import Pipeline, run_each


class Upper:
    name: ClassVar[str] = "upper"
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ("text",)

    def __init__(self, *, suffix: str = "") -> None:
        self.suffix = suffix

    def __call__(self, doc: Document) -> Document:
        return doc.with_layers(text=doc.text.upper() + self.suffix)


class Whole:
    name: ClassVar[str] = "whole"
    requires: ClassVar[tuple[str, ...]] = ("text",)
    provides: ClassVar[tuple[str, ...]] = ("sentences",)

    def __call__(self, doc: Document) -> Document:
        return doc.with_layers(sentences=(Span(0, len(doc.text)),))


REG = {"upper": f"{__name__}:Upper", "whole": f"{__name__}:Whole"}


def test_pipeline_runs_in_given_order() -> None:
    doc = Pipeline(["upper", "whole"], registry=REG).analyze("ab")
    assert doc.text == "AB" and doc.sentences == (Span(0, 2),) and doc.raw == "ab"


def test_pipeline_passes_options() -> None:
    assert Pipeline(["upper"], config={"upper": {"suffix": "!"}}, registry=REG).analyze("a").text == "A!"


def test_pipeline_reports_every_problem_at_once() -> None:
    with pytest.raises(ConfigError) as e:
        Pipeline(["whole", "nope"], config={"whole": {"x": 1}, "ghost": {}}, registry=REG)
    msg = str(e.value)
    assert "unknown component 'nope'" in msg
    assert "'whole' requires text" in msg
    assert "no option(s) 'x'" in msg
    assert "'ghost'" in msg


def test_pipeline_config_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        Pipeline(["nope"], registry=REG)


class Picky:
    """Fails on a text holding "x" — alone or in a batch, as a component bug would."""

    name: ClassVar[str] = "picky"
    requires: ClassVar[tuple[str, ...]] = ("text",)
    provides: ClassVar[tuple[str, ...]] = ()

    def __call__(self, doc: Document) -> Document:
        if "x" in doc.raw:
            raise ValueError(f"cannot read {doc.id}")
        return doc

    def batch(self, docs: list[Document]) -> list[Document]:
        return [self(d) for d in docs]


@pytest.mark.parametrize(
    ("raws", "why"),
    [
        (["a", "b"], "nothing fails: the batch result itself"),
        (["a", "x", "b"], "one bad document: its error in its place, the others analyzed"),
        (["x", "x"], "all bad: every one gets its own error"),
        ([], "an empty chunk: nothing to do"),
    ],
)
def test_run_each_keeps_every_document_or_its_error(raws: list[str], why: str) -> None:
    reg = {**REG, "picky": f"{__name__}:Picky"}
    pipe = Pipeline(["upper", "picky"], registry=reg)
    docs = [Document.from_text(r, id=f"d{n}") for n, r in enumerate(raws)]
    out = run_each(pipe, docs)
    assert len(out) == len(docs), why
    for d, o in zip(docs, out, strict=True):
        if "x" in d.raw:
            assert isinstance(o, ValueError) and str(o) == f"cannot read {d.id}", why
        else:
            assert isinstance(o, Document) and o.text == d.raw.upper(), why
