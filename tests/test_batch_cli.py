"""`khabar batch`: help with an example, one summary line, the library's output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.batch import read_output
from khabar.cli import main

LIGHT = ["--pipeline", "wstokens", "--component", "wstokens=khabar.batch.testing:WhitespaceTokens"]


def test_batch_cli_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["batch", "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert "khabar batch articles.jsonl out/" in out and "--scheduler" in out


def test_batch_cli_runs_and_resumes_with_the_stored_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "text": "سلام دنیا"}\n{"id": "b"}\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(inp), str(out), "--format", "parquet", "--no-progress", *LIGHT]) == 0
    err = capsys.readouterr().err
    assert "1 documents, 1 failures" in err and "errors.jsonl" in err
    # no --format: resumes the parquet output instead of refusing it
    assert main(["batch", str(inp), str(out), "--no-progress", *LIGHT]) == 0
    assert "2 items already done" in capsys.readouterr().err
    assert [d["id"] for d in read_output(out)] == ["a"]
    (err_line,) = (out / "errors.jsonl").read_text("utf-8").splitlines()
    assert json.loads(err_line)["id"] == "b"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--pipeline", "nosuch"], "unknown component"),  # names checked before any work
        (["--config", "{oops"], "--config is not JSON"),  # bad JSON options
        (["--component", "broken"], "NAME=MODULE:CLASS"),  # malformed registration
        (["--workers", "0", *LIGHT], "at least 1"),  # no worker at all makes no sense
    ],
)
def test_batch_cli_configuration_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "text": "سلام"}\n', encoding="utf-8")
    assert main(["batch", str(inp), str(tmp_path / "out"), "--no-progress", *extra]) == 1
    err = capsys.readouterr().err
    assert err.startswith("khabar batch: error:") and message in err
