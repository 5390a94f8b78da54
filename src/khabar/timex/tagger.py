"""The ``timex`` pipeline component: find and resolve temporal expressions.

>>> from khabar.document import Document, Span
>>> text = "پوتین دوشنبه دوم تیرماه ۱۴۰۴ با عراقچی دیدار کرد."
>>> doc = Document.from_text(text, published="2025-06-25T10:00:00+03:30")
>>> doc = TimexTagger()(doc.with_layers(sentences=(Span(0, len(text)),)))
>>> [(doc.text[x.start:x.end], x.value, x.jalali) for x in doc.timexes]
[('دوشنبه دوم تیرماه ۱۴۰۴', '2025-06-23', '1404-04-02')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from khabar.document import Document, Timex
from khabar.resources import load_yaml
from khabar.timex.calendar import render_jalali
from khabar.timex.grammar import Frame, parse
from khabar.timex.lexicon import lexicon
from khabar.timex.resolve import Context, Resolved, resolve

#: Atom kinds that make a clock-time part (Hengam's TIM); the others are dates.
_TIME_KINDS = frozenset("KP")


@dataclass(frozen=True, slots=True)
class Found:
    """A resolved expression with the date and time parts of its span.

    ``parts`` splits «ساعت ۲ بامداد امروز» into its clock part and its date
    part, for benchmarks (HengamGold) that annotate them separately.
    """

    timex: Timex
    parts: tuple[tuple[int, int, str], ...]


@lru_cache(maxsize=1)
def _cues() -> re.Pattern[str]:
    data = load_yaml("timex", "tense.yaml")
    fut = "|".join(f"(?:{p})" for p in data["future"])
    past = "|".join(f"(?:{p})" for p in data["past"])
    return re.compile(f"(?P<fut>{fut})|(?P<past>{past})")


_SENT_END = re.compile(r"[.!?؟\n]")


def tense_at(text: str, start: int, end: int) -> int:
    """+1 when the verb governing ``text[start:end]`` is future, else -1.

    The first tense cue after the expression (up to the sentence end) decides,
    else the last one before it in the sentence; with none, past.

    >>> tense_at("وزیر روز سه‌شنبه به مسکو خواهد رفت", 5, 16)
    1
    >>> tense_at("ترامپ روز یکشنبه تهدید کرد که ایران بمباران خواهد شد", 6, 16)
    -1
    """
    stop = _SENT_END.search(text, end)
    after = _cues().search(text, end, stop.start() if stop else len(text))
    if after:
        return 1 if after.lastgroup == "fut" else -1
    begin = max((m.end() for m in _SENT_END.finditer(text, 0, start)), default=0)
    cues = list(_cues().finditer(text, begin, start))
    if cues:
        last = cues[-1]
        return 1 if last.lastgroup == "fut" else -1
    return -1


def _parts(f: Frame) -> tuple[tuple[int, int, str], ...]:
    clock_units = ("ساعت", "دقیقه", "ثانیه", "ربع")
    if "qty" in f.slots:  # durations, sets and shifts go by their unit
        clock = all(u in clock_units for u, _ in f.slots["qty"])
        return ((f.start, f.end, "TIME" if clock else "DATE"),)
    if "vague" in f.slots:
        return ((f.start, f.end, "TIME" if f.slots["vague"]["value"].startswith("PT") else "DATE"),)
    if "unit" in f.slots and not f.is_point():
        return ((f.start, f.end, "TIME" if f.slots["unit"].value in clock_units else "DATE"),)
    atoms = list(f.atoms) + (list(f.until.atoms) if f.until else [])
    atoms.sort(key=lambda a: a.start)
    out: list[list[int | str]] = []
    date_slots = {"day", "month", "year", "wd", "dday", "dyear", "unit", "ymd", "season"}
    clock_only = "clock" in f.slots and not (date_slots & f.slots.keys())
    for a in atoms:
        # a night («شب», «امشب») is a calendar unit in Persian, not a clock reading
        night = a.kind == "P" and a.value["code"] == "TNI" and "clock" not in f.slots
        kind = "TIME" if (a.kind in _TIME_KINDS and not night) or clock_only else "DATE"
        if a.kind == "Z" and out:
            out[-1][1] = a.end
            continue
        if out and out[-1][2] == kind:
            out[-1][1] = a.end
        else:
            out.append([a.start, a.end, kind])
    return tuple((int(s), int(e), str(k)) for s, e, k in out)


_OPEN_PAREN = re.compile(r"\s*[(\[]\s*")


def _in_parens_after(text: str, prev_end: int, start: int) -> bool:
    return _OPEN_PAREN.fullmatch(text, prev_end, start) is not None


def _bare_weekday(f: Frame) -> bool:
    return set(f.slots) <= {"wd", "mod"} and f.until is None


def find(text: str, published: str | None = None) -> list[Found]:
    """All temporal expressions of ``text`` resolved against ``published``."""
    frames = parse(text, lexicon())
    if not frames:
        return []
    out: list[Found] = []
    past = Context.at(published, -1)
    future = Context(past.now, 1)
    prev: Found | None = None
    for f in frames:
        # only a bare weekday needs the tense; finding it costs a regex search
        tense = tense_at(text, f.start, f.end) if "wd" in f.slots else -1
        r = resolve(f, future if tense > 0 else past)
        if prev is not None and _bare_weekday(f) and _in_parens_after(text, prev.timex.end, f.start):
            # «امروز (یکشنبه)»: a weekday glossing the date before it is that date
            pv = prev.timex.value
            if pv and len(pv) >= 10 and pv[4] == "-" and "/" not in pv:
                r = Resolved(r.type, pv[:10], r.calendar, render_jalali(pv[:10]), None)
        end = f.until.end if f.until else f.end
        tx = Timex(f.start, end, r.type, r.value, r.calendar, r.jalali, r.note)
        prev = Found(tx, _parts(f))
        out.append(prev)
    return out


class TimexTagger:
    """Fill ``Document.timexes`` (TIMEX3 type and value, calendar, Jalali rendering).

    Works on normalized text and tolerates missing or spaced ZWNJs, Latin and
    Arabic-Indic digits.  A relative expression in a document without
    ``published`` is kept with ``value=None``; so is a date that does not exist.
    """

    name: ClassVar[str] = "timex"
    requires: ClassVar[tuple[str, ...]] = ("text", "sentences")
    provides: ClassVar[tuple[str, ...]] = ("timexes",)

    def __init__(self) -> None:
        lexicon()  # compile once, up front, so the first document is not slow

    def __call__(self, doc: Document) -> Document:
        # sentence spans are not needed: the tense search stops at sentence punctuation
        found = find(doc.text, doc.published)
        return doc.with_layers(timexes=tuple(f.timex for f in found))
