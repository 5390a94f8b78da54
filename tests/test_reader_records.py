"""Records: one set of conventions (id, text, title, published, meta) for every input format."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from khabar.reader import MAX_TEXT, Failure, Item, Record, parse_item, read_records

FARS = "https://www.farsnews.ir/news/8707060255"


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        # plain analyze-style record: id and text kept as given
        ('{"id": "n1", "text": "وزیر خارجه گفت"}', ("ok", "n1", "وزیر خارجه گفت")),
        # no id, no URL: the deterministic file:line id
        ('{"text": "خبر بدون شناسه"}', ("ok", "f.jsonl:7", "خبر بدون شناسه")),
        # numeric ids are fine, as strings; body stands in for text
        ('{"id": 12, "body": "متن در body"}', ("ok", "12", "متن در body")),
        # a khabar document is re-analyzed from its raw text, not its normalized text
        ('{"schema": "khabar.document/1", "id": "d", "raw": "ك خام", "text": "ک"}', ("ok", "d", "ك خام")),
        # farsnews shape: title, blank line, abstract and paragraphs; id from the publisher's number
        (json.dumps({"title": "تیتر", "abstract": "خلاصه", "paragraphs": ["بند ۱", " ", "بند ۲"],
                     "link": FARS}),
         ("ok", "farsnews.ir-8707060255", "تیتر\n\nخلاصه\n\nبند ۱\n\nبند ۲")),
        # a site khabar knows nothing about: the URL itself is the id
        ('{"text": "متن", "url": "https://x.ir/a?id=5"}', ("ok", "https://x.ir/a?id=5", "متن")),
        # an explicit id wins over the URL
        (json.dumps({"id": "mine", "text": "متن", "link": FARS}), ("ok", "mine", "متن")),
        # a title is put before the text, so headline entities are analyzed
        ('{"id": "t", "title": "عراقچی در مسکو", "text": "وزیر خارجه گفت"}',
         ("ok", "t", "عراقچی در مسکو\n\nوزیر خارجه گفت")),
        # ... but not twice when the text already starts with it
        ('{"id": "t", "headline": "عراقچی در مسکو", "text": "عراقچی در مسکو\\nوزیر گفت"}',
         ("ok", "t", "عراقچی در مسکو\nوزیر گفت")),
        # broken JSON line: a parse failure under the line's position
        ('{"id": "x", "text": "نیمه', ("parse", "f.jsonl:7", "invalid JSON")),
        # a JSON value that is not an object
        ('["آرایه"]', ("parse", "f.jsonl:7", "JSON object")),
        # whitespace-only text (ZWNJ and spaces) is empty
        ('{"id": "e", "text": " \\u200c "}', ("parse", "e", "empty text")),
        # a title alone is no article
        ('{"id": "t", "title": "تیتر"}', ("parse", "t", "no article text")),
        # the failure of a record without an id carries its URL id
        (json.dumps({"title": "تیتر", "link": FARS}), ("parse", "farsnews.ir-8707060255", "no article text")),
        # an unreadable date is the record's failure, not silently dropped
        ('{"id": "j", "text": "خبر", "published": "فردا"}', ("parse", "j", "bad 'published'")),
    ],
)
def test_reader_records_parse(payload: str, expected: tuple[str, str, str]) -> None:
    out = parse_item(Item("f.jsonl", 7, payload))
    kind, rid, text = expected
    if kind == "ok":
        assert isinstance(out, Record), out
        assert (out.id, out.text) == (rid, text)
    else:
        assert isinstance(out, Failure), out
        assert (out.stage, out.id) == (kind, rid)
        assert text in out.reason


@pytest.mark.parametrize(
    ("fields", "published"),
    [
        ({"published": "2025-06-23T10:00:00+03:30"}, "2025-06-23T10:00:00+03:30"),  # ISO kept as written
        ({"date": "1404-04-02"}, "2025-06-23"),  # a Jalali date under another common key, converted
        ({"pubDate": "Mon, 23 Jun 2025 06:30:00 GMT"}, "2025-06-23T06:30:00+00:00"),  # RFC 822
        ({"link": FARS}, "2008-09-27"),  # no date: the one Fars News URLs carry
        ({"link": FARS, "published": "2008-09-28"}, "2008-09-28"),  # a given date wins over the URL
        ({"link": "https://example.com/news/8707060255"}, None),  # no rule for this site: no date
        ({"published": "", "date": "2025-06-23"}, "2025-06-23"),  # an empty field is no date; the next key is read
    ],
)
def test_reader_records_published(fields: dict[str, str], published: str | None) -> None:
    out = parse_item(Item("f.json", 1, {"text": "خبر", **fields}, kind="json"))
    assert isinstance(out, Record) and out.published == published
    assert not {"published", "date", "pubDate"} & out.meta.keys()  # read, so not also meta


def test_reader_records_meta_keeps_title_url_source_and_the_rest() -> None:
    rec = parse_item(Item("f.json", 1, {"title": "تیتر", "paragraphs": ["متن"], "cat": "سیاسی",
                                        "link": "u1", "tags": ["ایران"], "source": "فارس"}, kind="json"))
    assert isinstance(rec, Record)
    assert rec.meta == {"title": "تیتر", "url": "u1", "source": "فارس", "cat": "سیاسی", "tags": ["ایران"]}
    assert (rec.title, rec.url, rec.source) == ("تیتر", "u1", "فارس")


def test_reader_records_too_long_text_is_a_failure() -> None:
    out = parse_item(Item("f.jsonl", 1, json.dumps({"id": "big", "text": "خ" * (MAX_TEXT + 1)})))
    assert isinstance(out, Failure) and out.id == "big" and "too long" in out.reason


def test_reader_records_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": "1", "text": "خبر یک", "published": "2025-06-23T10:00:00+03:30",
                    "url": "https://x.ir/1", "title": "عنوان", "source": "ایرنا"}),
        "{broken",
        json.dumps({"id": "3"}),
        "",
        json.dumps({"text": "خبر پنج", "published": "1404-04-02"}),
    ]), encoding="utf-8")
    out = list(read_records(p))
    assert [(type(o).__name__, o.id) for o in out] == [
        ("Record", "1"), ("Failure", "a.jsonl:2"), ("Failure", "3"), ("Record", "a.jsonl:5")]
    first = out[0]
    assert isinstance(first, Record) and first.text == "عنوان\n\nخبر یک"
    assert (first.title, first.source, first.url) == ("عنوان", "ایرنا", "https://x.ir/1")
    assert [o.n for o in out if isinstance(o, Failure)] == [2, 3]
    assert out[3].published == "2025-06-23"  # type: ignore[union-attr]  # Jalali date converted


@pytest.mark.parametrize(
    "data,n_records,n_failures",
    [
        pytest.param({"articles": [{"text": "الف"}, {"text": "ب"}]}, 2, 0, id="object-with-list"),
        pytest.param({"text": "یک خبر"}, 1, 0, id="single-article"),
        pytest.param([{"text": "الف"}, 5, {"title": "بی‌متن"}], 1, 2, id="mixed-array"),
        pytest.param("just a string", 0, 1, id="not-articles"),
    ],
)
def test_reader_records_json_shapes(tmp_path: Path, data: object, n_records: int, n_failures: int) -> None:
    p = tmp_path / "x.json"
    p.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    out = list(read_records(p))
    assert sum(isinstance(o, Record) for o in out) == n_records
    assert sum(isinstance(o, Failure) for o in out) == n_failures


HTML = """<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>لاوروف: آتش‌بس باید ادامه یابد | خبرگزاری نمونه</title>
<meta property="og:title" content="لاوروف: آتش‌بس باید ادامه یابد">
<meta property="article:published_time" content="2025-06-23T10:00:00+03:30">
<link rel="canonical" href="https://example.ir/news/123">
</head><body><nav><a href="https://example.ir/">خانه</a> | <a href="/sport">ورزش</a></nav>
<article><h1>لاوروف: آتش‌بس باید ادامه یابد</h1>
<p>سرگئی لاوروف وزیر امور خارجه روسیه روز دوشنبه در نشست خبری با خبرنگاران در مسکو گفت که آتش‌بس میان دو کشور باید بدون هیچ شرطی ادامه یابد و همه طرف‌ها به تعهدات خود پایبند بمانند.</p>
<p>وی افزود که مسکو آماده است در گفت‌وگوهای آینده میان طرفین نقش میانجی را بر عهده بگیرد و از هر ابتکاری برای کاهش تنش در منطقه حمایت می‌کند.</p>
<img src="https://example.ir/photo.jpg"></article>
<footer>همه حقوق محفوظ است.</footer></body></html>"""


def test_reader_records_html_main_text_title_and_date(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    (rec,) = read_records(p)
    assert isinstance(rec, Record)
    assert rec.title and "لاوروف" in rec.title and rec.text.startswith(rec.title)
    assert "آتش‌بس میان دو کشور" in rec.text and "میانجی" in rec.text  # ZWNJ kept
    assert "همه حقوق محفوظ" not in rec.text and "ورزش" not in rec.text  # boilerplate dropped
    assert rec.published is not None and rec.published.startswith("2025-06-23")
    assert rec.id == rec.url == "https://example.ir/news/123"  # the canonical URL


RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>ایرنا</title>
<item><title>خبر یک</title><link>https://irna.ir/news/1</link><guid>https://irna.ir/news/1</guid>
<pubDate>Mon, 23 Jun 2025 06:30:00 GMT</pubDate>
<description>&lt;p&gt;عراقچی با &lt;b&gt;لاوروف&lt;/b&gt; دیدار کرد.&lt;/p&gt;</description></item>
<item><title>بی‌متن</title><link>https://irna.ir/news/2</link></item>
<item><title>با شناسه</title><guid isPermaLink="false">irna-3</guid><description>متن سوم</description></item>
</channel></rss>"""


def test_reader_records_rss_entries_never_fetched(tmp_path: Path) -> None:
    p = tmp_path / "feed.rss"
    p.write_text(RSS, encoding="utf-8")
    rec, prob, third = read_records(p)
    assert isinstance(rec, Record) and isinstance(prob, Failure) and isinstance(third, Record)
    assert rec.text == "خبر یک\n\nعراقچی با لاوروف دیدار کرد."  # title, then the summary without HTML
    assert rec.id == "https://irna.ir/news/1" and rec.source == "ایرنا"
    assert rec.published == "2025-06-23T06:30:00+00:00"
    assert (prob.id, prob.source, prob.n) == ("https://irna.ir/news/2", "feed.rss", 2)
    assert "no article text" in prob.reason
    assert third.id == "irna-3"  # a guid that is not a URL is the entry's own id
