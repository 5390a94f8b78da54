"""The CLI shell: every command has help with an example; errors are one line, no traceback."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from khabar.cli import COMMANDS, main


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_every_command_has_help_with_example(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    module = importlib.import_module(COMMANDS[name][0])
    assert module.HELP and "khabar " + name in module.EXAMPLE
    with pytest.raises(SystemExit) as e:
        main([name, "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert "example" in out and f"khabar {name}" in out


def test_cli_no_command_prints_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"", [], "is empty"),  # why: empty input is refused in one line
        (b"\x00\xff\x00junk", [], "looks binary"),  # why: binary junk is refused, not decoded into noise
        ("خبر".encode("cp1256"), [], "not UTF-8"),  # why: legacy encodings get a conversion hint
        ("خبر".encode(), ["--published", "1404-12-30"], "Jalali"),  # why: an impossible Jalali date is caught, not shifted
    ],
)
def test_cli_analyze_bad_input_is_one_line(
    tmp_path: Path, content: bytes, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "in.txt"
    f.write_bytes(content)
    assert main(["analyze", str(f), *args]) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1 and "Traceback" not in err


def test_cli_analyze_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "/no/such/article.txt"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_cli_analyze_json_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_text("لاوروف گفت: آتش بس ادامه دارد.", encoding="utf-8")
    assert main(["analyze", str(f), "--published", "2025-06-25T10:00:00+03:30", "--id", "x1"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["schema"] == "khabar.document/1" and d["id"] == "x1"
    assert "آتش‌بس" in d["text"]
    for q in d["quotes"]:
        assert d["text"][q["start"] : q["end"]] == q["content"]


def test_cli_analyze_jsonl_keeps_order_and_records_errors(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    lines = [
        json.dumps({"id": "a", "text": "تهران", "published": "2025-06-25"}, ensure_ascii=False),
        "{broken",
        json.dumps({"id": "c", "text": "مسکو"}, ensure_ascii=False),
    ]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode())))
    assert main(["analyze", "--jsonl"]) == 1
    out = capsys.readouterr()
    rows = [json.loads(x) for x in out.out.splitlines()]
    assert [r["id"] for r in rows] == ["a", "line-2", "c"]
    assert "error" in rows[1] and "line 2" in out.err


def test_cli_analyze_text_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_text("پسکوف گفت: روسیه از ایران حمایت می کند.", encoding="utf-8")
    assert main(["analyze", str(f), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "quotes" in out and "events" in out
