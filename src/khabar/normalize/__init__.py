r"""Normalization: the only khabar stage that changes text, with an exact alignment.

>>> from khabar.document import Document
>>> doc = Normalizer()(Document.from_text("همکاریهاي دوجانبه"))
>>> doc.text
'همکاری\u200cهای دوجانبه'
>>> doc.alignment.raw_span(0, len(doc.text))
(0, 17)
"""

from __future__ import annotations

from typing import ClassVar

from khabar.document import Document
from khabar.normalize.charmap import Digits
from khabar.normalize.core import ZwnjMode, normalize, normalize_text

__all__ = ["Normalizer", "normalize", "normalize_text"]


class Normalizer:
    """Pipeline component: ``raw`` → normalized ``text`` + ``alignment``.

    Options as in :func:`normalize`. Always normalizes ``doc.raw`` (so running
    it twice gives the same document).
    """

    name: ClassVar[str] = "normalize"
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ("text",)

    def __init__(
        self, *, digits: Digits = "fa", diacritics: bool = False, zwnj: ZwnjMode = "auto"
    ) -> None:
        if digits not in ("keep", "fa", "latin"):
            raise ValueError(f"digits must be 'keep', 'fa' or 'latin', not {digits!r}")
        if zwnj not in ("auto", "restore", "off"):
            raise ValueError(f"zwnj must be 'auto', 'restore' or 'off', not {zwnj!r}")
        self.digits: Digits = digits
        self.diacritics = diacritics
        self.zwnj: ZwnjMode = zwnj

    def __call__(self, doc: Document) -> Document:
        text, alignment = normalize(
            doc.raw, digits=self.digits, diacritics=self.diacritics, zwnj=self.zwnj
        )
        return doc.with_layers(text=text, alignment=alignment)
