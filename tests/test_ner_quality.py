"""Quality floors of the SHIPPED NER model on the CoNLL test sets (needs ../shared).

Phrase-level (conlleval strict) micro-F1 over PER/ORG/LOC, on clean input and
with every ZWNJ stripped from the tokens. The floors are the scores reached
when the model was shipped, minus a small margin; the hash pins the data they
were measured on. Lowering a floor is a deliberate, visible change.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import DATA, need
from khabar.evaluate.conll import score_conll
from khabar.ner import NerTagger

NER = DATA / "ner"

#: (corpus file, sha256 prefix, the corpus's annotation convention, clean floor, stripped floor)
FLOORS = [  # the CRF alone (the default tagger)
    pytest.param("peyma/test.txt", "59a5f7f2bc2f6d89", "peyma", 0.845, 0.845, id="peyma-test"),
    pytest.param("arman/test_fold3.txt", "0467a53c7c44b7c4", "arman", 0.77, 0.77,
                 id="arman-test-fold3"),
    pytest.param("parstwiner/test.txt", "f8a24264d3acc7f6", "parstwiner", 0.73, 0.73,
                 id="parstwiner-test"),
]
#: ``accurate=True`` (CRF + BiLSTM): measured 0.859, 0.799, 0.750 (December 2026)
ACCURATE_FLOORS = [
    pytest.param("peyma/test.txt", "59a5f7f2bc2f6d89", "peyma", 0.855, id="peyma-test"),
    pytest.param("arman/test_fold3.txt", "0467a53c7c44b7c4", "arman", 0.795, id="arman-test-fold3"),
    pytest.param("parstwiner/test.txt", "f8a24264d3acc7f6", "parstwiner", 0.745,
                 id="parstwiner-test"),
]


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(("name", "sha", "domain", "clean", "stripped"), FLOORS)
def test_ner_quality_floor(name: str, sha: str, domain: str, clean: float, stripped: float) -> None:
    path: Path = need(NER / name)
    tagger = NerTagger(domain=domain, offices=False)  # the corpus's convention, not khabar's
    assert tagger.lstm is None
    assert hashlib.sha256(path.read_bytes()).hexdigest()[:16] == sha, "evaluation data changed"
    f1 = score_conll(path, tagger).micro.f1
    f1_stripped = score_conll(path, tagger, strip_zwnj=True).micro.f1
    assert f1 >= clean, f"{name}: micro-F1 {f1:.4f} fell below the floor {clean}"
    assert f1_stripped >= stripped, f"{name} (ZWNJ stripped): {f1_stripped:.4f} < {stripped}"


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(("name", "sha", "domain", "clean"), ACCURATE_FLOORS)
def test_accurate_ner_quality_floor(name: str, sha: str, domain: str, clean: float) -> None:
    path: Path = need(NER / name)
    tagger = NerTagger(domain=domain, offices=False, accurate=True)
    assert tagger.lstm is not None
    assert hashlib.sha256(path.read_bytes()).hexdigest()[:16] == sha, "evaluation data changed"
    f1 = score_conll(path, tagger).micro.f1
    assert f1 >= clean, f"{name} (accurate): micro-F1 {f1:.4f} fell below the floor {clean}"
    f1_stripped = score_conll(path, tagger, strip_zwnj=True).micro.f1
    assert f1_stripped >= clean, f"{name} (accurate, ZWNJ stripped): {f1_stripped:.4f} < {clean}"
