"""The Persian event dictionary compiled into regexes.

``resources/events/triggers.yaml`` lists trigger phrases per PLOVER type in a
small pattern language (see that file's header); this module turns each into
one regex that tolerates the ways crawled Persian is typed: ZWNJs present,
missing or typed as spaces, Arabic ي/ك, and any conjugation of a light verb.

>>> lex = load_lexicon()
>>> [t.type for t in lex.find("ایران و پاکستان توافق کردند")]
['AGREE']
>>> [t.type for t in lex.find("روسیه این حملات را محکوم میکند")]
['ASSAULT', 'ACCUSE']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import product
from typing import Any

from khabar.errors import ConfigError
from khabar.resources import load_yaml

J = "[\\u200c\\s]?"  # where a ZWNJ belongs: present, absent or a space
SEP = "[\\s\\u200c]+"  # between words
GAP = "(?P<g>(?:[\\s\\u200c]+(?:[^\\s\\u200c.:؛!؟«»]|(?<=\\d)[:.](?=\\d))+){0,8}?[\\s\\u200c]+)"
#: a trigger starts a word; a ZWNJ glued after a short function word («در‌دیدار»,
#: as over-eager ZWNJ restoration writes it) still counts as a word start
LEFT = "(?:(?<![\\w\\u200c])|" + "|".join(f"(?<=(?<!\\w){w}\\u200c)" for w in ("در", "بر", "از", "با", "به", "این", "آن")) + ")"
RIGHT = "(?![\\w])"
_LETTER = {"ی": "[یيى]", "ک": "[کك]", "أ": "[أا]", "ه": "[هةۀ]"}
_PLACEHOLDER = re.compile(r"\{([^}:]+)(?::(past))?\}")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One dictionary entry, compiled."""

    type: str
    pattern: str
    regex: re.Pattern[str]
    mode: str | None = None
    kind: str = "noun"  # noun | verb
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    modality: str | None = None
    cameo: str | None = None
    verb: str | None = None  # past stem of the verb placeholder, if any
    retype: tuple[Mapping[str, str], ...] = ()
    absorbs: bool = False  # the rest of the sentence is this act's content («تهدید کرد که …»)
    passive: bool = False  # agentless passive: a reporting speaker is the actor
    needs: str | None = None  # a word that must occur earlier in the sentence
    anchor: str | None = None  # folded first word; the regex runs only if it occurs
    initials: tuple[str, ...] | None = None  # prefixes a match starts with (None: any)
    source_given: bool = False  # the entry names its own source strategies
    target_given: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    """A trigger found in a text: the entry and the matched span."""

    trigger: Trigger
    start: int
    end: int
    negative: bool = False
    subjunctive: bool = False  # «… برقرار کنند»: wished or demanded, not done
    tense: str | None = None  # past | present | future of the verb slot; None without one
    gap: tuple[int, int] | None = None  # the words a «…» skipped

    @property
    def type(self) -> str:
        return self.trigger.type


def _letters(word: str) -> str:
    out = []
    for ch in word:
        if ch == "\u200c":
            out.append(J)
        elif ch in _LETTER:
            out.append(_LETTER[ch])
        else:
            out.append(re.escape(ch))
    return "".join(out)


def verb_forms(past: str, present: str, *, past_only: bool = False) -> str:
    """A regex for the finite forms of a verb, negation included.

    >>> bool(re.fullmatch(verb_forms("کرد", "کن"), "نمی‌کنند"))
    True
    >>> bool(re.fullmatch(verb_forms("کرد", "کن"), "کرده بودند"))
    True
    """
    p, r = _letters(past), _letters(present)
    person_past = "(?:م|ی|یم|ید|ند)?"
    person_pres = "(?:م|ی|د|یم|ید|ند)"
    aux = f"(?:است|اند|ایم|اید|ام|ای|بود(?:ه)?(?:م|ی|یم|ید|ند)?(?:{J}است)?|باشد|باشند|شد|شده)"
    perfect = f"ه(?:{J}{aux})?"
    mi = f"(?:ن?می{J})"
    forms = [
        f"(?:ن|ب)?{p}(?:{perfect}|{person_past})",
        f"{mi}{p}{person_past}",
        f"ن?خواه{person_pres}{SEP}{p}",
    ]
    if not past_only:
        forms += [f"{mi}{r}{person_pres}", f"(?:ن|ب)?{r}{person_pres}"]
    return "(?:" + "|".join(forms) + ")"


def compile_pattern(pattern: str, verbs: Mapping[str, str]) -> str:
    """Translate one ``fa`` pattern of the dictionary into a regex string."""
    parts: list[str] = []
    for word in pattern.split(" "):
        if word == "…":
            parts.append(GAP)
            continue
        if parts and parts[-1] != GAP:
            parts.append(SEP)
        m = _PLACEHOLDER.fullmatch(word)
        if m:
            past = m.group(1)
            if past not in verbs:
                raise ConfigError(f"event dictionary: unknown verb {{{past}}} in {pattern!r}; add it to 'verbs'")
            parts.append(f"(?P<v>{verb_forms(past, verbs[past], past_only=bool(m.group(2)))})")
        elif word.endswith("*"):
            parts.append(_letters(word[:-1]) + "[\\w\\u200c]*")
        else:
            parts.append(_letters(word).replace("\\u200cو", "(?:\\u200c|\\s)?و\\s?"))
    return LEFT + "".join(parts) + RIGHT


#: (old, new) pairs; no ``new`` is an ``old`` of a later pair, so applying them in turn
#: is one simultaneous mapping (str.replace is much faster than str.translate)
_FOLD = (("\u200c", ""), (" ", ""), ("\n", ""), ("\t", ""), ("ي", "ی"), ("ى", "ی"), ("ك", "ک"),
         ("ة", "ه"), ("ۀ", "ه"), ("أ", "ا"))


def fold(text: str) -> str:
    """Text without spaces and ZWNJs, Arabic letters folded: where anchors are looked up.

    >>> fold("گفت و گوي تلفنی")
    'گفتوگویتلفنی'
    """
    for old, new in _FOLD:
        text = text.replace(old, new)
    return text


def anchor(pattern: str) -> str | None:
    """A folded substring every match of a ``fa`` pattern contains (None if there is none).

    The longest run of literal words (a ``word*`` may end a run) wins: a
    regex is only tried on texts that contain it.

    >>> anchor("به امضای … {رسید}"), anchor("گفت و گوی تلفنی"), anchor("{خواست:past}")
    ('بهامضای', 'گفتوگویتلفنی', 'خواست')
    """
    runs: list[str] = []
    run = ""
    for word in pattern.split(" "):
        m = _PLACEHOLDER.fullmatch(word)
        if word == "…" or m or word.endswith("*"):
            if word.endswith("*"):
                run += fold(word[:-1])
            runs.append(run)
            run = ""
            if m and m.group(2):  # past-only verb slot: every form holds the past stem
                runs.append(fold(m.group(1)))
            continue
        run += fold(word)
    runs.append(run)
    best = max(runs, key=len)
    return best or None


def _variants(ch: str) -> str:
    """The letters a pattern letter matches («ی» also matches «ي» and «ى»)."""
    return _LETTER[ch][1:-1] if ch in _LETTER else ch


def initials(pattern: str, verbs: Mapping[str, str]) -> tuple[str, ...] | None:
    """Prefixes (one or two letters) one of which every match of a ``fa`` pattern starts with.

    None when not known. A trigger regex is only tried where a word starts
    with one of them.

    >>> initials("رد {کرد}", {}) == ("رد",), initials("به امضای … {رسید}", {}) == ("به", "بة", "بۀ")
    (True, True)
    >>> {"کر", "کن", "نک", "بک", "می", "نم", "خو", "نخ", "كن"} <= set(initials("{کرد}", {"کرد": "کن"}) or ())
    True
    """
    first = pattern.split(" ")[0]
    m = _PLACEHOLDER.fullmatch(first)
    if m:
        past = m.group(1)
        # see verb_forms: (ن|ب)?past…, ن?می…, ن?خواه…, and the same on the present stem
        starts = {"نم", "می", "نخ", "خو"}
        for stem in (past, verbs.get(past, "")):
            if stem:  # a one-letter stem («آ») gives a one-letter start
                starts |= {"ن" + stem[0], "ب" + stem[0], stem[:2]}
        return tuple(sorted({"".join(s) for w in starts for s in product(*map(_variants, w))}))
    word = first.rstrip("*")
    if first == "…" or not word:
        return None
    if len(word) == 1 or word[1] == "\u200c":  # a ZWNJ there may be typed as a space
        return tuple(_variants(word[0]))
    return tuple(a + b for a in _variants(word[0]) for b in _variants(word[1]))


_WORD_START = re.compile(r"(?<!\w)\w")


@cache
def _starts_regex(prefixes: tuple[str, ...] | None) -> re.Pattern[str]:
    """Finds the word starts that begin with one of ``prefixes`` (of letters).

    The prefix comes first so that ``re`` skips ahead to it fast; the
    lookbehind after it checks that no word character precedes it.  Matches
    cannot hide a word start: one inside a match follows a letter.
    """
    if prefixes is None:
        return _WORD_START
    return re.compile("|".join(re.escape(p) + "(?<!\\w" + "." * len(p) + ")" for p in prefixes))


def word_starts(text: str, prefixes: tuple[str, ...] | None) -> list[int]:
    """Offsets of the words of ``text`` that begin with one of ``prefixes`` (None: every word).

    >>> word_starts("رد کرد و برد", ("رد",)), word_starts("رد کرد و برد", None)
    ([0], [0, 3, 7, 9])
    """
    return [m.start() for m in _starts_regex(prefixes).finditer(text)]


def _scan(rx: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What ``rx.finditer(text)`` yields when every match starts at one of ``starts`` (sorted).

    Trigger regexes open with a lookbehind, which ``re`` tests at every
    position of the text: trying them only at word starts is what makes the
    lookup fast. ``match(text, p)`` still sees the text before ``p``.
    """
    last = 0
    for p in starts:
        if p < last:
            continue
        m = rx.match(text, p)
        if m is not None and m.end() > m.start():
            yield m
            last = m.end()


def _verb(m: re.Match[str]) -> str:
    return (m.groupdict().get("v") or "").replace("\u200c", "").replace(" ", "")


def _is_negative(m: re.Match[str]) -> bool:
    v = _verb(m)
    return v.startswith("نمی") or v.startswith("نخواه") or (v.startswith("ن") and not v.startswith("نم") and len(v) > 3)


def _tense(m: re.Match[str], past: str | None) -> str | None:
    """Tense of the matched verb slot (a raw-regex entry: read from its «می»/«نمی»)."""
    v = _verb(m) if past else m.group().replace("\u200c", "").replace(" ", "")
    if not v:
        return None
    if v.startswith(("خواه", "نخواه")) or "خواه" in v[:8] and not past:
        return "future"
    bare = v[3:] if v.startswith("نمی") else v[2:] if v.startswith("می") else v
    if past and any(bare.startswith(pre + past) for pre in ("", "ن", "ب")):
        return "past"
    if v.startswith(("می", "نمی")) or past:
        return "present"
    return None


def _is_subjunctive(m: re.Match[str], past: str | None) -> bool:
    """A present-stem form without «می»/«خواه» («کند», «برگزار کنند», «شود»)."""
    v = _verb(m)
    if not v or not past or past in ("داشت", "بود"):
        return False
    if any(v.startswith(pre + past) for pre in ("", "ن", "ب")):
        return False
    return not v.startswith(("می", "نمی", "خواه", "نخواه"))


def _apart(a: Match, b: Match) -> bool:
    if a.end <= b.start or a.start >= b.end:
        return True
    return b.gap is not None and b.gap[0] <= a.start and a.end <= b.gap[1]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All compiled triggers plus the role defaults of each type."""

    triggers: tuple[Trigger, ...]
    roles: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping trigger matches, longest first where two overlap."""
        folded = fold(text)
        starts: dict[tuple[str, ...] | None, list[int]] = {}
        found: list[Match] = []
        for t in self.triggers:
            if t.anchor is not None and t.anchor not in folded:
                continue  # a cheap test before the regex
            if t.initials not in starts:
                starts[t.initials] = word_starts(text, t.initials)
            for m in _scan(t.regex, text, starts[t.initials]):
                found.append(
                    Match(
                        t,
                        m.start(),
                        m.end(),
                        negative=_is_negative(m),
                        subjunctive=_is_subjunctive(m, t.verb),
                        gap=m.span("g") if m.groupdict().get("g") is not None else None,
                        tense=_tense(m, t.verb),
                    )
                )
        found.sort(key=lambda x: (-(x.end - x.start), x.start))
        kept: list[Match] = []
        for f in found:
            # A match nested in another's «…» gap is a separate trigger.
            if all(_apart(f, k) for k in kept):
                kept.append(f)
        kept.sort(key=lambda x: x.start)
        return kept

    def types(self) -> Iterator[str]:
        seen: set[str] = set()
        for t in self.triggers:
            if t.type not in seen:
                seen.add(t.type)
                yield t.type


def build_lexicon(data: Mapping[str, Any]) -> Lexicon:
    """Compile the parsed ``triggers.yaml`` (raises ConfigError on a bad entry)."""
    verbs = {str(k): str(v) for k, v in (data.get("verbs") or {}).items()}
    roles = {
        t: {k: tuple(v) for k, v in spec.items()} for t, spec in (data.get("roles") or {}).items()
    }
    triggers: list[Trigger] = []
    for etype, entries in (data.get("triggers") or {}).items():
        for e in entries:
            vm = _PLACEHOLDER.search(str(e.get("fa", "")))
            if str(e.get("fa", "")).count("…") > 1:
                raise ConfigError(f"event dictionary: {e['fa']!r} has more than one «…» gap")
            if "re" in e:
                rx = LEFT + "(?:" + str(e["re"]) + ")" + RIGHT
            elif "fa" in e:
                rx = compile_pattern(str(e["fa"]), verbs)
            else:
                raise ConfigError(f"event dictionary: entry {e!r} of {etype} has neither 'fa' nor 're'")
            default = roles.get(etype, {})
            triggers.append(
                Trigger(
                    type=etype,
                    pattern=str(e.get("fa", e.get("re"))),
                    regex=re.compile(rx),
                    mode=e.get("mode"),
                    kind=e.get("kind", "noun"),
                    source=tuple(e.get("source", default.get("source", ("subject",)))),
                    target=tuple(e.get("target", default.get("target", ()))),
                    modality=e.get("modality"),
                    cameo=e.get("cameo"),
                    retype=tuple(e.get("retype", ())),
                    absorbs=bool(e.get("absorbs", False)),
                    passive=bool(e.get("passive", False)),
                    needs=e.get("needs"),
                    anchor=anchor(str(e["fa"])) if "fa" in e else (fold(str(e["anchor"])) if "anchor" in e else None),
                    initials=(initials(str(e["fa"]), verbs) if "fa" in e
                              else tuple(map(str, e["initials"])) if "initials" in e else None),
                    source_given="source" in e,
                    target_given="target" in e,
                    verb=vm.group(1) if vm else None,
                )
            )
    return Lexicon(tuple(triggers), roles)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped dictionary (``resources/events/triggers.yaml``), compiled once."""
    return build_lexicon(load_yaml("events", "triggers.yaml"))


@lru_cache(maxsize=1)
def load_cues() -> Mapping[str, Any]:
    """The shipped cue lists (``resources/events/cues.yaml``)."""
    data = load_yaml("events", "cues.yaml")
    if not isinstance(data, dict):
        raise ConfigError("resources/events/cues.yaml must be a mapping")
    return data
