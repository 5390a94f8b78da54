"""Quotes: who said what, with cue, content and speaker spans.

The component :class:`QuoteExtractor` (pipeline name ``"quotes"``) reads the
cue table ``resources/quotes/cues.yaml`` and fills ``Document.quotes``.
"""

from __future__ import annotations

from khabar.quotes.cues import CueTable
from khabar.quotes.extractor import QuoteExtractor

__all__ = ["CueTable", "QuoteExtractor"]
