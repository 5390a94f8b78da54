"""CoNLL reading and phrase-level (conlleval strict) scoring."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.evaluate.conll import (
    ConllReport,
    format_table,
    map_tag,
    normalize_tokens,
    phrases,
    read_conll,
    score_tags,
)


@pytest.mark.parametrize(
    ("line_format", "text"),
    [
        # PEYMA: token|tag, underscores in tags, spaces inside tokens stand for ZWNJ
        ("peyma", "ولادیمیر|B_PER\nپوتین|I_PER\nمی شود|O\n۱۴۰۴|B_DAT\n"),
        # Arman: token space tag, lower-case labels
        ("arman", "ولادیمیر B-pers\nپوتین I-pers\nمی‌شود O\n۱۴۰۴ O\n"),
        # ParsTwiNER: token<TAB>tag
        ("parstwiner", "ولادیمیر\tB-PER\nپوتین\tI-PER\nمی‌شود\tO\n۱۴۰۴\tO\n"),
    ],
)
def test_ner_conll_reads_three_layouts(tmp_path: Path, line_format: str, text: str) -> None:
    p = tmp_path / f"{line_format}.txt"
    p.write_text(text + "\n" + text, encoding="utf-8")
    sents = read_conll(p)
    assert len(sents) == 2
    assert sents[0].tokens == ("ولادیمیر", "پوتین", "می\u200cشود", "۱۴۰۴")
    assert sents[0].tags == ("B-PER", "I-PER", "O", "O")


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("B_PER", "B-PER"),  # PEYMA underscore
        ("I-pers", "I-PER"),  # Arman lower-case «pers»
        ("B-POG", "B-ORG"),  # ParsTwiNER political groups act as organisations
        ("B-NAT", "B-NORP"),  # ParsTwiNER nationalities
        ("I-EVE", "I-EVENT"),  # ParsTwiNER events
        ("B-fac", "B-FAC"),  # Arman facilities
        ("B-pro", "O"),  # Arman products are not names we tag
        ("I_TIM", "O"),  # timexes are the timex component's job
        ("B_PCT", "O"),  # percentages are not names
    ],
)
def test_ner_conll_maps_labels(tag: str, expected: str) -> None:
    assert map_tag(tag) == expected


def test_ner_conll_rejects_unreadable_line(tmp_path: Path) -> None:
    p = tmp_path / "bad.txt"
    p.write_text("فقط‌یک‌کلمه\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.txt:1"):
        read_conll(p)


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["B-PER", "I-PER", "O"], {(0, 2, "PER")}),  # a two-token name
        (["I-LOC", "I-LOC"], {(0, 2, "LOC")}),  # a stray I- opens a phrase (conlleval)
        (["B-LOC", "B-LOC"], {(0, 1, "LOC"), (1, 2, "LOC")}),  # two adjacent names
        (["B-ORG", "I-LOC"], {(0, 1, "ORG"), (1, 2, "LOC")}),  # a label change ends a phrase
        (["O", "O"], set()),  # nothing
    ],
)
def test_ner_conll_phrases(tags: list[str], expected: set[tuple[int, int, str]]) -> None:
    assert phrases(tags) == expected


def test_ner_conll_strict_boundaries() -> None:
    gold = [["B-ORG", "I-ORG", "I-ORG", "O", "B-PER"]]
    pred = [["B-ORG", "I-ORG", "O", "O", "B-PER"]]  # the ORG is one token short: wrong
    r = score_tags(gold, pred)
    assert (r.per_label["ORG"].tp, r.per_label["ORG"].fp, r.per_label["ORG"].fn) == (0, 1, 1)
    assert r.per_label["PER"].tp == 1
    assert r.micro.precision == pytest.approx(0.5)
    assert r.micro.recall == pytest.approx(0.5)


def test_ner_conll_other_labels_ignored() -> None:
    # a NORP prediction on an O token is not a false positive when scoring PER/ORG/LOC
    r = score_tags([["O", "B-LOC"]], [["B-NORP", "B-LOC"]])
    assert (r.micro.tp, r.micro.fp, r.micro.fn) == (1, 0, 0)


def test_ner_conll_normalize_and_strip() -> None:
    # Arabic yeh/kaf become Persian, Latin digits Persian; stripping removes the ZWNJ
    assert normalize_tokens(["كتاب‌ها"], strip_zwnj=True) == ["کتابها"]
    assert normalize_tokens(["12"])[0] == "۱۲"


def test_ner_conll_table_has_every_label() -> None:
    r = score_tags([["B-PER"]], [["B-PER"]])
    assert isinstance(r, ConllReport)
    table = format_table([r], titles=["toy"])
    assert "| toy | 1.000 | 0.000 | 0.000 |" in table
