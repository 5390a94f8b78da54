"""khabar — Persian news to clean text and structured, verifiable knowledge.

>>> import khabar
>>> doc = khabar.analyze("وزیر امور خارجه روسیه گفت: آتش بس ادامه دارد.", published="2025-06-25T10:00:00+03:30")
>>> "آتش‌بس" in doc.text
True
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from khabar.document import Document
from khabar.errors import ConfigError, InputError, KhabarError

if TYPE_CHECKING:
    from khabar.pipeline import Pipeline

__all__ = ["Document", "KhabarError", "ConfigError", "InputError", "analyze", "default_pipeline"]
__version__ = "0.1.0"


@lru_cache(maxsize=2)
def default_pipeline(accurate: bool = False) -> Pipeline:
    """The full analysis pipeline, built once on first use (models load here, not at import).

    ``accurate`` adds the NER network to the CRF (:class:`khabar.ner.NerTagger`): better
    names, a slower pipeline.
    """
    from khabar.pipeline import Pipeline

    return Pipeline(config={"ner": {"accurate": True}} if accurate else None)


def analyze(text: str, *, id: str = "", published: str | None = None,
            accurate: bool = False) -> Document:
    """Run the full pipeline on one article (``accurate``: see :func:`default_pipeline`)."""
    return default_pipeline(accurate).analyze(text, id=id, published=published)
