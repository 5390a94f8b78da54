"""Schema and behaviour of the Persian event dictionary (resources/events/)."""

from __future__ import annotations

import re

import pytest

from khabar.events import ontology
from khabar.events.lexicon import (
    _scan,
    build_lexicon,
    compile_pattern,
    fold,
    load_cues,
    load_lexicon,
    word_starts,
)
from khabar.resources import load_yaml

TRIGGERS = load_yaml("events", "triggers.yaml")
CUES = load_cues()
STRATEGIES = {"subject", "gen", "agent", "between", "obj", "coord", "clause", "act", "after", "group", "members", "loc", "resist"}
ENTRY_KEYS = {"fa", "re", "mode", "kind", "source", "target", "modality", "cameo", "retype", "absorbs", "passive", "needs", "anchor", "initials"}


def test_events_dictionary_covers_every_plover_type_with_five_triggers():
    counts = {t: len(v) for t, v in TRIGGERS["triggers"].items()}
    assert set(counts) == set(ontology.PLOVER_TYPES)
    assert {t: n for t, n in counts.items() if n < 5} == {}


def test_events_dictionary_entries_follow_the_schema():
    modes = {t: set(ontology.modes(t)) for t in ontology.PLOVER_TYPES}
    for etype, entries in TRIGGERS["triggers"].items():
        for e in entries:
            assert set(e) <= ENTRY_KEYS, e
            assert ("fa" in e) != ("re" in e), e
            # initials of a raw regex: one- or two-letter word starts (a ``fa`` pattern's are derived)
            assert "initials" not in e or ("re" in e and all(1 <= len(i) <= 2 for i in e["initials"])), e
            assert e.get("kind", "noun") in ("noun", "verb"), e
            assert e.get("mode") is None or e["mode"] in modes[etype], e
            assert e.get("modality") in (None, "future"), e
            for strat in (*e.get("source", ()), *e.get("target", ())):
                assert strat in STRATEGIES or strat.startswith("prep:"), (e, strat)
            for rule in e.get("retype", ()):
                assert rule["type"] in ontology.PLOVER_TYPES, e
    for etype, spec in TRIGGERS["roles"].items():
        assert etype in ontology.PLOVER_TYPES
        for strat in (*spec["source"], *spec["target"]):
            assert strat in STRATEGIES or strat.startswith("prep:"), (etype, strat)


def test_events_dictionary_verb_table_pairs_past_and_present_stems():
    for past, present in TRIGGERS["verbs"].items():
        assert re.fullmatch(r"[\u0600-\u06FF]+", past) and re.fullmatch(r"[\u0600-\u06FF]+", present)


def test_events_cues_follow_the_schema():
    for key in ("prepositions", "agent_markers", "honorifics", "coordinators", "clause_openers", "demonstratives",
                "verbal_types", "continuation", "apposition_breakers", "attribution", "title_heads",
                "connectives", "members", "actor_optional", "off_topic", "finite_verbs", "cause_markers", "intrinsically_future", "mode_cues_override"):
        assert isinstance(CUES[key], list) and all(isinstance(w, str) and w for w in CUES[key]), key
    assert set(CUES["agent_markers"]) <= set(CUES["prepositions"])
    assert set(CUES["verbal_types"]) <= ontology.PLOVER_TYPES
    for key in ("future", "hypothetical", "claim", "claim_complement", "negators"):
        assert CUES["modality"][key], key
    for src, rule in CUES["future_recode"].items():
        assert src in ontology.PLOVER_TYPES and rule["type"] in ontology.PLOVER_TYPES
        assert rule.get("mode") is None or rule["mode"] in ontology.modes(rule["type"])
    for etype, rules in CUES["mode_cues"].items():
        for rule in rules:
            assert rule["mode"] in ontology.modes(etype), (etype, rule)
    for noun, types in CUES["act_nouns"].items():
        assert set(types) <= ontology.PLOVER_TYPES, noun
    for noun, types in CUES["event_anaphors"].items():
        assert set(types) <= ontology.PLOVER_TYPES, noun


def test_events_dictionary_rejects_an_unknown_verb():
    with pytest.raises(ValueError, match="unknown verb"):
        build_lexicon({"verbs": {}, "triggers": {"ACCUSE": [{"fa": "محکوم {کرد}"}]}})


def test_events_dictionary_rejects_two_gaps():
    with pytest.raises(ValueError, match="gap"):
        build_lexicon({"verbs": {"کرد": "کن"}, "triggers": {"AGREE": [{"fa": "الف … ب … {کرد}"}]}})


@pytest.mark.parametrize(
    "text, etype, surface",
    [
        # light verb, past plural
        ("دو کشور توافق کردند", "AGREE", "توافق کردند"),
        # intent with a present form of داشتن
        ("ما قصد داریم روابط را توسعه دهیم", "AGREE", "قصد داریم"),
        # phone call, ZWNJ present
        ("در گفت‌وگوی تلفنی با همتای خود", "CONSULT", "گفت‌وگوی تلفنی"),
        # phone call typed with spaces, as crawled
        ("در این گفت و گوی تلفنی", "CONSULT", "گفت و گوی تلفنی"),
        # phone call with the ZWNJ stripped
        ("در گفتوگوی تلفنی", "CONSULT", "گفتوگوی تلفنی"),
        # pluperfect light verb
        ("با مقامات دو کشور رایزنی کرده بود", "CONSULT", "رایزنی کرده بود"),
        # verbal noun of welcome
        ("ضمن استقبال از آتش‌بس", "SUPPORT", "استقبال"),
        # present progressive, ZWNJ stripped
        ("از ایران حمایت میکند", "SUPPORT", "حمایت میکند"),
        # signing reaches the signature
        ("۱۲ سند به امضای مقامات دو کشور رسید", "SUPPORT", "به امضای مقامات دو کشور رسید"),
        # ceasefire taking effect, with a clock time inside the gap
        ("آتش‌بس میان دو کشور از ساعت ۱۶:۳۰ روز شنبه برقرار شد", "RETREAT", "آتش‌بس میان دو کشور از ساعت ۱۶:۳۰ روز شنبه برقرار شد"),
        # humanitarian aid noun
        ("محموله کمک‌های بشردوستانه وارد بیروت شد", "AID", "کمک‌های بشردوستانه"),
        # joint exercise beats the bare drill
        ("رزمایش مشترک دریایی آغاز شد", "COOPERATE", "رزمایش مشترک"),
        # one country's drill
        ("ارتش رزمایش بزرگی برگزار کرد", "MOBILIZE", "رزمایش"),
        # request with a discontinuous light verb
        ("خواستار توقف فوری صادرات سلاح به اسرائیل شدند", "REQUEST", "خواستار توقف فوری صادرات سلاح به اسرائیل شدند"),
        # «خواست» past only: the future auxiliary «خواهد» is not a request
        ("از طرفین خواست به آتش‌بس پایبند بمانند", "REQUEST", "خواست"),
        # condemnation, present
        ("این اقدام را محکوم می‌کند", "ACCUSE", "محکوم می‌کند"),
        # accusation
        ("پاکستان را به نقض آتش‌بس متهم کرد", "ACCUSE", "متهم کرد"),
        # refusal of a negotiation
        ("مذاکره مستقیم را نمی‌پذیرد", "REJECT", "نمی‌پذیرد"),
        # denial
        ("این خبر را تکذیب کرد", "REJECT", "تکذیب کرد"),
        # threat
        ("ترامپ تهدید کرد که", "THREATEN", "تهدید کرد"),
        # warning
        ("قالیباف هشدار داد که", "THREATEN", "هشدار داد"),
        # demonstration verb
        ("هزاران نفر تظاهرات کردند", "PROTEST", "تظاهرات کردند"),
        # strike noun
        ("کارگران دست به اعتصاب زدند", "PROTEST", "اعتصاب"),
        # sanctions, pluperfect
        ("ایران‌ایر را تحریم کرده بودند", "SANCTION", "تحریم کرده بودند"),
        # cutting relations
        ("قطع روابط دیپلماتیک با تهران", "SANCTION", "قطع روابط"),
        # troop deployment
        ("اعزام نیرو به مرز", "MOBILIZE", "اعزام نیرو"),
        # troop deployment, the light verb after its object
        ("روسیه هزاران نیرو به مرز اعزام کرد", "MOBILIZE", "نیرو به مرز اعزام کرد"),
        # arrest, passive perfect
        ("ده نفر بازداشت شده‌اند", "COERCE", "بازداشت شده‌اند"),
        # arrest, passive perfect, ZWNJ stripped
        ("ده نفر بازداشت شدهاند", "COERCE", "بازداشت شدهاند"),
        # air strikes beat the bare noun
        ("حملات هوایی به غزه", "ASSAULT", "حملات هوایی"),
        # bombing, future
        ("بمباران خواهد شد", "ASSAULT", "بمباران"),
        # a propaganda attack is verbal: ACCUSE, not ASSAULT (the longer entry wins)
        ("حمله تبلیغاتی گسترده‌ای علیه او", "ACCUSE", "حمله تبلیغاتی"),
        # Arabic yeh and kaf, as in old crawls
        ("ايران را محكوم كرد", "ACCUSE", "محكوم كرد"),
    ],
)
def test_events_dictionary_finds_trigger(text, etype, surface):
    found = [(m.type, text[m.start : m.end]) for m in load_lexicon().find(text)]
    assert (etype, surface) in found


@pytest.mark.parametrize(
    "text",
    [
        "او خواهد آمد",  # the future auxiliary is not «خواست»
        "خواستار شدن",  # no finite verb: the gap needs a form of شدن
        "تحریمی وجود ندارد",  # sanctions only as a finite light verb
        "دیدارهای ورزشی",  # «دیدار» is a whole word only
        "خواسته مردم را ترجیح داد",  # «خواسته» (a wish) is a noun, not «خواست»
    ],
)
def test_events_dictionary_misses_non_trigger(text):
    assert [m.type for m in load_lexicon().find(text) if m.type in ("REQUEST", "SANCTION", "CONSULT")] == []


def test_events_dictionary_negation_is_read_from_the_verb():
    lex = load_lexicon()
    (m,) = [m for m in lex.find("روسیه از ایران حمایت نکرده است") if m.type == "SUPPORT"]
    assert m.negative
    (m,) = [m for m in lex.find("روسیه از ایران حمایت کرده است") if m.type == "SUPPORT"]
    assert not m.negative


def test_events_dictionary_patterns_are_anchored_on_words():
    rx = re.compile(compile_pattern("حمله*", {}))
    assert rx.search("حمله‌ای")
    assert not rx.search("ضدحمله")


def _surfaces(pattern: str, verbs: dict[str, str]) -> list[str]:
    """A few texts one ``fa`` pattern matches: verb slot conjugated four ways, gap filled, suffix added."""
    out = []
    for form in ("{p}ند", "نمی‌{r}ند", "خواهند {p}", "ن{p}ه است", "ب{r}ند", "می {p}یم", "نخواهد {p}", "{r}د"):
        words = []
        for w in pattern.split(" "):
            slot = re.fullmatch(r"\{([^}:]+)(?::past)?\}", w)
            if slot:
                words.append(form.format(p=slot.group(1), r=verbs[slot.group(1)]))
            else:
                words.append("دو کلمه" if w == "…" else w.replace("*", "‌ها"))
        out.append(" ".join(words))
    return out


def test_events_dictionary_word_start_scan_finds_what_a_full_scan_finds():
    # find() tries a trigger regex only at word starts with the entry's initial
    # letters; a wrong initials() would silently lose matches.
    lex = load_lexicon()
    phrases = [s for e in lex.triggers if not e.pattern.startswith("(")
               for s in _surfaces(e.pattern, TRIGGERS["verbs"])]
    phrases += ["مصمم هستند", "خواستند", "خواسته بودند", "نمی‌پذیرند", "نپذیرفتند"]  # the raw ``re`` entries
    texts = [f"دیروز {s} و در‌{s}، «{s}»." for s in phrases]
    assert len(texts) > 400
    for text in texts:
        for t in [t for t in lex.triggers if t.anchor is None or t.anchor in fold(text)]:
            starts = [w.start() for w in re.finditer(r"(?<!\w)\w", text)
                      if t.initials is None or text.startswith(t.initials, w.start())]
            full = [m.span() for m in t.regex.finditer(text) if m.end() > m.start()]
            assert [m.span() for m in _scan(t.regex, text, starts)] == full, (t.pattern, text)


@pytest.mark.parametrize(
    "text",
    [
        "رد کرد و بردند؛ «رد» شد",  # a prefix inside a word («بردند») is no word start
        "ننن نن\u200cنن ن",  # a prefix overlapping itself, after a ZWNJ, too short
        "درخواست‌ها را می‌خواهند، نمی‌پذیرند و نپذیرفتند",  # verb prefixes after ZWNJ and punctuation
        "كرد يك ي ى",  # Arabic letter variants
    ],
)
def test_events_dictionary_word_starts_are_the_word_starts_with_the_initials(text):
    # find() looks for a trigger only where word_starts() says a word with its initials begins
    every = [w.start() for w in re.finditer(r"(?<!\w)\w", text)]
    for initials in {t.initials for t in load_lexicon().triggers} | {("نن",)}:
        expected = [p for p in every if initials is None or text.startswith(initials, p)]
        assert word_starts(text, initials) == expected, (initials, text)
