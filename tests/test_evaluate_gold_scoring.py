"""The gold scorer itself: matching rules per layer, on hand-made predictions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from khabar.errors import InputError
from khabar.evaluate.gold import (
    evaluate,
    format_report,
    read_gold,
    score_entities,
    score_events,
    score_quotes,
    score_timexes,
)

PUTIN = {"name": "Vladimir Putin", "country": "RUS"}
RUSSIA = {"name": "Russia", "country": "RUS"}
IRAN = {"name": "Iran", "country": "IRN"}
BAHRAIN_KING = {"name": "Hamad bin Isa Al Khalifa", "country": "BHR"}


def test_evaluate_entities_match_by_folded_text_and_label() -> None:
    gold = [
        {"text": "رئیس‌جمهوری", "label": "PER", "actor": None, "country": "RUS"},
        {"text": "روسیه", "label": "LOC", "actor": "Russia", "country": "RUS"},
    ]
    pred = [
        {"text": "رئيسجمهوري", "label": "PER", "link": {"name": "X", "country": "RUS"}},  # folded equal
        {"text": "روسیه", "label": "ORG", "link": RUSSIA},  # wrong label: no match
    ]
    s = score_entities(gold, pred)
    assert (s.tp, s.pred, s.gold) == (1, 2, 2)
    assert s.accuracy == 1.0  # gold names no actor, so the country decides


def test_evaluate_timex_value_accuracy() -> None:
    gold = [{"text": "سه‌شنبه", "value": "2025-06-24"}, {"text": "دیروز", "value": "2025-06-24"}]
    pred = [{"text": "سه شنبه", "value": "2025-06-24"}, {"text": "دیروز", "value": "2025-06-23"}]
    s = score_timexes(gold, pred)
    assert s.f1 == 1.0 and s.accuracy == 0.5


@pytest.mark.parametrize(
    ("pred_content", "speaker", "tp", "acc"),
    [
        ("این حملات تجاوزی بی‌دلیل است", PUTIN, 1, 1.0),  # why: same words, right speaker
        ("این حملات تجاوزی بی‌دلیل است", RUSSIA, 0, 0.0),  # why: content matches but the speaker is wrong
        ("کاملاً متفاوت", PUTIN, 0, None),  # why: content shares under half the tokens
    ],
)
def test_evaluate_quotes_need_speaker_and_half_the_tokens(
    pred_content: str, speaker: dict[str, Any], tp: int, acc: float | None
) -> None:
    gold = [{"speaker": "Vladimir Putin", "content": "این حملات، تجاوزی بی‌دلیل است", "direct": True}]
    pred = [{"content": pred_content, "speaker": {"link": speaker}}]
    s = score_quotes(gold, pred)
    assert s.tp == tp and s.accuracy == acc


def _ev(t: str, src: dict[str, Any], tgt: dict[str, Any]) -> dict[str, Any]:
    return {"type": t, "actor": [{"link": src}], "recipient": [{"link": tgt}], "date": None}


@pytest.mark.parametrize(
    ("pred", "tp", "tp_actor"),
    [
        (_ev("CONSULT", PUTIN, BAHRAIN_KING), 1, 1),  # why: exact
        (_ev("CONSULT", BAHRAIN_KING, PUTIN), 1, 1),  # why: CONSULT reads either way
        (_ev("CONSULT", RUSSIA, BAHRAIN_KING), 1, 0),  # why: country level matches, person level does not
        (_ev("SUPPORT", PUTIN, BAHRAIN_KING), 0, 0),  # why: wrong type
    ],
)
def test_evaluate_events_country_and_actor_level(pred: dict[str, Any], tp: int, tp_actor: int) -> None:
    gold = [
        {
            "type": "CONSULT",
            "source_actor": "Vladimir Putin",
            "source_country": "RUS",
            "target_actor": "Hamad bin Isa Al Khalifa",
            "target_country": "BHR",
            "date": None,
        }
    ]
    assert score_events(gold, [pred]).tp == tp
    assert score_events(gold, [pred], actors=True).tp == tp_actor


def test_evaluate_direction_matters_outside_consult() -> None:
    gold = [{"type": "ACCUSE", "source_actor": "Russia", "source_country": "RUS", "target_actor": "Iran", "target_country": "IRN"}]
    assert score_events(gold, [_ev("ACCUSE", IRAN, RUSSIA)]).tp == 0


def test_evaluate_runs_every_variant(tmp_path: Path) -> None:
    art = {"id": "g1", "published": None, "text": "گفت‌وگو", "entities": [], "timexes": [], "quotes": [], "events": []}
    f = tmp_path / "g.jsonl"
    f.write_text(json.dumps(art, ensure_ascii=False) + "\n", encoding="utf-8")
    seen: list[str] = []

    def analyze(text: str, id_: str, pub: str | None) -> dict[str, Any]:
        seen.append(text)
        return {"entities": [], "timexes": [], "quotes": [], "events": []}

    report = evaluate(read_gold(f), analyze)
    assert seen == ["گفت‌وگو", "گفتوگو", "گفت وگو"]
    assert "stripped" in format_report(report)


def test_evaluate_read_gold_reports_bad_line(tmp_path: Path) -> None:
    f = tmp_path / "g.jsonl"
    f.write_text('{"id": 1}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError, match=":2:"):
        read_gold(f)
