"""khabar.ner.lstm: the BiLSTM run in numpy, batched, equals a plain one-sentence reading.

The training script checks the shipped weights against PyTorch itself; here a
small random network checks the batching: sentences sorted by length, cut into
slices, the backward direction read from each sentence's own end, per-type
caches — none of it may change a sentence's scores.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from khabar.ner import lstm as lstm_module
from khabar.ner.features import Featurizer, fold
from khabar.ner.lstm import LstmScorer, char_window, gazetteer_tags

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
H, WD, CD, FILTERS, DD, GD = 6, 5, 4, 3, 2, 3
WIDTHS = (2, 3)


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Featurizer]:
    rng = np.random.default_rng(7)
    words = ["<pad>", "<unk>", "تهران", "در", "حسن", "روحانی"]
    chars = ["<pad>", "<unk>", *sorted(set("تهراندرحسنوی"))]
    tags = ["gB=PERSON", "gI=PERSON", "gz=CITY"]
    size = WD + 8 + 16 + 24 + 32 + len(WIDTHS) * FILTERS + DD + GD

    def r(*shape: int) -> np.ndarray:
        return rng.normal(0, 0.5, shape).astype(np.float16)

    arrays = {
        "wemb": r(len(words), WD), "chemb": r(len(chars), CD), "demb": r(3, DD),
        "gproj_w": r(GD, len(tags)), "gproj_b": r(GD),
        "w_ih_f": r(4 * H, size), "w_hh_f": r(4 * H, H), "b_f": r(4 * H),
        "w_ih_b": r(4 * H, size), "w_hh_b": r(4 * H, H), "b_b": r(4 * H),
        "out_w": r(len(LABELS), 2 * H + DD), "out_b": r(len(LABELS)),
        **{f"cemb{i}": r(k + 1, d) for i, (k, d) in enumerate(zip((32, 128, 512, 1024),
                                                                   (8, 16, 24, 32), strict=True))},
        **{f"conv{w}_w": r(FILTERS, CD, w) for w in WIDTHS},
        **{f"conv{w}_b": r(FILTERS) for w in WIDTHS},
    }
    path = tmp_path_factory.mktemp("lstm") / "lstm.npz"
    np.savez(path, **arrays, words=np.asarray(words), chars=np.asarray(chars),
             gaz_tags=np.asarray(tags), domains=np.asarray(["peyma", "arman", "parstwiner"]),
             labels=np.asarray(LABELS), widths=np.asarray(WIDTHS), hidden=np.asarray(H))
    feat = Featurizer(clusters={"تهران": ("3", "17", "200", "900")},
                      gazetteer={"تهران": ("CITY",), "حسن روحانی": ("PERSON",)})
    return path, feat


def _reference(path: Path, feat: Featurizer, tokens: list[str], domain: int) -> np.ndarray:
    """One sentence, the textbook way: every vector built and every step taken in turn."""
    z = {k: v.astype(np.float32) if v.dtype.kind == "f" else v for k, v in np.load(path).items()}
    words = z["words"].tolist()
    chars = z["chars"].tolist()
    tags = z["gaz_tags"].tolist()
    folded = [fold(t) for t in tokens]
    xs = []
    for f, gz in zip(folded, gazetteer_tags(feat, folded), strict=True):
        cl = feat.clusters.get(f)
        emb = [z["wemb"][words.index(f) if f in words else 1]]
        emb += [z[f"cemb{i}"][int(cl[i]) + 1 if cl else 0] for i in range(4)]
        letters = z["chemb"][[chars.index(c) if c in chars else 1 for c in char_window(f)]]
        for w in WIDTHS:
            pad = np.zeros((w - 1, CD), np.float32)
            seq = np.concatenate([pad, letters, pad])
            conv = [z[f"conv{w}_b"] + np.einsum("fdw,wd->f", z[f"conv{w}_w"], seq[p : p + w])
                    for p in range(len(seq) - w + 1)]
            emb.append(np.maximum(np.max(conv, axis=0), 0))
        g = np.zeros(len(tags), np.float32)
        for t in gz:
            g[tags.index(t)] = 1
        emb += [z["demb"][domain], np.maximum(z["gproj_w"] @ g + z["gproj_b"], 0)]
        xs.append(np.concatenate(emb))

    def run(seq: list[np.ndarray], side: str) -> list[np.ndarray]:
        h, c, out = np.zeros(H), np.zeros(H), []
        for x in seq:
            g = z[f"w_ih_{side}"] @ x + z[f"w_hh_{side}"] @ h + z[f"b_{side}"]
            i, f, gg, o = np.split(g, 4)
            c = 1 / (1 + np.exp(-f)) * c + 1 / (1 + np.exp(-i)) * np.tanh(gg)
            h = 1 / (1 + np.exp(-o)) * np.tanh(c)
            out.append(h)
        return out

    fwd, bwd = run(xs, "f"), run(xs[::-1], "b")[::-1]
    return np.stack([z["out_w"] @ np.concatenate([a, b, z["demb"][domain]]) + z["out_b"]
                     for a, b in zip(fwd, bwd, strict=True)])


SENTENCES = [
    (["حسن", "روحانی", "در", "تهران"], "a gazetteer name, a cluster word and a known word"),
    (["تهران"], "one token: both directions read one step"),
    (["ناشناخته‌ای", "۱۲۳", "«", "تهران", "»"], "unknown words, digits and quotes: unk rows"),
    ([], "an empty sentence: no scores, no crash"),
    (["درازترینواژه‌ایکههرگزدیدهنشدهاست"] * 3, "a word longer than the letter window"),
    (["در"] * 9, "a longer sentence in the same slice as short ones"),
]


@pytest.mark.parametrize(("tokens", "why"), SENTENCES)
def test_one_sentence_equals_the_textbook_reading(model: tuple[Path, Featurizer],
                                                  tokens: list[str], why: str) -> None:
    path, feat = model
    got = LstmScorer(path, feat, LABELS, "arman", 1.0).emissions_batch([tokens])[0]
    assert got.shape == (len(tokens), len(LABELS)), why
    if tokens:
        np.testing.assert_allclose(got, _reference(path, feat, tokens, 1), atol=1e-4, err_msg=why)


def test_batched_slices_equal_one_by_one(model: tuple[Path, Featurizer],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path, feat = model
    sents = [s for s, _ in SENTENCES] * 3
    alone = [LstmScorer(path, feat, LABELS, "peyma", 1.0).emissions_batch([s])[0] for s in sents]
    monkeypatch.setattr(lstm_module, "SLICE", 4)  # several slices of mixed lengths
    together = LstmScorer(path, feat, LABELS, "peyma", 1.0).emissions_batch(sents)
    for a, b in zip(alone, together, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-5)


def test_labels_follow_the_crf_order_and_the_weight(model: tuple[Path, Featurizer]) -> None:
    path, feat = model
    tokens = ["حسن", "روحانی", "در", "تهران"]
    own = LstmScorer(path, feat, LABELS, "peyma", 1.0).emissions_batch([tokens])[0]
    crf_order = ["B-LOC", "O", "B-ORG", "I-PER"]  # B-ORG: a label the network does not have
    got = LstmScorer(path, feat, crf_order, "peyma", 0.5).emissions_batch([tokens])[0]
    np.testing.assert_allclose(got[:, 0], 0.5 * own[:, LABELS.index("B-LOC")], atol=1e-5)
    np.testing.assert_allclose(got[:, 1], 0.5 * own[:, 0], atol=1e-5)
    assert not got[:, 2].any()
    np.testing.assert_allclose(got[:, 3], 0.5 * own[:, LABELS.index("I-PER")], atol=1e-5)


def test_the_accurate_tagger_adds_the_shipped_network() -> None:
    from khabar.ner import NerTagger

    sentence = ["سرگئی", "لاوروف", "در", "مسکو", "گفت"]
    both, crf = NerTagger(accurate=True), NerTagger()
    assert both.lstm is not None and crf.lstm is None
    alone = crf.scorer.emissions(sentence)
    added = both.lstm.emissions_batch([sentence])[0]
    assert np.abs(added).max() > 0  # the network says something
    (_, _, used), = both._tag([sentence])  # what the CRF decodes: its scores plus the network's
    np.testing.assert_allclose(used, alone + added, atol=1e-5)
    assert both.tag_tokens(sentence)[:2] == ["B-PER", "I-PER"]
