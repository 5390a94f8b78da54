r"""Restore missing ZWNJs (U+200C): deleted (``همکاریهای``) or typed as a space (``می توان``).

The model (``models/zwnj/lexicon.tsv.gz``, built by ``scripts/train_zwnj.py``)
is a lexicon learned from correctly written text:

- ``F`` forms: a ZWNJ-less key and the ZWNJ spelling it should get;
- ``S`` solid words seen without ZWNJ (count), which are left alone;
- ``L``/``R`` the parts seen left/right of a compound ZWNJ (count), and
  ``M`` the verb forms seen after ``می``/``نمی``;
- ``P`` word pairs that are really written apart, although their joined
  spelling is also a word (count).

Decisions, in order: a known spelling (``F``) wins; a known solid word stays;
an unknown word is split by affix rules (``می``/``نمی`` before a known verb
form, ``ها``/``های``/``ترین``… after a known stem, clitics ``ای``/``ام``/``اند``…
after ``ه``) or into two known compound parts. Two words separated by one
space are joined when their joined spelling is known (and the pair is not
usually written apart) or when the right word is a suffix that never stands
alone. The model is applied only at word boundaries and inside words, so it
never touches digits, Latin text or punctuation.

In ``auto`` mode a text that already uses ZWNJ and shows little damage is
left as written, apart from spaced prefixes/suffixes that are never correct.

>>> r = restorer()
>>> "".join(_apply("گزارش ها نشان می دهد", r.edits("گزارش ها نشان می دهد", force=True)))
'گزارش\u200cها نشان می\u200cدهد'
"""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from khabar.errors import ResourceError
from khabar.normalize.cleanup import DIACRITIC, LETTER
from khabar.resources import model_path

log = logging.getLogger(__name__)

ZWNJ = "\u200c"
WORD = re.compile(f"[{LETTER}{ZWNJ}]+")
_HAS_DIACRITIC = re.compile(f"[{DIACRITIC}]")
#: Letters that do not join the next letter: a ZWNJ after them is invisible.
NON_JOINING = frozenset("اآأإٱدذرزژوؤءةۀ")

#: Suffixes written after a ZWNJ when the stem ends in a joining letter.
PLURAL = ("هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها")
DEGREE = ("ترین", "تری", "تر")
#: Clitics that take a ZWNJ only after a final ه (خانه‌ای, رفته‌اند).
CLITIC = ("ایم", "اید", "اند", "ای", "ام", "ات", "اش")
#: Right-hand words that are never written apart from the previous word.
ALWAYS_JOIN_RIGHT = frozenset(PLURAL) | {"ترین"}
#: Verb prefixes followed by a ZWNJ, longest first (برمی‌گردد, نمی‌توان).
PREFIX_VERB = ("برنمی", "درنمی", "فرونمی", "بازنمی", "وانمی", "برمی", "درمی", "فرومی", "بازمی", "وامی", "نمی", "می")

# Thresholds tuned on the UD dev sets (see scripts/train_zwnj.py --tune).
MIN_STEM = 2  # a stem must be seen this often (solid) to take an affix by rule
MIN_PART = 3  # a compound part must be seen this often on its side of a ZWNJ
BOUND_RATIO = 0.25  # a compound part is bound when seen alone < ratio * as a part
MIN_BOUND = 5  # ... and seen as a part at least this often (weighted)
SPACED_RATIO = 2  # join a spaced pair when its joined spelling is this much more frequent


@dataclass
class Lexicon:
    forms: dict[str, str] = field(default_factory=dict)
    form_count: dict[str, int] = field(default_factory=dict)
    solid: dict[str, int] = field(default_factory=dict)
    left: dict[str, int] = field(default_factory=dict)
    right: dict[str, int] = field(default_factory=dict)
    mi: dict[str, int] = field(default_factory=dict)
    pairs: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | None = None) -> Lexicon:
        p = path or str(model_path("zwnj", "lexicon.tsv.gz"))
        lex = cls()
        tables = {"S": lex.solid, "L": lex.left, "R": lex.right, "M": lex.mi, "P": lex.pairs}
        try:
            with gzip.open(p, "rt", encoding="utf-8") as f:
                for line in f:
                    kind, key, value, *count = line.rstrip("\n").split("\t")
                    if kind == "F":
                        lex.forms[key] = value
                        lex.form_count[key] = int(count[0])
                    else:
                        tables[kind][key] = int(value)
        except (OSError, ValueError, KeyError) as e:
            raise ResourceError(f"ZWNJ model {p} is unreadable ({e}); rebuild it with scripts/train_zwnj.py") from e
        return lex


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


class Restorer:
    """Compute ZWNJ edits for a text; see the module docstring for the decisions."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self._cache: dict[str, str | None] = {}

    # -- single words -------------------------------------------------------
    def decide(self, key: str) -> str | None:
        """The ZWNJ spelling of a ZWNJ-less word, or None to leave it as it is."""
        hit = self._cache.get(key, "")
        if hit != "":
            return hit
        out = self._decide(key, depth=0)
        self._cache[key] = out
        return out

    def _known(self, key: str) -> str | None:
        """The spelling of a known word (itself when solid), else None."""
        form = self.lex.forms.get(key)
        if form is not None:
            return form
        if self.lex.solid.get(key, 0) >= MIN_STEM:
            return key
        return None

    def _decide(self, key: str, depth: int) -> str | None:
        lex = self.lex
        form = lex.forms.get(key)
        if form is not None:
            return form
        if key in lex.solid or len(key) < 4 or depth > 1:
            return None
        # suffixes after a known stem: همکاری|های, زمینه|ها, بزرگ|ترین, دوره|ای
        for group, need_he in ((PLURAL, False), (DEGREE, False), (CLITIC, True)):
            for suf in group:
                if key.endswith(suf) and len(key) - len(suf) >= 2:
                    stem = key[: -len(suf)]
                    if stem[-1] in NON_JOINING or (need_he and stem[-1] != "ه"):
                        continue
                    known = self._known(stem) or self._decide(stem, depth + 1)
                    if known is not None:
                        return known + ZWNJ + suf
        # verb prefix before a verb form seen after it: می|گوید, نمی|توان
        for pre in PREFIX_VERB:
            rest = key[len(pre) :]
            if key.startswith(pre) and lex.mi.get(rest, 0) >= 1:
                return pre + ZWNJ + (lex.forms.get(rest) or rest)
        # two known compound parts: رئیس|جمهوری, اجتناب|ناپذیر
        best, best_score = None, 0
        for i in range(2, len(key) - 1):
            left, right = key[:i], key[i:]
            # short heads (-گر, -بان, -رو) are mostly written solid: not split by rule
            if left[-1] in NON_JOINING or len(right) < 3:
                continue
            lc, rc = lex.left.get(left, 0), lex.right.get(right, 0)
            if self._bound_left(left) and self._word(right):
                lc = rc = max(lc, MIN_PART)
            elif self._bound_right(right) and self._word(left):
                lc = rc = max(rc, MIN_PART)
            if lc >= MIN_PART and rc >= MIN_PART and min(lc, rc) > best_score:
                best, best_score = (lex.forms.get(left) or left) + ZWNJ + right, min(lc, rc)
        return best

    # -- pairs of words separated by one space ------------------------------
    def join(self, left_key: str, right_key: str, strict: bool) -> bool:
        """Should the single space between these two words be a ZWNJ?"""
        lex = self.lex
        if right_key in ALWAYS_JOIN_RIGHT or (left_key in PREFIX_VERB and len(right_key) >= 2):
            return True
        if strict:
            return False
        if right_key in CLITIC:
            return left_key[-1] == "ه" and len(left_key) >= 2
        form = lex.forms.get(left_key + right_key)
        if form is not None and len(left_key) in _positions(form)[1]:
            spaced = lex.pairs.get(left_key + " " + right_key, 0)
            return lex.form_count.get(left_key + right_key, 0) > SPACED_RATIO * spaced
        if right_key in ("تر", "تری"):
            return lex.solid.get(left_key, 0) >= MIN_STEM
        if self._bound_right(right_key) and self._word(left_key):
            return True
        return self._bound_left(left_key) and self._word(right_key)

    def _word(self, key: str) -> bool:
        return key in self.lex.forms or self.lex.solid.get(key, 0) >= MIN_STEM

    def _bound_right(self, key: str) -> bool:
        """A compound head hardly ever written alone (گیری, ناپذیر)."""
        n = self.lex.right.get(key, 0)
        return n >= MIN_BOUND and self.lex.solid.get(key, 0) < BOUND_RATIO * n

    def _bound_left(self, key: str) -> bool:
        """A compound first part hardly ever written alone (بی)."""
        n = self.lex.left.get(key, 0)
        return n >= MIN_BOUND and self.lex.solid.get(key, 0) < BOUND_RATIO * n

    # -- whole text ---------------------------------------------------------
    def edits(self, text: str, *, force: bool) -> list[tuple[int, int, str]]:
        """Sorted edits: a space replaced by ZWNJ, or a ZWNJ inserted inside a word."""
        words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
        existing = text.count(ZWNJ)
        edits = self._edits(text, words, strict=False)
        if force or not existing or len(edits) <= 0:
            return edits
        # The text already uses ZWNJ: if it barely shows damage, trust the writer.
        if len(edits) <= 2 * existing:
            return self._edits(text, words, strict=True)
        return edits

    def _edits(
        self, text: str, words: Sequence[tuple[int, int, str]], *, strict: bool
    ) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        n = len(words)
        i = 0
        while i < n:
            s, e, w = words[i]
            key, marks = _positions(w)
            j = i
            joined_marks = set(marks)
            # grow the word over single spaces while the join rules agree
            while j + 1 < n and _spaced(text, words, j):
                nkey, nmarks = _positions(words[j + 1][2])
                if self.join(key, nkey, strict):
                    glue = [ZWNJ]
                else:
                    glue = self._join3(key, nkey, words, j, text, strict)
                    if not glue:
                        break
                for g in glue:
                    nkey, nmarks = _positions(words[j + 1][2])
                    out.append((words[j][1], words[j][1] + 1, g))
                    if g:
                        joined_marks.add(len(key))
                    joined_marks.update(len(key) + m for m in nmarks)
                    key += nkey
                    j += 1
            if not strict and not _HAS_DIACRITIC.search(w):
                self._inside(key, joined_marks, words, i, j, out)
            i = j + 1
        out.sort()
        return out

    def _join3(
        self, key: str, nkey: str, words: Sequence[tuple[int, int, str]], j: int, text: str, strict: bool
    ) -> list[str]:
        """Glue for two spaces when a three-part spelling is known: ``گفت و گو`` → ``گفت‌وگو``.

        Each space becomes a ZWNJ or disappears, as in the known spelling.
        """
        if strict or j + 2 >= len(words) or not _spaced(text, words, j + 1):
            return []
        k3, _ = _positions(words[j + 2][2])
        joined = key + nkey + k3
        form = self.lex.forms.get(joined)
        if form is None:
            return []
        marks = _positions(form)[1]
        if not marks & {len(key), len(key) + len(nkey)}:
            return []
        spaced = self.lex.pairs.get(f"{key} {nkey} {k3}", 0)
        if self.lex.form_count.get(joined, 0) <= SPACED_RATIO * spaced:
            return []
        return [ZWNJ if len(key) in marks else "", ZWNJ if len(key) + len(nkey) in marks else ""]

    def _inside(
        self,
        key: str,
        marks: set[int],
        words: Sequence[tuple[int, int, str]],
        i: int,
        j: int,
        out: list[tuple[int, int, str]],
    ) -> None:
        """Insert the ZWNJs the lexicon wants inside the (possibly joined) word."""
        target = self.decide(key)
        if target is None:
            return
        tkey, tmarks = _positions(target)
        if tkey != key or not tmarks > marks:
            return
        # Map key offsets to text offsets across the joined words.
        for m in sorted(tmarks - marks):
            pos = _text_offset(words, i, j, m)
            if pos is not None:
                out.append((pos, pos, ZWNJ))


def _spaced(text: str, words: Sequence[tuple[int, int, str]], j: int) -> bool:
    """Are words ``j`` and ``j + 1`` separated by exactly one space?"""
    return words[j + 1][0] == words[j][1] + 1 and text[words[j][1]] == " "


def _text_offset(words: Sequence[tuple[int, int, str]], i: int, j: int, m: int) -> int | None:
    """Text offset of key offset ``m`` inside words ``i..j`` (joined by single spaces)."""
    for k in range(i, j + 1):
        s, e, w = words[k]
        key_len = len(w) - w.count(ZWNJ)
        if m < key_len or (m == key_len and k == j):
            seen = 0
            for pos in range(s, e):
                if w[pos - s] == ZWNJ:
                    continue
                if seen == m:
                    return pos
                seen += 1
            return None
        if m == key_len:
            return None  # that boundary is the joined space itself
        m -= key_len
    return None


def _apply(text: str, edits: Sequence[tuple[int, int, str]]) -> list[str]:
    pieces, pos = [], 0
    for s, e, r in edits:
        pieces += [text[pos:s], r]
        pos = e
    pieces.append(text[pos:])
    return pieces


@lru_cache(maxsize=1)
def restorer() -> Restorer:
    """The shipped model, loaded once."""
    return Restorer(Lexicon.load())
