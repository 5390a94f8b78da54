"""The cue table of ``resources/quotes/cues.yaml``, compiled into one matcher.

Every written form is matched ZWNJ-insensitively: a space or ZWNJ in a form
may be absent, doubled or swapped in the text, and Arabic ي/ك and ا/أ stand
for Persian ی/ک and أ, so the matcher works on normalized and on crawled text.

>>> table = CueTable.load()
>>> [(m.lemma, m.text) for m in table.find("وی افزود: ما آماده‌ایم و او میگوید")]
[('افزود', 'افزود'), ('گفت', 'میگوید')]
>>> table.find("در این گفت و گوی تلفنی")
[]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from khabar.errors import ConfigError, ResourceError
from khabar.resources import load_yaml

log = logging.getLogger(__name__)

#: complements a verb cue may take (see cues.yaml)
COMPLEMENTS = frozenset({"colon", "ke", "clause", "label"})
_DEFAULT_COMPLEMENTS = ("colon", "ke", "clause")

#: letters written in more than one way in crawled Persian text
_VARIANTS = {
    "ی": "[یيى]",
    "ي": "[یيى]",
    "ک": "[کك]",
    "ك": "[کك]",
    "أ": "[أا]",
}
#: a space or ZWNJ in a form: may be missing, doubled or swapped (never a newline)
SEP = "[ \u200c\u00a0]*"
#: word edges: a cue is a whole word (ZWNJ counts as inside a word)
_BEFORE = r"(?<![\w\u200c])"
#: a cue may also be glued to a conjunction «و» («… اشاره کرد وگفت: …»)
_BEFORE_CUE = r"(?:(?<![\w\u200c])|(?<=[\s\u200c]و))"
_AFTER = r"(?![\w\u200c])"


def _atoms(form: str) -> list[str]:
    """Regex atoms of a form: one per letter, one SEP per run of spaces/ZWNJs."""
    out: list[str] = []
    for ch in form.strip():
        if ch in " \u200c":
            if not out or out[-1] != SEP:
                out.append(SEP)
        else:
            out.append(_VARIANTS.get(ch, re.escape(ch)))
    return out


def fuzzy(form: str) -> str:
    """A regex source matching ``form`` ZWNJ- and letter-variant-insensitively.

    >>> import re
    >>> bool(re.fullmatch(fuzzy("می‌گوید"), "می گوید"))
    True
    >>> bool(re.fullmatch(fuzzy("تأکید کرد"), "تاکیدکرد"))
    True
    """
    return "".join(_atoms(form))


def fold(surface: str) -> str:
    """The lookup key of a surface: no spaces/ZWNJs, one spelling per letter.

    >>> fold("تاكيد  كرد") == fold("تأکید‌کرد")
    True
    """
    out = []
    for ch in surface:
        if ch in " \u200c\u00a0":
            continue
        out.append(_FOLD.get(ch, ch))
    return "".join(out)


_FOLD = {"ي": "ی", "ى": "ی", "ك": "ک", "أ": "ا"}


def trie_regex(forms: Iterable[str]) -> str:
    """One regex source matching any of ``forms`` (fuzzily), as a prefix trie.

    A flat alternation of hundreds of forms is tried form by form at every
    offset; the trie shares prefixes, so scanning stays fast. Longer
    continuations are tried first (greedy), so the longest form wins.

    >>> import re
    >>> rx = re.compile(trie_regex(["گفت", "گفتند", "گفته است"]))
    >>> [rx.match(t).group(0) for t in ("گفتند", "گفته‌است", "گفت:")]
    ['گفتند', 'گفته‌است', 'گفت']
    """
    root: dict[str, Any] = {}
    for f in forms:
        node = root
        for a in _atoms(f):
            node = node.setdefault(a, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [a + emit(child) for a, child in node.items() if a != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return emit(root)


@dataclass(frozen=True, slots=True)
class CueSpec:
    """One reporting cue of the table: its lemma, kind and allowed complements."""

    lemma: str
    kind: str  # verb | marker
    forms: tuple[str, ...]
    complements: tuple[str, ...] = _DEFAULT_COMPLEMENTS
    not_followed_by: tuple[str, ...] = ()
    needs_speaker: bool = False
    not_after: str | None = None


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue found in a text: ``text[start:end]`` is the cue as written."""

    start: int
    end: int
    text: str
    spec: CueSpec

    @property
    def lemma(self) -> str:
        return self.spec.lemma


def _conjugate(past: str, present: str, tenses: Sequence[str], prefix: str = "") -> list[str]:
    if not present.endswith("د"):
        raise ResourceError(f"present form {present!r} of {past!r} must end in «د» (3sg)")
    present_pl = present[:-1] + "ند"
    forms = [t.format(past=past, present=present, present_pl=present_pl) for t in tenses]
    return [f"{prefix} {f}" if prefix else f for f in forms]


def _verb_spec(entry: Mapping[str, Any], light: Mapping[str, Any], tenses: Sequence[str]) -> CueSpec:
    lemma = entry["lemma"]
    noun = entry.get("noun", "")
    if "light" in entry:
        lv = light.get(entry["light"])
        if lv is None:
            raise ResourceError(f"cue {lemma!r}: unknown light verb {entry['light']!r} in cues.yaml")
        forms = _conjugate(lv["past"], lv["present"], tenses, noun)
    elif "past" in entry and "present" in entry:
        forms = _conjugate(entry["past"], entry["present"], tenses, noun)
    else:
        raise ResourceError(f"cue {lemma!r} needs past+present or noun+light in cues.yaml")
    comps = tuple(entry.get("complements", _DEFAULT_COMPLEMENTS))
    bad = set(comps) - COMPLEMENTS
    if bad:
        raise ResourceError(f"cue {lemma!r}: unknown complements {sorted(bad)} in cues.yaml")
    return CueSpec(
        lemma=lemma,
        kind="verb",
        forms=tuple(forms),
        complements=comps,
        not_followed_by=tuple(entry.get("not_followed_by", ())),
    )


class CueTable:
    """All cues of a table, with one compiled scanner.

    ``find`` returns non-overlapping matches left to right, the longest form
    winning at a position («به خبرنگاران گفت» over «گفت», «گفته است» over
    «گفت»).
    """

    def __init__(self, data: Mapping[str, Any]) -> None:
        light = data["light_verbs"]
        tenses = data["tenses"]
        specs: list[CueSpec] = [_verb_spec(v, light, tenses) for v in data["verbs"]]
        for ph in data.get("phrases", ()):
            specs.append(
                CueSpec(
                    lemma=ph["lemma"],
                    kind="verb",
                    forms=tuple(ph["forms"]),
                    complements=tuple(ph.get("complements", _DEFAULT_COMPLEMENTS)),
                )
            )
        for mk in data.get("markers", ()):
            specs.append(
                CueSpec(
                    lemma=mk["lemma"],
                    kind="marker",
                    forms=(mk["form"],),
                    needs_speaker=bool(mk.get("needs_speaker", False)),
                    not_after=mk.get("not_after"),
                )
            )
        self.specs: tuple[CueSpec, ...] = tuple(specs)
        self.data = data
        # the first spec listing a form owns it
        self._by_key: dict[str, CueSpec] = {}
        for spec in specs:
            for f in spec.forms:
                self._by_key.setdefault(fold(f), spec)
        self._scan = re.compile(_BEFORE_CUE + trie_regex(f for sp in specs for f in sp.forms) + _AFTER)
        self._words: dict[str, re.Pattern[str]] = {}
        self._exclusions = {
            spec.lemma: re.compile(SEP + "(?:" + "|".join(fuzzy(x) for x in spec.not_followed_by) + ")")
            for spec in specs
            if spec.not_followed_by
        }

    @classmethod
    def load(cls) -> CueTable:
        """The table shipped with khabar (cached)."""
        return _shipped()

    @classmethod
    def from_file(cls, path: str | Path) -> CueTable:
        """A table from a YAML file of the same shape as the shipped one."""
        import yaml

        p = Path(path)
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8"))
        except OSError as e:
            raise ConfigError(f"cannot read the cue table {p}: {e.strerror}; give an existing YAML file") from e
        except yaml.YAMLError as e:
            raise ConfigError(f"cue table {p} is not valid YAML: {e}") from e
        if not isinstance(data, dict) or not {"light_verbs", "tenses", "verbs"} <= set(data):
            raise ConfigError(
                f"cue table {p} needs light_verbs, tenses and verbs; copy khabar's resources/quotes/cues.yaml"
            )
        return cls(data)

    def _spec_of(self, surface: str) -> CueSpec:
        return self._by_key[fold(surface)]

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[CueMatch]:
        """Cue matches in ``text[start:end]``, in order of appearance."""
        end = len(text) if end is None else end
        out: list[CueMatch] = []
        for m in self._scan.finditer(text, start, end):
            spec = self._spec_of(m.group(0))
            excl = self._exclusions.get(spec.lemma)
            if excl is not None and excl.match(text, m.end()):
                continue  # «گفت و گو»: a conversation, not a reporting verb
            out.append(CueMatch(m.start(), m.end(), m.group(0), spec))
        return out

    def words(self, key: str) -> tuple[str, ...]:
        """A word list of the table (``skip_before_subject``, ``pronouns``, …)."""
        return tuple(self.data.get(key, ()))

    def word_regex(
        self, key: str, *, extra: str = "", words: Iterable[str] | None = None
    ) -> re.Pattern[str]:
        """The compiled whole-word matcher of a word list (cached per table);
        ``words`` overrides the list named ``key`` (which then only names the cache slot)."""
        rx = self._words.get(key + extra)
        if rx is None:
            src = self.words(key) if words is None else words
            rx = re.compile(alternation([w for w in src if any(c.isalpha() for c in w)]) + extra)
            self._words[key + extra] = rx
        return rx


@lru_cache(maxsize=1)
def _shipped() -> CueTable:
    return CueTable(load_yaml("quotes", "cues.yaml"))


def alternation(words: Iterable[str]) -> str:
    """A fuzzy whole-word regex source for a word list, longest first."""
    return _BEFORE + "(?:" + trie_regex(words) + ")" + _AFTER
