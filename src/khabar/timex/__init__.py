"""Temporal expressions in Persian news: Jalali, Gregorian and Hijri dates,
relative and deictic expressions, clock times, durations and sets.

See :class:`TimexTagger`; the data it reads lives in ``resources/timex/``.
"""

from khabar.timex.tagger import Found, TimexTagger, find, tense_at

__all__ = ["Found", "TimexTagger", "find", "tense_at"]
