"""Normalize Persian text line by line: letters, digits, spacing and missing ZWNJs.

Reads FILE (or standard input with ``-`` or no FILE) as UTF-8 and writes one
normalized line for each input line, so one-sentence-per-line files stay
aligned.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from khabar.errors import InputError

_LINE_BREAKS = {ord(c): " " for c in "\r\u2028\u2029\x85"}
HELP = "normalize Persian text, one line in, one line out"
EXAMPLE = """example:
  echo "همکاريهای دوجانبه و آتش بس" | khabar normalize
  khabar normalize --digits latin --remove-diacritics news.txt > clean.txt
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        default="-",
        metavar="FILE",
        help="UTF-8 text file, or - for standard input (default)",
    )
    parser.add_argument(
        "--digits",
        choices=("fa", "latin", "keep"),
        default="fa",
        help="write digits in Persian (default), Latin, or keep them as typed",
    )
    parser.add_argument(
        "--remove-diacritics",
        action="store_true",
        help="remove Arabic diacritics (harakat, tanwin)",
    )
    parser.add_argument(
        "--zwnj",
        choices=("auto", "restore", "off"),
        default="auto",
        help="ZWNJ restoration: auto (default) leaves text that already uses ZWNJ alone",
    )


def _read(path: str, stdin: TextIO) -> str:
    from khabar.textio import decode

    source = "standard input" if path == "-" else path
    try:
        if path == "-":
            data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")
        else:
            with open(path, "rb") as f:
                data = f.read()
    except IsADirectoryError as e:
        raise InputError(f"{path} is a directory; give a text file") from e
    return decode(data, source)


def run(args: argparse.Namespace) -> int:
    from khabar.normalize import normalize_text

    text = _read(args.file, sys.stdin)
    out = sys.stdout
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        # one line out per line in: a line end's \r (or a stray one) must not split it
        line = line.translate(_LINE_BREAKS)
        out.write(
            normalize_text(
                line, digits=args.digits, diacritics=args.remove_diacritics, zwnj=args.zwnj
            )
        )
        out.write("\n")
    return 0
