"""Score the pipeline on hand-annotated articles (``shared/docs/gold-format.md``).

Matching is by surface text and canonical fields, never by offsets, so a
different but valid normalization costs nothing. Each article is scored as
given (``clean``), with its ZWNJs stripped (``stripped``) and with its ZWNJs
typed as spaces (``spaced``) — the two ways crawled Persian arrives.

Per layer:

- **entities** — a match is the same folded text and label; *linking
  accuracy* over matches counts the right actor (gold ``actor``) or, where
  the gold names no actor, the right ``country``.
- **timexes** — a match is the same folded text; *value accuracy* over matches.
- **quotes** — a match is the same speaker actor and content sharing at least
  half the tokens of both sides; *speaker accuracy* is over quotes matched by
  content alone.
- **events** — a match is the same PLOVER type with the same source and
  target country (either direction for CONSULT); ``events_actor`` also needs
  the same actors.

>>> fold("رئیس‌جمهوری  روسیه") == fold("رئيسجمهوري روسيه")
True
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khabar.errors import InputError

VARIANTS: dict[str, Callable[[str], str]] = {
    "clean": lambda t: t,
    "stripped": lambda t: t.replace("\u200c", ""),
    "spaced": lambda t: t.replace("\u200c", " "),
}
LAYERS = ("entities", "timexes", "quotes", "events")

_FOLD = str.maketrans(
    {
        "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا",
        "\u200c": None, "\u200d": None, " ": None, "\u0640": None, "\u064b": None,
        "\u064c": None, "\u064d": None, "\u064e": None, "\u064f": None, "\u0650": None,
        "\u0651": None, "\u0652": None, "\u0654": None, "«": None, "»": None, "\n": None,
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(0x0660 + i): str(i) for i in range(10)},
    }
)


def fold(s: str | None) -> str:
    """A comparison key insensitive to ZWNJ, spacing, Arabic letter forms and digit script."""
    return (s or "").translate(_FOLD)


def tokens(s: str) -> list[str]:
    """Content words for quote overlap (ZWNJ-joined parts and punctuation ignored)."""
    out = []
    for w in s.replace("\u200c", " ").split():
        w = fold(w.strip(".،,:؛!؟?()«»\"'"))
        if w:
            out.append(w)
    return out


@dataclass
class Score:
    """Counts for one layer; ``extra`` holds an accuracy's numerator/denominator."""

    tp: int = 0
    pred: int = 0
    gold: int = 0
    acc_ok: int = 0
    acc_n: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold
        self.acc_ok += other.acc_ok
        self.acc_n += other.acc_n

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float | None:
        return self.acc_ok / self.acc_n if self.acc_n else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "pred": self.pred,
            "gold": self.gold,
            "accuracy": None if self.accuracy is None else round(self.accuracy, 4),
            "accuracy_n": self.acc_n,
        }


def _match(gold: Sequence[Any], pred: Sequence[Any], same: Callable[[Any, Any], bool]) -> list[tuple[Any, Any]]:
    """Greedy one-to-one matching in order of appearance."""
    used = [False] * len(pred)
    pairs = []
    for g in gold:
        for i, p in enumerate(pred):
            if not used[i] and same(g, p):
                used[i] = True
                pairs.append((g, p))
                break
    return pairs


def _link(d: dict[str, Any] | None) -> tuple[str | None, str | None]:
    """(actor name, country) of a link object; IGOs have no country."""
    if not d:
        return None, None
    return d.get("name"), d.get("country")


# -- per-layer scorers over one article: gold dict vs predicted to_dict() ------


def score_entities(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> Score:
    pairs = _match(gold, pred, lambda g, p: g["label"] == p["label"] and fold(g["text"]) == fold(p["text"]))
    s = Score(tp=len(pairs), pred=len(pred), gold=len(gold), acc_n=len(pairs))
    for g, p in pairs:
        name, country = _link(p.get("link"))
        s.acc_ok += (name == g.get("actor")) if g.get("actor") else (country == g.get("country"))
    return s


def score_timexes(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> Score:
    pairs = _match(gold, pred, lambda g, p: fold(g["text"]) == fold(p["text"]))
    s = Score(tp=len(pairs), pred=len(pred), gold=len(gold), acc_n=len(pairs))
    s.acc_ok = sum(g.get("value") == p.get("value") for g, p in pairs)
    return s


def _overlaps(a: str, b: str) -> bool:
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    if not ta or not tb:
        return False
    common = sum((ta & tb).values())
    return common * 2 >= max(sum(ta.values()), sum(tb.values()))


def _speaker(q: dict[str, Any]) -> str | None:
    return _link((q.get("speaker") or {}).get("link"))[0]


def score_quotes(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> Score:
    full = _match(gold, pred, lambda g, p: g.get("speaker") == _speaker(p) and _overlaps(g["content"], p["content"]))
    by_content = _match(gold, pred, lambda g, p: _overlaps(g["content"], p["content"]))
    return Score(
        tp=len(full),
        pred=len(pred),
        gold=len(gold),
        acc_n=len(by_content),
        acc_ok=sum(g.get("speaker") == _speaker(p) for g, p in by_content),
    )


def _party(refs: list[dict[str, Any]] | None) -> tuple[str | None, str | None]:
    for r in refs or ():
        if r and r.get("link"):
            return _link(r["link"])
    return None, None


def _event_same(actors: bool) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    def same(g: dict[str, Any], p: dict[str, Any]) -> bool:
        if g["type"] != p["type"]:
            return False
        (sa, sc), (ta, tc) = _party(p.get("actor")), _party(p.get("recipient"))
        pred = [(sc, tc, sa, ta)]
        if g["type"] == "CONSULT":
            pred.append((tc, sc, ta, sa))
        for psc, ptc, psa, pta in pred:
            if (psc, ptc) != (g.get("source_country"), g.get("target_country")):
                continue
            if actors and (psa, pta) != (g.get("source_actor"), g.get("target_actor")):
                continue
            return True
        return False

    return same


def score_events(gold: list[dict[str, Any]], pred: list[dict[str, Any]], *, actors: bool = False) -> Score:
    pairs = _match(gold, pred, _event_same(actors))
    s = Score(tp=len(pairs), pred=len(pred), gold=len(gold), acc_n=len(pairs))
    s.acc_ok = sum(g.get("date") == p.get("date") for g, p in pairs)
    return s


SCORERS: dict[str, Callable[[list[dict[str, Any]], list[dict[str, Any]]], Score]] = {
    "entities": score_entities,
    "timexes": score_timexes,
    "quotes": score_quotes,
    "events": score_events,
    "events_actor": lambda g, p: score_events(g, p, actors=True),
}

#: what each layer's accuracy column means
ACCURACY = {
    "entities": "linking",
    "timexes": "value",
    "quotes": "speaker",
    "events": "date",
    "events_actor": "date",
}


@dataclass
class Report:
    """Scores per variant and layer, plus per-article detail for debugging."""

    scores: dict[str, dict[str, Score]] = field(default_factory=dict)
    articles: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "scores": {v: {k: s.as_dict() for k, s in layers.items()} for v, layers in self.scores.items()},
        }


def read_gold(path: Path | str) -> list[dict[str, Any]]:
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise InputError(f"{path}:{n}: not valid JSON ({e.msg}); each line must be one gold article") from e
    if not out:
        raise InputError(f"{path}: no gold articles found")
    return out


def evaluate(
    gold: Iterable[dict[str, Any]],
    analyze: Callable[[str, str, str | None], dict[str, Any]],
    *,
    variants: Sequence[str] = tuple(VARIANTS),
    layers: Sequence[str] = tuple(SCORERS),
) -> Report:
    """Score ``analyze(text, id, published) -> document dict`` on gold articles."""
    unknown = [v for v in variants if v not in VARIANTS] + [k for k in layers if k not in SCORERS]
    if unknown:
        raise InputError(f"unknown variant/layer {', '.join(unknown)}; choose from {', '.join([*VARIANTS, *SCORERS])}")
    report = Report(scores={v: {k: Score() for k in layers} for v in variants})
    for art in gold:
        report.articles += 1
        for v in variants:
            doc = analyze(VARIANTS[v](art["text"]), art.get("id", ""), art.get("published"))
            for k in layers:
                base = k.split("_")[0]
                report.scores[v][k].add(SCORERS[k](art.get(base, []), doc.get(base, [])))
    return report


def format_report(report: Report) -> str:
    lines = [f"gold articles: {report.articles}", ""]
    head = f"{'variant':<9} {'layer':<13} {'P':>6} {'R':>6} {'F1':>6}  {'accuracy':<18} {'pred':>5} {'gold':>5}"
    lines += [head, "-" * len(head)]
    for v, layers in report.scores.items():
        for k, s in layers.items():
            acc = "" if s.accuracy is None else f"{ACCURACY[k]} {s.accuracy:.3f} ({s.acc_n})"
            lines.append(
                f"{v:<9} {k:<13} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}  {acc:<18} {s.pred:5d} {s.gold:5d}"
            )
    return "\n".join(lines)
