"""Read CoNLL/BIO NER corpora and score a tagger phrase by phrase (CoNLL strict).

Three column layouts are read, detected per file: ``token<TAB>tag`` (ParsTwiNER),
``token|tag`` (PEYMA, whose tokens may hold a space where a ZWNJ belongs) and
``token tag`` (Arman). Tags may be written ``B-X`` or ``B_X``; labels are mapped
onto khabar's set by :data:`LABEL_MAP` (timexes, numbers and products become
``O``: they are another component's job or not names at all).

Scoring follows conlleval: a phrase counts only when its label and both its
token boundaries match; an ``I-`` tag without a preceding phrase of its label
opens a new phrase.

>>> gold = [["B-PER", "I-PER", "O", "B-LOC"]]
>>> pred = [["B-PER", "O", "O", "B-LOC"]]
>>> r = score_tags(gold, pred, labels=("PER", "LOC"))
>>> round(r.micro.f1, 3), r.per_label["LOC"].tp
(0.5, 1)
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)

#: corpus label (lower-cased) -> khabar label; anything absent maps to O.
LABEL_MAP: dict[str, str] = {
    "per": "PER",
    "pers": "PER",
    "org": "ORG",
    "pog": "ORG",  # ParsTwiNER political groups (parties, movements) act as organisations
    "loc": "LOC",
    "fac": "FAC",
    "event": "EVENT",
    "eve": "EVENT",
    "nat": "NORP",
    "norp": "NORP",
}

ZWNJ = "\u200c"
_ARABIC_TO_PERSIAN = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "٠": "۰", "١": "۱", "٢": "۲", "٣": "۳", "٤": "۴",
     "٥": "۵", "٦": "۶", "٧": "۷", "٨": "۸", "٩": "۹", "0": "۰", "1": "۱", "2": "۲",
     "3": "۳", "4": "۴", "5": "۵", "6": "۶", "7": "۷", "8": "۸", "9": "۹"}
)
_TAG = re.compile(r"^(?:O|[BIES][-_][A-Za-z]+)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One corpus sentence: its tokens and their BIO tags (``B-PER``, ``I-ORG``, ``O``)."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


def map_tag(tag: str, label_map: dict[str, str] | None = None) -> str:
    """A corpus tag as a khabar BIO tag.

    >>> map_tag("B_PER"), map_tag("I-pers"), map_tag("B-NAT"), map_tag("B_DAT")
    ('B-PER', 'I-PER', 'B-NORP', 'O')
    """
    if tag == "O" or len(tag) < 3:
        return "O"
    label = (label_map or LABEL_MAP).get(tag[2:].lower())
    if label is None:
        return "O"
    prefix = "B" if tag[0] in "BS" else "I"
    return f"{prefix}-{label}"


def _split_line(line: str) -> tuple[str, str]:
    if "\t" in line:
        token, _, tag = line.rpartition("\t")
        return token, tag.strip()
    for sep in ("|", " "):
        token, _, tag = line.rpartition(sep)
        if token and _TAG.match(tag.strip()):
            return token, tag.strip()
    raise ValueError(f"cannot read a token and a BIO tag from line {line!r}")


def read_conll(path: str | Path, *, label_map: dict[str, str] | None = None) -> list[Sentence]:
    """Sentences of a CoNLL/BIO file, tags mapped to khabar labels; a blank line ends a sentence.

    A space inside a token (PEYMA writes ``می شود`` for ``می‌شود``) becomes a ZWNJ,
    so that a token stays one word as the segmenter would see it.
    """
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with Path(path).open(encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                if tokens:
                    sentences.append(Sentence(tuple(tokens), tuple(tags)))
                    tokens, tags = [], []
                continue
            try:
                token, tag = _split_line(line)
            except ValueError as e:
                raise ValueError(f"{path}:{lineno}: {e}") from e
            tokens.append(token.strip().replace(" ", ZWNJ))
            tags.append(map_tag(tag, label_map))
    if tokens:
        sentences.append(Sentence(tuple(tokens), tuple(tags)))
    return sentences


def _letters_only(s: str) -> str:
    return s.translate(_ARABIC_TO_PERSIAN)


@lru_cache(maxsize=1)
def _normalizer() -> Callable[[str], str]:
    """khabar's normalizer when it is installed and its data loads, else the letter map."""
    try:
        from khabar.normalize import normalize_text

        normalize_text("كتاب")  # loads its data now, so a missing file shows here
    except Exception as e:  # noqa: BLE001 — any failure of that stage falls back, logged
        log.warning("normalizing CoNLL tokens with the letter map only: %s", e)
        return _letters_only
    return lru_cache(maxsize=200_000)(lambda s: normalize_text(_letters_only(s)))


def normalize_tokens(tokens: Sequence[str], *, strip_zwnj: bool = False) -> list[str]:
    """Tokens as khabar's normalizer would leave them (Persian letters and digits).

    ``strip_zwnj`` then removes every ZWNJ, as a crawler does to Persian news.

    >>> normalize_tokens(["كتاب‌ها", "12"], strip_zwnj=True)
    ['کتابها', '۱۲']
    """
    norm = _normalizer()
    out = []
    for t in tokens:
        n = norm(t) or t  # never let normalization empty a token: tags stay aligned
        out.append(n.replace(ZWNJ, "") if strip_zwnj else n)
    return out


# -- scoring -------------------------------------------------------------------


def phrases(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """``(start, end, label)`` token spans of a BIO sequence, conlleval-style.

    >>> sorted(phrases(["I-LOC", "B-PER", "I-PER", "I-ORG", "O"]))
    [(0, 1, 'LOC'), (1, 3, 'PER'), (3, 4, 'ORG')]
    """
    out: set[tuple[int, int, str]] = set()
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and tag[2:] == label and start >= 0
        if not inside:
            if start >= 0:
                out.add((start, i, label))
            start, label = (i, tag[2:]) if tag != "O" else (-1, "")
    return out


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class ConllReport:
    """Per-label and micro counts of one scored corpus, with the tagging speed."""

    labels: tuple[str, ...]
    per_label: dict[str, Counts] = field(default_factory=dict)
    sentences: int = 0
    tokens: int = 0
    seconds: float = 0.0
    name: str = ""

    @property
    def micro(self) -> Counts:
        c = Counts()
        for x in self.per_label.values():
            c.tp, c.fp, c.fn = c.tp + x.tp, c.fp + x.fp, c.fn + x.fn
        return c

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


def _keep(tags: Sequence[str], labels: Sequence[str]) -> list[str]:
    return [t if t != "O" and t[2:] in labels else "O" for t in tags]


def score_tags(
    gold: Iterable[Sequence[str]],
    pred: Iterable[Sequence[str]],
    *,
    labels: Sequence[str] = ("PER", "ORG", "LOC"),
) -> ConllReport:
    """Compare gold and predicted BIO sequences; other labels count as ``O`` on both sides."""
    report = ConllReport(tuple(labels), {lab: Counts() for lab in labels})
    for g, p in zip(gold, pred, strict=True):
        gp, pp = phrases(_keep(g, labels)), phrases(_keep(p, labels))
        for s in gp & pp:
            report.per_label[s[2]].tp += 1
        for s in pp - gp:
            report.per_label[s[2]].fp += 1
        for s in gp - pp:
            report.per_label[s[2]].fn += 1
        report.sentences += 1
        report.tokens += len(g)
    return report


class TokenTagger(Protocol):
    """What :func:`score_conll` needs: BIO tags for a batch of token sequences."""

    def tag_batch(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]: ...


def tag_all(tagger: TokenTagger, inputs: Sequence[Sequence[str]], batch: int = 64) -> list[list[str]]:
    """Tags of every sentence, batched by similar length (less padding), in input order."""
    order = sorted(range(len(inputs)), key=lambda i: len(inputs[i]))
    out: list[list[str]] = [[] for _ in inputs]
    for k in range(0, len(order), batch):
        chunk = order[k : k + batch]
        for i, tags in zip(chunk, tagger.tag_batch([inputs[i] for i in chunk]), strict=True):
            out[i] = tags
    return out


def score_conll(
    path: str | Path,
    tagger: TokenTagger,
    labels: Sequence[str] = ("PER", "ORG", "LOC"),
    strip_zwnj: bool = False,
) -> ConllReport:
    """Tag every sentence of a CoNLL file with ``tagger`` and score it phrase by phrase.

    Tokens are normalized first (as the pipeline's normalizer would) and, with
    ``strip_zwnj``, lose their ZWNJs; ``seconds`` is the CPU time of the tagging
    alone (this process), so tokens/s is a per-core speed even on a busy machine.
    """
    sentences = read_conll(path)
    inputs = [normalize_tokens(s.tokens, strip_zwnj=strip_zwnj) for s in sentences]
    t0 = time.process_time()
    pred = tag_all(tagger, inputs)
    seconds = time.process_time() - t0
    report = score_tags((s.tags for s in sentences), pred, labels=labels)
    report.seconds = seconds
    report.name = Path(path).name
    return report


def format_table(reports: Sequence[ConllReport], *, titles: Sequence[str] | None = None) -> str:
    """A Markdown table: one row per corpus with per-label F1 and micro P/R/F1."""
    if not reports:
        return ""
    labels = reports[0].labels
    head = ["corpus", *[f"{lab} F1" for lab in labels], "micro P", "micro R", "micro F1", "tokens/s"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for i, r in enumerate(reports):
        m = r.micro
        cells = [titles[i] if titles else r.name]
        cells += [f"{r.per_label[lab].f1:.3f}" for lab in labels]
        cells += [f"{m.precision:.3f}", f"{m.recall:.3f}", f"{m.f1:.3f}", f"{r.tokens_per_second:,.0f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
