"""Quality gates for timexes: the annotated dev articles and HengamGold.

* **dev gold** (``../shared/data/gold/dev.jsonl``, 12 articles): extraction F1
  and value accuracy with the shared scorer (:mod:`khabar.evaluate.gold`:
  same folded text, value compared on matches), on clean, ZWNJ-stripped and
  ZWNJ-spaced text — through the tagger alone (raw text, one sentence) and
  through ``normalize → segment → timex``.
* **HengamGold** (200 sentences, DAT/TIM): relaxed and strict span F1 scored
  by ``benchmarks/hengam.py``, khabar and the published taggers in one run.

Floors are what the tagger reached minus a small margin; the data hashes make
a change of the evaluation files visible instead of silently moving a floor.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import DATA, ROOT, need
from khabar.document import Document, Span
from khabar.evaluate.gold import VARIANTS, Score, score_timexes
from khabar.timex import TimexTagger

GOLD = DATA / "gold" / "dev.jsonl"
HENGAM = DATA / "time" / "hengam"
#: sha256 of the files the floors below were measured on
GOLD_SHA256 = "ac18815b933d8c16bf79b2297cc4c1b65e2318a1c72ddaaf114aeb2d2956c2c8"
HENGAM_SHA256 = "0efe0c8a4e65a632505e37cb076eabe381ce22d10b78d7641da46f3d993b1a0e"

#: measured: F1 0.989 (44 gold, 45 predicted), value accuracy 1.000, every variant
FLOOR_F1 = 0.96
FLOOR_VALUE = 0.97
#: measured on HengamGold (benchmarks/results/hengam.md): relaxed F1 0.975, strict 0.672,
#: boundary-tolerant strict 0.848; the best peer (HengamTransA) has relaxed 0.971
FLOOR_HENGAM_RELAXED = 0.97
FLOOR_HENGAM_STRICT = 0.655
FLOOR_HENGAM_TOLERANT = 0.83


def _gold() -> list[dict[str, Any]]:
    with need(GOLD).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _tagger_only(text: str, published: str | None) -> list[dict[str, Any]]:
    doc = Document.from_text(text, published=published).with_layers(sentences=(Span(0, len(text)),))
    return TimexTagger()(doc).to_dict()["timexes"]


@pytest.mark.shared
def test_timex_gold_data_is_the_measured_one() -> None:
    assert hashlib.sha256(need(GOLD).read_bytes()).hexdigest() == GOLD_SHA256, (
        "dev.jsonl changed: re-measure the timex floors here, then update GOLD_SHA256"
    )
    assert hashlib.sha256(need(HENGAM / "Gold.txt").read_bytes()).hexdigest() == HENGAM_SHA256


@pytest.mark.shared
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_timex_gold_tagger_floor(variant: str) -> None:
    total = Score()
    for art in _gold():
        pred = _tagger_only(VARIANTS[variant](art["text"]), art["published"])
        total.add(score_timexes(art["timexes"], pred))
    assert total.f1 >= FLOOR_F1, f"timex F1 {total.f1:.3f} on {variant}"
    assert (total.accuracy or 0) >= FLOOR_VALUE, f"value accuracy {total.accuracy} on {variant}"


@pytest.mark.shared
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_timex_gold_pipeline_floor(variant: str) -> None:
    from khabar.errors import KhabarError
    from khabar.pipeline import Pipeline

    try:
        pipe = Pipeline(["normalize", "segment", "timex"])
    except (KhabarError, ImportError) as e:  # an upstream component is not buildable yet
        pytest.skip(f"normalize/segment unavailable: {e}")
    total = Score()
    for art in _gold():
        doc = pipe(Document.from_text(VARIANTS[variant](art["text"]), published=art["published"]))
        total.add(score_timexes(art["timexes"], doc.to_dict()["timexes"]))
    assert total.f1 >= FLOOR_F1, f"timex F1 {total.f1:.3f} on {variant}"
    assert (total.accuracy or 0) >= FLOOR_VALUE, f"value accuracy {total.accuracy} on {variant}"


def _benchmark() -> ModuleType:
    path = ROOT / "benchmarks" / "hengam.py"
    spec = importlib.util.spec_from_file_location("khabar_bench_hengam", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.shared
def test_timex_hengam_floor() -> None:
    need(HENGAM / "Gold.txt")
    rows = dict(_benchmark().run(Path(HENGAM)))
    mine = rows["khabar"]
    assert mine["relaxed_f1"] >= FLOOR_HENGAM_RELAXED, mine
    assert mine["strict_f1"] >= FLOOR_HENGAM_STRICT, mine
    assert mine["trim_f1"] >= FLOOR_HENGAM_TOLERANT, mine
    best_peer = max(r["relaxed_f1"] for name, r in rows.items() if name != "khabar")
    assert mine["relaxed_f1"] > best_peer, (mine["relaxed_f1"], best_peer)
    # the peers are scored by the same code: their published files give stable figures
    assert rows["HengamTransA"]["relaxed_f1"] == pytest.approx(0.971, abs=0.001)


PEYMA = DATA / "ner" / "peyma" / "test.txt"
#: measured on the PEYMA test split: 95.5% of its 224 DAT/TIM spans overlapped by a khabar
#: timex. PEYMA leaves most durations and many deictics untagged, so precision
#: (0.645 by overlap) measures conventions more than errors and is not gated.
FLOOR_PEYMA_RECALL = 0.93


@pytest.mark.shared
def test_timex_peyma_recall_floor() -> None:
    from khabar.timex import find

    found = total = 0
    blocks = need(PEYMA).read_text(encoding="utf-8").strip().split("\n\n")
    for block in blocks:
        rows = [line.rsplit("|", 1) for line in block.split("\n") if line]
        tokens = [r[0] for r in rows]
        starts, pos = [], 0
        for t in tokens:
            starts.append(pos)
            pos += len(t) + 1
        spans = [(x.timex.start, x.timex.end) for x in find(" ".join(tokens))]
        gold: list[list[int]] = []
        for i, (_, tag) in enumerate(rows):
            if tag[2:] not in ("DAT", "TIM"):
                continue
            if tag.startswith("B_") or not gold or gold[-1][1] != i:
                gold.append([i, i + 1])
            else:
                gold[-1][1] = i + 1
        for a, b in gold:
            s, e = starts[a], starts[b - 1] + len(tokens[b - 1])
            total += 1
            found += any(ps < e and s < pe for ps, pe in spans)
    assert found / total >= FLOOR_PEYMA_RECALL, f"PEYMA DAT/TIM recall {found / total:.3f} ({total} spans)"
