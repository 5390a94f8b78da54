"""The ``ner`` component with the shipped model: contract, spans, titles, ZWNJ robustness."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from khabar.document import Document, Span, Token
from khabar.ner import NerTagger
from khabar.ner.tagger import bio_spans
from khabar.resources import load_yaml

_TOKEN = re.compile(r"[\w\u200c]+|[^\w\s]")


def make_doc(text: str) -> Document:
    """A hand-built document: one sentence per line, word/punctuation tokens."""
    sentences, tokens = [], []
    pos = 0
    for line in text.split("\n"):
        sentences.append(Span(pos, pos + len(line)))
        for m in _TOKEN.finditer(line):
            tokens.append(Token(pos + m.start(), pos + m.end()))
        pos += len(line) + 1
    return Document.from_text(text).with_layers(sentences=sentences, tokens=tokens)


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    return NerTagger()


def found(tagger: NerTagger, text: str) -> list[tuple[str, str]]:
    doc = tagger(make_doc(text))
    return [(doc.text[e.start : e.end], e.label) for e in doc.entities]


def test_ner_tagger_contract() -> None:
    assert NerTagger.name == "ner"
    assert NerTagger.requires == ("text", "sentences", "tokens")
    assert NerTagger.provides == ("entities",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("ولادیمیر پوتین رئیس‌جمهوری روسیه به تهران سفر کرد.",
                     [("ولادیمیر پوتین", "PER"), ("روسیه", "LOC"), ("تهران", "LOC")],
                     id="person-country-city"),  # a full name, a country and a capital
        pytest.param("سازمان ملل متحد از ایران خواست همکاری کند.",
                     [("سازمان ملل متحد", "ORG"), ("ایران", "LOC")],
                     id="organisation"),  # a multi-word organisation stays one span
        pytest.param("عباس عراقچی وزیر امور خارجه ایران با سرگئی لاوروف دیدار کرد.",
                     [("عباس عراقچی", "PER"), ("سرگئی لاوروف", "PER")],
                     id="two-people"),  # foreign minister names around a title
    ],
)
def test_ner_tagger_finds(tagger: NerTagger, text: str, expected: list[tuple[str, str]]) -> None:
    got = found(tagger, text)
    for item in expected:
        assert item in got, f"{item} not in {got}"


def test_ner_tagger_ids_in_text_order(tagger: NerTagger) -> None:
    doc = tagger(make_doc("پوتین در مسکو گفت.\nلاوروف به تهران رفت."))
    assert [e.id for e in doc.entities] == [f"E{i}" for i in range(1, len(doc.entities) + 1)]
    assert [e.start for e in doc.entities] == sorted(e.start for e in doc.entities)
    assert all(e.source == "ner" and e.score is not None and 0 < e.score <= 1 for e in doc.entities)
    assert "entities" in doc.done


@pytest.mark.parametrize(
    ("clean", "stripped"),
    [
        # the plural demonym and the ZWNJ-joined city survive a crawler stripping ZWNJs
        ("آمریکایی‌ها و ایرانی‌ها در اسلام‌آباد گفت‌وگو کردند.",
         "آمریکاییها و ایرانیها در اسلامآباد گفتوگو کردند."),
    ],
)
def test_ner_tagger_zwnj_stripped_same_labels(tagger: NerTagger, clean: str, stripped: str) -> None:
    a = [lab for _, lab in found(tagger, clean)]
    b = [lab for _, lab in found(tagger, stripped)]
    assert a == b and a


def test_ner_tagger_title_left_outside(tagger: NerTagger) -> None:
    # «آیت‌الله» is an honorific: the span starts at the name (gold-format.md)
    got = found(tagger, "آیت‌الله علی خامنه‌ای رهبر انقلاب در دیدار با مردم سخن گفت.")
    persons = [t for t, lab in got if lab == "PER"]
    assert persons and all(not t.startswith("آیت") for t in persons)


def test_ner_tagger_drop_titles_moves_span_start(tagger: NerTagger) -> None:
    tokens = ["سردار", "حسین", "سلامی", "گفت"]
    tags = tagger._drop_titles(tokens, ["B-PER", "I-PER", "I-PER", "O"])
    assert list(bio_spans(tags)) == [(1, 3, "PER")]
    # a title that is the whole span stays (nothing else would be left of the name)
    assert tagger._drop_titles(["شیخ", "گفت"], ["B-PER", "O"]) == ["B-PER", "O"]


def test_ner_tagger_labels_option() -> None:
    only_loc = NerTagger(labels=("LOC",))
    doc = only_loc(make_doc("ولادیمیر پوتین به تهران رفت."))
    assert {e.label for e in doc.entities} == {"LOC"}


def test_ner_tagger_empty_document(tagger: NerTagger) -> None:
    doc = tagger(make_doc(""))
    assert doc.entities == () and "entities" in doc.done


def test_ner_titles_resource_schema() -> None:
    data = load_yaml("ner", "titles.yaml")
    assert set(data) == {"titles", "office_titles", "portfolios", "not_places"}
    for key in ("titles", "office_titles"):
        words = data[key]
        assert words and all(isinstance(t, str) and t.strip() == t and " " not in t for t in words)
        assert len(set(words)) == len(words)
    for key in ("portfolios", "not_places"):
        phrases = data[key]
        assert phrases and all(isinstance(p, str) and p.strip() == p for p in phrases)
        assert len(set(phrases)) == len(phrases)
    assert "سید" not in data["titles"]  # part of the name in the gold articles («سید عباس عراقچی»)


def test_ner_tagger_unknown_domain_is_a_config_error() -> None:
    from khabar.errors import ConfigError

    with pytest.raises(ConfigError, match="domain"):
        NerTagger(domain="no-such-corpus")


@pytest.mark.parametrize(
    ("words", "tags", "expected"),
    [
        # an office is a title: only the country after the portfolio is a name
        ("عراقچی وزیر امور خارجه ایران گفت", ["B-PER", "O", "B-ORG", "I-ORG", "I-ORG", "O"],
         [(0, 1, "PER"), (4, 5, "LOC")]),
        # «کشورمان» is not a place name: nothing is left
        ("وزیر امور خارجه کشورمان", ["O", "B-ORG", "I-ORG", "I-ORG"], []),
        # the ministry itself («وزارت …») stays one organisation
        ("وزارت امور خارجه ایران", ["B-ORG", "I-ORG", "I-ORG", "I-ORG"], [(0, 4, "ORG")]),
    ],
)
def test_ner_tagger_office_is_a_title(
    tagger: NerTagger, words: str, tags: list[str], expected: list[tuple[int, int, str]]
) -> None:
    assert list(bio_spans(tagger._fix_offices(words.split(), tags))) == expected


@pytest.mark.parametrize(
    ("spans", "dates", "kept", "why"),
    [
        ([(5, 8, "ORG")], [(0, 20)], [], "a name inside a date is a month name («مهر» in «مهر – آبان»)"),
        ([(5, 8, "ORG")], [(6, 20)], [(5, 8, "ORG")], "overlapping a date is not inside it"),
        ([(30, 33, "ORG")], [(0, 20)], [(30, 33, "ORG")], "«خبرگزاری مهر» elsewhere stays a name"),
        ([(5, 8, "ORG")], [], [(5, 8, "ORG")], "no timexes: nothing dropped"),
    ],
)
def test_ner_drops_names_inside_a_date(spans: list, dates: list, kept: list, why: str) -> None:
    from khabar.ner.tagger import outside

    assert outside(spans, dates) == kept, why


@pytest.mark.parametrize(
    ("meta", "domain", "expected", "why"),
    [
        ({"o_bias": 0.5}, "arman", 0.5, "an older model: one bias for every domain"),
        ({"o_bias": 0.5, "o_bias_by_domain": {"arman": 0.25, "peyma": 0.0}}, "arman", 0.25,
         "the domain's own bias wins over the single value"),
        ({"o_bias": 0.5, "o_bias_by_domain": {"peyma": 0.0}}, "parstwiner", 0.5,
         "a domain without its own bias falls back to the single value"),
        ({"o_bias_by_domain": {"peyma": 0.125}}, None, 0.125, "no domain given: the default domain's"),
    ],
)
def test_ner_tagger_o_bias_by_domain(tmp_path: Path, meta: dict, domain: str | None, expected: float,
                                     why: str) -> None:
    import json

    from khabar.resources import model_path

    shipped = model_path("ner")
    for name in ("crf.npz", "clusters.tsv", "gazetteer.tsv"):
        (tmp_path / name).symlink_to(shipped / name)
    base = json.loads((shipped / "meta.json").read_text(encoding="utf-8"))
    base.pop("o_bias_by_domain", None)
    base.pop("o_bias", None)
    (tmp_path / "meta.json").write_text(json.dumps(base | meta), encoding="utf-8")
    assert NerTagger(model_dir=tmp_path, domain=domain).o_bias == expected, why
    assert NerTagger(model_dir=tmp_path, domain=domain, o_bias=1.0).o_bias == 1.0, "given: used as is"
