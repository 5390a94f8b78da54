"""The ZWNJ lexicon: affix inventories and the tables learned by ``scripts/train_zwnj.py``.

Tables (``models/zwnj/lexicon.tsv.gz``, one ``kind<TAB>key<TAB>value`` row each):
``F`` ZWNJ spelling of a ZWNJ-less key (with its weighted count, and how often
it is written solid), ``S`` solid words, ``L``/``R`` compound parts left/right
of a ZWNJ, ``M`` verb forms after ``می``/``نمی``, ``P`` runs written apart, ``XL``/``XR`` words that do not join
by known spelling, ``U`` how often UD dev writes a key with ZWNJ, solid and
apart (the evidence the decision model weighs).

>>> _positions("می\u200cروم")
('میروم', frozenset({2}))
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field

from khabar.errors import ResourceError
from khabar.normalize.cleanup import LETTER
from khabar.resources import model_path

ZWNJ = "\u200c"
WORD = re.compile(f"[{LETTER}{ZWNJ}]+")
#: Letters that do not join the next letter: a ZWNJ after them is invisible.
NON_JOINING = frozenset("اآأإٱدذرزژوؤءةۀ")

#: Suffixes written after a ZWNJ when the stem ends in a joining letter.
PLURAL = ("هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها")
DEGREE = ("ترین", "تری", "تر")
#: Clitics that take a ZWNJ only after a final ه (خانه‌ای, رفته‌اند).
CLITIC = ("ایم", "اید", "اند", "ای", "ام", "ات", "اش", "شان", "مان", "تان")
#: Right-hand words that are never written apart from the previous word.
ALWAYS_JOIN_RIGHT = frozenset(PLURAL) | {"ترین"}
#: Personal endings of verbs, to find the stem of a form after می.
VERB_ENDINGS = ("یم", "ید", "ند", "م", "ی", "د")
#: Right words that may join the word before them by rule.
JOINS_LEFT = ALWAYS_JOIN_RIGHT | frozenset(CLITIC) | frozenset(DEGREE)
#: Verb prefixes followed by a ZWNJ, longest first (برمی‌گردد, نمی‌توان).
PREFIX_VERB = (
    "برنمی",
    "درنمی",
    "فرونمی",
    "بازنمی",
    "وانمی",
    "برمی",
    "درمی",
    "فرومی",
    "بازمی",
    "وامی",
    "نمی",
    "می",
)


@dataclass
class Lexicon:
    forms: dict[str, str] = field(default_factory=dict)
    form_count: dict[str, int] = field(default_factory=dict)
    #: how often (weighted) a key of ``forms`` is also written solid
    form_solid: dict[str, int] = field(default_factory=dict)
    solid: dict[str, int] = field(default_factory=dict)
    left: dict[str, int] = field(default_factory=dict)
    right: dict[str, int] = field(default_factory=dict)
    mi: dict[str, int] = field(default_factory=dict)
    pairs: dict[str, float] = field(default_factory=dict)
    #: words that start / continue a known multiword spelling (a fast pre-filter)
    first: set[str] = field(default_factory=set)
    later: set[str] = field(default_factory=set)
    #: solid words that may start a three-word spelling (گفت of گفت و گو)
    starts3: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)  # verb stems seen after می
    #: words that do not join a neighbour by known spelling (learned on UD dev)
    block_left: set[str] = field(default_factory=set)
    block_right: set[str] = field(default_factory=set)
    #: key -> (with ZWNJ, solid, apart) counts in UD dev alone
    ud: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    def index(self) -> Lexicon:
        """Fill :attr:`first`/:attr:`later`/:attr:`starts3`/:attr:`stems` from the tables."""
        for rest in self.mi:
            self.stems.add(rest)
            for e in VERB_ENDINGS:
                if rest.endswith(e) and len(rest) - len(e) >= 2:
                    self.stems.add(rest[: len(rest) - len(e)])
        for form in self.forms.values():
            parts = form.split(ZWNJ)
            for k in range(1, len(parts)):
                self.first.add("".join(parts[:k]))
                self.later.add("".join(parts[k:]))
            # a three-word spelling (گفت و گو) starts with any prefix of its key
            key = form.replace(ZWNJ, "")
            for k in range(2, len(key) - 1):
                if key[:k] in self.solid:
                    self.starts3.add(key[:k])
        return self

    @classmethod
    def load(cls, path: str | None = None) -> Lexicon:
        p = path or str(model_path("zwnj", "lexicon.tsv.gz"))
        lex = cls()
        tables: dict[str, dict[str, int]] = {
            "S": lex.solid,
            "L": lex.left,
            "R": lex.right,
            "M": lex.mi,
        }
        try:
            with gzip.open(p, "rt", encoding="utf-8") as f:
                for line in f:
                    kind, key, value, *count = line.rstrip("\n").split("\t")
                    if kind == "F":
                        lex.forms[key] = value
                        lex.form_count[key] = int(count[0])
                        if len(count) > 1 and count[1] != "0":
                            lex.form_solid[key] = int(count[1])
                    elif kind in ("XL", "XR"):
                        (lex.block_left if kind == "XL" else lex.block_right).add(key)
                    elif kind == "P":
                        lex.pairs[key] = float(value)
                    elif kind == "U":
                        z, solid, apart = value.split(",")
                        lex.ud[key] = (int(z), int(solid), int(apart))
                    else:
                        tables[kind][key] = int(value)
        except (OSError, ValueError, KeyError) as e:
            raise ResourceError(
                f"ZWNJ model {p} is unreadable ({e}); rebuild it with scripts/train_zwnj.py"
            ) from e
        return lex.index()


def _positions(word: str) -> tuple[str, frozenset[int]]:
    """Key without ZWNJ and the key offsets a ZWNJ precedes."""
    if ZWNJ not in word:
        return word, frozenset()
    out: list[str] = []
    marks: set[int] = set()
    for ch in word:
        if ch == ZWNJ:
            marks.add(len(out))
        else:
            out.append(ch)
    return "".join(out), frozenset(marks)
