"""The event coder on hand-built documents: types, parties, dates and modality."""

from __future__ import annotations

import pytest

from khabar.document import Actor, Cue, Document, Entity, Quote, Ref, Span, Timex
from khabar.events import EventCoder

COUNTRY = {
    "putin": "RUS", "russia": "RUS", "lavrov": "RUS", "araghchi": "IRN", "iran": "IRN", "hamad": "BHR",
    "usa": "USA", "israel": "ISR", "trump": "USA", "pakistan": "PAK", "india": "IND", "eu": None,
    "baghaei": "IRN", "qatar": "QAT", "turkey": "TUR", "fidan": "TUR", "lebanon": "LBN", "guterres": None,
    "china": "CHN", "police": "GBR", "islamabad": "PAK", "delhi": "IND", "pezeshkian": "IRN",
    "germany": "DEU", "france": "FRA", "saudi": "SAU", "ukraine": "UKR",
}


def make_doc(text: str, ents=(), timexes=(), quotes=()) -> Document:
    """A document with entities ``(surface, label, actor)`` found left to right, and timexes ``(surface, value)``."""
    out, pos = [], 0
    for k, (surface, label, actor) in enumerate(ents, 1):
        i = text.index(surface, pos)
        link = Actor(actor, actor, country=COUNTRY.get(actor)) if actor else None
        out.append(Entity(f"E{k}", i, i + len(surface), label, link))
        pos = i + 1
    tx = []
    for surface, value in timexes:
        i = text.index(surface)
        tx.append(Timex(i, i + len(surface), "DATE", value, "relative"))
    qs = []
    for content, speaker in quotes:
        i = text.index(content)
        e = next(e for e in out if e.link and e.link.id == speaker)
        qs.append(Quote(i, i + len(content), True, Cue(0, 0, "گفت"), Ref(e.start, e.end, e.id, e.link)))
    sents, start = [], 0
    for j, ch in enumerate(text):
        if ch in ".\n":
            sents.append(Span(start, j + 1))
            start = j + 1
    if start < len(text):
        sents.append(Span(start, len(text)))
    return Document.from_text(text, id="t").with_layers(sentences=sents, entities=out, timexes=tx, quotes=qs)


def coded(doc: Document) -> list[tuple]:
    out = []
    for v in EventCoder()(doc).events:
        a = v.actor[0].link.id if v.actor and v.actor[0].link else None
        r = v.recipient[0].link.id if v.recipient and v.recipient[0].link else None
        out.append((v.type, a, r))
    return out


P, L, ORG = "PER", "LOC", "ORG"

CASES = [
    pytest.param(  # «X در دیدار با Y»: visit, the host after «با»
        "پوتین در دیدار با عراقچی درباره منطقه گفت‌وگو کرد.",
        [("پوتین", P, "putin"), ("عراقچی", P, "araghchi")],
        [("CONSULT", "putin", "araghchi")],
        id="meeting-with",
    ),
    pytest.param(  # «X و Y … گفت‌وگو کردند»: a coordinated subject is one consultation
        "پوتین و حمد بن عیسی در تماس تلفنی درباره خاورمیانه گفت‌وگو کردند.",
        [("پوتین", P, "putin"), ("حمد بن عیسی", P, "hamad")],
        [("CONSULT", "putin", "hamad")],
        id="coordinated-call",
    ),
    pytest.param(  # «محکومیت حملات X و Z به Y»: compound sources of the attack, compound targets of the condemnation
        "پوتین بار دیگر مواضع روسیه در محکومیت حملات آمریکا و اسرائیل به ایران را بیان کرد.",
        [("پوتین", P, "putin"), ("روسیه", L, "russia"), ("آمریکا", L, "usa"), ("اسرائیل", L, "israel"),
         ("ایران", L, "iran")],
        [("ACCUSE", "putin", "usa"), ("ACCUSE", "putin", "israel"), ("ASSAULT", "usa", "iran"),
         ("ASSAULT", "israel", "iran")],
        id="condemn-attacks",
    ),
    pytest.param(  # «X از Y خواست»: request, the addressee after «از»; its content is not coded apart
        "گوترش از اسرائیل خواست کمک‌های بشردوستانه را به غزه ارسال کند.",
        [("گوترش", P, "guterres"), ("اسرائیل", L, "israel"), ("غزه", L, None)],
        [("REQUEST", "guterres", "israel")],
        id="request-from",
    ),
    pytest.param(  # «X را محکوم کرد»: the object before «را»
        "بقائی تحریم‌های جدید اتحادیه اروپا را به شدت محکوم کرد.",
        [("بقائی", P, "baghaei"), ("اتحادیه اروپا", ORG, "eu")],
        [("ACCUSE", "baghaei", "eu")],
        id="condemn-object",
    ),
    pytest.param(  # «این حملات را محکوم کرد»: the target is the attacker coded before
        "جنگنده‌های اسرائیل غزه را هدف حملات هوایی قرار دادند. قطر این حملات را محکوم کرد.",
        [("اسرائیل", L, "israel"), ("غزه", L, "gaza"), ("قطر", L, "qatar")],
        [("ASSAULT", "israel", "gaza"), ("ACCUSE", "qatar", "israel")],
        id="condemn-act-anaphor",
    ),
    pytest.param(  # ceasefire taking effect between two states: RETREAT, the first as actor
        "آتش‌بس میان هند و پاکستان روز شنبه برقرار شد.",
        [("هند", L, "india"), ("پاکستان", L, "pakistan")],
        [("RETREAT", "india", "pakistan")],
        id="ceasefire-between",
    ),
    pytest.param(  # agreeing to a ceasefire is CONCEDE (PLOVER ruling)
        "هند و پاکستان با آتش‌بس کامل موافقت کردند.",
        [("هند", L, "india"), ("پاکستان", L, "pakistan")],
        [("CONCEDE", "india", "pakistan")],
        id="agree-ceasefire-concede",
    ),
    pytest.param(  # a planned visit is AGREE (future cooperative act)
        "قرار است وزیر خارجه ترکیه ماه آینده به تهران سفر کند.",
        [("ترکیه", L, "turkey"), ("تهران", L, "iran")],
        [("AGREE", "turkey", "iran")],
        id="planned-visit-agree",
    ),
    pytest.param(  # a sanction imposed
        "وزارت خزانه‌داری آمریکا ۱۱۵ شرکت مرتبط با نفت ایران را تحریم کرد.",
        [("وزارت خزانه‌داری آمریکا", ORG, "usa"), ("ایران", L, "iran")],
        [("SANCTION", "usa", "iran")],
        id="sanction",
    ),
    pytest.param(  # the threat absorbs its conditional content
        "ترامپ تهدید کرد که اگر ایران به توافق نرسد، بمباران خواهد شد.",
        [("ترامپ", P, "trump"), ("ایران", L, "iran")],
        [("THREATEN", "trump", "iran")],
        id="threat-absorbs",
    ),
    pytest.param(  # a joint exercise: COOPERATE between the participating states (the dictionary's state actors)
        "رزمایش مشترک با حضور نیروی دریایی ایران و ناوگروه‌های روسیه و چین آغاز شد.",
        [("نیروی دریایی ایران", ORG, "iran"), ("روسیه", L, "russia"), ("چین", L, "china")],
        [("COOPERATE", "IRN", "RUS"), ("COOPERATE", "IRN", "CHN")],
        id="joint-exercise",
    ),
    pytest.param(  # consultations in two foreign capitals: one event per host
        "عراقچی دوشنبه در اسلام‌آباد و پنجشنبه در دهلی نو با مقامات دو کشور رایزنی کرد.",
        [("عراقچی", P, "araghchi"), ("اسلام‌آباد", L, "islamabad"), ("دهلی نو", L, "delhi")],
        [("CONSULT", "araghchi", "islamabad"), ("CONSULT", "araghchi", "delhi")],
        id="consult-in-capitals",
    ),
    pytest.param(  # an agentless passive arrest reported by the police: the police act
        "پلیس لندن اعلام کرد که ده نفر بازداشت شده‌اند.",
        [("پلیس لندن", ORG, "police")],
        [("COERCE", "police", None)],
        id="passive-arrest",
    ),
    pytest.param(  # ZWNJs stripped, as crawled
        "پوتین در دیدار با عراقچی حملات اسرائیل را محکوم میکند.",
        [("پوتین", P, "putin"), ("عراقچی", P, "araghchi"), ("اسرائیل", L, "israel")],
        [("CONSULT", "putin", "araghchi"), ("ASSAULT", "israel", None), ("ACCUSE", "putin", "israel")],
        id="zwnj-stripped",
    ),
    pytest.param(  # summoning an envoy is ACCUSE disapprove; the envoy's state is the recipient
        "وزارت امور خارجه ایران سفیر آلمان را احضار کرد.",
        [("وزارت امور خارجه ایران", ORG, "iran"), ("آلمان", L, "germany")],
        [("ACCUSE", "iran", "germany")],
        id="summon-envoy",
    ),
    pytest.param(  # recalling one's own ambassador is SANCTION withdraw
        "عربستان سفیر خود را از تهران فراخواند.",
        [("عربستان", L, "saudi"), ("تهران", L, "iran")],
        [("SANCTION", "saudi", "iran")],
        id="recall-ambassador",
    ),
    pytest.param(  # cutting relations, the light verb after its object
        "فرانسه روابط دیپلماتیک خود را با ایران قطع کرد.",
        [("فرانسه", L, "france"), ("ایران", L, "iran")],
        [("SANCTION", "france", "iran")],
        id="cut-relations",
    ),
    pytest.param(  # «ابراز نگرانی از» an actor's act is ACCUSE disapprove of that actor
        "ایران از افزایش حملات اسرائیل به لبنان ابراز نگرانی کرد.",
        [("ایران", L, "iran"), ("اسرائیل", L, "israel"), ("لبنان", L, "lebanon")],
        [("ASSAULT", "israel", "lebanon"), ("ACCUSE", "iran", "israel")],
        id="concern-disapprove",
    ),
    pytest.param(  # imposing sanctions, «علیه» marks the target
        "آلمان تحریم‌های جدیدی علیه روسیه اعمال کرد.",
        [("آلمان", L, "germany"), ("روسیه", L, "russia")],
        [("SANCTION", "germany", "russia")],
        id="impose-sanctions",
    ),
    pytest.param(  # aid sent to a country
        "ترکیه به ایران کمک‌های بشردوستانه ارسال کرد.",
        [("ترکیه", L, "turkey"), ("ایران", L, "iran")],
        [("AID", "turkey", "iran")],
        id="aid-sent",
    ),
    pytest.param(  # the plain noun phrase of the object, not a party inside its «علیه» phrase
        "چین تحریم‌های جدید آمریکا علیه شرکت‌های روسیه را محکوم کرد.",
        [("چین", L, "china"), ("آمریکا", L, "usa"), ("روسیه", L, "russia")],
        [("ACCUSE", "china", "usa")],
        id="object-not-inner-phrase",
    ),
    pytest.param(  # «به دلیل حمله سایبری»: the cause's actor is not the clause subject
        "آلمان سفیر روسیه را به دلیل حمله سایبری احضار کرد.",
        [("آلمان", L, "germany"), ("روسیه", L, "russia")],
        [("ACCUSE", "germany", "russia")],
        id="cause-not-subject",
    ),
    pytest.param(  # the side resisting an aggression is its target
        "شریف از ایستادگی ملت ایران در برابر تجاوز اخیر اسرائیل تمجید کرد.",
        [("شریف", P, "pakistan"), ("ایران", L, "iran"), ("اسرائیل", L, "israel")],
        [("SUPPORT", "pakistan", "iran"), ("ASSAULT", "israel", "iran")],
        id="resist-aggression",
    ),
    pytest.param(  # «به گفته X، …»: the news source is not the actor
        "به گفته اسحاق دار، هند و پاکستان توافق کردند.",
        [("اسحاق دار", P, "pakistan"), ("هند", L, "india"), ("پاکستان", L, "pakistan")],
        [("AGREE", "india", "pakistan")],
        id="attribution-not-actor",
    ),
    pytest.param(  # «سفر [X] به Y»: the traveller is the name inside the gap, not the speaker
        "پسکوف درباره سفر احتمالی پوتین به تهران گفت: «تاریخی تعیین نشده است.»",
        [("پسکوف", P, "russia"), ("پوتین", P, "putin"), ("تهران", L, "iran")],
        [("AGREE", "putin", "iran")],
        id="trip-genitive-in-gap",
    ),
    pytest.param(  # «محموله سوم کمک‌های ایران»: nothing named in the gap, the name after the match
        "قرار است محموله سوم کمک‌های ایران به لبنان ارسال شود.",
        [("ایران", L, "iran"), ("لبنان", L, "lebanon")],
        [("AGREE", "iran", "lebanon")],
        id="aid-genitive-after-match",
    ),
]


@pytest.mark.parametrize("text, ents, expected", CASES)
def test_events_coder_parties(text, ents, expected):
    assert sorted(coded(make_doc(text, ents)), key=str) == sorted(expected, key=str)


@pytest.mark.parametrize(
    "text, ents",
    [
        # a football match is not a meeting
        ("تیم ملی ایران در دیدار با ژاپن به پیروزی رسید.", [("ایران", L, "iran"), ("ژاپن", L, None)]),
        # «با خواست دشمن»: the noun «خواست» (will), not a request; a request needs «از»
        ("ایران آتش‌بس را با خواست اسرائیل نمی‌پذیرد.", [("ایران", L, "iran"), ("اسرائیل", L, "israel")]),
    ],
)
def test_events_coder_does_not_code(text, ents):
    assert [t for t, _, _ in coded(make_doc(text, ents)) if t in ("CONSULT", "REQUEST")] == []


def test_events_coder_demonstrative_and_ordinal_restate():
    """«این دومین سفر …» refers back to the visit already told: one CONSULT, not two."""
    text = "عراقچی در قاهره با گروسی دیدار کرد. این دومین سفر عراقچی به قاهره است."
    ents = [("عراقچی", P, "araghchi"), ("قاهره", L, None), ("گروسی", P, "guterres"),
            ("عراقچی", P, "araghchi"), ("قاهره", L, None)]
    assert [t for t, _, _ in coded(make_doc(text, ents))] == ["CONSULT"]


def test_events_coder_location_is_the_place_named():
    text = "پوتین در مسکو با عراقچی دیدار کرد."
    ents = [("پوتین", P, "putin"), ("مسکو", L, "moscow"), ("عراقچی", P, "araghchi")]
    doc = EventCoder()(make_doc(text, ents))
    (v,) = doc.events
    assert doc.text[v.location.start : v.location.end] == "مسکو"


def test_events_coder_a_dateline_is_not_a_speaker():
    text = "خبرگزاری فارس: سازمان ملل نسبت به خشکسالی در آفریقا هشدار داد."
    fars = Actor("fars", "Fars News Agency", country="IRN", sector="MED")
    un = Actor("un", "United Nations", sector="IGO")
    doc = make_doc(text).with_layers(entities=[Entity("E1", 0, 13, "ORG", fars), Entity("E2", 15, 25, "ORG", un)])
    assert coded(doc) == [("THREATEN", "un", None)]


def test_events_coder_restatement_is_not_coded_again():
    text = "روسیه از ایران حمایت کرده است. پسکوف گفت روسیه از ایران حمایت کرده است."
    doc = make_doc(text, [("روسیه", L, "russia"), ("ایران", L, "iran"), ("روسیه", L, "russia"), ("ایران", L, "iran")])
    assert coded(doc) == [("SUPPORT", "russia", "iran")]


def test_events_coder_quote_speaker_is_the_actor_of_verbal_events():
    text = "لاوروف گفت: ما از تصمیم ایران استقبال می‌کنیم."
    doc = make_doc(text, [("لاوروف", P, "lavrov"), ("ایران", L, "iran")],
                   quotes=[("ما از تصمیم ایران استقبال می‌کنیم", "lavrov")])
    # welcoming Iran's decision is support of Iran (as «قدردانی از مواضع ترکیه»)
    assert coded(doc) == [("SUPPORT", "lavrov", "iran")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # saying it is doing it: a present-tense refusal in indirect speech is the speaker's
        ("پزشکیان گفت که ایران مذاکره مستقیم با آمریکا را نمی‌پذیرد.", [("REJECT", "pezeshkian", "usa")]),
        # a past act reported in indirect speech is the clause subject's
        ("پزشکیان گفت که ایران از آمریکا انتقاد کرده است.", [("ACCUSE", "iran", "usa")]),
    ],
)
def test_events_coder_indirect_speech_tense_decides_the_actor(text, expected):
    ents = [("پزشکیان", P, "pezeshkian"), ("ایران", L, "iran"), ("آمریکا", L, "usa")]
    doc = make_doc(text, ents)
    content = text[text.index("ایران") : -1]
    i = text.index(content)
    pez = doc.entities[0]
    quote = Quote(i, i + len(content), False, Cue(0, 0, "گفت"), Ref(pez.start, pez.end, pez.id, pez.link))
    assert coded(doc.with_layers(quotes=[quote])) == expected


@pytest.mark.parametrize(
    "text, ents, timexes, date",
    [
        # the timex of the act's own clause
        ("بقائی امروز سه‌شنبه تحریم‌ها را محکوم کرد.", [("بقائی", P, "baghaei")], [("امروز سه‌شنبه", "2024-10-15")],
         "2024-10-15"),
        # a month-only date gives no day
        ("پوتین در ماه اکتبر با عراقچی دیدار کرد.", [("پوتین", P, "putin"), ("عراقچی", P, "araghchi")],
         [("ماه اکتبر", "2025-10")], None),
        # no date in the text: null, not the publication date
        ("پوتین با عراقچی دیدار کرد.", [("پوتین", P, "putin"), ("عراقچی", P, "araghchi")], [], None),
    ],
)
def test_events_coder_date(text, ents, timexes, date):
    (v,) = EventCoder()(make_doc(text, ents, timexes)).events
    assert v.date == date


@pytest.mark.parametrize(
    "text",
    [
        "عراقچی روز شنبه با فیدان گفت‌وگوی تلفنی داشت. فیدان در این تماس تلفنی از ایران حمایت کرد.",
        # a ZWNJ glued after «در» (over-eager ZWNJ restoration) is still a word boundary
        "عراقچی روز شنبه با فیدان گفت‌وگوی تلفنی داشت. فیدان در\u200cاین تماس تلفنی از ایران حمایت کرد.",
    ],
)
def test_events_coder_anaphor_takes_the_date_of_the_event_referred_to(text):
    doc = make_doc(text, [("عراقچی", P, "araghchi"), ("فیدان", P, "fidan"), ("فیدان", P, "fidan"), ("ایران", L, "iran")],
                   [("روز شنبه", "2025-10-04")])
    events = EventCoder()(doc).events
    assert [(v.type, v.date) for v in events] == [("CONSULT", "2025-10-04"), ("SUPPORT", "2025-10-04")]


@pytest.mark.parametrize(
    "text, ents, negated, modality",
    [
        # a denied act is the act, negated
        ("روسیه از ایران حمایت نکرد.", [("روسیه", L, "russia"), ("ایران", L, "iran")], True, "asserted"),
        # inside «در صورتی که …» the act is hypothetical
        ("در صورتی که آمریکا به ایران حمله کند، پاسخ می‌دهیم.", [("آمریکا", L, "usa"), ("ایران", L, "iran")], False,
         "hypothetical"),
        # a claim reported, not asserted
        ("تحلیلگران ادعا می‌کنند که روسیه از ایران حمایت نکرده است.", [("روسیه", L, "russia"), ("ایران", L, "iran")],
         True, "claim"),
        # announced release: RETREAT in the future is coded CONCEDE + future
        ("ایران اعلام کرد زندانیان را آزاد خواهد کرد.", [("ایران", L, "iran")], False, "future"),
        # «سفر احتمالی»: an expected trip is planned, not done
        ("سفر احتمالی پوتین به تهران بررسی شد.", [("پوتین", P, "putin"), ("تهران", L, "iran")], False,
         "future"),
    ],
)
def test_events_coder_modality(text, ents, negated, modality):
    events = EventCoder()(make_doc(text, ents)).events
    assert [(v.negated, v.modality) for v in events] == [(negated, modality)]


def test_events_coder_future_release_is_concede():
    (v,) = EventCoder()(make_doc("ایران اعلام کرد زندانیان را آزاد خواهد کرد.", [("ایران", L, "iran")])).events
    assert (v.type, v.modality) == ("CONCEDE", "future")


def test_events_coder_runs_without_upstream_layers():
    doc = Document.from_text("پوتین و حمد در این گفت و گوی تلفنی گفت و گو کردند. آمریکا ایران را تحریم کرد.")
    events = EventCoder()(doc).events
    assert [v.type for v in events] == ["CONSULT", "SANCTION"]
    assert all(v.actor == () for v in events)
    assert "events" in EventCoder()(doc).done


def test_events_coder_events_carry_provenance_and_codes():
    text = "پوتین در دیدار با عراقچی حملات اسرائیل را محکوم کرد."
    doc = EventCoder()(make_doc(text, [("پوتین", P, "putin"), ("عراقچی", P, "araghchi"), ("اسرائیل", L, "israel")]))
    for v in doc.events:
        assert v.id.startswith("V") and v.sentence == 0
        assert doc.text[v.trigger.start : v.trigger.end] in text
        assert v.cameo and v.quad_class in (1, 2, 3, 4) and v.goldstein is not None
    accuse = next(v for v in doc.events if v.type == "ACCUSE")
    assert (accuse.mode, accuse.cameo, accuse.quad_class) == ("disapprove", "111", 3)
    assert doc.text[accuse.trigger.start : accuse.trigger.end] == "محکوم کرد"


def test_events_coder_an_acting_capital_is_its_state():
    text = "پوتین با تهران گفت‌وگو کرد."
    tehran = Actor("city-tehran", "Tehran", "تهران", "IRN", "GOV")
    doc = make_doc(text, [("پوتین", P, "putin")])
    i = text.index("تهران")
    doc = doc.with_layers(entities=[*doc.entities, Entity("E9", i, i + 5, "LOC", tehran)])
    (v,) = EventCoder()(doc).events
    assert (v.recipient[0].link.id, v.recipient[0].link.name) == ("IRN", "Iran")

