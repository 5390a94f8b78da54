"""Temporal expressions in Persian news: Jalali, Gregorian and lunar Hijri dates,
relative and deictic expressions, clock times, durations and sets.

:class:`TimexTagger` fills ``Document.timexes``; :func:`find` is the same on a
bare string and also returns each expression's clock and date parts.

How it works, in three steps, each its own module:

1. :mod:`~khabar.timex.lexicon` — one compiled regex finds *atoms* (a weekday,
   a month of some calendar, a number in digits or words, an ordinal, a clock
   time, «ساعت», «امروز», «گذشته» …) from the word lists in
   ``resources/timex/``; a missing, spaced or stray ZWNJ, Arabic ي/ك and Latin
   or Arabic-Indic digits are all read alike.
2. :mod:`~khabar.timex.grammar` — the atoms' kinds form a string on which
   patterns find expressions; adjacent ones merge (apposition «امروز سه‌شنبه
   ۲۸ مه») and a separator makes a range («مهر – آبان ۱۴۰۴»).
3. :mod:`~khabar.timex.resolve` — each expression gets a TIMEX3 type and value,
   computed with jdatetime and hijridate (:mod:`~khabar.timex.calendar`) against
   the publication moment in Asia/Tehran.

>>> [(x.timex.type, x.timex.value) for x in find("هفته گذشته و ۱۰ محرم", "2025-06-25T10:00+03:30")]
[('DATE', '2025-06-14/2025-06-20'), ('DATE', '2025-07-05')]
"""

from khabar.timex.tagger import Found, TimexTagger, find, tense_at

__all__ = ["Found", "TimexTagger", "find", "tense_at"]
