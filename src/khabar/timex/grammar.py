"""Combine runs of atoms into temporal expressions (*frames*).

Each atom is one letter (its kind, see :data:`khabar.timex.lexicon.KINDS`);
the letters of a text form a *code string* in which ``&`` marks a gap of just
«و», ``^`` a gap of just «به» and ``|`` any other gap (punctuation, other words).  A compiled regular
expression over that string finds the expression patterns; adjacent
compatible expressions then merge (an apposition «امروز سه‌شنبه ۲۸ مه» is one
expression) and a range separator joins two into an interval.  The frame type
lives in :mod:`~khabar.timex.frame`, the rules with their own reading in
:mod:`~khabar.timex.rules`.

>>> [(f.rule, sorted(f.slots)) for f in parse("ساعت ۱۶:۳۰ روز شنبه")]
[('clock+weekday', ['clock', 'wd'])]
"""

from __future__ import annotations

import re
from typing import Any

from khabar.timex.frame import NEXT_WORD, Frame, word_before
from khabar.timex.lexicon import Atom, Lexicon, _key, lexicon, view
from khabar.timex.rules import SPECIAL, join_counts

__all__ = ["Frame", "parse"]

#: Expression patterns over the code string, tried left to right at each position.
_PATTERNS = [
    ("vague", r"VR?"),
    ("clockto", r"(?:K|[NC]U)\^[NC]P?"),
    ("unitby", r"[AUMS]\^[AUMS]"),
    ("holiday", r"A?e(?:S?[NC]E?|Y)?"),
    ("ndate", r"Q"),
    ("clock", r"P?KP?"),
    # a year is no year before a counted relation: «تابستان ۷۷ روز دیگه»
    ("dmy", r"B?A?[NOC]M?[JGH](?:S?[NC](?![AUMS]R)E?|E|Y|S?R)?"),
    ("glued", r"(?:C&)?g"),
    ("nights", r"CP(?:&[NC]?[AUMSP])+"),
    ("qty", r"[XI]?[NC](?:&?[NC])?(?:Z[NC])?(?:[AUMS](?:&[NC]?[AUMS])*R?|[LT])f?"),
    ("per", r"T(?=[NCf])"),
    ("hour", r"[NC](?:&C)?P"),
    ("bare", r"A?[NOC](?=Z)"),
    ("clockend", r"(?<=KZ)[NC](?![PAUMSJGHLTOQ])"),
    # «سومین پنجشنبه ماه», «آخرین روز سال ۱۴۰۳»: the n-th day, week or weekday of a period,
    # with a bare period unit here or the period frame that follows merged in _combine
    ("nth", r"i[AUW](?:[MSU](?![NCEJGHIRYZ]))?"),
    ("dom", r"OM(?:R)?"),
    ("month", r"B?M?[JGH](?:S?[NC](?![AUMS]R)E?|E|Y|S?R|SI)?"),
    ("season", r"B?U?F(?:S?[NC](?![AUMS]R)E?|Y|SR)?"),
    ("century", r"B?U[OCN]E?"),
    ("year", r"B?S[NC](?:Z[NC])?E?|[NC]E"),
    ("weekday", r"B?P?A?WP?R?"),
    ("deictic", r"B?P?DP?"),
    ("dyear", r"B?Y"),
    ("relunit", r"B?I?[AUMS](?:R?E?|ER)"),
    ("partrel", r"PR"),
    ("part", r"B?P"),
    ("set", r"X[AUMSWPDL]f?"),
    ("byear", r"N"),
]
_GRAMMAR = re.compile("|".join(f"(?P<{n}>{p})" for n, p in _PATTERNS))

#: Slots that place an expression on the calendar.
_DATE_SLOTS = frozenset({"day", "month", "year", "wd", "dday", "dyear", "unit", "ymd", "season"})

#: Slots two merged expressions may both carry.
_SHARED = {"part", "mod"}


def _plausible_year(a: Atom, v: str, lex: Lexicon) -> bool:
    """«سال ۹۸» is a year; «سال ۵», «سال چندین», «سال ۵ میلیون …» are not."""
    if a.value is None or a.flag in ("d1", "mult"):
        return False
    nxt = NEXT_WORD.match(v, a.end)
    return not (nxt and _key(nxt.group(1)) in lex.not_year_after)


def _gap(v: str, a: Atom, b: Atom, lex: Lexicon) -> str:
    g = v[a.end : b.start]
    if not g.strip(" \t\n\r\u200c"):
        return "\n" if "\n" in g else ""
    word = g.strip(" \t\u200c")
    if word == "و":
        return "&"
    if word in lex.to_words:
        return "^"
    return "|"




def _frame(rule: str, atoms: list[Atom], lex: Lexicon, v: str) -> Frame | None:
    """Read a matched pattern's atoms into slots; None when it is not a timex."""
    if rule in SPECIAL:
        return SPECIAL[rule](atoms, lex, v)
    if rule in ("dmy", "month", "holiday") and len(atoms) > 1 and atoms[-1].kind == "C":
        # a year in words needs «سال» or four digits' worth: «اربعین نه» («not») is no year
        if atoms[-2].kind != "S" and (atoms[-1].value or 0) < 1000:
            atoms = atoms[:-1]
    if rule == "holiday" and word_before(v, atoms[0].start, lex.weekday_before):
        return None  # «نماز عید فطر» is the prayer, not the day
    if rule == "weekday":
        w = next(a for a in atoms if a.kind == "W")
        nxt = NEXT_WORD.match(v, w.end)
        if word_before(v, atoms[0].start, lex.weekday_before) or (
            nxt and _key(nxt.group(1)) in lex.weekday_after
        ):
            return None  # «نماز جمعه», «دوشنبه بازار»
    if rule == "nights":  # «سه شب و چهار روز»: nights count like days
        if atoms[1].value["code"] != "TNI" or atoms[1].flag:
            return None
        rule = "qty"
    if rule == "qty":
        atoms = join_counts(atoms, v)
    if (rule == "month" and atoms[-1].kind == "R" and atoms[-2].kind in "JGH"
            and atoms[-1].value["count"] == "point"):
        atoms = atoms[:-1]  # «محرم قبل از …», «صفر پیش»: «قبل», «پیش» follow counts, not months
    if atoms[-1].kind == "f" and not (atoms[0].kind == "X"):
        atoms = atoms[:-1]  # «سه سال قبل یک بار»: once, three years ago; the count is no part
    cop = next((i for i, a in enumerate(atoms) if a.flag == "cop"), None)
    if cop is not None and not (rule == "dmy" and cop == len(atoms) - 1 and atoms[cop - 1].kind == "O"):
        return None  # «مهره», «تیره» are words; «سوم تیره» is a date
    s = _slots(rule, atoms)
    if s is None:
        return None
    return _check(rule, atoms, s, lex, v)


def _slots(rule: str, atoms: list[Atom]) -> dict[str, Any] | None:
    """The slots of the generic rules, atom by atom."""
    s: dict[str, Any] = {}
    for a in atoms:
        k = a.kind
        if k == "B":
            s["mod"] = a.value
        elif k == "V":
            s["vague"] = a.value
        elif k == "Q":
            s["ymd"] = a.value
        elif k == "K":
            s["clock"] = a.value
        elif k == "P":
            if rule == "qty":
                s.setdefault("qty", []).append(("شب", a))
            else:
                s["part"] = a.value
        elif k == "D":
            s["dday"] = a.value["offset"]
            if "part" in a.value:
                s["part"] = {"code": a.value["part"], "clock": "night"}
        elif k == "Y":
            s["dyear"] = a.value
        elif k == "W":
            s["wd"] = a.value
            if a.flag == "pl":
                s["every"] = True
        elif k in "JGH":
            s["month"] = a.value
            s["cal"] = {"J": "jalali", "G": "gregorian", "H": "hijri"}[k]
            s["month_flag"] = a.flag
        elif k == "E":
            s["era"] = a.value
        elif k in "NOC":
            if rule in ("dmy", "bare") and "day" not in s:
                s["day"] = a.value
            elif rule == "qty":
                s.setdefault("count", []).append(a)
            else:
                s.setdefault("year", []).append(a)
        elif k in "AUMSLT":
            if rule == "season":
                if a.value != "فصل" and k != "S":
                    return None
                s["has_fasl"] = s.get("has_fasl") or a.value == "فصل"
            elif rule == "qty":
                s.setdefault("qty", []).append((a.value, a))
            elif rule in ("relunit", "set"):
                s["unit"] = a
            elif k == "S" and rule in ("dmy", "month"):
                s["year_unit"] = True  # «مهر سال گذشته»: the relation moves the year
            elif k == "M" and a.flag == "pl":
                return None
        elif k == "R":
            s["dir"] = a.value["dir"]
        elif k == "I" and rule != "qty":  # «این دو هفته» is just the two weeks
            s["this"] = True
        elif k == "X":
            s["every"] = True
        elif k == "F":
            s["season"] = a.value
        elif k == "e":
            s.update(day=a.value["day"], month=a.value["month"], cal=a.value["calendar"])
            if "part" in a.value:
                s["part"] = {"code": a.value["part"], "clock": "night"}
        elif k == "Z":
            s["range"] = True
    return s


def _check(rule: str, atoms: list[Atom], s: dict[str, Any], lex: Lexicon, v: str) -> Frame | None:
    """Rule-level checks on the slots: drop what is no timex, mark what is weak."""
    kinds = "".join(a.kind for a in atoms)
    if rule == "year" and not _plausible_year(s["year"][0], v, lex):
        return None
    if s.get("day") == -1:
        return None  # «آخرین» is no day of a month
    if rule == "bare":
        s["bare"] = True
        s["bare_atom"] = atoms[0]
    if rule == "relunit":
        unit: Atom | None = s.get("unit")
        if unit is None:
            return None
        if unit.flag in ("pl",) and "dir" not in s:
            s["vague_plural"] = unit.value
        elif unit.flag in ("pl", "ezafe") and "dir" in s:
            s["vague_dir"] = s["dir"]  # «ماه‌های گذشته»
        elif "dir" not in s and not s.get("this") and not ("mod" in s and unit.flag == ""):
            return None  # a bare unit is no timex; «اواسط سال میلادی», «بقیه هفته» are
        elif unit.value == "فصل" or (
            unit.value == "روز" and "dir" not in s and s.get("mod") not in lex.day_modifiers
        ):
            return None  # «این فصل» is a sports season; «در این روز» points back in the text
        elif unit.flag in ("ezafe", "adj"):
            return None
    if rule == "month" and "year" not in s and "dyear" not in s and "era" not in s and "dir" not in s:
        if s.get("month_flag") == "amb" and not (
            kinds.startswith(("M", "BM")) or "mod" in s
            or word_before(v, atoms[0].start, lex.month_heads)
            or (kinds[0] == "J" and word_before(v, atoms[0].start, lex.month_preps))
        ):
            s["weak"] = True  # an ambiguous month name alone: only inside a range
    if rule == "season" and not ({"year", "dyear", "dir", "has_fasl", "mod"} & s.keys()):
        s["weak"] = True  # «بهار» alone is also a coin, a name, a government
    if rule == "dmy" and s.get("month_flag") == "amb":
        day = s.get("day")
        if day is None or (day > 31 and (atoms[0].kind == "C" or s.get("cal") == "gregorian")):
            return None  # «صد تیر» is a hundred bullets, «چند می‌…» a verb
    if rule in ("dmy", "month") and word_before(v, atoms[0].start, lex.name_heads):
        return None  # «خیابان ۱۵ خرداد»: a date inside a name
    if rule == "qty" and kinds.startswith("X"):
        s["every"] = True
    elif rule == "qty" and "dir" in s:
        rel = next(a for a in atoms if a.kind == "R")
        if rel.value["count"] != "period":
            s["shift"] = True  # «دو روز پیش» is a point in time; «دو سال گذشته» a duration
    return Frame(rule, atoms, s)


def _merge(a: Frame, b: Frame) -> Frame | None:
    """Apposition: one frame from two adjacent compatible ones, else None."""
    if not (a.is_point() and b.is_point()) or a.until or b.until:
        return None
    if "weak" in a.slots or "weak" in b.slots:
        return None
    if "shift" in a.slots or "shift" in b.slots:
        return None
    sa = {k for k in a.slots if k not in _SHARED}
    sb = {k for k in b.slots if k not in _SHARED}
    clash = sa & sb
    # a unit relation «هفته گذشته» may follow a weekday: «دوشنبه هفته گذشته»
    if clash - {"dir", "this", "unit", "cal", "month_flag"}:
        return None
    if clash & {"dir", "this", "unit"} and not ({"wd", "day"} & (sa | sb)):
        return None
    if "cal" in clash and a.slots["cal"] != b.slots["cal"]:
        return None
    # «۱۴۰۱ هجری شمسی ۲۳ فروردین چهارشنبه»: the parts fill each other's empty slots
    slots = {**b.slots, **a.slots}
    if "part" in a.slots and "part" in b.slots:
        slots["part"] = b.slots["part"]
    rule = a.rule + "+" + b.rule
    return Frame(rule, a.atoms + b.atoms, slots)


def _range(a: Frame, b: Frame) -> Frame | None:
    """«مهر – آبان ۱۴۰۴», «۱۰ تا ۱۵ مهر», «از ساعت ۲ تا ۸»: ``a`` until ``b``."""
    if "clockend" in b.slots and "clock" in a.slots and a.is_point():
        end = Frame(b.rule, b.atoms, {**a.slots, "clock": b.slots["clockend"]})
        return Frame(a.rule + "~" + b.rule, a.atoms + b.atoms, dict(a.slots), until=end)
    if not b.is_point():
        return None
    left = dict(a.slots)
    left.pop("weak", None)
    left.pop("bare", None)
    right = b.slots
    if "bare" in a.slots:
        if "day" in right:
            left = {k: v for k, v in right.items() if k not in ("wd",)}
            left["day"] = a.slots["day"]
        elif "clock" in right:
            h = a.slots["day"]
            left = {**right, "clock": (h, None, None)}
        elif "year" in right and "month" not in right:  # «۱۹۳۴ - ۱۹۵۰ میلادی»
            left = {**right, "year": [a.slots["bare_atom"]]}
        else:
            return None
    elif not a.is_point():
        return None
    elif "clock" in right and "clock" not in left and not (_DATE_SLOTS & right.keys()):
        # «۱۴۰۱/۰۵/۲۲ - ۱۴:۱۲», «پنجشنبه ۲۷ خرداد ۱۳۹۵ - ۱۱:۲۴»: a date stamp, not a range
        return Frame(a.rule + "+" + b.rule, a.atoms + b.atoms, {**left, **right})
    else:
        for k in ("year", "cal", "era", "dyear"):
            if k in right and k not in left and ("month" in left or "day" in left):
                left[k] = right[k]
                if k == "year" and left.get("month", 0) > right.get("month", 13):
                    left["year_back"] = 1  # «۲۵ اسفند تا ۱۵ فروردین ۹۷»: Esfand of 96
        if "clock" in left and "part" in right and "part" not in left:
            left["part"] = right["part"]  # «ساعت سه تا شش عصر»: both hours are pm
        if ("month" in left) != ("month" in right) and "wd" not in left:
            return None
    b2 = Frame(b.rule, b.atoms, {k: v for k, v in right.items() if k != "weak"})
    return Frame(a.rule + "~" + b.rule, a.atoms + b.atoms, left, until=b2)


def parse(text: str, lex: Lexicon | None = None) -> list[Frame]:
    """All temporal expressions of ``text`` as frames, in order."""
    lex = lex or lexicon()
    v = view(text)
    atoms = lex.scan(v)
    if not atoms:
        return []
    code = [atoms[0].kind]
    for a, b in zip(atoms, atoms[1:], strict=False):
        g = _gap(v, a, b, lex)
        code.append(("|" if g == "\n" else g) + b.kind)
    codestr = "".join(code)
    # index of the atom each code-string position belongs to (-1 for gap marks)
    owner: list[int] = []
    for i, c in enumerate(code):
        owner.extend([-1] * (len(c) - 1) + [i])
    frames: list[Frame] = []
    joins: list[str] = []  # what separates frames[i-1] and frames[i]
    last_end = 0
    for m in _GRAMMAR.finditer(codestr):
        rule = m.lastgroup or ""
        idx = [owner[p] for p in range(m.start(), m.end()) if owner[p] >= 0]
        f = _frame(rule, [atoms[i] for i in idx], lex, v)
        if f is None:
            continue
        between = codestr[last_end : m.start()]
        joins.append(between)
        frames.append(f)
        last_end = m.end()
    return _combine(frames, joins)


def _combine(frames: list[Frame], joins: list[str]) -> list[Frame]:
    """Merge appositions (nothing between) and ranges (a separator between); drop leftovers.

    ``joins[i]`` is the code string between ``frames[i-1]`` and ``frames[i]``: empty
    for adjacent words, ``Z`` for a range separator, anything else blocks both.
    """
    out: list[Frame] = []
    outjoin: list[str] = []
    for f, j in zip(frames, joins, strict=True):
        prev = out[-1] if out else None
        if (prev is not None and j == "" and "nth" in prev.slots and "weak" in prev.slots
                and f.until is None and f.is_point() and "nth" not in f.slots
                and _DATE_SLOTS & f.slots.keys() and "wd" not in f.slots):
            # «سومین پنجشنبه» + «ماه رمضان»: the n-th of the period that follows
            out[-1] = Frame(prev.rule + "+" + f.rule, prev.atoms + f.atoms,
                            {**{k: x for k, x in f.slots.items() if k != "weak"},
                             "nth": prev.slots["nth"]})  # «نخستین هفته مهر»: «مهر» is the month
            continue
        if out and j == "" and not outjoin[-1].endswith("Z"):
            merged = _merge(out[-1], f)
            if merged is not None:
                out[-1] = merged
                continue
        if out and j == "Z":
            r = _range(out[-1], f)
            if r is not None:
                out[-1] = r
                outjoin.append("")
                continue
        out.append(f)
        outjoin.append(j)
    return [f for f in out if "weak" not in f.slots and "bare" not in f.slots]
