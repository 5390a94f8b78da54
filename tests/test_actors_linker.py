"""The ``link`` component: dictionary entities, titles by date, coreference.

Documents are built by hand (no normalizer/segmenter needed: the linker falls
back to regex tokens and sentences), each row with a one-line "why".
"""

from __future__ import annotations

import pytest

from khabar.actors.linker import Linker
from khabar.document import Document, Entity


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker()


def run(linker: Linker, text: str, published: str | None = "2025-06-25", ner=()) -> Document:
    doc = Document.from_text(text, published=published)
    ents = []
    for i, (surface, label) in enumerate(ner, start=1):
        s = text.index(surface)
        ents.append(Entity(f"N{i}", s, s + len(surface), label))
    return linker(doc.with_layers(entities=tuple(ents)))


def entity(doc: Document, surface: str, nth: int = 0):
    found = [e for e in doc.entities if doc.text[e.start : e.end] == surface]
    assert len(found) > nth, f"no entity {surface!r} in {[doc.text[e.start:e.end] for e in doc.entities]}"
    return found[nth]


def mention(doc: Document, surface: str, kind: str):
    found = [m for m in doc.mentions if doc.text[m.start : m.end] == surface and m.kind == kind]
    assert found, f"no {kind} {surface!r} in {[(doc.text[m.start:m.end], m.kind) for m in doc.mentions]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "published", "title", "expected", "role"),
    [
        # why: the office-holder on the article's date — Putin in 2025 …
        ("رئیس‌جمهوری روسیه گفت.", "2025-06-25", "رئیس‌جمهوری روسیه", "Vladimir Putin", "President of Russia"),
        # why: … and Medvedev in 2010
        ("رئیس‌جمهوری روسیه گفت.", "2010-03-01", "رئیس‌جمهوری روسیه", "Dmitry Medvedev", "President of Russia"),
        # why: crawled text without ZWNJ still matches the title
        ("رئیسجمهوری روسیه گفت.", "2025-06-25", "رئیسجمهوری روسیه", "Vladimir Putin", "President of Russia"),
        # why: no date: the current holder
        ("رئیس‌جمهور آمریکا گفت.", None, "رئیس‌جمهور آمریکا", "Donald Trump", "President of United States"),
        # why: a fixed title with no state slot
        ("سخنگوی کرملین گفت.", "2025-06-25", "سخنگوی کرملین", "Dmitry Peskov", "Kremlin Spokesperson"),
        # why: a king, resolved by office template + state name
        ("پادشاه بحرین تأکید کرد.", "2025-06-25", "پادشاه بحرین", "Hamad bin Isa Al Khalifa", "King of Bahrain"),
        # why: «کشورمان» is the home country (Iran)
        ("وزیر امور خارجه کشورمان گفت.", "2025-06-25", "وزیر امور خارجه کشورمان", "Abbas Araghchi", "Foreign Minister of Iran"),
        # why: the US title is given by the role, not the template
        ("وزیر خارجه آمریکا گفت.", "2022-01-01", "وزیر خارجه آمریکا", "Antony Blinken", "United States Secretary of State"),
    ],
)
def test_actors_linker_title_by_date(linker, text, published, title, expected, role) -> None:
    m = mention(run(linker, text, published), title, "title")
    assert m.link is not None and (m.link.name, m.link.role) == (expected, role)


def test_actors_linker_title_is_not_an_entity_but_its_state_is(linker) -> None:
    # why: gold counts «روسیه» inside the title as LOC, the bare title not at all
    doc = run(linker, "رئیس‌جمهوری روسیه گفت.")
    assert [(doc.text[e.start:e.end], e.label) for e in doc.entities] == [("روسیه", "LOC")]


def test_actors_linker_title_with_unknown_holder_links_nothing(linker) -> None:
    # why: Bahrain had no king before 2002: no guessed actor
    assert mention(run(linker, "پادشاه بحرین گفت.", "1995-01-01"), "پادشاه بحرین", "title").link is None


@pytest.mark.parametrize(
    ("text", "surface", "label", "name", "country"),
    [
        # why: a capital acting stands for its government: the link is the city, country its state
        ("مسکو این اقدام را محکوم کرد.", "مسکو", "LOC", "Moscow", "RUS"),
        ("اراده منامه برای توسعه روابط", "منامه", "LOC", "Manama", "BHR"),
        # why: «رژیم صهیونیستی» is Israel, labelled ORG as in the gold
        ("حملات رژیم صهیونیستی ادامه دارد.", "رژیم صهیونیستی", "ORG", "Israel", "ISR"),
        # why: plural demonym → NORP linked to the state
        ("آمریکایی‌ها اسرائیل را متقاعد کردند.", "آمریکایی‌ها", "NORP", "United States", "USA"),
        # why: the same with the ZWNJ turned into a space, as crawlers do
        ("آمریکایی ها اسرائیل را متقاعد کردند.", "آمریکایی ها", "NORP", "United States", "USA"),
        # why: adjectival demonym as the gold marks it
        ("دوستان قطری ما نقش داشتند.", "قطری", "NORP", "Qatar", "QAT"),
        # why: spelling variant with ی for ئ
        ("آتش‌بس میان ایران و اسراییل", "اسراییل", "LOC", "Israel", "ISR"),
        # why: «سید» belongs inside the person's span, the honorific stays out
        ("سید عباس عراقچی گفت.", "سید عباس عراقچی", "PER", "Abbas Araghchi", "IRN"),
        ("آیت‌الله علی خامنه‌ای گفت.", "علی خامنه‌ای", "PER", "Ali Khamenei", "IRN"),
        # why: a short form the gold counts as a name
        ("نمایندگان مجلس گفتند.", "مجلس", "ORG", "Islamic Consultative Assembly", "IRN"),
        # why: the longest name wins over the state inside it
        ("وزارت امور خارجه پاکستان اعلام کرد.", "وزارت امور خارجه پاکستان", "ORG", "Pakistani Foreign Ministry", "PAK"),
        # why: bare ministry in Iranian news is Iran's
        ("وزارت امور خارجه در بیانیه‌ای اعلام کرد.", "وزارت امور خارجه", "ORG", "Iranian Foreign Ministry", "IRN"),
    ],
)
def test_actors_linker_links_dictionary_names(linker, text, surface, label, name, country) -> None:
    e = entity(run(linker, text), surface)
    assert (e.label, e.link.name if e.link else None, e.link.country if e.link else None) == (
        label, name, country)
    assert e.source == "gazetteer"


def test_actors_linker_region_is_entity_without_actor(linker) -> None:
    # why: the gold gives regions and seas no actor
    e = entity(run(linker, "وضعیت خاورمیانه"), "خاورمیانه")
    assert e.label == "LOC" and e.link is None


@pytest.mark.parametrize(
    ("text", "anaphor", "expected"),
    [
        # why: the subject's state (Russia) beats the nearer Iran
        ("رئیس‌جمهوری روسیه در دیدار با عباس عراقچی وزیر امور خارجه ایران مواضع این کشور را بیان کرد.",
         "این کشور", "Russia"),
        # why: no subject state: the nearest state before the anaphor
        ("آتش‌بس در پاکستان برقرار شد و مردم این کشور خوشحال شدند.", "این کشور", "Pakistan"),
    ],
)
def test_actors_linker_state_anaphor(linker, text, anaphor, expected) -> None:
    m = mention(run(linker, text), anaphor, "anaphor")
    assert m.link is not None and m.link.name == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        # why: Iranian narration: «به کشورمان» is Iran, a recipient the event coder can use
        ("پوتین مواضع این کشور در محکومیت حملات آمریکا و رژیم صهیونیستی به کشورمان را بیان کرد.",
         "کشورمان", "Iran"),
        # why: «سفیر کشورمان» is not an office template: the state is its own mention
        ("سفیر کشورمان در مسکو با سرگئی لاوروف دیدار کرد.", "کشورمان", "Iran"),
        # why: a direct quote after a colon: the foreign speaker's own country
        ("سرگئی لاوروف گفت: کشورمان از این طرح حمایت می‌کند.", "کشورمان", "Russia"),
        # why: inside «…» the speaker's country too, and «کشور ما» is the same cue
        ("سرگئی لاوروف گفت: «کشور ما از این طرح حمایت می‌کند.»", "کشور ما", "Russia"),
        # why: indirect speech stays with the outlet's country (Iranian outlets write «کشورش»)
        ("سرگئی لاوروف گفت که کشورمان از این طرح حمایت می‌کند.", "کشورمان", "Iran"),
        # why: an Iranian speaker's quote is Iran anyway
        ("سخنگوی وزارت امور خارجه ایران گفت: پاسخ ایران مواضع اصولی کشورمان را بیان کرد.",
         "کشورمان", "Iran"),
        # why: a quote closed before the cue no longer speaks for Lavrov
        ("سرگئی لاوروف گفت «آماده‌ایم» و سفیر کشورمان رفت.", "کشورمان", "Iran"),
    ],
)
def test_actors_linker_our_country(linker, text, home, expected) -> None:
    m = mention(run(linker, text), home, "anaphor")
    assert m.link is not None and m.link.name == expected and m.antecedent is None


@pytest.mark.parametrize(
    "text",
    [
        # why: the title mention already covers «کشورمان» (outermost span for the coder)
        "رئیس‌جمهور کشورمان به لاهور رفت.",
        # why: after an institution head it only says whose ministry: no separate mention
        "وزارت امور خارجه کشورمان اعلام کرد.",
    ],
)
def test_actors_linker_our_country_inside_a_name_is_no_mention(linker, text) -> None:
    assert not [m for m in run(linker, text).mentions if m.kind == "anaphor"]


def test_actors_linker_ministry_of_our_country_in_a_foreign_quote(linker) -> None:
    # why: «وزارت خارجه کشورمان» quoted from Lavrov is Russia's ministry
    doc = run(linker, "سرگئی لاوروف گفت: وزارت امور خارجه کشورمان آماده است.")
    assert entity(doc, "وزارت امور خارجه").link.name == "Russian Foreign Ministry"


def test_actors_linker_anaphor_in_title_takes_nearest_state(linker) -> None:
    # why: «نخست‌وزیر این کشور» after «اسلام‌آباد» introduces Pakistan's PM, not the subject's
    doc = run(linker, "مسعود پزشکیان در اسلام‌آباد با شهباز شریف نخست‌وزیر این کشور دیدار کرد.",
              "2025-08-03")
    assert mention(doc, "نخست‌وزیر این کشور", "title").link.name == "Shehbaz Sharif"
    assert mention(doc, "این کشور", "anaphor").link.name == "Pakistan"


def test_actors_linker_ministry_of_this_country(linker) -> None:
    # why: «وزارت امور خارجه این کشور» after Putin is Russia's ministry (the gold's entity is the head)
    doc = run(linker, "ولادیمیر پوتین در روسیه گفت. پوتین به بیانیه‌های وزارت امور خارجه این کشور اشاره کرد.")
    e = entity(doc, "وزارت امور خارجه")
    assert e.link is not None and e.link.name == "Russian Foreign Ministry"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # why: sentence-initial «وی» → the subject (first person) of the previous sentence
        ("دیمیتری پسکوف سخنگوی کرملین گفت که روسیه از ایران حمایت کرده است. وی افزود: روابط ادامه دارد.",
         "Dmitry Peskov"),
        # why: «به گفته وی» with no person earlier in its sentence → previous subject
        ("فراس ابیض وزیر بهداشت لبنان گفت که کمک‌ها رسید. به گفته وی، شمار آوارگان زیاد است.",
         "Firass Abiad"),
        # why: a title that resolved to a person is a valid antecedent too
        ("وزیر امور خارجه روسیه در مسکو سخن گفت. وی افزود که روابط خوب است.", "Sergey Lavrov"),
    ],
)
def test_actors_linker_pronoun(linker, text, expected) -> None:
    pronoun = "وی"
    m = mention(run(linker, text), pronoun, "pronoun")
    assert m.link is not None and m.link.name == expected


def test_actors_linker_surname_after_full_mention(linker) -> None:
    # why: «لاوروف» after «سرگئی لاوروف» is the same person, recorded as a surname mention
    doc = run(linker, "سرگئی لاوروف گفت. لاوروف افزود.")
    first, second = doc.entities
    assert second.link is not None and second.link.name == "Sergey Lavrov"
    assert mention(doc, "لاوروف", "surname").antecedent == first.id


def test_actors_linker_common_word_surname_needs_full_mention(linker) -> None:
    # why: «روحانی» (cleric) is Rouhani only after «حسن روحانی»; not famous on its own
    assert run(linker, "یک روحانی در مراسم سخنرانی کرد.").entities == ()
    doc = run(linker, "حسن روحانی گفت. روحانی افزود.")
    assert [e.link.name for e in doc.entities] == ["Hassan Rouhani", "Hassan Rouhani"]


def test_actors_linker_famous_surname_alone(linker) -> None:
    # why: «نتانیاهو» is unambiguous without a prior full mention
    e = entity(run(linker, "نتانیاهو تهدید کرد."), "نتانیاهو")
    assert e.label == "PER" and e.link.name == "Benjamin Netanyahu"


def test_actors_linker_unknown_person_stays_unlinked(linker) -> None:
    # why: the NER found a person the dictionary does not know: keep it, link None
    doc = run(linker, "جان اسمیت در لندن گفت.", ner=[("جان اسمیت", "PER")])
    e = entity(doc, "جان اسمیت")
    assert e.label == "PER" and e.link is None and e.source == "ner"
    assert entity(doc, "لندن").link.name == "London"


def test_actors_linker_longer_ner_person_beats_demonym(linker) -> None:
    # why: «علی ایرانی» is a person; the NORP «ایرانی» inside it must not replace it
    doc = run(linker, "علی ایرانی گفت.", ner=[("علی ایرانی", "PER")])
    assert [(doc.text[e.start:e.end], e.label, e.link) for e in doc.entities] == [
        ("علی ایرانی", "PER", None)]


def test_actors_linker_dictionary_span_beats_partial_ner(linker) -> None:
    # why: the NER saw only «پوتین» of «ولادیمیر پوتین»: the full name wins
    doc = run(linker, "ولادیمیر پوتین گفت.", ner=[("پوتین", "PER")])
    assert [(doc.text[e.start:e.end], e.link.name) for e in doc.entities] == [
        ("ولادیمیر پوتین", "Vladimir Putin")]


def test_actors_linker_ner_entity_linked_by_alias(linker) -> None:
    # why: an NER span that is a known alias gets the actor and the dictionary's label
    doc = run(linker, "اتحادیه عرب بیانیه داد.", ner=[("اتحادیه عرب", "LOC")])
    e = entity(doc, "اتحادیه عرب")
    assert (e.label, e.link.name, e.source) == ("ORG", "Arab League", "ner")


def test_actors_linker_ids_renumbered_in_text_order(linker) -> None:
    # why: merged NER and dictionary entities are E1… in text order
    doc = run(linker, "جان اسمیت در تهران و مسکو بود.", ner=[("جان اسمیت", "PER")])
    assert [e.id for e in doc.entities] == ["E1", "E2", "E3"]
    assert [e.start for e in doc.entities] == sorted(e.start for e in doc.entities)


def test_actors_linker_span_text_matches_offsets(linker) -> None:
    text = "به گزارش ایرنا، سید عباس عراقچی در تهران گفت."
    doc = run(linker, text)
    assert [text[e.start:e.end] for e in doc.entities] == ["ایرنا", "سید عباس عراقچی", "تهران"]


def test_actors_linker_does_not_match_inside_words(linker) -> None:
    # why: «ایرانی» is not «ایران», «روسیه‌ای» … token boundaries are respected
    doc = run(linker, "ایرانشهر و ایرانیت")
    assert all(doc.text[e.start:e.end] != "ایران" for e in doc.entities)


@pytest.mark.parametrize(
    "text",
    [
        # why: «بقایی» after a given name is someone else's surname, not Baghaei
        "بهروز بقایی در این جلسه حضور داشت.",
        # why: «تاجیک» after a given name is a surname, not the Tajik people
        "عین‌الله تاجیک افزود.",
        # why: «متقی» (pious) is Muttaqi only after his full name
        "انسان‌های متقی رستگارند.",
        # why: «چک» is a cheque here; the state is named «جمهوری چک» in scans
        "صدور چک بلامحل جرم است.",
        # why: after «زبان‌های» the demonyms are languages
        "کتاب به زبان‌های فارسی، انگلیسی و روسی منتشر شد.",
        # why: «کریمه» alone is «noble» («آیه کریمه»); Crimea is «شبه‌جزیره کریمه» in scans
        "در این آیه کریمه آمده است.",
    ],
)
def test_actors_linker_must_not_find(linker, text) -> None:
    assert run(linker, text).entities == ()


def test_actors_linker_surname_beats_homonym_state_after_full_mention(linker) -> None:
    # why: «کامرون» is Cameroon on its own, but Cameron after «دیوید کامرون»
    assert entity(run(linker, "کامرون و نیجریه"), "کامرون").link.name == "Cameroon"
    doc = run(linker, "دیوید کامرون سخن گفت. کامرون افزود.", "2015-01-01")
    assert [(e.label, e.link.name) for e in doc.entities] == [
        ("PER", "David Cameron"), ("PER", "David Cameron")]


def test_actors_linker_title_in_apposition_is_that_person(linker) -> None:
    # why: «جورج دبلیو بوش رئیس‌جمهور آمریکا» is Bush, even without a date (current holder: Trump)
    doc = run(linker, "جورج دبلیو بوش رئیس‌جمهور آمریکا گفت.", None)
    m = mention(doc, "رئیس‌جمهور آمریکا", "title")
    assert (m.link.name, m.link.role) == ("George W. Bush", "President of United States")


def test_actors_linker_title_of_unknown_person_links_nothing(linker) -> None:
    # why: «یوشیهیده سوگا نخست‌وزیر ژاپن»: the NER's unknown person holds the title, not today's PM
    doc = run(linker, "یوشیهیده سوگا نخست‌وزیر ژاپن گفت.", None, ner=[("یوشیهیده سوگا", "PER")])
    assert mention(doc, "نخست‌وزیر ژاپن", "title").link is None


@pytest.mark.parametrize(
    ("text", "published", "title", "expected"),
    [
        # why: office templates of ministers resolve by date too (Owji 2021–2024, Paknejad after)
        ("وزیر نفت کشورمان گفت.", "2023-05-01", "وزیر نفت کشورمان", "Javad Owji"),
        ("وزیر نفت کشورمان گفت.", "2025-05-01", "وزیر نفت کشورمان", "Mohsen Paknejad"),
        # why: a fixed title of an IGO official
        ("دبیرکل سازمان ملل متحد گفت.", "2015-01-01", "دبیرکل سازمان ملل متحد", "Ban Ki-moon"),
        # why: older articles (the Fars News archive goes back to 2003) resolve to their holders
        ("رئیس‌جمهور فرانسه گفت.", "2010-06-01", "رئیس‌جمهور فرانسه", "Nicolas Sarkozy"),
        ("دبیرکل سازمان ملل گفت.", "2005-06-01", "دبیرکل سازمان ملل", "Kofi Annan"),
        ("وزیر امور خارجه کشورمان گفت.", "2008-06-01", "وزیر امور خارجه کشورمان", "Manouchehr Mottaki"),
        # why: Borrell's term ended on 2024-11-30; Kallas from 2024-12-01
        ("مسئول سیاست خارجی اتحادیه اروپا گفت.", "2024-12-01", "مسئول سیاست خارجی اتحادیه اروپا",
         "Kaja Kallas"),
    ],
)
def test_actors_linker_more_titles(linker, text, published, title, expected) -> None:
    m = mention(run(linker, text, published), title, "title")
    assert m.link is not None and m.link.name == expected


def test_actors_linker_bare_ministerial_head_is_not_a_title(linker) -> None:
    # why: «وزیر نفت» names no state: whose oil minister is unknown, so no title mention
    assert [m for m in run(linker, "وزیر نفت گفت.").mentions if m.kind == "title"] == []


@pytest.mark.parametrize(
    ("text", "ner", "expected"),
    [
        # why: the NER read part of a title as an ORG; the title's state is the entity
        ("عراقچی وزیر امور خارجه ایران گفت.", [("امور خارجه ایران", "ORG")],
         [("عراقچی", "PER"), ("ایران", "LOC")]),
        # why: «دولت» is a generic wrapper: the gold's entity is the state
        ("دولت انگلیس گفت.", [("دولت انگلیس", "ORG")], [("انگلیس", "LOC")]),
        # why: an NER span across a comma is two names
        ("قطعنامه‌های شورای امنیت، ایران را", [("شورای امنیت، ایران", "ORG")],
         [("شورای امنیت", "ORG"), ("ایران", "LOC")]),
        # why: an office named after a known person is that person in the gold
        ("دفتر بنیامین نتانیاهو مدعی شد.", [("دفتر بنیامین نتانیاهو", "ORG")],
         [("بنیامین نتانیاهو", "PER")]),
        # why: a real organisation around a state name stays the NER's ORG (flat, outermost)
        ("سفارت عراق در تهران", [("سفارت عراق", "ORG")], [("سفارت عراق", "ORG"), ("تهران", "LOC")]),
        # why: a demonym the NER labelled ORG is NORP by the dictionary
        ("۴۰۴ فلسطینی کشته شدند.", [("فلسطینی", "ORG")], [("فلسطینی", "NORP")]),
    ],
)
def test_actors_linker_merge_with_ner(linker, text, ner, expected) -> None:
    doc = run(linker, text, ner=ner)
    assert [(doc.text[e.start:e.end], e.label) for e in doc.entities] == expected


@pytest.mark.parametrize(
    ("text", "ner", "expected"),
    [
        # why: ranks and honorifics are outside a person's span; the NER included them
        ("سردار قاسم سلیمانی گفت.", [("سردار قاسم سلیمانی", "PER")], ("قاسم سلیمانی", "Qasem Soleimani")),
        ("حجت‌الاسلام والمسلمین حسن روحانی گفت.", [("حجت‌الاسلام والمسلمین حسن روحانی", "PER")],
         ("حسن روحانی", "Hassan Rouhani")),
        # why: «سید» is part of the name and stays
        ("سید عباس عراقچی گفت.", [("سید عباس عراقچی", "PER")], ("سید عباس عراقچی", "Abbas Araghchi")),
    ],
)
def test_actors_linker_ner_person_loses_honorific(linker, text, ner, expected) -> None:
    doc = run(linker, text, ner=ner)
    e = doc.entities[0]
    assert (doc.text[e.start:e.end], e.link.name if e.link else None) == expected


def test_actors_linker_mentions_point_to_their_entities(linker) -> None:
    # why: consumers follow «این کشور» and an appositive title to the entity they stand for
    doc = run(linker, "شهباز شریف نخست‌وزیر پاکستان گفت مواضع این کشور روشن است.", "2025-08-03")
    by_id = {e.id: doc.text[e.start:e.end] for e in doc.entities}
    assert by_id[mention(doc, "این کشور", "anaphor").antecedent] == "پاکستان"
    assert by_id[mention(doc, "نخست‌وزیر پاکستان", "title").antecedent] == "شهباز شریف"


def test_actors_linker_outlet_after_source_cue(linker) -> None:
    # why: «به گزارش فارس» is Fars News; «فارس» alone is otherwise the province (link-only)
    doc = run(linker, "به گزارش فارس، تیم فوتبال تمرین کرد.", ner=[("فارس", "ORG")])
    assert entity(doc, "فارس").link.name == "Fars News Agency"
    doc = run(linker, "بارندگی در فارس ادامه دارد.", ner=[("فارس", "LOC")])
    assert entity(doc, "فارس").link.name == "Fars Province"
