"""Temporal words as one compiled regular expression of *atoms*.

The data lives in ``resources/timex/*.yaml``; this module turns it into a
single alternation whose named groups say which kind of atom matched (a
weekday, a month, a number, a clock time …).  The grammar in
:mod:`khabar.timex.grammar` then combines runs of adjacent atoms into
expressions.

Matching runs on a *view* of the text of the same length in which Persian and
Arabic-Indic digits are ASCII and Arabic ي/ك are Persian ی/ک, so offsets are
the text's own.  Inside a word, a ZWNJ may be missing or a space («سه‌شنبه»,
«سه شنبه», «سهشنبه»).

>>> lex = lexicon()
>>> [(a.kind, a.value) for a in lex.scan(view("دوشنبه دوم تیرماه ۱۴۰۴"))]
[('W', 2), ('O', 2), ('J', 4), ('N', 1404)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from khabar.resources import load_yaml
from khabar.timex.scanner import DIGITS, Branch, Group, Scanner, lookahead, starts

#: Same-length character map: digits to ASCII, Arabic letters to Persian.
_VIEW = str.maketrans(
    {
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(0x0660 + i): str(i) for i in range(10)},
        "\u064a": "ی",
        "\u0649": "ی",
        "\u0643": "ک",
        "\u00a0": " ",
        "\u00ad": "\u200c",  # a soft hyphen stands in for a ZWNJ in crawled text («پنج­شنبه»)
        "\u200d": "\u200c",
        "\u202f": " ",
        "\u0625": "ا",
        "\u0623": "ا",
    }
)

_J = r"[\u200c ]?"  # inside a word: ZWNJ, a space, or nothing
_SP = r"[\s\u200c]+"  # between words
# A word starts here.  A ZWNJ before is allowed: crawled text glues words with
# it («سال‌جاری»), and the longest-first alternation still reads «سه‌شنبه» whole.
_L = r"(?<![\w])"
_R = r"(?![\w])"  # a word ends here


# ``str.translate`` looks every character of a Persian text up in the table;
# translating only the runs that change is ten times faster.
_VIEW_RUNS = re.compile("[" + "".join(re.escape(chr(c)) for c in _VIEW) + "]+")


def _translate_run(m: re.Match[str]) -> str:
    return m.group().translate(_VIEW)


def view(text: str) -> str:
    """The same-length matching view of ``text`` (digits ASCII, ی/ک Persian).

    >>> view("۱۴۰۴ يك")
    '1404 یک'
    """
    return _VIEW_RUNS.sub(_translate_run, text)


def _units(word: str) -> list[str]:
    """A lexicon entry as a list of regex pieces, one per character.

    A ZWNJ or space inside may be either or absent; «ه.ق.» may be spaced «ه . ق .».
    """
    word = word.translate(_VIEW)
    out: list[str] = []
    after_dot = False
    for ch in word:
        if ch in "\u200c ":
            out.append(_J)
        elif ch == ".":
            out.append(r"\s?\.")
        else:
            out.append((r"\s?" if after_dot else "") + re.escape(ch))
        after_dot = ch == "."
    return out


def phrase(word: str) -> str:
    """Regex for one lexicon entry.

    >>> bool(re.fullmatch(phrase("سه‌شنبه"), "سه شنبه"))
    True
    """
    return "".join(_units(word))


def alternation(words: Any) -> str:
    """One regex for many phrases, factored as a trie.

    Python's ``re`` tries the branches of an alternation one by one; sharing
    prefixes makes the big word lists cheap.  A longer phrase is tried before
    its prefix («سه‌شنبه» before «سه»), as greedy optional groups do.

    >>> re.match(alternation(["سه", "سه‌شنبه"]), "سه شنبه").group()
    'سه شنبه'
    """
    trie: dict[str, Any] = {}
    for w in {w for w in words}:
        node = trie
        for u in _units(w):
            node = node.setdefault(u, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [u + emit(child) for u, child in sorted(node.items()) if u]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body if len(branches) == 1 else body

    return "(?:" + emit(trie) + ")"


_KEY = str.maketrans({**{chr(c): v for c, v in _VIEW.items()}, " ": None, "\u200c": None,
                      ".": None, "\u0654": None, "\t": None, "\n": None})


@lru_cache(maxsize=8192)  # the same few hundred words, over and over
def _key(text: str) -> str:
    """Lookup key of a matched word: no ZWNJ, no spaces, no dots."""
    return text.translate(_KEY)


@dataclass(frozen=True, slots=True)
class Atom:
    """One matched temporal word: ``kind`` is a one-letter code (see ``KINDS``)."""

    start: int
    end: int
    kind: str
    value: Any = None
    flag: str = ""


#: Atom kinds.  Order matters: the alternation tries them left to right.
KINDS = {
    "V": "vague word (هم‌اکنون, ساعاتی)",
    "Q": "numeric date (۱۴۰۴/۰۴/۰۲, 2025-06-23)",
    "K": "clock time (ساعت ۱۸:۳۰, ساعت ده و نیم)",
    "D": "deictic day (امروز, دیشب)",
    "Y": "deictic year (امسال, پارسال)",
    "W": "weekday",
    "J": "Jalali month", "G": "Gregorian month", "H": "Hijri month",
    "E": "era marker (ه.ش., میلادی)",
    "O": "ordinal (دوم, بیست و پنجم, ۱۵ام)",
    "i": "«-ین» ordinal (دومین, نخستین, آخرین)",
    "C": "number in words",
    "N": "number in digits",
    "P": "part of day",
    "A": "the unit روز", "M": "the unit ماه", "S": "the unit سال", "U": "another unit",
    "R": "relation (گذشته, آینده, پیش, جاری)",
    "I": "demonstrative (این, همین)",
    "X": "every (هر)",
    "Z": "range separator (تا, –)",
    "B": "period modifier (اوایل, پایان)",
    "F": "season (بهار, پاییز)",
    "e": "named day (نوروز, عید فطر, شب یلدا)",
    "L": "adjectival unit (روزه, ساله)",
    "T": "per-unit word (روزی, هفته‌ای)",
    "f": "count of times (یک بار, یکبار)",
    "g": "count glued to an adjectival unit (دوهفتگی, دوساله)",
}


class Lexicon:
    """The compiled atom regex and the tables to read matched atoms."""

    def __init__(self) -> None:
        cal = load_yaml("timex", "calendars.yaml")
        num = load_yaml("timex", "numbers.yaml")
        rel = load_yaml("timex", "relative.yaml")
        dp = load_yaml("timex", "dayparts.yaml")

        self.months: dict[str, dict[str, tuple[int, bool]]] = {}
        for code, key in (("J", "jalali"), ("G", "gregorian"), ("H", "hijri")):
            self.months[code] = {
                _key(n): (m["month"], bool(m.get("ambiguous"))) for m in cal[key] for n in m["names"]
            }
        self.eras = {_key(v): c for c, vs in cal["eras"].items() for v in vs}
        self.weekdays = {_key(n): w["day"] for w in cal["weekdays"] for n in w["names"]}
        self.numwords: dict[str, int] = {}
        for part in ("units", "teens", "tens", "hundreds"):
            self.numwords.update({_key(k): int(v) for k, v in num[part].items()})
        self.numwords.update({_key(k): 1000 for k in num["thousand"]})
        self.ordinals = {_key(k): int(v) for k, v in num["ordinals"].items()}
        self.fractions = {_key(k): float(v) for k, v in num["fractions"].items()}
        self.deictic_days = {_key(k): v for k, v in rel["deictic_days"].items()}
        self.deictic_years = {_key(k): int(v) for k, v in rel["deictic_years"].items()}
        self.units = {_key(k): v for k, v in rel["units"].items()}
        self.relations = {_key(k): v for k, v in rel["relations"].items()}
        self.demonstratives = {_key(k) for k in rel["demonstratives"]}
        self.vague = {_key(k): v for k, v in rel["vague"].items()}
        self.vague.update(
            {_key(k): {"type": "DURATION", "value": v, "weak": True}
             for k, v in rel["vague_plurals"].items()}
        )
        self.order_words = {_key(k) for k in rel["order_words"]}
        self.modifiers = {_key(k) for k in rel["modifiers"] + rel["day_modifiers"]}
        self.day_modifiers = {_key(k) for k in rel["day_modifiers"]}
        self.month_preps = {_key(k) for k in rel["month_prepositions"]}
        self.name_heads = {_key(k) for k in rel["name_heads"]}
        self.weekday_before = {_key(k) for k in rel["weekday_name_before"]}
        self.weekday_after = {_key(k) for k in rel["weekday_name_after"]}
        self.year_preps = {_key(k) for k in rel["year_prepositions"]}
        self.year_heads = {_key(k) for k in rel["year_heads"]}
        self.month_heads = {_key(k) for k in rel["month_heads"]}
        self.not_year_after = {_key(k) for k in rel["not_year_after"]}
        self.daypart_preps = {_key(k) for k in rel["daypart_prepositions"]}
        self.daypart_objects = {_key(k) for k in rel["daypart_objects"]}
        self.to_words = {_key(k) for k in rel["to_words"]}
        self.seasons = {_key(n): (x["season"], x["code"]) for x in cal["seasons"] for n in x["names"]}
        self.dayparts = {_key(k): v for k, v in dp["dayparts"].items()}
        hol = load_yaml("timex", "holidays.yaml")["holidays"]
        self.holidays = {_key(n): h for h in hol for n in h["names"]}

        units99 = alternation(num["units"])
        teens = alternation(num["teens"])
        tens = alternation(num["tens"])
        hund = alternation(num["hundreds"])
        and_ = r"[\s\u200c]*و[\s\u200c]*"
        c99 = rf"(?:{tens}(?:{and_}{units99})?|{teens}|{units99})"
        c999 = rf"(?:{hund}(?:{and_}{c99})?|{c99})"
        card = rf"(?:(?:{c999}[\s\u200c]*)?هزار(?:{and_}{c999})?|{c999})"  # «یکهزار» too
        ordbase = alternation(num["ordinals"])
        # «آخرین» (last) reads as ordinal -1: «آخرین روز سال»
        ordw = rf"(?:(?:{tens}{and_})?{ordbase}(?:ین)?|نخستین|اولین|آخرین)"
        ordn = r"[0-9]{1,2}[\u200c ]?(?:ام|اُم|ُم)"
        frac = alternation(num["fractions"])
        freq = alternation(rel["frequency"])

        months = {
            code: alternation(list(table_words(cal, key)))
            for code, key in (("J", "jalali"), ("G", "gregorian"), ("H", "hijri"))
        }
        mah = rf"(?:{_J}ماه)?"
        ezafe1 = r"(?:\u0654|[\u200c ]?ی(?![\w]))"  # «ژانویهٔ», «جمعه‌ی», «هفته ی»
        ezafe = ezafe1 + "?"
        weekday = alternation([n for w in cal["weekdays"] for n in w["names"]] + ["سه شنبه"])
        plural = r"(?P<{}>[\u200c ]?ها(?:ی(?:ی)?)?)?"
        unit_words = alternation(rel["units"])
        hour = rf"(?:[0-9]{{1,2}}|{c99})"
        minute = rf"(?:[0-9]{{1,2}}|{c99})"
        clock_head = rf"(?:{alternation(dp['clock_prefixes'])}\s+)?{alternation(dp['clock_heads'])}"
        hhmm = r"[0-9]{1,2}\s*:\s*[0-9]{2}(?:\s*:\s*[0-9]{2})?"
        clock = (
            rf"(?P<K1>{clock_head}\s+(?:{hhmm}|{hour}"
            rf"(?:{and_}(?:{frac}|{minute}(?:\s+دقیقه)?(?:{and_}{minute}\s+ثانیه)?))?"
            rf"(?:\s+دقیقه)?)(?![\w]))"  # «ساعت دوهفتگی» is no «ساعت دو»
            rf"|(?P<K2>(?<![0-9/:.]){hhmm}(?![0-9/:]))"
        )
        sep = r"\s*[/\-.]\s*"
        ndate = (
            rf"(?P<Q1>(?<![0-9/])[0-9]{{4}}(?P<s1>{sep})[0-9]{{1,2}}(?P=s1)[0-9]{{1,2}}(?![0-9/]))"
            rf"|(?P<Q2>(?<![0-9/])[0-9]{{1,2}}(?P<s2>{sep})[0-9]{{1,2}}(?P=s2)[0-9]{{4}}(?![0-9/]))"
            # «۲۷/۳/۶۶»: two-digit year, slashes only (a «-» or «.» is too often a range or a number)
            rf"|(?P<Q3>(?<![0-9/])[0-9]{{1,2}}/[0-9]{{1,2}}/[0-9]{{2}}(?![0-9/]))"
        )
        # Word-like atoms share one «a word starts here» check; each lists the words it
        # can start with, so that at a word start only the atoms that fit its first three
        # letters are tried (see :mod:`khabar.timex.scanner`).
        eras = [v for vs in cal["eras"].values() for v in vs]
        ords = [*num["ordinals"], *num["tens"], "نخستین", "اولین", "آخرین"]
        cards = [*num["units"], *num["teens"], *num["tens"], *num["hundreds"], *num["thousand"]]
        words = [
            (rf"(?P<V>{alternation([*rel['vague'], *rel['vague_plurals']])}{_R})",
             [*rel["vague"], *rel["vague_plurals"]]),
            (rf"(?P<e>{alternation(n for h in hol for n in h['names'])}{_R})",
             [n for h in hol for n in h["names"]]),
            (clock, [*dp["clock_prefixes"], *dp["clock_heads"], *"0123456789"]),
            (rf"(?P<D>{alternation(rel['deictic_days'])}{_R})", rel["deictic_days"]),
            (rf"(?P<Y>{alternation(rel['deictic_years'])}{_R})", rel["deictic_years"]),
            (rf"(?P<W>{weekday}(?:{ezafe1}|{plural.format('plW')}){_R})",
             [*table_words(cal, "weekdays"), "سه شنبه"]),
            # colloquial «سوم تیره» («it is the 3rd of Tir»): kept only after an ordinal day
            (rf"(?P<J>{months['J']}(?:{mah}{ezafe}|(?P<jcop>ه)){_R})", table_words(cal, "jalali")),
            (rf"(?P<G>{months['G']}{mah}{ezafe}{_R})", table_words(cal, "gregorian")),
            (rf"(?P<H>{months['H']}{ezafe}{_R})", table_words(cal, "hijri")),
            (rf"(?P<E>{alternation(eras)}(?!\w))", eras),
            (rf"(?P<O>(?:{ordw}|{ordn}){_R})", [*ords, *"0123456789"]),
            # a number in words, or one count of times («یک بار», «یکبار») or one glued to an
            # adjectival unit («دوهفتگی», «دوساله»; «هفته» + «گی» is «هفتگی»), in one pass
            (rf"(?P<C>{card}(?:[\u200c ]?(?P<times>{freq})"
             rf"|(?P<gunit>{unit_words}|هفت(?=گی))(?:ه|گی))?{_R})", cards),
            (rf"(?P<c>{alternation(num['vague_counts'])}{_R})", num["vague_counts"]),
            (rf"(?P<P>(?:{alternation(dp['dayparts'])}){plural.format('plP')}(?!\w))", dp["dayparts"]),
            (rf"(?P<F>{alternation(n for x in cal['seasons'] for n in x['names'])}{_R})",
             table_words(cal, "seasons")),
            (rf"(?P<h>نیم{_R})", ["نیم"]),
            (rf"(?P<U>{unit_words}(?P<usuf>ه(?![\w])|گی|ی(?![\w])|[\u200c ]?ای)?{plural.format('plU')}"
             rf"(?P<half>{and_}نیمه?)?(?:[\u200c ]ی(?![\w]))?{_R})", rel["units"]),
            (rf"(?P<R>{alternation(rel['relations'])}{_R})", rel["relations"]),
            (rf"(?P<I>{alternation(rel['demonstratives'])}{_R})", rel["demonstratives"]),
            (rf"(?P<X>{alternation(rel['every'])}{_R})", rel["every"]),
            (r"(?P<Zw>(?<=\s)(?:تا|الی|لغایت)(?=\s))", ["تا", "الی", "لغایت"]),
            (rf"(?P<B>{alternation(rel['modifiers'] + rel['day_modifiers'])}{_R})",
             [*rel["modifiers"], *rel["day_modifiers"]]),
        ]
        branches = [Branch(pattern, starts(w.translate(_VIEW) for w in ws)) for pattern, ws in words]
        lead = lookahead(DIGITS.union(*(b.starts for b in branches)))
        number = (
            r"(?P<N>(?<![0-9/:.,٫])[0-9]{1,5}(?![0-9/:]|[.,٫][0-9])(?P<mult>\s+(?:هزار|میلیون))?"
            rf"(?P<ntimes>[\u200c ]?{freq}{_R})?)"
        )
        dash = r"(?P<Z>[–—−]|(?<=\s)-(?=\s))"
        self.scanner = Scanner(
            # No atom starts inside a word except at a digit: reject those positions first.
            r"(?:(?<![\w])|(?=[0-9\-–—−]))",
            [
                Group("", [Branch(ndate, DIGITS)]),
                Group(_L, branches),
                Group("", [Branch(number, DIGITS)]),
                Group("", [Branch(dash, frozenset("-–—−"))]),
            ],
            candidates=rf"{_L}{lead}|(?=[0-9\-–—−])",
        )
        self._card_word = re.compile(alternation(list(num["units"]) + list(num["teens"])
                                                 + list(num["tens"]) + list(num["hundreds"])
                                                 + list(num["thousand"])))
        self._ord_word = re.compile(ordbase)
        self._tens_word = re.compile(tens)
        self._unit_word = re.compile(unit_words)
        self._month = {c: re.compile(months[c]) for c in months}
        self._frac = re.compile(frac)

    # -- reading matched atoms ------------------------------------------
    def cardinal(self, text: str) -> int:
        """Value of a number in words.

        >>> lexicon().cardinal("هزار و چهارصد و چهار")
        1404
        >>> lexicon().cardinal("دو هزار و بیست و دو")
        2022
        """
        total = cur = 0
        for w in self._card_word.findall(text):
            v = self.numwords[_key(w)]
            if v == 1000:
                total += max(cur, 1) * 1000
                cur = 0
            else:
                cur += v
        return total + cur

    def ordinal(self, text: str) -> int:
        """Value of an ordinal: «بیست و پنجم» 25, «۱۵ام» 15, «نخستین» 1."""
        digits = re.match(r"[0-9]+", text)
        if digits:
            return int(digits.group())
        if text.startswith(("نخست", "اولین")):
            return 1
        if text.startswith("آخرین"):
            return -1
        total = 0
        m = self._tens_word.match(text)
        if m and _key(m.group()) in self.numwords and not self._ord_word.match(text):
            total = self.numwords[_key(m.group())]
        found = self._ord_word.findall(text)
        return total + (self.ordinals[_key(found[-1])] if found else 0)

    def number(self, text: str) -> int | None:
        """An hour/minute written in digits or words."""
        if re.fullmatch(r"[0-9]+", text):
            return int(text)
        return self.cardinal(text) if self._card_word.search(text) else None

    def scan(self, v: str) -> list[Atom]:
        """All atoms in a view string, left to right, non-overlapping."""
        out: list[Atom] = []
        for m in self.scanner.finditer(v):
            atom = self._atom(m)
            if atom is not None:
                out.append(atom)
        return out

    def _atom(self, m: re.Match[str]) -> Atom | None:
        kind = m.lastgroup or ""
        # lastgroup is the last *closed* group; map sub-groups to their atom kind
        # (a scanner regex has only the groups of the branches it tries)
        groups = m.groupdict()
        for k in ("Q1", "Q2", "Q3", "K1", "K2", "W", "J", "C", "N", "U", "P", "Zw"):
            if groups.get(k) is not None:
                kind = k
                break
        s, e, t = m.start(), m.end(), m.group()
        if kind in ("Z", "Zw"):
            return Atom(s, e, "Z", t)
        if kind in ("Q1", "Q2", "Q3"):
            nums = [int(x) for x in re.findall(r"[0-9]+", t)]
            ymd = tuple(nums) if kind == "Q1" else (nums[2], nums[1], nums[0])
            if kind == "Q3" and not (1 <= ymd[1] <= 12 and 1 <= ymd[2] <= 31):
                return None  # «۱/۲/۳۰» is no date
            return Atom(s, e, "Q", ymd, "y2" if kind == "Q3" else "")
        if kind in ("K1", "K2"):
            return Atom(s, e, "K", self._clock(t))
        k = _key(t)
        if kind == "V":
            return Atom(s, e, "V", self.vague[k])
        if kind == "D":
            return Atom(s, e, "D", self.deictic_days[k])
        if kind == "Y":
            return Atom(s, e, "Y", self.deictic_years[k])
        if kind == "W":
            pl = m.group("plW")
            core = k[: len(k) - len(_key(pl))] if pl else k
            if core not in self.weekdays:  # «جمعه‌ی آینده»: drop the ezafe
                core = core[:-1]
            return Atom(s, e, "W", self.weekdays[core], "pl" if pl else "")
        if kind in ("J", "G", "H"):
            name = self._month[kind].match(t)
            assert name is not None  # the group matched this very pattern
            month, ambiguous = self.months[kind][_key(name.group())]
            if kind == "G" and ambiguous and re.match("\u200c\\w", m.string[e : e + 2]):
                return None  # «یازدهم می‌افتد»: «می‌» is a verb prefix
            if kind == "J" and m.group("jcop"):
                return Atom(s, e, kind, month, "cop")
            has_mah = "ماه" in t  # «تیرماه», «ماه مبارک رمضان»
            return Atom(s, e, kind, month, "mah" if has_mah else ("amb" if ambiguous else ""))
        if kind == "E":
            return Atom(s, e, "E", self.eras[k])
        if kind == "O":
            # «دومین», «آخرین» count things («دومین روز متوالی»): never a day of a month
            return Atom(s, e, "i" if k.endswith("ین") else "O", self.ordinal(t))
        if kind == "C":
            if m.group("times"):
                return Atom(s, e, "f", None)
            if m.group("gunit"):
                unit = {"هفت": "هفته"}.get(_key(m.group("gunit")), _key(m.group("gunit")))
                count = self.cardinal(t[: m.start("gunit") - s])
                # a glued hundreds word is rare and often an anniversary («یکصدسالگی»)
                return Atom(s, e, "g", (count, unit)) if count < 100 else None
            return Atom(s, e, "C", self.cardinal(t))
        if kind == "e":
            return Atom(s, e, "e", self.holidays[k])
        if kind == "h":  # «نیم ساعت»
            return Atom(s, e, "C", 0.5)
        if kind == "F":
            return Atom(s, e, "F", self.seasons[k])
        if kind == "c":  # «چند»: a count of unknown size
            return Atom(s, e, "C", None, "vague")
        if kind == "N":
            if m.group("ntimes"):  # «۲ بار»
                return Atom(s, e, "f", None)
            if m.group("mult"):  # «۲۹ هزار ساعت» is 29,000, not 29
                n = int(re.match(r"[0-9]+", t).group())  # type: ignore[union-attr]
                return Atom(s, e, "N", n * (1000 if "هزار" in t else 1_000_000), "mult")
            return Atom(s, e, "N", int(t), f"d{len(t)}")
        if kind == "P":
            pl = m.group("plP")
            core = k[: len(k) - len(_key(pl))] if pl else k
            return Atom(s, e, "P", self.dayparts[core], "pl" if pl else "")
        if kind == "U":
            u = self._unit_word.match(t)
            assert u is not None
            unit = _key(u.group())
            flag = "pl" if m.group("plU") else ""
            if m.group("usuf"):
                suffix = _key(m.group("usuf"))
                if unit == "ماه" and suffix == "ی":
                    return None  # «ماهی» is a fish
                # «دو روزه» (adjective) and «روزی»/«هفته‌ای» (per unit) are their own kinds
                return Atom(s, e, "L" if suffix in ("ه", "گی") else "T", unit, suffix)
            if m.group("half"):
                flag += "half"
            code = {"روز": "A", "ماه": "M", "سال": "S"}.get(unit, "U")
            if m.group("plU") and m.group("plU").endswith("ی"):
                flag = "ezafe"
            return Atom(s, e, code, unit, flag)
        if kind == "R":
            return Atom(s, e, "R", self.relations[k])
        if kind == "I":
            return Atom(s, e, "I", 0)
        if kind == "X":
            return Atom(s, e, "X", None)
        if kind == "B":
            return Atom(s, e, "B", k)
        return None

    def _clock(self, t: str) -> tuple[int | None, int | None, int | None]:
        """(hour, minute, second) of a clock atom; None parts where absent or invalid."""
        t = re.sub(r"^\D*?ساعت\s+", "", t)
        m = re.match(r"([0-9]{1,2})\s*:\s*([0-9]{2})(?:\s*:\s*([0-9]{2}))?", t)
        if m:
            h, mi = int(m.group(1)), int(m.group(2))
            sec = int(m.group(3)) if m.group(3) else None
        else:
            parts = re.split(r"[\s\u200c]*\bو\b[\s\u200c]*", t, maxsplit=1)
            h = self.number(re.sub(r"\s*دقیقه$", "", parts[0]).strip())  # type: ignore[assignment]
            mi, sec = None, None
            if len(parts) > 1:
                rest = parts[1]
                f = self._frac.fullmatch(rest.strip())
                if f:
                    mi = int(60 * self.fractions[_key(f.group())])
                else:
                    ms = re.split(r"\s*دقیقه[\s\u200c]*(?:و[\s\u200c]*)?", rest)
                    mi = self.number(ms[0].strip())
                    if len(ms) > 1 and ms[1].strip():
                        sec = self.number(re.sub(r"\s*ثانیه$", "", ms[1]).strip())
        if h is None or not 0 <= h <= 24 or (mi is not None and not 0 <= mi < 60):
            return (None, None, None)
        if sec is not None and not 0 <= sec < 60:
            sec = None
        return (h, mi, sec)


def table_words(cal: Any, key: str) -> list[str]:
    return [n for m in cal[key] for n in m["names"]]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shared, compiled lexicon (built once per process)."""
    return Lexicon()
