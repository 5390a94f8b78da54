"""The ``ner`` component: a CRF over word-type features, shipped in ``models/ner``.

The model is trained by ``scripts/train_ner.py`` on PEYMA, Arman and ParsTwiNER
(labels PER, ORG, LOC, FAC, EVENT, NORP). At run time it reads only the shipped
files: ``crf.npz`` (the CRF weights exported from crfsuite), ``clusters.tsv``
and ``gazetteer.tsv``, and decodes with :class:`khabar.ner.crf.LinearChainCRF`.
With ``accurate=True``, a small BiLSTM's label scores (``lstm.npz``, trained by
``scripts/train_ner_lstm.py``) are added to the CRF's first (:mod:`khabar.ner.lstm`):
better names, a half to a third of the speed.
"""

from __future__ import annotations

import json
import logging
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import numpy as np

from khabar.document import Document, Entity, Token
from khabar.errors import ConfigError, ResourceError
from khabar.ner.crf import LinearChainCRF
from khabar.ner.features import Featurizer, fold
from khabar.ner.lstm import LstmScorer
from khabar.ner.scorer import Scorer
from khabar.resources import load_yaml, model_path

log = logging.getLogger(__name__)

MODEL_DIR = ("ner",)
_S = TypeVar("_S", bound=tuple[Any, ...])


@cache
def _controller() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_blas_thread() -> AbstractContextManager[Any]:
    """numpy's BLAS on one thread inside the block: the tagger's matrices are small, and
    more threads only spin (3× the CPU time for the same wall time, measured)."""
    return _controller().limit(limits=1, user_api="blas")  # type: ignore[no-any-return]


def read_table(path: Path) -> dict[str, tuple[str, ...]]:
    """``key<TAB>v1<TAB>v2…`` lines (``#`` comments skipped) as ``{key: (v1, v2, …)}``."""
    out: dict[str, tuple[str, ...]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            key, *values = line.rstrip("\n").split("\t")
            out[key] = tuple(values)
    return out


def load_gazetteer(path: Path) -> dict[str, tuple[str, ...]]:
    """``phrase<TAB>CLASS,CLASS`` lines as ``{folded phrase: classes}``."""
    return {fold(k): tuple(v[0].split(",")) for k, v in read_table(path).items() if v}


def outside(spans: list[_S], dates: Sequence[tuple[int, int]]) -> list[_S]:
    """The spans not inside any of ``dates``: «مهر» in «مهر – آبان ۱۴۰۴» is a month, not Mehr.

    >>> outside([(0, 3), (10, 13)], [(9, 20)])
    [(0, 3)]
    """
    return [f for f in spans if not any(a <= f[0] and f[1] <= b for a, b in dates)]


def bio_spans(tags: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """``(first, last + 1, label)`` token ranges of a BIO sequence (stray ``I-`` opens one).

    >>> list(bio_spans(["O", "B-PER", "I-PER", "I-LOC", "O"]))
    [(1, 3, 'PER'), (3, 4, 'LOC')]
    """
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("I-") and tag[2:] == label and start >= 0:
            continue
        if start >= 0:
            yield start, i, label
        start, label = (i, tag[2:]) if tag != "O" else (-1, "")


class NerTagger:
    """Find person, organisation, place, facility, event and nationality names.

    Fills ``Document.entities`` (ids ``E1, E2, …`` in text order, ``source="ner"``,
    ``score`` = the lowest token marginal of the span, to 4 decimals). Titles and honorifics that
    open a span («آیت‌الله», «سردار») are left outside it, as in the gold articles.
    When the document already has timexes, a name inside one is dropped: month
    names double as names («مهر», the news agency, in «مهر – آبان ۱۴۰۴»).
    ``labels`` restricts the output to those labels. ``domain`` picks the annotation
    convention learnt from one training corpus (``peyma``: news, the default;
    ``arman``; ``parstwiner``: tweets); see :class:`khabar.ner.features.Featurizer`.
    ``o_bias`` (default: the model's value tuned for ``domain``) lowers the score of «O» to
    trade precision for recall. ``offices`` applies khabar's convention that an
    office is a title («وزیر امور خارجه ایران»: only «ایران», LOC), which the
    training corpora do not follow (turn it off to score against them).
    ``accurate`` adds the BiLSTM's label scores to the CRF's, scaled by the model's
    weight chosen on dev (``lstm_weight`` sets another; 0 leaves the CRF alone). The
    CRF alone is the default: it keeps the whole pipeline above 50 articles/s per core.
    """

    name: ClassVar[str] = "ner"
    requires: ClassVar[tuple[str, ...]] = ("text", "sentences", "tokens")
    provides: ClassVar[tuple[str, ...]] = ("entities",)

    def __init__(
        self,
        *,
        model_dir: str | Path | None = None,
        labels: Sequence[str] | None = None,
        scores: bool = True,
        domain: str | None = None,
        o_bias: float | None = None,
        offices: bool = True,
        accurate: bool = False,
        lstm_weight: float | None = None,
    ) -> None:
        d = Path(model_dir) if model_dir is not None else model_path(*MODEL_DIR)
        meta = json.loads((d / "meta.json").read_text(encoding="utf-8")) if (d / "meta.json").exists() else {}
        domains = meta.get("domains", [])
        domain = domain or meta.get("default_domain")
        if domain is not None and domain not in domains:
            raise ConfigError(
                f"NER domain {domain!r} is unknown to the model in {d}; "
                f"choose one of {', '.join(domains) or '(none: this model has no domains)'}"
            )
        self.domain = domain
        model = d / "crf.npz"
        if not model.exists():
            raise ResourceError(f"NER model {model} is missing; run scripts/train_ner.py")
        clusters = read_table(d / "clusters.tsv") if (d / "clusters.tsv").exists() else {}
        gaz = load_gazetteer(d / "gazetteer.tsv") if (d / "gazetteer.tsv").exists() else {}
        self.featurizer = Featurizer(clusters=clusters, gazetteer=gaz)
        self.crf = LinearChainCRF.load(model)
        if o_bias is None:  # the model's value for this domain (older models: one for all)
            o_bias = float(meta.get("o_bias_by_domain", {}).get(domain, meta.get("o_bias", 0.0)))
        self.o_bias = o_bias
        self.scorer = Scorer(self.featurizer, self.crf, domain=domain, o_bias=self.o_bias)
        if lstm_weight is None:
            lstm_weight = float(meta.get("lstm", {}).get("weight", 0.0)) if accurate else 0.0
        self.lstm: LstmScorer | None = None
        if lstm_weight and not (d / "lstm.npz").exists():
            raise ResourceError(f"NER network {d / 'lstm.npz'} is missing; run "
                                "scripts/train_ner_lstm.py, or leave accurate off")
        if lstm_weight:
            self.lstm = LstmScorer(d / "lstm.npz", self.featurizer, self.crf.labels, domain,
                                   lstm_weight)
        self.labels = frozenset(labels) if labels is not None else None
        self.scores = scores
        titles: Mapping[str, list[str]] = load_yaml("ner", "titles.yaml")
        self._titles = frozenset(fold(t) for t in titles["titles"])
        self.offices = offices
        self._offices = frozenset(fold(t) for t in titles["office_titles"])
        # longest first, so «امور خارجه» wins over «امور»
        self._portfolios = sorted(
            (tuple(fold(w) for w in p.replace("،", " ، ").split()) for p in titles["portfolios"]),
            key=len,
            reverse=True,
        )
        self._not_places = frozenset(fold(p).replace(" ", "") for p in titles["not_places"])

    def tag_tokens(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags of one sentence's tokens (normalized text, as the pipeline gives it)."""
        return self.tag_batch([tokens])[0]

    def tag_batch(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags of several sentences (decoded together: faster than one by one)."""
        with one_blas_thread():
            return [final for _, final, _ in self._tag(sentences)]

    def _tag(
        self, sentences: Sequence[Sequence[str]]
    ) -> list[tuple[list[str], list[str], np.ndarray]]:
        """Per sentence: (the model's tags, tags with titles moved out of spans, emissions)."""
        ems = self.scorer.emissions_batch(sentences)
        if self.lstm is not None:
            ems = [e + n for e, n in zip(ems, self.lstm.emissions_batch(sentences), strict=True)]
        labels = self.crf.labels
        out = []
        for toks, e, path in zip(sentences, ems, self.crf.viterbi_batch(ems), strict=True):
            raw = [labels[k] for k in path]
            if raw.count("O") == len(raw):  # no name: nothing to move
                out.append((raw, raw, e))
                continue
            tags = self._drop_titles(toks, list(raw))
            if self.offices and ("B-ORG" in tags or "I-ORG" in tags):
                tags = self._fix_offices(toks, tags)
            out.append((raw, tags, e))
        return out

    def _drop_titles(self, tokens: Sequence[str], tags: list[str]) -> list[str]:
        """Move leading titles out of their span: «B-PER(آیت‌الله) I-PER …» → «O B-PER …»."""
        for i, tag in enumerate(tags):
            if (
                tag.startswith("B-")
                and i + 1 < len(tags)
                and tags[i + 1] == "I-" + tag[2:]
                and fold(tokens[i]) in self._titles
            ):
                tags[i], tags[i + 1] = "O", tag  # the loop then sees the new B- at i + 1
        return tags

    def _fix_offices(self, tokens: Sequence[str], tags: list[str]) -> list[str]:
        """«وزیر [امور خارجه ایران]ORG» → «وزیر امور خارجه [ایران]LOC» (an office is a title)."""
        for a, b, label in list(bio_spans(tags)):
            if label != "ORG" or a == 0 or fold(tokens[a - 1]) not in self._offices:
                continue
            words = [fold(t) for t in tokens[a:b]]
            for p in self._portfolios:
                if tuple(words[: len(p)]) == p:
                    rest = a + len(p)
                    for k in range(a, rest):
                        tags[k] = "O"
                    if rest < b and "".join(words[len(p):]) in self._not_places:
                        for k in range(rest, b):
                            tags[k] = "O"
                    elif rest < b:
                        tags[rest : b] = ["B-LOC"] + ["I-LOC"] * (b - rest - 1)
                    break
        return tags

    def _sentences(self, doc: Document) -> Iterator[Sequence[Token]]:
        """Tokens grouped by sentence (all tokens at once if there are no sentences)."""
        toks = doc.tokens
        if not doc.sentences:
            if toks:
                yield toks
            return
        starts = [t.start for t in toks]
        i = 0
        for s in doc.sentences:
            j = bisect_left(starts, s.end, i)  # the tokens that start before the sentence ends
            group = [t for t in toks[i:j] if t.end > s.start]
            i = j
            if group:
                yield group
        if i < len(toks):
            yield toks[i:]

    def __call__(self, doc: Document) -> Document:
        return self.batch([doc])[0]

    def batch(self, docs: Sequence[Document]) -> list[Document]:
        """:meth:`__call__` of several documents; their sentences are decoded together.

        The result equals tagging each document alone (Viterbi and the marginals
        are per sentence), but the numpy work is done once per position for all
        of the documents' sentences rather than once per position per document.
        """
        with one_blas_thread():
            return self._batch(docs)

    def _batch(self, docs: Sequence[Document]) -> list[Document]:
        groups = [list(self._sentences(doc)) for doc in docs]
        flat = [(d, offsets) for d, gs in enumerate(groups) for offsets in gs]
        tagged = self._tag([[docs[d].text[t.start : t.end] for t in toks] for d, toks in flat])
        with_names = [j for j, (_, tags, _) in enumerate(tagged) if tags.count("O") < len(tags)]
        margs: dict[int, np.ndarray] = {}
        if self.scores and with_names:
            margs = dict(zip(with_names, self.crf.marginals_batch([tagged[j][2] for j in with_names]),
                             strict=True))
        index = {lab: i for i, lab in enumerate(self.crf.labels)}
        found: list[list[tuple[int, int, str, float | None]]] = [[] for _ in docs]
        for j in with_names:
            (d, offsets), (raw, tags, _) = flat[j], tagged[j]
            for a, b, label in bio_spans(tags):
                if self.labels is not None and label not in self.labels:
                    continue
                score = None
                if j in margs:
                    # marginals of the model's own tags: a moved title must not lower the score
                    # rounded: the last bits of a marginal depend on how many sentences
                    # were decoded with it (numpy's matmul), a document's output must not
                    score = round(float(min(margs[j][k, index[raw[k]]] for k in range(a, b))), 4)
                found[d].append((offsets[a][0], offsets[b - 1][1], label, score))
        out = []
        for doc, spans in zip(docs, found, strict=True):
            spans = outside(spans, [(t.start, t.end) for t in doc.timexes])
            spans.sort()
            entities = [
                Entity(id=f"E{n}", start=s, end=e, label=lab, source="ner", score=sc)
                for n, (s, e, lab, sc) in enumerate(spans, 1)
            ]
            out.append(doc.with_layers(entities=entities))
        return out
