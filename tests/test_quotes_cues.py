"""Schema and behaviour of the cue table ``resources/quotes/cues.yaml``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from khabar.document import Document
from khabar.errors import ConfigError, ResourceError
from khabar.quotes import QuoteExtractor
from khabar.quotes.cues import COMPLEMENTS, CueTable, fuzzy
from khabar.resources import load_yaml


@pytest.fixture(scope="module")
def data() -> dict:
    return load_yaml("quotes", "cues.yaml")


def test_quotes_cues_schema(data: dict) -> None:
    assert set(data) >= {"light_verbs", "tenses", "verbs", "markers", "skip_before_subject", "pronouns"}
    for name, lv in data["light_verbs"].items():
        assert set(lv) == {"past", "present"}, name
        assert lv["present"].endswith("د"), name  # 3sg present; the plural is derived from it
    for t in data["tenses"]:
        assert "{past}" in t or "{present}" in t or "{present_pl}" in t, t
    for v in data["verbs"]:
        assert isinstance(v["lemma"], str) and v["lemma"], v
        assert ("light" in v and "noun" in v) or ("past" in v and "present" in v), v
        if "light" in v:
            assert v["light"] in data["light_verbs"], v
        assert set(v.get("complements", ["colon"])) <= COMPLEMENTS, v
    for ph in data["phrases"]:
        assert ph["forms"] and set(ph.get("complements", ["ke"])) <= COMPLEMENTS, ph
    for mk in data["markers"]:
        assert set(mk) <= {"lemma", "form", "needs_speaker", "not_after"}, mk
    assert set(data["anaphor_heads"]) <= {"PER", "ORG", "LOC"}
    lemmas = {v["lemma"] for v in data["verbs"]}
    assert set(data["continuation_cues"]) <= lemmas, "continuation cues must be verb lemmas"
    for key in ("skip_before_subject", "pronouns", "speaker_heads", "subject_stops", "outlet_prefixes",
                "adverbial_openers", "anaphor_determiners", "prepositions", "continuation_cues"):
        words = data[key]
        assert all(isinstance(w, str) and w.strip() == w and w for w in words), key
        assert len(words) == len(set(words)), f"duplicates in {key}"


# the cues the brief names, each as it appears in running text
BRIEF_CUES = [
    ("گفت", "گفت"), ("افزود", "افزود"), ("اظهار داشت", "اظهار داشت"), ("تصریح کرد", "تصریح کرد"),
    ("تأکید کرد", "تأکید کرد"), ("اعلام کرد", "اعلام کرد"), ("خاطرنشان کرد", "خاطرنشان کرد"),
    ("یادآور شد", "یادآور شد"), ("ادامه داد", "ادامه داد"), ("عنوان کرد", "عنوان کرد"),
    ("اذعان کرد", "اذعان کرد"), ("مدعی شد", "مدعی شد"), ("هشدار داد", "هشدار داد"),
    ("گفت", "به خبرنگاران گفت"), ("گفت", "می‌گوید"), ("گفت", "گفته است"),
    ("تأکید کرد", "تأکید کرده است"), ("افزود", "می‌افزاید"), ("گفت", "گفته بود"),
    ("اعلام کرد", "اعلام کرده بود"), ("گفت", "می‌گویند"), ("تأکید کرد", "تأکید می‌کند"),
    ("به گفته", "به گفته"), ("به نقل از", "به نقل از"), ("از نظر", "از نظر"),
    ("معتقد است", "معتقد است"), ("خواند", "خواند"), ("توصیف کرد", "توصیف کرد"), ("دانست", "دانست"),
]


@pytest.mark.parametrize(("lemma", "form"), BRIEF_CUES, ids=[f for _, f in BRIEF_CUES])
def test_quotes_cues_cover_the_brief(lemma: str, form: str) -> None:
    table = CueTable.load()
    for variant in (form, form.replace("\u200c", ""), form.replace("\u200c", " ")):
        found = table.find(f"او {variant} .")
        assert [(m.lemma, m.text) for m in found] == [(lemma, variant)], variant


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("در این گفت و گوی تلفنی", []),  # «گفت و گو» (spaced ZWNJ) is a conversation
        ("در این گفتوگوی تلفنی", []),  # stripped ZWNJ: one word, not the verb
        ("نمی‌گوید", []),  # negated forms are not cues
        ("گفته‌های وی", []),  # the noun «statements»
        ("ارزش افزوده", []),  # «افزوده» without an auxiliary is an adjective
        ("خواستار شد", []),  # a request is not in the table
        ("او گفتند", ["گفتند"]),  # plural past
        ("تاكيد كرد", ["تاكيد كرد"]),  # Arabic kaf/yeh and no hamza
        ("اشاره کرد وگفت:", ["اشاره کرد", "گفت"]),  # «و» glued to the next cue
        ("وگفتار", []),  # a word that merely starts with «وگفت»
    ],
)
def test_quotes_cues_boundaries(text: str, expected: list[str]) -> None:
    assert [m.text for m in CueTable.load().find(text)] == expected


def test_quotes_cues_longest_form_wins() -> None:
    (m,) = CueTable.load().find("وی به خبرنگاران گفته است که")
    assert m.text == "به خبرنگاران گفته است"


def test_quotes_fuzzy_never_crosses_a_line() -> None:
    assert re.fullmatch(fuzzy("تأکید کرد"), "تأکید\nکرد") is None


def test_quotes_cues_bad_table_is_reported() -> None:
    bad = {"light_verbs": {}, "tenses": ["{past}"], "verbs": [{"lemma": "x", "noun": "x", "light": "نبودن"}]}
    with pytest.raises(ResourceError, match="unknown light verb"):
        CueTable(bad)


def test_quotes_user_cue_table(tmp_path: Path) -> None:
    # users extend the cues without touching code: a copy with one more verb
    data = load_yaml("quotes", "cues.yaml")
    extra = {**data, "verbs": [*data["verbs"], {"lemma": "اعلام موضع کرد", "noun": "اعلام موضع", "light": "کردن"}]}
    path = tmp_path / "cues.yaml"
    path.write_text(yaml.safe_dump(extra, allow_unicode=True), encoding="utf-8")
    doc = QuoteExtractor(cues=path)(Document.from_text("کرملین اعلام موضع کرد: ما بی‌طرفیم."))
    assert [(q.cue.lemma, doc.text[q.start : q.end]) for q in doc.quotes] == [("اعلام موضع کرد", "ما بی‌طرفیم")]


def test_quotes_user_cue_table_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        QuoteExtractor(cues=tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("verbs: []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="needs light_verbs"):
        QuoteExtractor(cues=bad)
