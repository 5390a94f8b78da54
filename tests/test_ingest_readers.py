"""Readers: every input format becomes records or per-record problems; nothing is fetched."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from khabar.ingest.readers import Problem, Record, normalize_published, read_path, url_id


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def _read(path: Path) -> list[Record | Problem]:
    return list(read_path(path))


def test_ingest_readers_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": "1", "text": "خبر یک", "published": "2025-06-23T10:00:00+03:30",
                    "url": "https://x.ir/1", "title": "عنوان", "source": "ایرنا"}),
        "{broken",
        json.dumps({"id": "3"}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"text": "خبر پنج", "published": "1404-04-02"}),
    ]), encoding="utf-8")
    items = _read(p)
    assert [type(i).__name__ for i in items] == ["Record", "Problem", "Problem", "Problem", "Record"]
    first = items[0]
    assert isinstance(first, Record)
    assert (first.id, first.title, first.source, first.url) == ("1", "عنوان", "ایرنا", "https://x.ir/1")
    assert items[1].origin.endswith("a.jsonl#2") and "invalid JSON" in items[1].reason  # type: ignore[union-attr]
    assert items[2].id == "3" and "no article text" in items[2].reason  # type: ignore[union-attr]
    assert items[4].published == "2025-06-23"  # type: ignore[union-attr]  # Jalali date converted


def test_ingest_readers_farsnews_shape(tmp_path: Path) -> None:
    p = tmp_path / "fars.json"
    p.write_text(json.dumps([{
        "title": "عنوان", "abstract": "خبرگزاری فارس: چکیده.", "paragraphs": ["بند یک.", " ", "بند دو."],
        "cat": "", "subcat": "", "tags": [], "link": "https://www.farsnews.ir/news/8707060255",
    }], ensure_ascii=False), encoding="utf-8")
    (rec,) = _read(p)
    assert isinstance(rec, Record)
    assert rec.text == "خبرگزاری فارس: چکیده.\n\nبند یک.\n\nبند دو."
    assert rec.id == "farsnews.ir-8707060255" and rec.url == "https://www.farsnews.ir/news/8707060255"
    assert rec.title == "عنوان"


@pytest.mark.parametrize(
    "data,n_records,n_problems",
    [
        pytest.param({"articles": [{"text": "الف"}, {"text": "ب"}]}, 2, 0, id="object-with-list"),
        pytest.param({"text": "یک خبر"}, 1, 0, id="single-article"),
        pytest.param([{"text": "الف"}, 5, {"title": "بی‌متن"}], 1, 2, id="mixed-array"),
        pytest.param("just a string", 0, 1, id="not-articles"),
    ],
)
def test_ingest_readers_json_shapes(tmp_path: Path, data: object, n_records: int, n_problems: int) -> None:
    p = tmp_path / "x.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    items = _read(p)
    assert sum(isinstance(i, Record) for i in items) == n_records
    assert sum(isinstance(i, Problem) for i in items) == n_problems


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


def test_ingest_readers_html_main_text_and_date(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    (rec,) = _read(p)
    assert isinstance(rec, Record)
    assert "آتش‌بس میان دو کشور" in rec.text and "میانجی" in rec.text
    assert "همه حقوق محفوظ" not in rec.text and "ورزش" not in rec.text  # boilerplate dropped
    assert rec.published is not None and rec.published.startswith("2025-06-23")
    assert rec.title and "لاوروف" in rec.title


RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>ایرنا</title>
<item><title>خبر یک</title><link>https://irna.ir/news/1</link><guid>https://irna.ir/news/1</guid>
<pubDate>Mon, 23 Jun 2025 06:30:00 GMT</pubDate>
<description>&lt;p&gt;عراقچی با &lt;b&gt;لاوروف&lt;/b&gt; دیدار کرد.&lt;/p&gt;</description></item>
<item><title>بی‌متن</title><link>https://irna.ir/news/2</link></item>
</channel></rss>"""


def test_ingest_readers_rss_entries_never_fetched(tmp_path: Path) -> None:
    p = tmp_path / "feed.rss"
    p.write_text(RSS, encoding="utf-8")
    items = _read(p)
    rec, prob = items
    assert isinstance(rec, Record) and isinstance(prob, Problem)
    assert rec.text == "عراقچی با لاوروف دیدار کرد."  # HTML of the summary stripped
    assert rec.id == "irna.ir-1" and rec.source == "ایرنا"
    assert rec.published == "2025-06-23T06:30:00+00:00"
    assert "no text" in prob.reason


def test_ingest_readers_text_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("متن ساده", encoding="utf-8")
    (tmp_path / "b.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / "SOURCE.txt").write_text("source: github.com/x/y", encoding="utf-8")  # corpus note
    items = _read(tmp_path)  # a directory: readable files in sorted order, others ignored
    assert [(type(i).__name__, i.id) for i in items] == [("Record", "a"), ("Problem", "b")]
    assert isinstance(_read(tmp_path / "SOURCE.txt")[0], Record)  # read when named explicitly
    assert "unknown file type" in _read(tmp_path / "c.pdf")[0].reason  # type: ignore[union-attr]
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00garbage")
    assert isinstance(_read(tmp_path / "bad.txt")[0], Problem)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2025-06-23T10:00:00+03:30", "2025-06-23T10:00:00+03:30"),  # ISO kept as written
        ("1404/04/02", "2025-06-23"),  # Jalali with slashes
        ("Mon, 23 Jun 2025 10:00:00 +0330", "2025-06-23T10:00:00+03:30"),  # RFC 822 (feeds)
        ("دیروز", None),  # relative words are not dates
        (None, None),
        (20250623, None),  # numbers are not dates
    ],
)
def test_ingest_readers_published(value: object, expected: str | None) -> None:
    assert normalize_published(value) == expected


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://www.farsnews.ir/news/8707060255", "farsnews.ir-8707060255"),
        ("https://irna.ir/news/85/تیتر", "irna.ir-تیتر"),  # Persian slugs kept (\w)
        ("https://x.ir/a?id=5&b=1", "x.ir-a-id-5-b-1"),  # query kept, made path-safe
        ("", None),
    ],
)
def test_ingest_readers_url_id(url: str, expected: str | None) -> None:
    assert url_id(url) == expected
