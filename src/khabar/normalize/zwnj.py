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

These rules only propose *candidates*. In ``auto`` mode each one is weighed
by a small learned model (:mod:`khabar.normalize.scorer`) against how UD dev
spells the word and against the rest of the text: a text that already uses
ZWNJ is mostly left as written, a text typed with spaces for ZWNJ keeps its
solid words, a text stripped of ZWNJ keeps its spaces. ``restore`` mode
applies every candidate.

>>> r = restorer()
>>> "".join(_apply("گزارش ها نشان می دهد", r.edits("گزارش ها نشان می دهد", force=True)))
'گزارش\u200cها نشان می\u200cدهد'
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache, partial
from typing import NamedTuple

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
from khabar.normalize.scorer import (
    CANDIDATE_CAP,
    DAMAGE_CAP,
    INSIDE,
    JOIN,
    WORDS_CAP,
    ZWNJ_CAP,
    Scorer,
    inside_features,
    join_features,
    sentence_features,
)

_HAS_DIACRITIC = re.compile(f"[{DIACRITIC}]")

log = logging.getLogger(__name__)

# Thresholds tuned on the UD dev sets (see scripts/train_zwnj.py --tune).
MIN_STEM = 2  # a stem must be seen this often (solid) to take an affix by rule
MIN_ADJ = 10  # a stem must be this frequent (weighted) to take -تر/-ترین by rule
MIN_PART = 3  # a compound part must be seen this often on its side of a ZWNJ
BOUND_RATIO = 0.25  # a compound part is bound when seen alone < ratio * as a part
MIN_BOUND = 20  # ... and seen as a part at least this often (weighted)
FUNCTION_MIN = 1000  # a word this frequent (weighted, solid) ...
FUNCTION_RATIO = 50  # ... and this much rarer as a compound part never joins a bound part
MIN_JOIN_FORM = 2  # a spaced pair joins by known spelling only if seen this often
SPACED_RATIO = 2  # join a spaced pair when its joined spelling is this much more frequent


class Candidate(NamedTuple):
    """A proposed change: ZWNJs inside one word, or one/two spaces of a word run."""

    kind: int  # INSIDE or JOIN
    edits: tuple[tuple[int, int, str], ...]
    strong: bool  # clear damage: می‌/نمی‌ + verb, plural/degree suffix
    score: float  # the word part of the model's score
    feats: tuple[float, ...]  # the word features (kept for training)


class Restorer:
    """Compute ZWNJ edits for a text; see the module docstring for the decisions."""

    def __init__(self, lexicon: Lexicon, scorer: Scorer | None = None) -> None:
        self.lex = lexicon
        self.scorer = scorer or Scorer({})
        solid = lexicon.solid
        self._bound_l, self._bound_r = (
            frozenset(
                k for k, n in side.items() if n >= MIN_BOUND and solid.get(k, 0) < BOUND_RATIO * n
            )
            for side in (lexicon.left, lexicon.right)
        )
        self._cache: dict[str, tuple[str, str] | None] = {}
        # per word: (flags, inside edit offsets, strong, word score, word features)
        self._info: dict[str, tuple[int, tuple[int, ...], bool, float, tuple[float, ...]]] = {}
        # per spaced pair: (joins?, strict, word score, word features)
        self._pairs: dict[tuple[str, str], tuple[bool, bool, float, tuple[float, ...]]] = {}
        self._triples: dict[
            tuple[str, str, str], tuple[str, str, float, tuple[float, ...]] | None
        ] = {}
        # per capped sentence counts: the sentence part by [kind][strong]
        self._parts: dict[tuple[int, ...], tuple[tuple[float, float], tuple[float, float]]] = {}

    # -- single words -------------------------------------------------------
    def decide(self, key: str) -> str | None:
        """The ZWNJ spelling of a ZWNJ-less word, or None to leave it as it is."""
        hit = self.decide_rule(key)
        return None if hit is None else hit[0]

    def decide_rule(self, key: str) -> tuple[str, str] | None:
        """The ZWNJ spelling and the rule that proposed it (see ``scorer.INSIDE_RULES``)."""
        hit = self._cache.get(key, ())
        if hit != ():
            return hit  # type: ignore[return-value]
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

    def _decide(self, key: str, depth: int) -> tuple[str, str] | None:
        lex = self.lex
        form = lex.forms.get(key)
        if form is not None:
            return _plural_zwnj(form), "form"
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
        best: tuple[int, str, str] | None = None
        for group, rule in ((PLURAL, "plural"), (DEGREE, "degree"), (CLITIC, "clitic")):
            for suf in group:
                if key.endswith(suf) and len(key) - len(suf) >= 2:
                    stem = key[: -len(suf)]
                    if stem[-1] in NON_JOINING or (group is CLITIC and not _clitic_ok(stem, suf)):
                        continue
                    if group is DEGREE and lex.solid.get(stem, 0) < MIN_ADJ:
                        continue  # مشتری, باکتری, دیمیتری end in -تری too
                    known = self._known(stem)
                    if known is None:
                        inner = self._decide(stem, depth + 1)
                        known = None if inner is None else inner[0]
                    if known is not None:
                        n = lex.solid.get(stem, 0) + lex.form_count.get(stem, 0)
                        if best is None or n > best[0]:
                            best = (n, known + ZWNJ + suf, rule)
        if best is not None:
            return best[1], best[2]
        # verb prefix before a verb form seen after it: می|گوید, نمی|توان
        for pre in PREFIX_VERB:
            if key.startswith(pre):
                rest = key[len(pre) :]
                if lex.mi.get(rest, 0) >= 1 or self._verb(rest) or _verb_shaped(rest):
                    return pre + ZWNJ + (lex.forms.get(rest) or rest), "mi"
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
            # neither part can reach MIN_PART, even as a bound part (the hot case)
            if (lc < MIN_PART and rc < MIN_BOUND) or (rc < MIN_PART and lc < MIN_BOUND):
                continue
            if self._bound_left(left) and self._word(right):
                lc = rc = max(lc, MIN_PART)
            elif self._bound_right(right) and self._word(left):
                lc = rc = max(rc, MIN_PART)
            if lc >= MIN_PART and rc >= MIN_PART and min(lc, rc) > best_score:
                split, best_score = (lex.forms.get(left) or left) + ZWNJ + right, min(lc, rc)
        return None if split is None else (split, "compound")

    # -- pairs of words separated by one space ------------------------------
    def join(self, left_key: str, right_key: str, strict: bool) -> bool:
        """Should the single space between these two words be a ZWNJ?"""
        rule = self.join_rule(left_key, right_key)
        return rule == "strict" or (not strict and rule != "")

    def join_rule(self, left_key: str, right_key: str) -> str:
        """The rule that joins these two words (see ``scorer.JOIN_RULES``), or ""."""
        lex = self.lex
        # a one-letter word takes no plural («ء ها»): glued, it would make a new word
        # that a second pass joins again («می ء‌ها»)
        if (right_key in ALWAYS_JOIN_RIGHT and len(left_key) >= 2) or (
            left_key in PREFIX_VERB and len(right_key) >= 2
        ):
            return "strict"
        if right_key in CLITIC:
            return "clitic" if len(left_key) >= 2 and _clitic_ok(left_key, right_key) else ""
        if left_key in lex.block_left or right_key in lex.block_right:
            return ""
        joined = left_key + right_key
        if joined not in lex.forms and joined[-1] == "ی" and joined[:-1] in lex.forms:
            joined = joined[:-1]  # آتش بسی: a known compound plus indefinite/ezafe -ی
        form = lex.forms.get(joined)
        if form is not None and len(left_key) in _positions(form)[1]:
            # how often it is written apart is weighed by the decision model
            return "form"
        if right_key in ("تر", "تری"):
            return "tar" if lex.solid.get(left_key, 0) >= MIN_STEM else ""
        # a verb prefix or a suffix is not the other part of a bound compound («بهره می»)
        if left_key in JOINS_LEFT or right_key in PREFIX_VERB:
            return ""
        if self._bound_right(right_key) and self._word(left_key):
            return "" if self._function(left_key, lex.left) else "bound_right"
        if self._bound_left(left_key) and self._wordish(right_key):
            return "" if self._function(right_key, lex.right) else "bound_left"
        return ""

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

    def _function(self, key: str, side: dict[str, int]) -> bool:
        """A frequent word hardly ever seen on this side of a compound ZWNJ (را, در, با,
        نیز): it does not join a bound part («را طلب», «سرمایه نیز» stay apart)."""
        n = self.lex.solid.get(key, 0)
        return n >= FUNCTION_MIN and side.get(key, 0) * FUNCTION_RATIO < n

    def _bound_right(self, key: str) -> bool:
        """A compound head hardly ever written alone (گیری, ناپذیر)."""
        return key in self._bound_r

    def _bound_left(self, key: str) -> bool:
        """A compound first part hardly ever written alone (بی)."""
        return key in self._bound_l

    # -- whole text ---------------------------------------------------------
    def edits(self, text: str, *, force: bool) -> list[tuple[int, int, str]]:
        """Sorted edits: a space replaced by ZWNJ or removed, or a ZWNJ inserted in a word.

        ``force`` applies every candidate; otherwise the model weighs each one
        against the evidence of the whole text (see :mod:`khabar.normalize.scorer`).
        """
        cands, n_words = self.candidates(text)
        if not cands:
            return []
        keep = cands if force else self._decide_all(text.count(ZWNJ), cands, n_words)
        if len(keep) == 1:
            return list(keep[0][1])
        out = [e for c in keep for e in c[1]]
        out.sort()
        return out

    def _decide_all(
        self, existing: int, cands: Sequence[Candidate], n_words: int
    ) -> list[Candidate]:
        """The candidates the model keeps.

        The sentence part depends on a candidate only through its kind and
        strength: four values per round. Applied edits change the evidence for
        the candidates left (the text now uses more ZWNJs and has fewer words), so
        the rest are weighed again against the text as it would then read, until
        no more are kept: a second normalization then finds nothing to do.
        """
        keep: list[Candidate] = []
        rest = list(cands)
        while rest:
            part = self.sentence_parts(existing, rest, n_words)
            kept: list[Candidate] = []
            left: list[Candidate] = []
            for c in rest:
                (kept if c[3] + part[c[0]][c[2]] > 0 else left).append(c)
            if not kept:
                break
            keep += kept
            rest = left
            for c in kept:
                existing += sum(r.count(ZWNJ) for _, _, r in c[1])
                if c[0] == JOIN:
                    n_words -= len(c[1])  # each edit of a join removes one space
        return keep

    @staticmethod
    def sentence_features_of(
        text: str, cands: Sequence[Candidate], n_words: int
    ) -> list[tuple[float, ...]]:
        """Per candidate, the evidence of the rest of the text (its own part removed)."""
        table = Restorer._sentence_table(text.count(ZWNJ), cands, n_words)
        return [table[c.kind][c.strong] for c in cands]

    def sentence_parts(
        self, existing: int, cands: Sequence[Candidate], n_words: int
    ) -> tuple[tuple[float, float], tuple[float, float]]:
        """The sentence part of the score, by kind and strength (the only two things
        of a candidate its sentence features depend on), in a text holding
        ``existing`` ZWNJs and ``n_words`` words."""
        n_in, strong_in, n_join, strong_join = self._counts(cands)
        # Each count is capped in the features, and a candidate's own is taken off
        # first: a count capped one higher gives the same features, so a few hundred
        # keys cover every text and each is scored once.
        key = (
            min(existing, ZWNJ_CAP),
            min(n_in, CANDIDATE_CAP + 1),
            min(strong_in, DAMAGE_CAP + 1),
            min(n_join, CANDIDATE_CAP + 1),
            min(strong_join, DAMAGE_CAP + 1),
            min(n_words, WORDS_CAP),
        )
        parts = self._parts.get(key)
        if parts is None:
            table = self._table(*key)
            score = self.scorer.sentence_score
            parts = self._parts[key] = (
                (score(INSIDE, table[INSIDE][0]), score(INSIDE, table[INSIDE][1])),
                (score(JOIN, table[JOIN][0]), score(JOIN, table[JOIN][1])),
            )
        return parts

    @staticmethod
    def _counts(cands: Sequence[Candidate]) -> tuple[int, int, int, int]:
        """Candidates inside words, the strong ones, spaced joins, the strong ones."""
        n_in = n_join = strong_in = strong_join = 0
        for c in cands:
            if c[0] == INSIDE:
                n_in += 1
                strong_in += c[2]
            else:
                n_join += 1
                strong_join += c[2]
        return n_in, strong_in, n_join, strong_join

    @staticmethod
    def _sentence_table(
        existing: int, cands: Sequence[Candidate], n_words: int
    ) -> tuple[tuple[tuple[float, ...], ...], ...]:
        """Sentence features indexed by [kind][strong]."""
        return Restorer._table(existing, *Restorer._counts(cands), n_words)

    @staticmethod
    def _table(
        existing: int, n_in: int, strong_in: int, n_join: int, strong_join: int, n_words: int
    ) -> tuple[tuple[tuple[float, ...], ...], ...]:
        return tuple(
            tuple(
                sentence_features(
                    existing,
                    strong_in - (kind == INSIDE and strong),
                    strong_join - (kind == JOIN and strong),
                    n_in - (kind == INSIDE),
                    n_join - (kind == JOIN),
                    n_words,
                )
                for strong in (False, True)
            )
            for kind in (INSIDE, JOIN)
        )

    def _word_info(self, word: str) -> tuple[int, tuple[int, ...], bool, float, tuple[float, ...]]:
        """Per word: how it may join its neighbours (``_FIRST``…``_RIGHT_ONLY``), the
        offsets of the ZWNJs it lacks inside, whether that is clear damage, and its
        model features."""
        key, marks = _positions(word) if ZWNJ in word else (word, _NO_MARKS)
        lex = self.lex
        flags = 0
        if key in lex.first:
            flags |= _FIRST | _STARTS3
        elif key in lex.starts3:
            flags |= _STARTS3
        if key in lex.later or (key[-1:] == "ی" and key[:-1] in lex.later):
            flags |= _LATER
        if key in PREFIX_VERB or self._bound_left(key):
            flags |= _LEFT_ONLY
        if key in JOINS_LEFT or self._bound_right(key):
            flags |= _RIGHT_ONLY
        if _HAS_DIACRITIC.search(word):
            return flags, (), False, 0.0, ()
        hit = self.decide_rule(key)
        if hit is None:
            return flags, (), False, 0.0, ()
        target, rule = hit
        tkey, tmarks = _positions(target)
        if tkey != key or not tmarks > marks:
            return flags, (), False, 0.0, ()
        inside = tuple(_word_offset(word, m) for m in sorted(tmarks - marks))
        damage = _damage_sign(target)
        feats = inside_features(
            rule,
            damage,
            lex.form_count.get(key, 0),
            lex.form_solid.get(key, 0),
            lex.ud.get(key, _NO_UD),
            len(inside),
            bool(marks),
            len(key),
        )
        return flags, inside, damage, self.scorer.word_score(INSIDE, feats), feats

    def _pair_info(self, a: str, b: str) -> tuple[bool, bool, float, tuple[float, ...]]:
        left, right = _positions(a)[0], _positions(b)[0]
        rule = self.join_rule(left, right)
        if not rule:
            return False, False, 0.0, ()
        lex = self.lex
        joined = left + right
        if joined not in lex.forms and joined[-1] == "ی" and joined[:-1] in lex.forms:
            joined = joined[:-1]
        feats = join_features(
            rule,
            lex.form_count.get(joined, 0),
            lex.pairs.get(left + " " + right, 0),
            lex.ud.get(joined, _NO_UD),
            len(left),
            len(right),
            left in lex.block_left or right in lex.block_right,
        )
        return True, rule == "strict", self.scorer.word_score(JOIN, feats), feats

    def candidates(self, text: str) -> tuple[list[Candidate], int]:
        """Every proposed change in ``text``, in order, and the number of words."""
        # One pass over the words; every decision is cached per word or word pair,
        # so the cost per word is a few dict lookups (this is the hot loop). One
        # regex split gives words (odd items) and what separates them (even items).
        parts = _SPLIT(text)
        out: list[Candidate] = []
        info = self._info
        pair_cache = self._pairs
        prev_w, prev_f = "", 0
        pend: tuple[str, str, int] | None = None  # a spaced pair that may start a triple
        pos = len(parts[0])
        edits: tuple[tuple[int, int, str], ...]
        for w, before, after in zip(parts[1::2], parts[0::2], parts[2::2], strict=False):
            f = info.get(w)
            if f is None:
                f = info[w] = self._word_info(w)
            fl = f[0]
            if f[1]:
                if len(f[1]) == 1:
                    o = pos + f[1][0]
                    edits = ((o, o, ZWNJ),)
                else:
                    edits = tuple([(pos + o, pos + o, ZWNJ) for o in f[1]])
                out.append(_candidate((INSIDE, edits, f[2], f[3], f[4])))
            if before != " " or not prev_w:  # not one space after the previous word
                pend = None
            elif fl or prev_f or pend is not None:
                space = pos - 1
                done = False
                if pend is not None:
                    glue3 = self._triple(pend[0], pend[1], w)
                    if glue3 is not None:
                        edits = ((pend[2], pend[2] + 1, glue3[0]), (space, space + 1, glue3[1]))
                        out.append(_candidate((JOIN, edits, False, glue3[2], glue3[3])))
                        done = True
                    pend = None
                if not done:
                    # only pairs some rule of join_rule() can join are looked up
                    if (prev_f & _FIRST and fl & _LATER) or prev_f & _LEFT_ONLY or fl & _RIGHT_ONLY:
                        pair = (prev_w, w)
                        glue = pair_cache.get(pair)
                        if glue is None:
                            glue = pair_cache[pair] = self._pair_info(prev_w, w)
                        if glue[0]:
                            out.append(
                                _candidate(
                                    (JOIN, ((space, space + 1, ZWNJ),), glue[1], glue[2], glue[3])
                                )
                            )
                            done = True
                    if not done and prev_f & _STARTS3 and len(w) <= 2:
                        pend = (prev_w, w, space)
            prev_w, prev_f = w, fl
            pos += len(w) + len(after)
        return out, len(parts) // 2

    def _triple(self, a: str, b: str, c: str) -> tuple[str, str, float, tuple[float, ...]] | None:
        key = (a, b, c)
        if key not in self._triples:
            ka, kb, kc = _positions(a)[0], _positions(b)[0], _positions(c)[0]
            glue = self._join3(ka, kb, kc)
            if glue is None:
                self._triples[key] = None
            else:
                joined = ka + kb + kc
                feats = join_features(
                    "triple",
                    self.lex.form_count.get(joined, 0),
                    self.lex.pairs.get(f"{ka} {kb} {kc}", 0),
                    self.lex.ud.get(joined, _NO_UD),
                    len(ka),
                    len(kc),
                    False,
                )
                self._triples[key] = (*glue, self.scorer.word_score(JOIN, feats), feats)
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


_NO_UD = (0, 0, 0)
#: builds a Candidate from a tuple without NamedTuple's Python-level __new__ (hot loop)
_candidate = partial(tuple.__new__, Candidate)
_NO_MARKS: frozenset[int] = frozenset()
#: Word flags: starts / continues a known multiword spelling, joins the next /
#: previous word by a rule of its own (می, بی…; ها, ترین, clitics, bound heads).
_FIRST, _LATER, _LEFT_ONLY, _RIGHT_ONLY, _STARTS3 = 1, 2, 4, 8, 16
_SPLIT = re.compile(f"({WORD.pattern})").split


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
    return Restorer(Lexicon.load(), Scorer.load())
