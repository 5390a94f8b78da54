"""The length-preserving character map and the deletable-character set.

Both come from data files in ``resources/normalize/`` (``charmap.tsv``,
``delete.tsv``); Arabic presentation forms are added from Unicode's own
compatibility mappings, so every isolated/initial/medial/final glyph form
becomes its base letter. Ligatures that expand to several letters (lam-alef,
the word Allah) are returned separately because they change the length.

>>> table = translate_table("fa")
>>> "كتاب ٣ ي".translate(table)
'کتاب ۳ ی'
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Literal

from khabar.errors import ResourceError
from khabar.resources import resource_path

Digits = Literal["keep", "fa", "latin"]

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    with resource_path("normalize", name).open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            try:
                [int(c, 16) for c in cols[:-1]]
            except ValueError as e:
                raise ResourceError(f"normalize/{name} line {n}: bad code point in {cols!r}") from e
            rows.append(cols)
    return rows


@lru_cache(maxsize=1)
def base_map() -> dict[int, int]:
    """Letter, digit and space mappings from ``charmap.tsv`` plus presentation forms."""
    table: dict[int, int] = {}
    # Presentation forms first so the explicit table can override them.
    for cp in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)):
        ch = chr(cp)
        if not unicodedata.name(ch, ""):
            continue
        n = unicodedata.normalize("NFKC", ch)
        if len(n) == 1 and n != ch:
            table[cp] = ord(n)
    for frm, to, _why in _read_tsv("charmap.tsv"):
        table[int(frm, 16)] = int(to, 16)
    # A presentation form may decompose to a letter the table maps further (ﻙ -> ك -> ک).
    return {k: table.get(v, v) for k, v in table.items()}


@lru_cache(maxsize=1)
def ligatures() -> dict[str, str]:
    """Presentation-form ligatures that expand to more than one letter (length-changing)."""
    out = {}
    base = base_map()
    for cp in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)):
        ch = chr(cp)
        n = unicodedata.normalize("NFKC", ch)
        # Only short ligatures inside words; the long honorific phrases (ﷺ) stay.
        if 1 < len(n) <= 4 and " " not in n and unicodedata.name(ch, "").startswith("ARABIC"):
            out[ch] = n.translate(base)
    return out


@lru_cache(maxsize=1)
def deletable() -> frozenset[str]:
    """Invisible controls removed everywhere (``delete.tsv``)."""
    return frozenset(chr(int(row[0], 16)) for row in _read_tsv("delete.tsv"))


@lru_cache(maxsize=3)
def translate_table(digits: Digits = "fa") -> dict[int, int]:
    """The full one-to-one ``str.translate`` table for a digit policy."""
    table = dict(base_map())
    if digits == "keep":
        for d in ARABIC_DIGITS:
            table.pop(ord(d), None)
    elif digits == "fa":
        table.update({ord(a): ord(p) for a, p in zip(LATIN_DIGITS, PERSIAN_DIGITS, strict=True)})
    elif digits == "latin":
        table.update({ord(a): ord(p) for a, p in zip(ARABIC_DIGITS, LATIN_DIGITS, strict=True)})
        table.update({ord(a): ord(p) for a, p in zip(PERSIAN_DIGITS, LATIN_DIGITS, strict=True)})
    else:
        raise ValueError(f"digits must be 'keep', 'fa' or 'latin', not {digits!r}")
    return table
