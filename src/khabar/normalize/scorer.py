r"""The learned decision over ZWNJ candidates: two small logistic regressions.

The lexicon and affix rules (:mod:`khabar.normalize.zwnj`) propose
*candidates*: a ZWNJ inside a word (``INSIDE``) or a space that becomes a ZWNJ
(``JOIN``). Whether a candidate is applied is decided by a linear score,
one model per kind, over

- word features, fixed per word or word pair (which rule proposed it, how
  often UD dev writes the key with ZWNJ, solid and apart, how often the
  other corpora do), computed once and cached with their partial score;
- sentence features, the evidence of the rest of the text: does it already
  use ZWNJ, does it show deletion damage elsewhere (a solid ``میشود``, a solid
  plural) or space damage elsewhere (``می شود``, ``گزارش ها``). A text typed
  with spaces for ZWNJ spells its solid words on purpose, and vice versa.

The weights (``models/zwnj/scorer.tsv``) are trained by ``scripts/train_zwnj.py``
on UD dev sentences corrupted both ways and left untouched, with lexicons
built without the sentences scored (cross-fitted halves).

>>> m = Scorer({"inside": {"bias": 1.0, "damage": 2.0}, "join": {"bias": -1.0}})
>>> m.sentence_score(INSIDE, sentence_features(0, 0, 0, 0, 0, 10))
1.0
>>> m.word_score(INSIDE, inside_features("mi", True, 0, 0, (0, 0, 0), 1, False, 4))
2.0
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from operator import mul

from khabar.errors import ResourceError
from khabar.resources import model_path

INSIDE, JOIN = 0, 1
KINDS = ("inside", "join")

#: Rules that propose a ZWNJ inside a word (see ``Restorer._decide``).
INSIDE_RULES = ("form", "plural", "degree", "clitic", "mi", "compound")
#: Rules that propose joining two spaced words (see ``Restorer.join``).
JOIN_RULES = (
    "strict",
    "clitic",
    "form",
    "tar",
    "bound_right",
    "bound_left",
    "triple",
)

WORD_FEATURES: dict[int, tuple[str, ...]] = {
    INSIDE: (
        *(f"rule_{r}" for r in INSIDE_RULES),
        "damage",
        "form_count",
        "solid_count",
        "ud_zwnj",
        "ud_solid",
        "ud_share",
        "marks",
        "partial",
        "length",
    ),
    JOIN: (
        *(f"rule_{r}" for r in JOIN_RULES),
        "form_count",
        "apart_count",
        "ud_zwnj",
        "ud_solid",
        "ud_apart",
        "ud_share",
        "short_left",
        "short_right",
        "blocked",
    ),
}
SENTENCE_FEATURES = (
    "bias",
    "has_zwnj",
    "zwnj_count",
    "other_deletion_damage",
    "other_space_damage",
    "other_inside",
    "other_join",
    "words",
)


def _log(n: float, scale: float) -> float:
    return math.log1p(max(n, 0.0)) / scale


def ud_features(counts: tuple[int, int, int]) -> tuple[float, float, float, float]:
    """UD dev's own habit for a key: with ZWNJ, solid, apart, and the ZWNJ share."""
    z, s, a = counts
    return _log(z, 3), _log(s, 3), _log(a, 3), (z + 0.5) / (z + s + a + 1)


def inside_features(
    rule: str,
    damage: bool,
    form_count: int,
    solid_count: int,
    ud: tuple[int, int, int],
    marks: int,
    partial: bool,
    length: int,
) -> tuple[float, ...]:
    uz, us, _ua, share = ud_features(ud)
    return (
        *(float(rule == r) for r in INSIDE_RULES),
        float(damage),
        _log(form_count, 5),
        _log(solid_count, 5),
        uz,
        us,
        share,
        min(marks, 3) / 3,
        float(partial),
        min(length, 12) / 12,
    )


def join_features(
    rule: str,
    form_count: float,
    apart_count: float,
    ud: tuple[int, int, int],
    left_len: int,
    right_len: int,
    blocked: bool,
) -> tuple[float, ...]:
    uz, us, ua, share = ud_features(ud)
    return (
        *(float(rule == r) for r in JOIN_RULES),
        _log(form_count, 5),
        _log(apart_count, 5),
        uz,
        us,
        ua,
        share,
        float(left_len <= 2),
        float(right_len <= 2),
        float(blocked),
    )


#: Where each sentence count stops counting (the features are count / cap, capped at 1).
ZWNJ_CAP, DAMAGE_CAP, CANDIDATE_CAP, WORDS_CAP = 5, 3, 5, 50


def sentence_features(
    zwnj: int,
    deletion_damage: int,
    space_damage: int,
    inside: int,
    join: int,
    words: int,
) -> tuple[float, ...]:
    """The rest of the text around one candidate (its own counts already removed)."""
    return (
        1.0,
        float(zwnj > 0),
        min(zwnj, ZWNJ_CAP) / ZWNJ_CAP,
        min(deletion_damage, DAMAGE_CAP) / DAMAGE_CAP,
        min(space_damage, DAMAGE_CAP) / DAMAGE_CAP,
        min(inside, CANDIDATE_CAP) / CANDIDATE_CAP,
        min(join, CANDIDATE_CAP) / CANDIDATE_CAP,
        min(words, WORDS_CAP) / WORDS_CAP,
    )


def feature_names(kind: int) -> tuple[str, ...]:
    """Every weight of a kind, in the order of the training design matrix."""
    return (*WORD_FEATURES[kind], *SENTENCE_FEATURES)


class Scorer:
    """Weights by kind and feature name; a missing feature weighs nothing."""

    def __init__(self, weights: Mapping[str, Mapping[str, float]]) -> None:
        self.word_w = [
            tuple(weights.get(k, {}).get(f, 0.0) for f in WORD_FEATURES[i])
            for i, k in enumerate(KINDS)
        ]
        self.sent_w = [
            tuple(weights.get(k, {}).get(f, 0.0) for f in SENTENCE_FEATURES) for k in KINDS
        ]

    def word_score(self, kind: int, feats: Sequence[float]) -> float:
        return sum(map(mul, self.word_w[kind], feats))

    def sentence_score(self, kind: int, feats: Sequence[float]) -> float:
        return sum(map(mul, self.sent_w[kind], feats))

    @classmethod
    def load(cls, path: str | None = None) -> Scorer:
        p = path or str(model_path("zwnj", "scorer.tsv"))
        weights: dict[str, dict[str, float]] = {k: {} for k in KINDS}
        try:
            with open(p, encoding="utf-8") as f:
                for line in f:
                    if not line.strip() or line.startswith("#"):
                        continue
                    kind, name, value = line.rstrip("\n").split("\t")
                    weights[kind][name] = float(value)
        except (OSError, ValueError, KeyError) as e:
            raise ResourceError(
                f"ZWNJ scorer {p} is unreadable ({e}); rebuild it with scripts/train_zwnj.py"
            ) from e
        return cls(weights)

    @staticmethod
    def save(weights: Mapping[str, Mapping[str, float]], path: str, header: str) -> None:
        rows = [f"# {line}" for line in header.splitlines()]
        for i, kind in enumerate(KINDS):
            names = feature_names(i)
            rows += [f"{kind}\t{n}\t{weights[kind].get(n, 0.0):.6f}" for n in names]
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(rows) + "\n")
