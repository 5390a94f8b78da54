"""Turn a :class:`~khabar.timex.grammar.Frame` into a TIMEX3 type and value.

Relative expressions resolve against the publication moment in Asia/Tehran;
without it they keep ``value=None``.  Values follow TIMEX3: ``2025-06-23``,
``2025-10`` (a Gregorian month), ``2025`` (a Gregorian year), an interval
``2025-06-14/2025-06-20`` for a Jalali or Hijri month or year and for a week,
``2025-03-18T02:00`` for a clock time, ``2024-11-26TEV`` for a part of day,
``P2D`` for a duration, ``PRESENT_REF`` and friends for vague expressions.

>>> from khabar.timex.grammar import parse
>>> ctx = Context.at("2025-06-25T10:00:00+03:30")
>>> resolve(parse("هفته گذشته")[0], ctx).value
'2025-06-14/2025-06-20'
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from khabar.timex import calendar as C
from khabar.timex.grammar import Frame

log = logging.getLogger(__name__)
TEHRAN = ZoneInfo("Asia/Tehran")

_LETTER = {  # unit word -> (designator, is clock unit, multiplier)
    "روز": ("D", False, 1), "شبانه‌روز": ("D", False, 1), "شبانهروز": ("D", False, 1),
    "شب": ("D", False, 1), "هفته": ("W", False, 1), "ماه": ("M", False, 1),
    "سال": ("Y", False, 1), "دهه": ("Y", False, 10), "قرن": ("Y", False, 100),
    "سده": ("Y", False, 100), "فصل": ("M", False, 3), "ساعت": ("H", True, 1),
    "دقیقه": ("M", True, 1), "ثانیه": ("S", True, 1), "ربع": ("M", True, 15),
}


#: Said of a bare weekday, which is resolved by the tense of its verb.
WEEKDAY_NOTE = {
    False: "bare weekday: the latest one up to publication (past-tense verb)",
    True: "bare weekday: the next one from publication (future-tense verb)",
}


@dataclass(frozen=True)
class Context:
    """The publication moment (Tehran wall clock) and the sentence's tense."""

    now: dt.datetime | None
    tense: int = -1  # -1 past, +1 future

    @classmethod
    def at(cls, published: str | None, tense: int = -1) -> Context:
        if not published:
            return cls(None, tense)
        try:
            t = dt.datetime.fromisoformat(published.replace("Z", "+00:00"))
        except ValueError:
            log.warning("timex: unreadable published date %r; relative dates stay null", published)
            return cls(None, tense)
        t = t.replace(tzinfo=TEHRAN) if t.tzinfo is None else t.astimezone(TEHRAN)
        return cls(t, tense)

    @property
    def today(self) -> dt.date | None:
        return self.now.date() if self.now else None


@dataclass(frozen=True)
class Resolved:
    type: str
    value: str | None
    calendar: str
    jalali: str | None
    note: str | None


@dataclass(frozen=True)
class _TwoDigits:
    """Stands in for a year atom written with two digits."""

    value: int
    flag: str = "d2"


def _num(atoms: list[Any]) -> tuple[int, int] | None:
    """(value, digits) of a year written as one number atom."""
    if not atoms:
        return None
    a = atoms[0]
    if a.value is None:
        return None
    digits = int(a.flag[1:]) if a.flag.startswith("d") else len(str(a.value))
    return int(a.value), digits


def _year(slots: dict[str, Any], cal: str | None, ctx: Context) -> tuple[int, str] | None:
    """(year, calendar) from the year slot; two-digit years complete in context."""
    n = _num(slots.get("year", []))
    if n is None:
        return None
    y, digits = n
    era = slots.get("era")
    cal = era or cal
    if digits <= 2 and y < 100:
        cal = cal or "jalali"
        if cal == "gregorian":
            y += 2000 if y <= 40 else 1900
        elif cal == "hijri":
            y += 1400
        else:
            ref = C.year_of("jalali", ctx.today) if ctx.today else 1404
            y += 1400 if 1400 + y <= ref + 1 else 1300
        return y - slots.get("year_back", 0), cal
    if cal is None:
        if 1200 <= y <= 1500:
            cal = "jalali"
        elif 1600 <= y <= 2200:
            cal = "gregorian"
        else:
            cal = "gregorian"
    return y - slots.get("year_back", 0), cal


def _nearest(cal: str, m: int, d: int | None, ctx: Context, direction: int = 0) -> int | None:
    """The year of ``cal`` that puts month ``m`` (day ``d``) nearest the publication date.

    ``direction`` -1 keeps only occurrences up to publication, +1 only those after.
    """
    if ctx.today is None:
        return None
    y0 = C.year_of(cal, ctx.today)
    best: tuple[int, int] | None = None
    for y in (y0 - 1, y0, y0 + 1):
        g = C.date_in(cal, y, m, d or 1)
        if g is None:
            continue
        if (direction < 0 and g > ctx.today) or (direction > 0 and g <= ctx.today):
            continue
        span = C.month_span(cal, y, m) if d is None and direction < 0 else None
        if span is not None and span[1] >= ctx.today:
            continue  # «تیر گذشته» said in Tir is last year's Tir, not the month under way
        dist = abs((g - ctx.today).days)
        if best is None or dist < best[0]:
            best = (dist, y)
    return best[1] if best else y0


def _weekday(wd: int, ctx: Context) -> dt.date | None:
    """The nearest such weekday in the sentence's tense (the publication day counts)."""
    if ctx.today is None:
        return None
    cur = C.iran_weekday(ctx.today)
    if ctx.tense > 0:
        return ctx.today + dt.timedelta(days=(wd - cur) % 7)
    return ctx.today - dt.timedelta(days=(cur - wd) % 7)


def _relunit(unit: str, n: int, era: str | None, ctx: Context) -> tuple[str | None, str]:
    """Value of «هفته گذشته», «ماه آینده», «امسال» … as (value, granularity)."""
    t = ctx.today
    if t is None:
        return None, unit
    if unit in ("روز", "شب", "شبانهروز"):
        return (t + dt.timedelta(days=n)).isoformat(), "day"
    if unit == "هفته":
        s = C.week_start(t) + dt.timedelta(days=7 * n)
        return C.span(s, s + dt.timedelta(days=6)), "week"
    if unit == "ماه":
        if era == "gregorian":
            y, m = C.shift_month(t.year, t.month, n)
            return f"{y:04d}-{m:02d}", "month"
        y, m = C.shift_month(*C.month_of("jalali", t), n)
        ms = C.month_span("jalali", y, m)
        return (C.span(*ms) if ms else None), "month"
    if unit == "سال":
        if era == "gregorian":
            return f"{t.year + n:04d}", "year"
        cal = era or "jalali"
        ys = C.year_span(cal, C.year_of(cal, t) + n)
        return (C.span(*ys) if ys else None), "year"
    return None, unit


def _duration(slots: dict[str, Any]) -> str:
    """«۲ ساعت و سی و دو دقیقه» → PT2H32M; «چند روز» → PXD."""
    counts = slots.get("count", [])
    units = slots.get("qty", [])
    amounts: dict[tuple[bool, str], float | None] = {}
    for i, (unit, atom) in enumerate(units):
        c = counts[min(i, len(counts) - 1)] if counts else None
        letter, clock, mult = _LETTER.get(unit, ("D", False, 1))
        key = (clock, letter)
        if c is None or c.value is None:
            amounts[key] = None
        elif key not in amounts or amounts[key] is not None:
            q = float(c.value) * mult + (0.5 * mult if "half" in atom.flag else 0)
            amounts[key] = (amounts.get(key) or 0.0) + q

    def fmt(clock: bool) -> str:
        out = ""
        for letter in ("Y", "M", "W", "D") if not clock else ("H", "M", "S"):
            if (clock, letter) in amounts:
                q = amounts[(clock, letter)]
                out += ("X" if q is None else (str(int(q)) if q == int(q) else str(q))) + letter
        return out

    time_part = fmt(True)
    return "P" + fmt(False) + ("T" + time_part if time_part else "")


def _clock(slots: dict[str, Any]) -> str | None:
    h, m, _s = slots.get("clock") or (None, None, None)
    if h is None:
        return None
    part = slots.get("part")
    kind = part.get("clock") if part else None
    if kind == "pm" and 1 <= h < 12:
        h += 12
    elif kind == "night" and 5 <= h < 12:
        h += 12
    elif kind == "night" and h == 12:
        h = 0
    elif kind == "noon" and 1 <= h < 5:
        h += 12
    return f"T{h:02d}:{(m or 0):02d}"


def _date(slots: dict[str, Any], ctx: Context) -> tuple[str | None, str, str | None, str]:
    """(value, calendar, note, granularity) of the date part of a point frame."""
    note = None
    if "ymd" in slots:
        qy, qm, qd = slots["ymd"]
        if qy < 100:  # «۲۷/۳/۶۶»: a two-digit Jalali year
            done = _year({"year": [_TwoDigits(qy)]}, "jalali", ctx)
            qy = done[0] if done else qy
        qcal = "jalali" if 1200 <= qy <= 1500 else "gregorian"
        g = C.date_in(qcal, qy, qm, qd)
        return (g.isoformat() if g else None), qcal, None, "day"
    cal: str | None = slots.get("cal")
    if "month" in slots:
        cal = cal or "gregorian"
        if cal == "hijri":
            note = C.HIJRI_NOTE
        yc = _year(slots, cal, ctx)
        if yc is not None and yc[1] != cal:
            yc = None if slots.get("era") else (yc[0], cal)
        y: int | None = yc[0] if yc else None
        if y is None and ("dyear" in slots or slots.get("year_unit")) and ctx.today:
            y = C.year_of(cal, ctx.today) + slots.get("dyear", slots.get("dir", 0))
        if y is None and "year" not in slots:
            # «۵ مه گذشته» is the last 5 May before publication, «مهر آینده» the next Mehr
            y = _nearest(cal, slots["month"], slots.get("day"), ctx, slots.get("dir", 0))
        if y is None:
            return None, cal, note, "day" if "day" in slots else "month"
        if "day" in slots:
            g = C.date_in(cal, y, slots["month"], slots["day"])
            return (g.isoformat() if g else None), cal, note, "day"
        if cal == "gregorian":
            ok = 1 <= y <= 9999
            return (f"{y:04d}-{slots['month']:02d}" if ok else None), cal, note, "month"
        ms = C.month_span(cal, y, slots["month"])
        return (C.span(*ms) if ms else None), cal, note, "month"
    if "season" in slots:
        return _season(slots, ctx)
    if "dom" in slots:
        if ctx.today is None:
            return None, "jalali", None, "day"
        jy, jm = C.month_of("jalali", ctx.today)
        g = C.jalali_date(jy, jm, slots["day"])
        return (g.isoformat() if g else None), "jalali", None, "day"
    if "century" in slots:
        return _century(slots)
    if "dday" in slots:
        t = ctx.today
        return ((t + dt.timedelta(days=slots["dday"])).isoformat() if t else None), "relative", None, "day"
    if "unit" in slots and ("dir" in slots or slots.get("this") or "mod" in slots):
        unit = slots["unit"].value
        n = slots.get("dir", 0)
        if unit == "هفته" and "wd" in slots and ctx.today:
            s = C.week_start(ctx.today) + dt.timedelta(days=7 * n + slots["wd"])
            return s.isoformat(), "relative", None, "day"
        v, gran = _relunit(unit, n, slots.get("era"), ctx)
        return v, "relative", None, gran
    if "wd" in slots and slots.get("dir") and ctx.today:  # «پنجشنبه گذشته», «شنبه آینده»
        cur, wd = C.iran_weekday(ctx.today), slots["wd"]
        step = -((cur - wd - 1) % 7 + 1) if slots["dir"] < 0 else (wd - cur - 1) % 7 + 1
        return (ctx.today + dt.timedelta(days=step)).isoformat(), "relative", None, "day"
    if "wd" in slots:
        d = _weekday(slots["wd"], ctx)
        note = WEEKDAY_NOTE[ctx.tense > 0] if d else None
        return (d.isoformat() if d else None), "relative", note, "day"
    if "year" in slots:
        yc = _year(slots, cal, ctx)
        if yc is None:
            return None, cal or "jalali", None, "year"
        year, ycal = yc
        years = slots["year"]
        if slots.get("range") and len(years) == 2:  # «سال‌های ۱۳۹۸ تا ۹۹»
            last = _year({**slots, "year": years[1:]}, ycal, ctx)
            end = last[0] if last else year
            if end < year and end < 100:
                end += year - year % 100
            a, b = C.year_span(ycal, year), C.year_span(ycal, end)
            if ycal == "gregorian" and a and b:
                return f"{year:04d}/{end:04d}", ycal, None, "year"
            return (C.span(a[0], b[1]) if a and b else None), ycal, None, "year"
        if ycal == "gregorian":
            return (f"{year:04d}" if 1 <= year <= 9999 else None), ycal, None, "year"
        ys = C.year_span(ycal, year)
        note = C.HIJRI_NOTE if ycal == "hijri" else None
        return (C.span(*ys) if ys else None), ycal, note, "year"
    if "dyear" in slots:
        v, gran = _relunit("سال", slots["dyear"], slots.get("era"), ctx)
        return v, "relative", None, gran
    if "clock" in slots or "part" in slots:
        t = ctx.today
        return (t.isoformat() if t else None), "relative", None, "day"
    return None, cal or "relative", None, "day"


def _season(slots: dict[str, Any], ctx: Context) -> tuple[str | None, str, str | None, str]:
    """«پاییز ۱۴۰۳» → its three Jalali months; «پاییز 2023» → 2023-FA."""
    n, code = slots["season"]
    yc = _year(slots, None, ctx)
    if yc and yc[1] == "gregorian":
        return f"{yc[0]:04d}-{code}", "gregorian", None, "season"
    if yc:
        y: int | None = yc[0]
    elif ctx.today:
        y = C.year_of("jalali", ctx.today) + slots.get("dyear", slots.get("dir", 0))
    else:
        y = None
    if y is None:
        return None, "jalali", None, "season"
    a = C.month_span("jalali", y, 3 * n - 2)
    b = C.month_span("jalali", y, 3 * n)
    return (C.span(a[0], b[1]) if a and b else None), "jalali", None, "season"


def _century(slots: dict[str, Any]) -> tuple[str | None, str, str | None, str]:
    """«قرن بیستم» → 19 (TIMEX3 century); «دهه شصت» → the Jalali 1360s."""
    unit, n, kind, era = slots["century"]
    if n is None:
        return None, era or "jalali", None, "century"
    if unit in ("قرن", "سده"):
        if era in (None, "gregorian"):
            return (f"{n - 1:02d}" if 1 <= n <= 99 else None), "gregorian", None, "century"
        a, b = C.year_span(era, (n - 1) * 100 + 1), C.year_span(era, n * 100)
        return (C.span(a[0], b[1]) if a and b else None), era, None, "century"
    if kind == "O":
        return None, era or "jalali", None, "decade"  # «دهه دوم محرم»: ten days, not years
    cal = era or ("gregorian" if n >= 1900 else "jalali")
    if cal == "gregorian":
        y = n if n >= 100 else 1900 + n
        return (f"{y // 10:03d}" if y % 10 == 0 else None), cal, None, "decade"
    y = n if n >= 100 else 1300 + n
    a, b = C.year_span(cal, y), C.year_span(cal, y + 9)
    return (C.span(a[0], b[1]) if a and b else None), cal, None, "decade"


def _shift(slots: dict[str, Any], ctx: Context) -> tuple[str | None, str]:
    """«دو روز پیش», «سه سال بعد»: a point ``count`` units from publication."""
    unit, _atom = slots["qty"][-1]
    counts = slots.get("count") or []
    n = counts[-1].value if counts else None
    sign = slots.get("dir") or 1
    if n is None:
        return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "vague"
    n = int(n) * sign
    if ctx.now is None:
        return None, unit
    if unit in ("ساعت", "دقیقه", "ثانیه"):
        delta = {"ساعت": dt.timedelta(hours=n), "دقیقه": dt.timedelta(minutes=n),
                 "ثانیه": dt.timedelta(seconds=n)}[unit]
        return (ctx.now + delta).strftime("%Y-%m-%dT%H:%M"), "time"
    if unit in ("دهه", "قرن", "سده", "فصل"):
        return None, unit
    return _relunit(unit, n, None, ctx)


def resolve(f: Frame, ctx: Context) -> Resolved:
    """Type, value, calendar, Jalali rendering and note of one frame."""
    s = f.slots
    if "vague" in s:
        return Resolved(s["vague"]["type"], s["vague"]["value"], "relative", None, None)
    if "vague_plural" in s:
        letter = _LETTER.get(s["vague_plural"], ("D", False, 1))
        return Resolved("DURATION", ("PTX" if letter[1] else "PX") + letter[0], "relative", None, None)
    if "vague_dir" in s:
        return Resolved("DATE", "PAST_REF" if s["vague_dir"] < 0 else "FUTURE_REF", "relative", None, None)
    if s.get("every"):
        return Resolved("SET", _set_value(s), "relative", None, None)
    if "qty" in s and "shift" not in s:
        return Resolved("DURATION", _duration(s), "relative", None, None)
    if "shift" in s:
        v, gran = _shift(s, ctx)
        clock = s["qty"][-1][0] in ("ساعت", "دقیقه", "ثانیه", "ربع")
        typ = "TIME" if clock else "DATE"
        return Resolved(typ, v, "relative", C.render_jalali(v), None)
    value, cal, note, gran = _point(s, ctx)
    if "nth" in s:
        value, gran = _nth(value, *s["nth"]), "nth"
        if value and len(value) == 10 and ("clock" in s or "part" in s):
            value += _clock(s) or s["part"]["code"]  # «سومین پنجشنبه ماه ساعت ۲ شب»
            gran = "day"
    if f.until is not None:
        v2, cal2, note2, _ = _point(f.until.slots, ctx)
        if "nth" in f.until.slots:  # «از هفته پیش تا اولین روز سال»
            v2 = _nth(v2, *f.until.slots["nth"])
        a, b = (value.split("/")[0], v2.split("/")[-1]) if value and v2 else ("", "")
        n = min(len(a), len(b), 10)
        if a and b and b[:n] >= a[:n]:
            value = a + "/" + b
        else:
            value = None  # unresolved, or a range that would end before it starts
        note = note or note2
    typ = "TIME" if ("clock" in s or "part" in s) and gran == "day" else "DATE"
    return Resolved(typ, value, cal, C.render_jalali(value), note)


def _bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of a DATE value: an interval, a Gregorian month or year, a day."""
    try:
        if "/" in value:
            a, _, b = value.partition("/")
            return dt.date.fromisoformat(a[:10]), dt.date.fromisoformat(b[:10])
        if len(value) == 4:
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:7])
            nxt = dt.date(y + m // 12, m % 12 + 1, 1)
            return dt.date(y, m, 1), nxt - dt.timedelta(days=1)
    except ValueError:
        return None
    return None


def _nth(value: str | None, n: int, unit: str, wd: int | None) -> str | None:
    """The ``n``-th (−1: last) day, week or weekday ``wd`` of the period ``value``."""
    b = _bounds(value) if value else None
    if b is None:
        return None
    first, last = b
    if unit == "wd":
        days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        hits = [d for d in days if C.iran_weekday(d) == wd]
        k = n - 1 if n > 0 else len(hits) - 1
        return hits[k].isoformat() if 0 <= k < len(hits) else None
    if unit == "هفته":
        start = first + dt.timedelta(days=7 * (n - 1)) if n > 0 else last - dt.timedelta(days=6)
        end = min(start + dt.timedelta(days=6), last)
        return C.span(start, end) if first <= start <= last else None
    day = first + dt.timedelta(days=n - 1) if n > 0 else last
    return day.isoformat() if first <= day <= last else None


def _point(s: dict[str, Any], ctx: Context) -> tuple[str | None, str, str | None, str]:
    value, cal, note, gran = _date(s, ctx)
    if "wd" in s and "day" in s and value and gran == "day":
        actual = C.iran_weekday(dt.date.fromisoformat(value))
        if actual != s["wd"]:
            note = "weekday does not match the date; the date was kept"
    if value and gran == "day" and ("clock" in s or "part" in s):
        clock = _clock(s)
        if clock is not None:
            value += clock
        elif "part" in s:
            value += s["part"]["code"]  # TIMEX3 writes a part of day as 2024-11-26TEV
    return value, cal, note, gran


def _set_value(s: dict[str, Any]) -> str:
    if "qty" in s:
        return _duration(s)
    if "wd" in s:
        return f"XXXX-WXX-{(s['wd'] + 5) % 7 + 1}"
    if "part" in s:
        return str(s["part"]["code"])  # TIMEX3 writes every night as TNI
    if "dday" in s:
        return "P1D"
    unit = s.get("unit")
    if unit is not None:
        letter, clock, mult = _LETTER.get(unit.value, ("D", False, 1))
        return ("PT" if clock else "P") + str(mult) + letter
    return "P1D"
