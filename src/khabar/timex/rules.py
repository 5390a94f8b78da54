"""Grammar rules read by their own function instead of the generic slot loop.

Each takes the matched atoms, the lexicon and the matching view of the text and
returns a :class:`~khabar.timex.frame.Frame`, or None when the match is no
temporal expression (see :data:`SPECIAL` for which pattern each reads).
"""

from __future__ import annotations

from typing import Any

from khabar.timex.frame import NEXT_WORD, Frame, prev_word, word_before
from khabar.timex.lexicon import Atom, Lexicon, _key


def _hour(atoms: list[Atom], lex: Lexicon, v: str) -> Frame | None:
    """«۱۰ صبح», «۱۱ شب», «۱۱ و نیم شب»; «سه شب» in words is three nights."""
    if len(atoms) == 3:  # «۱۱ و نیم شب»: half past the hour, the only fraction said so
        num, half, part = atoms
        h = num.value
        if half.value != 0.5 or h is None or not 0 <= h <= 12 or part.flag == "pl":
            return None
        return Frame("hour", atoms, {"clock": (int(h), 30, None), "part": part.value})
    num, part = atoms
    if part.value["code"] == "TNI" and num.kind == "C":
        if num.value is None or num.value < 1:
            return None  # «نیم شب» is midnight, not half a night
        return Frame("qty", atoms, {"count": [num], "qty": [("شب", part)]})
    if num.value is None or not 0 <= num.value <= 24 or part.flag == "pl":
        return None
    return Frame("hour", atoms, {"clock": (int(num.value), None, None), "part": part.value})


def _vague(atoms: list[Atom], lex: Lexicon, v: str) -> Frame | None:
    """«هم‌اکنون»; «ساعات» only as «نخستین ساعات», «ساعات آینده» (not «ساعات کاری»).

    An order word next to a broken plural joins the span as an atom of kind ``o``.
    """
    if not atoms[0].value.get("weak"):
        return Frame("vague", atoms[:1], {"vague": atoms[0].value})
    if len(atoms) == 2:
        d = atoms[1].value["dir"]
        return Frame("vague", atoms, {"vague_dir": d}) if d else None
    # the order word belongs to the phrase: «نخستین ساعات», «دقایق پایانی»
    prev = prev_word(v, atoms[0].start)
    if prev and _key(prev.group(1)) in lex.order_words:
        start = atoms[0].start - len(prev.group(0))
        order = Atom(start, start + len(prev.group(1)), "o")
        return Frame("vague", [order, *atoms], {"vague": atoms[0].value})
    nxt = NEXT_WORD.match(v, atoms[0].end)
    if nxt and _key(nxt.group(1)) in lex.order_words:
        order = Atom(nxt.start(1), nxt.end(1), "o")
        return Frame("vague", [*atoms, order], {"vague": atoms[0].value})
    return None


def _per(atoms: list[Atom], lex: Lexicon, v: str) -> Frame | None:
    """«روزی سه ساعت», «سالی دو بار»: once per unit."""
    return Frame("set", atoms, {"every": True, "unit": atoms[0]})


def _partrel(atoms: list[Atom], lex: Lexicon, v: str) -> Frame | None:
    """«شب گذشته» is last night."""
    part, rel = atoms
    if part.value["code"] != "TNI" or part.flag or rel.value["dir"] == 0:
        return None
    return Frame("partrel", atoms, {"dday": rel.value["dir"], "part": part.value})


def _part(atoms: list[Atom], lex: Lexicon, v: str) -> Frame | None:
    """«در شب», «تا بامداد», «آخر شب», «شب را»: a part of day alone, after a preposition
    or modifier, or as the object of the verb («شب را آنجا ماند»)."""
    p = atoms[-1]
    if p.flag or _key(v[p.start : p.end]) == "عصر":  # «عصر» is also an era
        return None
    if len(atoms) == 2:
        return Frame("part", atoms, {"part": p.value, "mod": atoms[0].value})
    nxt = NEXT_WORD.match(v, p.end)
    if word_before(v, p.start, lex.weekday_before):
        return None  # «نماز صبح را …» is the prayer
    if word_before(v, p.start, lex.daypart_preps) or (
        nxt and _key(nxt.group(1)) in lex.daypart_objects
    ):
        return Frame("part", atoms, {"part": p.value})
    return None


def _byear(atoms: list[Atom], lex: Lexicon, v: str) -> Frame | None:
    """«در ۲۰۱۸», «تا ۱۴۰۲», «متولد ۸۲»: a bare year after a preposition or a head."""
    a = atoms[0]
    if word_before(v, a.start, lex.year_heads):
        ok = a.flag in ("d2", "d4")
    else:
        ok = word_before(v, a.start, lex.year_preps) and a.flag == "d4"
    if not ok or not (a.flag == "d2" or 1300 <= a.value <= 1499 or 1900 <= a.value <= 2099):
        return None
    return Frame("year", atoms, {"year": [a]})


def _clockend(atoms: list[Atom], lex: Lexicon, v: str) -> Frame | None:
    """«از ساعت ۱۰ تا ۲۱»: the bare hour that closes a clock range."""
    a = atoms[0]
    if a.value is None or not 0 <= a.value <= 24:
        return None
    return Frame("clockend", atoms, {"bare": True, "clockend": (int(a.value), None, None)})


def _dom(atoms: list[Atom], lex: Lexicon, v: str) -> Frame | None:
    """«۱۴ام ماه», «پانزدهم ماه جاری»: a day of the current Jalali month.

    (An «-ین» ordinal, kind ``i``, counts months instead: «دومین ماه متوالی» is no day.)
    """
    return Frame("dom", atoms, {"day": atoms[0].value, "dom": atoms[1].value})


def _century(atoms: list[Atom], lex: Lexicon, v: str) -> Frame | None:
    """«قرن بیستم», «دهه شصت», «قرن هشتم هجری شمسی»."""
    unit = next(a for a in atoms if a.kind == "U")
    num = next(a for a in atoms if a.kind in "OCN")
    if unit.value not in ("دهه", "قرن", "سده"):
        return None
    era = next((a.value for a in atoms if a.kind == "E"), None)
    return Frame("century", atoms, {"century": (unit.value, num.value, num.kind, era)})


def _clockto(atoms: list[Atom], lex: Lexicon, v: str) -> Frame | None:
    """«ساعت ۳ دقیقه به ۴ عصر», «ده دقیقه به هشت»: minutes before the hour."""
    first, hour = atoms[0], atoms[-2] if atoms[-1].kind == "P" else atoms[-1]
    if first.kind == "K":  # «ساعت ۳ دقیقه»: the number counts minutes here
        h, mi, _s = first.value
        if h is None or mi is not None or not v[first.start : first.end].endswith("دقیقه"):
            return None
        minutes = h
    else:
        if atoms[1].value != "دقیقه" or atoms[1].flag or first.value is None:
            return None
        minutes = first.value
    if hour.value is None or not 1 <= hour.value <= 24 or not 0 < minutes < 60:
        return None
    slots: dict[str, Any] = {"clock": (int(hour.value) - 1, int(60 - minutes), None)}
    if atoms[-1].kind == "P":
        if atoms[-1].flag == "pl":
            return None
        slots["part"] = atoms[-1].value
    return Frame("clock", atoms, slots)


def _glued(atoms: list[Atom], lex: Lexicon, v: str) -> Frame | None:
    """«دوهفتگی», «دوساله»: a count and an adjectival unit in one word (a duration)."""
    a = atoms[-1]
    count, unit = a.value
    if len(atoms) == 2:  # «بیست و پنجساله»
        if atoms[0].value is None or atoms[0].value % 10 or count > 9:
            return None
        count += atoms[0].value
    if count < 1:
        return None
    return Frame("qty", atoms, {"count": [Atom(atoms[0].start, a.end, "C", count)], "qty": [(unit, a)]})


def _unitby(atoms: list[Atom], lex: Lexicon, v: str) -> Frame | None:
    """«روز به روز», «دقیقه به دقیقه»: every unit, one after the other (a SET)."""
    a, b = atoms
    if a.value != b.value or a.flag or b.flag:
        return None
    return Frame("set", atoms, {"every": True, "unit": a})


def join_counts(atoms: list[Atom], v: str) -> list[Atom]:
    """Two counts joined by «و» are one: «سه و نیم» 3.5, «هزار و ۲۰۰» 1200, «سی و چند» and
    «چندین و چند» vague; a rising pair «۱۱ و ۱۲» keeps the last."""
    out: list[Atom] = []
    for a in atoms:
        p = out[-1] if out else None
        if (p is not None and p.kind in "NC" and a.kind in "NC"
                and v[p.end : a.start].strip(" \u200c") == "و"):
            if p.value is None or a.value is None:
                value = None
            else:
                value = p.value + a.value if a.value < p.value else a.value
            out[-1] = Atom(p.start, a.end, "C", value)
        else:
            out.append(a)
    return out


def _nth(atoms: list[Atom], lex: Lexicon, v: str) -> Frame | None:
    """«سومین پنجشنبه ماه», «نخستین روز هفته», «آخرین روز سال ۱۴۰۳» (ordinal -1 is last)."""
    o, what = atoms[0], atoms[1]
    if not (o.value >= 1 or o.value == -1):
        return None
    if what.flag or (what.kind == "U" and what.value != "هفته"):
        return None
    unit = "wd" if what.kind == "W" else what.value
    slots: dict[str, Any] = {"nth": (o.value, unit, what.value if what.kind == "W" else None)}
    if len(atoms) == 3:
        period = atoms[2]
        if period.flag or period.value not in ("هفته", "ماه", "سال"):
            return None
        slots["unit"] = period
        slots["this"] = True
    else:
        slots["weak"] = True  # only with the period that follows: «… ماه رمضان»
    return Frame("nth", atoms, slots)


#: Rules read by their own function instead of the slot loop of the grammar.
SPECIAL = {
    "hour": _hour, "vague": _vague, "per": _per, "partrel": _partrel, "part": _part,
    "byear": _byear, "dom": _dom, "century": _century, "clockend": _clockend,
    "clockto": _clockto, "unitby": _unitby, "glued": _glued, "nth": _nth,
}
