"""The pipeline is explicit and validated once, with all problems reported together."""

from __future__ import annotations

from typing import ClassVar

import pytest

from khabar.document import Document, Span
from khabar.errors import ConfigError
from khabar.pipeline import Pipeline


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
