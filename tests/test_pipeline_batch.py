"""Documents analyzed together (``Pipeline.run_many``, as ``khabar batch`` does) equal one by one.

The NER tagger decodes a whole chunk's sentences in one Viterbi pass, sorted by
length and cut into slices; nothing of one document may leak into another's
output, whatever the chunk holds.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from khabar.document import Document
from khabar.ner import crf as crf_module
from khabar.pipeline import Pipeline

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles.jsonl"

EXTRA = [
    # (text, why)
    ("", "an empty document: no sentences, no tokens"),
    ("تهران", "one token, no final punctuation"),
    ("سرگئی لاوروف وزیر امور خارجه روسیه در مسکو گفت: «ما آماده‌ایم.»",
     "a name, an office and a quotation in one sentence"),
    ("۱۴۰۴/۰۷/۱۴ — ، ، ؛ !!", "only numbers and punctuation: no names at all"),
]


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def documents() -> list[Document]:
    docs = [Document.from_text(r["text"], id=r["id"], published=r.get("published"))
            for r in map(json.loads, EXAMPLES.read_text(encoding="utf-8").splitlines())]
    return docs + [Document.from_text(t, id=f"extra-{n}") for n, (t, _) in enumerate(EXTRA)]


def test_run_many_equals_one_by_one(pipe: Pipeline) -> None:
    docs = documents()
    alone = [pipe(d).to_dict() for d in docs]
    together = [d.to_dict() for d in pipe.run_many(docs)]
    assert [d["id"] for d in together] == [d["id"] for d in alone]
    for a, b in zip(alone, together, strict=True):
        assert a == b, a["id"]
    assert any(e["score"] is not None for d in together for e in d["entities"])


def test_pipe_keeps_order_across_batches(pipe: Pipeline) -> None:
    docs = documents()
    ids = [d.id for d in pipe.pipe(docs, batch_size=3)]
    assert ids == [d.id for d in docs]


def test_decoding_in_small_slices_equals_one_by_one(monkeypatch: pytest.MonkeyPatch,
                                                     pipe: Pipeline) -> None:
    """Many sentences of different lengths, cut into slices of 3: same paths, same marginals."""
    crf = pipe.components[3].crf  # type: ignore[attr-defined]
    rng = np.random.default_rng(0)
    k = len(crf.labels)
    ems = [rng.normal(0, 3, (n, k)).astype(np.float32) for n in [5, 1, 0, 17, 5, 2, 9, 30, 1, 4]]
    monkeypatch.setattr(crf_module, "SLICE", 3)
    paths = crf.viterbi_batch(ems)
    margs = crf.marginals_batch(ems)
    for e, p, m in zip(ems, paths, margs, strict=True):
        assert p == crf.viterbi(e)
        assert m.shape == e.shape
        if len(e):
            np.testing.assert_allclose(m, crf.marginals(e), rtol=0, atol=1e-9)


def test_run_many_equals_one_by_one_with_the_ner_network() -> None:
    """The BiLSTM runs a chunk's sentences together too: no document may see another."""
    pipe = Pipeline(config={"ner": {"accurate": True}})
    docs = documents()
    alone = [pipe(d).to_dict() for d in docs]
    together = [d.to_dict() for d in pipe.run_many(docs)]
    for a, b in zip(alone, together, strict=True):
        assert a == b, a["id"]
