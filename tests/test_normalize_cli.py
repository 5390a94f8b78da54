"""``khabar normalize``: one line in, one line out; clear one-line errors."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from khabar.cli import main


def _run(
    args: list[str],
    stdin: bytes,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    rc = main(["normalize", *args])
    out, err = capsys.readouterr()
    return rc, out, err


def test_normalize_cli_keeps_lines_aligned(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a CRLF file with an empty line and a stray \r inside a line: still three lines out
    raw = "همکاريهای دوجانبه\r\n\r\nمی توان\rگفت\n".encode()
    rc, out, _ = _run([], raw, monkeypatch, capsys)
    assert rc == 0
    assert out.split("\n") == ["همکاری\u200cهای دوجانبه", "", "می\u200cتوان گفت", ""]


@pytest.mark.parametrize(
    ("args", "line", "expected"),
    [
        ([], "سال ٢٠٢٥", "سال ۲۰۲۵"),  # why: default digit policy is Persian
        (["--digits", "latin"], "سال ۱۴۰۴", "سال 1404"),  # why: --digits latin for machine use
        (["--digits", "keep"], "سال ٢٠٢٥", "سال ٢٠٢٥"),  # why: keep leaves Arabic-Indic digits
        (["--remove-diacritics"], "واقعاً", "واقعا"),  # why: tanwin goes only on request
        ([], "واقعاً", "واقعاً"),  # why: diacritics stay by default
        (["--zwnj", "off"], "می توان", "می توان"),  # why: restoration can be switched off
    ],
)
def test_normalize_cli_options(
    args: list[str],
    line: str,
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rc, out, _ = _run(args, (line + "\n").encode(), monkeypatch, capsys)
    assert rc == 0 and out == expected + "\n"


def test_normalize_cli_reads_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "in.txt"
    f.write_text("گزارش ها\n", encoding="utf-8")
    assert main(["normalize", str(f)]) == 0
    assert capsys.readouterr().out == "گزارش\u200cها\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01binary", "looks binary"),  # why: NUL bytes mean binary input
        ("خبر".encode("cp1256"), "not UTF-8"),  # why: a legacy encoding gets a conversion hint
    ],
)
def test_normalize_cli_rejects_undecodable_input(
    tmp_path: Path, data: bytes, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "bad.bin"
    f.write_bytes(data)
    assert main(["normalize", str(f)]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
