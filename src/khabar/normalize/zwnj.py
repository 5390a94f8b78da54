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

import logging
import re
from collections.abc import Sequence
from functools import lru_cache

from khabar.normalize.cleanup import DIACRITIC
from khabar.normalize.lexicon import (
    ALWAYS_JOIN_RIGHT,
    CLITIC,
    DEGREE,
    JOINS_LEFT,
    NON_JOINING,
    PLURAL,
    PREFIX_VERB,
    VERB_ENDINGS,
    WORD,
    ZWNJ,
    Lexicon,
    _positions,
)

_HAS_DIACRITIC = re.compile(f"[{DIACRITIC}]")

log = logging.getLogger(__name__)

# Thresholds tuned on the UD dev sets (see scripts/train_zwnj.py --tune).
MIN_STEM = 2  # a stem must be seen this often (solid) to take an affix by rule
MIN_ADJ = 10  # a stem must be this frequent (weighted) to take -تر/-ترین by rule
MIN_PART = 3  # a compound part must be seen this often on its side of a ZWNJ
BOUND_RATIO = 0.25  # a compound part is bound when seen alone < ratio * as a part
MIN_BOUND = 20  # ... and seen as a part at least this often (weighted)
MIN_JOIN_FORM = 2  # a spaced pair joins by known spelling only if seen this often
EVIDENCE_WORDS = 60  # a text this long shows its damage if it has any (see Restorer.edits)
SPACED_RATIO = 2  # join a spaced pair when its joined spelling is this much more frequent


class Restorer:
    """Compute ZWNJ edits for a text; see the module docstring for the decisions."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self._cache: dict[str, str | None] = {}
        self._info: dict[str, tuple[int, tuple[int, ...]]] = {}
        self._pairs: dict[tuple[str, str], int] = {}  # 0 apart, 1 join, 2 join even in strict mode
        self._evidence = False
        self._words = 0
        self._triples: dict[tuple[str, str, str], tuple[str, str] | None] = {}

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
            return _plural_zwnj(form)
        # A known solid word stays (the lexicon only keeps solid words whose
        # evidence outweighs the noisy corpora's habit of writing affixes solid).
        if key in lex.solid or len(key) < 4 or depth > 1:
            return None
        # a solid plural after a non-joining letter (کارهای) or an ezafe after -ا/-و (دنیای)
        for suf in PLURAL:
            stem = key[: -len(suf)]
            if (
                key.endswith(suf)
                and len(stem) >= 2
                and stem[-1] in NON_JOINING
                and self._known(stem)
            ):
                return None
        if key[-1] == "ی" and key[-2] in "او" and key[:-1] in lex.solid:
            return None
        # suffixes after a known stem: همکاری|های, زمینه|ها, بزرگ|ترین, دوره|ای;
        # when two parses compete (دست|های, دسته|ای) the more frequent stem wins
        best: tuple[int, str] | None = None
        for group, clitic in ((PLURAL, False), (DEGREE, False), (CLITIC, True)):
            for suf in group:
                if key.endswith(suf) and len(key) - len(suf) >= 2:
                    stem = key[: -len(suf)]
                    if stem[-1] in NON_JOINING or (clitic and not _clitic_ok(stem, suf)):
                        continue
                    if group is DEGREE and lex.solid.get(stem, 0) < MIN_ADJ:
                        continue  # مشتری, باکتری, دیمیتری end in -تری too
                    known = self._known(stem) or self._decide(stem, depth + 1)
                    if known is not None:
                        n = lex.solid.get(stem, 0) + lex.form_count.get(stem, 0)
                        if best is None or n > best[0]:
                            best = (n, known + ZWNJ + suf)
        if best is not None:
            return best[1]
        # verb prefix before a verb form seen after it: می|گوید, نمی|توان
        for pre in PREFIX_VERB:
            if key.startswith(pre):
                rest = key[len(pre) :]
                if lex.mi.get(rest, 0) >= 1 or self._verb(rest) or _verb_shaped(rest):
                    return pre + ZWNJ + (lex.forms.get(rest) or rest)
                break
        # two known compound parts: رئیس|جمهوری, اجتناب|ناپذیر
        split: str | None = None
        best_score = 0
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
                split, best_score = (lex.forms.get(left) or left) + ZWNJ + right, min(lc, rc)
        return split

    # -- pairs of words separated by one space ------------------------------
    def join(self, left_key: str, right_key: str, strict: bool) -> bool:
        """Should the single space between these two words be a ZWNJ?"""
        lex = self.lex
        if right_key in ALWAYS_JOIN_RIGHT or (left_key in PREFIX_VERB and len(right_key) >= 2):
            return True
        if strict:
            return False
        if right_key in CLITIC:
            return len(left_key) >= 2 and _clitic_ok(left_key, right_key)
        if left_key in lex.block_left or right_key in lex.block_right:
            return False
        joined = left_key + right_key
        if joined not in lex.forms and joined[-1] == "ی" and joined[:-1] in lex.forms:
            joined = joined[:-1]  # آتش بسی: a known compound plus indefinite/ezafe -ی
        form = lex.forms.get(joined)
        count = lex.form_count.get(joined, 0)
        if form is not None and count >= MIN_JOIN_FORM and len(left_key) in _positions(form)[1]:
            spaced = lex.pairs.get(left_key + " " + right_key, 0)
            return count > SPACED_RATIO * spaced
        if right_key in ("تر", "تری"):
            return lex.solid.get(left_key, 0) >= MIN_STEM
        if self._bound_right(right_key) and self._word(left_key):
            return True
        return self._bound_left(left_key) and self._wordish(right_key)

    def _verb(self, rest: str) -> bool:
        """A verb form after می: a stem seen after می plus a personal ending."""
        stems = self.lex.stems
        for e in VERB_ENDINGS:
            if rest.endswith(e) and len(rest) - len(e) >= 2 and rest[: len(rest) - len(e)] in stems:
                return True
        return False

    def _word(self, key: str) -> bool:
        return key in self.lex.forms or self.lex.solid.get(key, 0) >= MIN_STEM

    def _wordish(self, key: str) -> bool:
        """A known word, or one with a derivational/ezafe -ی or a plural (اعتنایی, شرم‌ها)."""
        if self._word(key):
            return True
        for suf in ("یی", "ی", "ها", "های", "هایی"):
            if key.endswith(suf) and len(key) - len(suf) >= 2 and self._word(key[: -len(suf)]):
                return True
        return False

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
        """Sorted edits: a space replaced by ZWNJ or removed, or a ZWNJ inserted in a word."""
        edits, safe = self._edits(text)
        if force or not edits:
            return edits
        existing = text.count(ZWNJ)
        # The text already uses ZWNJ and shows little damage: trust the writer,
        # fixing only spaced prefixes/suffixes that are never right.
        if existing and len(edits) <= 2 * existing:
            return safe
        # A long text with no ZWNJ at all and no sign of lost ones (no solid
        # می‌-verb or plural anywhere): its writer spells compounds solid on purpose.
        if not existing and not self._evidence and self._words >= EVIDENCE_WORDS:
            return safe
        return edits

    def _flags(self, word: str) -> tuple[int, tuple[int, ...]]:
        """Per word: may it join (1: to the right, 2: to the left) and its own inside ZWNJs."""
        key, marks = _positions(word)
        lex = self.lex
        flags = 0
        if key in lex.first or key in PREFIX_VERB or self._bound_left(key):
            flags |= 1
        if key in lex.later or key in JOINS_LEFT or self._bound_right(key):
            flags |= 2
        inside: tuple[int, ...] = ()
        if not _HAS_DIACRITIC.search(word):
            target = self.decide(key)
            if target is not None:
                tkey, tmarks = _positions(target)
                if tkey == key and tmarks > marks:
                    inside = tuple(_word_offset(word, m) for m in sorted(tmarks - marks))
                    if _damage_sign(target):
                        flags |= 4
        return flags, inside

    def _edits(self, text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
        """All edits, and the subset that is safe in a text already using ZWNJ."""
        # One pass over the words; every decision is cached per word or word pair,
        # so the cost per word is a few dict lookups (this is the hot loop).
        out: list[tuple[int, int, str]] = []
        safe: list[tuple[int, int, str]] = []
        info = self._info
        pair_cache = self._pairs
        prev_w, prev_e, prev_f = "", -2, 0
        pend: tuple[str, str, int] | None = None  # a spaced pair that may start a triple
        evidence = 0
        n_words = 0
        for m in WORD.finditer(text):
            s, e = m.span()
            w = m.group()
            f = info.get(w)
            if f is None:
                f = info[w] = self._flags(w)
            fl = f[0]
            evidence |= fl & 4
            n_words += 1
            if f[1]:
                out.extend((s + o, s + o, ZWNJ) for o in f[1])
            spaced = s == prev_e + 1 and text[prev_e] == " "
            done = False
            if pend is not None:
                if spaced:
                    glue3 = self._triple(pend[0], pend[1], w)
                    if glue3 is not None:
                        out.append((pend[2], pend[2] + 1, glue3[0]))
                        out.append((prev_e, prev_e + 1, glue3[1]))
                        done = True
                pend = None
            if not done and spaced and (prev_f & 1 or fl & 2):
                pair = (prev_w, w)
                glue = pair_cache.get(pair)
                if glue is None:
                    a, b = _positions(prev_w)[0], _positions(w)[0]
                    glue = pair_cache[pair] = (
                        2 if self.join(a, b, True) else int(self.join(a, b, False))
                    )
                if glue:
                    out.append((prev_e, prev_e + 1, ZWNJ))
                    if glue == 2:
                        safe.append((prev_e, prev_e + 1, ZWNJ))
                        evidence = 4
                elif prev_f & 1 and len(w) <= 2:
                    pend = (prev_w, w, prev_e)
            prev_w, prev_e, prev_f = w, e, fl
        out.sort()
        self._evidence = bool(evidence)
        self._words = n_words
        return out, safe

    def _triple(self, a: str, b: str, c: str) -> tuple[str, str] | None:
        key = (a, b, c)
        if key not in self._triples:
            self._triples[key] = self._join3(_positions(a)[0], _positions(b)[0], _positions(c)[0])
        return self._triples[key]

    def _join3(self, a: str, b: str, c: str) -> tuple[str, str] | None:
        """Glue for two spaces when a three-part spelling is known: ``گفت و گو`` → ``گفت‌وگو``.

        Each space becomes a ZWNJ or disappears, as in the known spelling.
        """
        joined = a + b + c
        form = self.lex.forms.get(joined)
        if form is None:
            return None
        marks = _positions(form)[1]
        if not marks & {len(a), len(a) + len(b)}:
            return None
        spaced = self.lex.pairs.get(f"{a} {b} {c}", 0)
        if self.lex.form_count.get(joined, 0) <= SPACED_RATIO * spaced:
            return None
        return (ZWNJ if len(a) in marks else "", ZWNJ if len(a) + len(b) in marks else "")


def _damage_sign(target: str) -> bool:
    """A spelling whose solid form is almost never deliberate: می‌/نمی‌ + verb, or a
    plural/degree suffix after a ZWNJ. Finding one shows the text lost its ZWNJs."""
    parts = target.split(ZWNJ)
    return parts[0] in PREFIX_VERB or parts[-1] in PLURAL or parts[-1] in DEGREE


def _plural_zwnj(form: str) -> str:
    """A known spelling with its plural suffix written solid (موضع‌گیریها) gets the
    suffix's ZWNJ too, when the ZWNJ is already used inside the word."""
    if ZWNJ not in form:
        return form
    for suf in PLURAL:
        if form.endswith(suf) and len(form) > len(suf) + 1:
            before = form[-len(suf) - 1]
            if before not in NON_JOINING and before != ZWNJ:
                return form[: -len(suf)] + ZWNJ + suf
            break
    return form


def _verb_shaped(rest: str) -> bool:
    """An unknown form after می that still looks like a finite verb (می|فشاریم)."""
    return len(rest) >= 4 and rest.endswith(("ند", "ید", "یم", "د", "م")) and rest[0] != "ا"


def _clitic_ok(stem: str, clitic: str) -> bool:
    """Clitics take a ZWNJ after final ه (خانه‌ای), and after final ی except the
    Arabic plural -ات (ادبیات, عملیات)."""
    return stem[-1] == "ه" or (stem[-1] == "ی" and clitic != "ات")


def _word_offset(word: str, m: int) -> int:
    """Offset in ``word`` of the character at key offset ``m`` (ZWNJs skipped)."""
    seen = 0
    for pos, ch in enumerate(word):
        if ch == ZWNJ:
            continue
        if seen == m:
            return pos
        seen += 1
    return len(word)


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
