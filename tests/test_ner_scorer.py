"""``Scorer`` (per-type cached sums) must give exactly the scores crfsuite forms from the feature strings.

The run-time scorer never builds a token's feature list; it adds cached per-type
vectors at fixed offsets plus word-pair and gazetteer-phrase features. Any change
to the templates in ``Featurizer.sentence`` that the scorer does not mirror shows
up here as a difference, and the Viterbi paths must then agree too.
"""

from __future__ import annotations

import numpy as np
import pytest

from khabar.ner import NerTagger
from khabar.ner.scorer import Scorer

SENTENCES = [
    # (tokens, why)
    (["ولادیمیر", "پوتین", "،", "رئیس‌جمهوری", "روسیه", "،", "به", "منامه", "رفت", "."],
     "a person, a title, two places: word, cluster and gazetteer features"),
    (["شورای", "امنیت", "سازمان", "ملل", "متحد", "تشکیل", "جلسه", "داد"],
     "a multi-word gazetteer phrase: gB/gI tags and their ±1 copies"),
    (["تهران"], "one token: BOS and EOS on the same position"),
    (["در", "تهران"], "two tokens: the ±2 windows fall off both ends"),
    (["سید", "عباس", "عراقچی", "و", "سرگئی", "لاوروف", "در", "مسکو", "دیدار", "کردند"],
     "word pairs (bw=/fw=) seen in training"),
    (["آمریکاییها", "و", "اسرائیلی", "ها", "xyz123", "۱۴۰۴", "!"],
     "unknown words, digits, Latin and damaged ZWNJ: only shape/affix features fire"),
]


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    return NerTagger()


def reference(tagger: NerTagger, tokens: list[str], domain: str | None) -> np.ndarray:
    """What crfsuite computes: the summed weights of each token's feature strings."""
    return np.stack([tagger.crf.score(f) for f in tagger.featurizer.sentence(tokens, domain)])


@pytest.mark.parametrize(("tokens", "why"), SENTENCES, ids=[w for _, w in SENTENCES])
@pytest.mark.parametrize("domain", [None, "peyma", "arman", "parstwiner"])
def test_scorer_equals_feature_sums(
    tagger: NerTagger, tokens: list[str], why: str, domain: str | None
) -> None:
    scorer = Scorer(tagger.featurizer, tagger.crf, domain=domain, o_bias=0.0)
    got = scorer.emissions(tokens)
    want = reference(tagger, tokens, domain)
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-3, err_msg=why)


def test_batched_emissions_equal_one_by_one(tagger: NerTagger) -> None:
    scorer = tagger.scorer
    sentences = [t for t, _ in SENTENCES]
    batched = scorer.emissions_batch(sentences)
    for tokens, got in zip(sentences, batched, strict=True):
        np.testing.assert_allclose(got, scorer.emissions(tokens), rtol=0, atol=1e-4)


def test_viterbi_batch_equals_single(tagger: NerTagger) -> None:
    crf = tagger.crf
    ems = [tagger.scorer.emissions(t) for t, _ in SENTENCES]
    assert crf.viterbi_batch(ems) == [crf.viterbi(e) for e in ems]
    # marginals are probabilities and peak on the Viterbi label where the model is sure
    for e, m in zip(ems, crf.marginals_batch(ems), strict=True):
        np.testing.assert_allclose(m.sum(axis=1), 1.0, atol=1e-6)
        assert m.shape == e.shape


def brute_force_marginals(crf: object, e: np.ndarray) -> np.ndarray:
    """P(label at i) by enumerating every label sequence (tiny sentences only)."""
    import itertools

    trans = crf.transitions.astype(np.float64)  # type: ignore[attr-defined]
    n, k = e.shape
    p = np.zeros((n, k))
    for path in itertools.product(range(k), repeat=n):
        s = sum(float(e[i, y]) for i, y in enumerate(path))
        s += sum(float(trans[a, b]) for a, b in itertools.pairwise(path))
        for i, y in enumerate(path):
            p[i, y] += np.exp(s)
    return p / p.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_batched_decoding_on_random_scores(tagger: NerTagger, seed: int) -> None:
    """Ragged batches (empty and one-token sentences among long ones) decode as one by one."""
    crf = tagger.crf
    rng = np.random.default_rng(seed)
    k = len(crf.labels)
    ems = [rng.normal(0, 3, (n, k)).astype(np.float32) for n in (0, 1, 7, 2, 31, 1, 0, 12)]
    assert crf.viterbi_batch(ems) == [crf.viterbi(e) for e in ems]
    tiny = [e for e in ems if 0 < len(e) <= 2]
    for e, m in zip(tiny, crf.marginals_batch(tiny), strict=True):
        np.testing.assert_allclose(m, brute_force_marginals(crf, e), atol=1e-6)
    batch = crf.marginals_batch(ems)
    for e, m in zip(ems, batch, strict=True):
        np.testing.assert_allclose(m, crf.marginals_batch([e])[0], atol=1e-9)
    assert crf.marginals_batch([ems[0], ems[-2]])[0].shape == (0, k)


def log_space_marginals(crf: object, e: np.ndarray) -> np.ndarray:
    """Forward-backward in log space (no scaling at all): the reference for long sentences."""
    trans = crf.transitions.astype(np.float64)  # type: ignore[attr-defined]
    x = e.astype(np.float64)
    n, k = x.shape

    def lse(a: np.ndarray, axis: int) -> np.ndarray:
        top = a.max(axis=axis, keepdims=True)
        return np.squeeze(top, axis=axis) + np.log(np.exp(a - top).sum(axis=axis))

    fwd, bwd = np.zeros((n, k)), np.zeros((n, k))
    fwd[0] = x[0]
    for i in range(1, n):
        fwd[i] = lse(fwd[i - 1][:, None] + trans, 0) + x[i]
    for i in range(n - 2, -1, -1):
        bwd[i] = lse(trans + (x[i + 1] + bwd[i + 1])[None, :], 1)
    p = fwd + bwd
    return np.exp(p - lse(p, 1)[:, None])


def test_marginals_of_long_sentences_match_log_space(tagger: NerTagger) -> None:
    """Rescaling only every few positions must neither overflow nor underflow: 300 tokens, wild scores."""
    crf = tagger.crf
    rng = np.random.default_rng(7)
    k = len(crf.labels)
    ems = [rng.normal(0, 8, (n, k)).astype(np.float32) for n in (300, 17, 120)]
    for e, m in zip(ems, crf.marginals_batch(ems), strict=True):
        np.testing.assert_allclose(m, log_space_marginals(crf, e), atol=1e-9)
