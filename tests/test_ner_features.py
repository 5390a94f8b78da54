"""NER features: ZWNJ-insensitive folding, shapes, stems, cached per-type features."""

from __future__ import annotations

import pytest

from khabar.ner.features import Featurizer, fold, shape, stem


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("آمریکایی\u200cها", "آمریکاییها"),  # ZWNJ stripped by a crawler
        ("كشور", "کشور"),  # Arabic kaf
        ("علي", "علی"),  # Arabic yeh
        ("خامنه\u200cای", "خامنهای"),  # ZWNJ inside a surname
        ("محمّد", "محمد"),  # shadda
        ("Kremlin", "kremlin"),  # Latin case
    ],
)
def test_ner_features_fold_is_insensitive(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("۱۴۰۴", "0"),  # Persian digits
        ("F-35", "L-0"),  # Latin with digits
        ("ان\u200cبی\u200cسی", "a"),  # ZWNJ ignored in shapes
        ("«", "«"),  # punctuation is itself
    ],
)
def test_ner_features_shape(word: str, expected: str) -> None:
    assert shape(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("آمریکاییها", "آمریکایی"),  # plural «ها» goes first
        ("ایرانی", "ایران"),  # demonym «ی»
        ("ایران", "ایر"),  # «ان» looks like a plural: the stem is only a feature
        ("ری", "ری"),  # too short to strip
    ],
)
def test_ner_features_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_ner_features_same_with_and_without_zwnj() -> None:
    f = Featurizer(clusters={fold("آمریکایی‌ها"): ("1", "2", "3")}, gazetteer={"تهران": ("CITY",)})
    clean = f.sentence(["آمریکایی\u200cها", "در", "تهران"])
    stripped = f.sentence(["آمریکاییها", "در", "تهران"])
    assert clean == stripped
    assert "c0=1" in clean[0] and "gz=CITY" in clean[2] and "+2w=تهران" in clean[0]


def test_ner_features_gazetteer_phrase() -> None:
    f = Featurizer(gazetteer={"مشکین دشت": ("CITY",)})
    feats = f.sentence(["شهر", "مشکین", "دشت"])
    assert "gB=CITY" in feats[1] and "gI=CITY" in feats[2] and "+1gB=CITY" in feats[0]
    assert feats[0][-1] != "EOS" and "BOS" in feats[0] and "EOS" in feats[2]


@pytest.mark.parametrize(
    ("word", "feature", "why"),
    [
        ("تهران", "g3=^ته", "a trigram marks the word start"),
        ("تهران", "g3=ان$", "and the word end"),
        ("پوتین", "s5=پوتین", "five-letter suffix: the whole short word"),
        ("کرملین", "p4=کرمل", "four-letter prefix"),
        ("x", "c3=?", "no clusters known: the finest granularity reads «?»"),
    ],
)
def test_ner_features_word_internal(word: str, feature: str, why: str) -> None:
    assert feature in Featurizer().sentence([word])[0], why


def test_ner_features_four_cluster_granularities() -> None:
    f = Featurizer(clusters={"پوتین": ("1", "2", "3", "4")})
    feats = f.sentence(["ولادیمیر", "پوتین", "گفت", "که"])
    assert "c3=4" in feats[1] and "+1c3=4" in feats[0] and "-1c3=4" in feats[2]
    assert "-2c0=1" in feats[3]


def test_ner_features_three_cluster_model_still_reads() -> None:
    """A model trained with three granularities: the fourth is «?», never an error."""
    feats = Featurizer(clusters={"پوتین": ("1", "2", "3")}).sentence(["پوتین"])[0]
    assert "c2=3" in feats and "c3=?" in feats


def test_ner_features_title_class_next_to_name() -> None:
    f = Featurizer(gazetteer={"آقای": ("TITLE",), "وزیر": ("OFFICE",)})
    feats = f.sentence(["آقای", "ظریف", "وزیر"])
    assert "-1gz=TITLE" in feats[1] and "+1gz=OFFICE" in feats[1]
