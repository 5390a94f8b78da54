"""Hand-built analyzed documents for the store, API and web tests (no pipeline needed)."""

from __future__ import annotations

from khabar.document import Actor, Cue, Document, Entity, Event, Quote, Ref, Span, Timex

LAVROV = Actor("lavrov-sergey", "Sergey Lavrov", "سرگئی لاوروف", "RUS", "GOV", "Foreign Minister of Russia")
RUSSIA = Actor("RUS", "Russia", "روسیه", "RUS", "GOV", None)
ARAGHCHI = Actor("araghchi-abbas", "Abbas Araghchi", "عباس عراقچی", "IRN", "GOV", "Foreign Minister of Iran")
IRAN = Actor("IRN", "Iran", "ایران", "IRN", "GOV", None)


def _at(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(surface, i + 1)
    return i, i + len(surface)


def sample_doc(
    id: str = "d1",
    *,
    published: str | None = "2025-06-23T10:00:00+03:30",
    extra: str = "",
    title: str | None = "لاوروف: آتش‌بس باید ادامه یابد",
) -> Document:
    """A small analyzed article: entities, a timex, a quote and two events with linked actors."""
    text = (
        "سرگئی لاوروف وزیر امور خارجه روسیه روز دوشنبه گفت: «آتش‌بس باید ادامه یابد.» "
        "لاوروف با عباس عراقچی دیدار کرد. روسیه حمله به ایران را محکوم کرد." + extra
    )
    s1 = text.index("لاوروف با")
    s2 = text.index("روسیه حمله")
    ents = (
        Entity("E1", *_at(text, "سرگئی لاوروف"), "PER", LAVROV),
        Entity("E2", *_at(text, "روسیه"), "LOC", RUSSIA),
        Entity("E3", *_at(text, "لاوروف", 1), "PER", LAVROV),
        Entity("E4", *_at(text, "عباس عراقچی"), "PER", ARAGHCHI),
        Entity("E5", *_at(text, "روسیه", 1), "LOC", RUSSIA),
        Entity("E6", *_at(text, "ایران"), "LOC", IRAN),
    )
    qs, qe = _at(text, "«آتش‌بس باید ادامه یابد.»")
    quote = Quote(qs + 1, qe - 1, True, Cue(*_at(text, "گفت"), "گفت"),
                  Ref(*_at(text, "سرگئی لاوروف"), "E1", LAVROV))
    events = (
        Event("V1", "CONSULT", "visit", Span(*_at(text, "دیدار کرد")), 1,
              actor=(Ref(*_at(text, "لاوروف", 1), "E3", LAVROV),),
              recipient=(Ref(*_at(text, "عباس عراقچی"), "E4", ARAGHCHI),),
              cameo="040", goldstein=1.0, quad_class=1, date="2025-06-23"),
        Event("V2", "DISAPPROVE", None, Span(*_at(text, "محکوم کرد")), 2,
              actor=(Ref(*_at(text, "روسیه", 1), "E5", RUSSIA),),
              recipient=(Ref(*_at(text, "ایران"), "E6", IRAN),),
              cameo="122", goldstein=-2.0, quad_class=3, date="2025-06-24"),
    )
    meta = {"title": title, "source": "test", "url": f"https://example.org/{id}"} if title else {}
    doc = Document.from_text(text, id=id, published=published, **meta)
    return doc.with_layers(
        sentences=(Span(0, s1 - 1), Span(s1, s2 - 1), Span(s2, len(text))),
        entities=ents,
        timexes=(Timex(*_at(text, "روز دوشنبه"), "DATE", "2025-06-23", "relative", "1404-04-02"),),
        quotes=(quote,),
        events=events,
    )
