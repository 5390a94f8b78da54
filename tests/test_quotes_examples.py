"""The bundled example articles (``examples/``): every speech act found, nothing else.

Run on the raw files with no entity layer, so this checks the cue table and
the span rules on ZWNJ-damaged text independently of NER and the linker.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from khabar.document import Document
from khabar.quotes import QuoteExtractor

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# (lemma, first words of the content, speaker text or None for a zero subject, direct)
EXPECTED = {
    "01_phone_call": [
        ("گفت", "تهران و مسقط", "عراقچی", True),  # direct in «» after a colon
        ("افزود", "همکاری کشورهای منطقه", "وی", True),  # «وی افزود»
        ("تأکید کرد", "مسقط از هر ابتکاری", "وزیر امور خارجه عمان", False),  # title speaker, «که»
        ("به گفته", "کمیسیون مشترک اقتصادی", "البوسعیدی", False),  # source marker
    ],
    "02_meeting_jalali": [
        ("گفت", "ایران و عراق دو کشور", "رئیس‌جمهور کشورمان", True),  # two sentences in «»
        ("گفت", "بغداد به توسعه روابط", "نخست وزیر عراق", False),  # ZWNJ typed as a space in the title
        ("اعلام کرد", "هیئتی از وزیران عراقی", "السودانی", True),  # colon without «»
    ],
    "03_condemnation": [
        ("خواند", "نقض آشکار حقوق", "بقائی", True),  # partial quotation
        ("گفت", "جامعه جهانی و سازمان‌های", "بقائی", True),  # second cue of the same subject
        ("افزود", "جمهوری اسلامی ایران آماده", "سخنگوی دستگاه دیپلماسی کشورمان", False),  # title, indirect
        ("به گفته", "دست‌کم پنج نفر", "دفتر هماهنگی امور بشردوستانه سازمان ملل متحد", False),  # organisation source
    ],
    "04_kremlin_stripped": [
        ("گفت", "مسکو از ادامه", "دیمیتری پسکوف سخنگوی کرملین", False),  # «به خبرنگاران گفت که», no ZWNJ
        ("افزود", "روسیه همواره بر حل", "وی", True),  # two sentences after a colon
        ("گفت", "هنوز تاریخ مشخصی", "پسکوف", True),  # «» after a colon
        ("گفت", "همکاریهای اقتصادی مسکو", "سرگئی لاوروف وزیر امور خارجه روسیه", False),  # «گفته بود که»
        ("به گفته", "حجم مبادلات تجاری", "وی", False),  # «به گفته وی»
    ],
}


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_quotes_examples_raw(slug: str) -> None:
    doc = QuoteExtractor()(Document.from_text((EXAMPLES / f"{slug}.txt").read_text(encoding="utf-8")))
    got = []
    for q in doc.quotes:
        sp = q.speaker
        text = doc.text[sp.start : sp.end] if sp and sp.start is not None and sp.end is not None else None
        got.append((q.cue.lemma, doc.text[q.start : q.end], text, q.direct))
    want = EXPECTED[slug]
    assert len(got) == len(want), [g[1][:30] for g in got]
    for (lemma, content, speaker, direct), (wl, wc, ws, wd) in zip(got, want, strict=True):
        assert (lemma, speaker, direct) == (wl, ws, wd)
        assert content.startswith(wc), content


def test_quotes_examples_jsonl_matches_the_files() -> None:
    lines = (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len(EXPECTED)
    for rec, slug in zip(records, sorted(EXPECTED), strict=True):
        assert set(rec) == {"id", "text", "published", "title", "source"}
        assert rec["text"] == (EXAMPLES / f"{slug}.txt").read_text(encoding="utf-8").strip()


# the speaker's actor for each quote above, through the full pipeline
ACTORS = {
    "01_phone_call": ["Abbas Araghchi", "Abbas Araghchi", "Badr Albusaidi", "Badr Albusaidi"],
    "02_meeting_jalali": ["Masoud Pezeshkian", "Mohammed Shia al-Sudani", "Mohammed Shia al-Sudani"],
    # «سخنگوی دستگاه دیپلماسی کشورمان افزود»: an unresolved title continuing Baghaei's words
    "03_condemnation": ["Esmaeil Baghaei", "Esmaeil Baghaei", "Esmaeil Baghaei",
                        "UN Office for the Coordination of Humanitarian Affairs"],
    "04_kremlin_stripped": ["Dmitry Peskov", "Dmitry Peskov", "Dmitry Peskov", "Sergey Lavrov", "Sergey Lavrov"],
}



@pytest.mark.slow
@pytest.mark.parametrize("slug", sorted(ACTORS))
def test_quotes_examples_speakers_through_pipeline(slug: str, full_pipeline: Any) -> None:
    rec = {json.loads(x)["id"]: json.loads(x) for x in (EXAMPLES / "articles.jsonl").read_text().splitlines()}
    art = rec[f"example-{slug[:2]}"]
    doc = full_pipeline.analyze(art["text"], id=art["id"], published=art["published"])
    got = [q.speaker.link.name if q.speaker and q.speaker.link else None for q in doc.quotes]
    want = ACTORS[slug]
    assert len(got) == len(want)
    assert [g for g, w in zip(got, want, strict=True) if w is not None] == [w for w in want if w is not None]
