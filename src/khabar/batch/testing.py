"""Tiny components for testing and measuring the batch machinery itself.

They let tests, benchmarks and a Dask cluster exercise batch runs without
loading the real models: a whitespace tokenizer that can be slowed down
(to kill a run midway) and made to fail on a marker word (to check that
pipeline exceptions reach the errors file). Register them by import path:
``{"wstokens": "khabar.batch.testing:WhitespaceTokens"}``.

>>> from khabar.document import Document
>>> doc = WhitespaceTokens()(Document.from_text("سلام  دنیا"))
>>> [doc.text[t.start:t.end] for t in doc.tokens]
['سلام', 'دنیا']
"""

from __future__ import annotations

import os
import re
import time
from typing import ClassVar

from khabar.document import Document, Token

REGISTRY = {"wstokens": "khabar.batch.testing:WhitespaceTokens"}

_WORD = re.compile(r"\S+")


class WhitespaceTokens:
    """Split on whitespace; ``delay`` seconds per document; fail if ``fail_on`` occurs.

    ``crash_on`` kills the whole worker process (as a segfault or the OOM killer
    would) when the text contains it. ``spin`` seconds of busy Python work (not
    a sleep: what a time limit in a thread can interrupt) go to each document
    containing ``spin_on`` (every document if it is not given).
    """

    name: ClassVar[str] = "wstokens"
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ("tokens",)

    def __init__(self, *, delay: float = 0.0, fail_on: str | None = None,
                 crash_on: str | None = None, spin: float = 0.0,
                 spin_on: str | None = None) -> None:
        self.delay = delay
        self.fail_on = fail_on
        self.crash_on = crash_on
        self.spin = spin
        self.spin_on = spin_on

    def __call__(self, doc: Document) -> Document:
        if self.crash_on and self.crash_on in doc.text:
            os._exit(3)
        if self.fail_on and self.fail_on in doc.text:
            raise RuntimeError(f"found {self.fail_on!r}")
        if self.delay:
            time.sleep(self.delay)
        if self.spin and (self.spin_on is None or self.spin_on in doc.text):
            end = time.perf_counter() + self.spin
            while time.perf_counter() < end:
                pass
        return doc.with_layers(
            tokens=[Token(m.start(), m.end()) for m in _WORD.finditer(doc.text)]
        )
