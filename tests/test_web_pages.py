"""Web pages rendered server-side: escaping, highlighting, dates side by side, no external assets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers_api import make_client
from helpers_store import sample_doc
from khabar.document import Document
from khabar.web import svg
from khabar.web.highlight import highlight, marks

EVIL = "<script>alert('x')</script><img src=x onerror=alert(1)>"


@pytest.fixture
def client(tmp_path: Path):  # type: ignore[no-untyped-def]
    with make_client(tmp_path / "w.db", docs=2) as c:
        c.app.state.store.put(Document.from_text(EVIL + " «سلام» خبر", id="evil<b>", title=EVIL))
        yield c


PAGES = ["/", "/?q=آتش بس", "/ui/article/d1", "/ui/article/d1?view=raw", "/ui/actors",
         "/ui/actors/lavrov-sergey", "/ui/events", "/ui/events?type=CONSULT&from=1404-04-01",
         "/ui/network", "/ui/article/evil%3Cb%3E", "/?q=سلام", "/ui/quotes",
         "/ui/quotes?country=RUS&q=ایران&actor=&from=&to="]


def test_web_quotes_page_answers_who_said_what(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/ui/quotes", params={"country": "RUS", "q": "ایران"}).text
    assert html.count("<blockquote>") == 2 and 'href="/ui/actors/lavrov-sergey"' in html
    assert client.get("/ui/quotes", params={"country": "IRN"}).text.count("<blockquote>") == 0


@pytest.mark.parametrize("path", PAGES)
def test_web_pages_render_rtl_without_external_assets(client, path: str) -> None:  # type: ignore[no-untyped-def]
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    html = r.text
    assert '<html dir="rtl" lang="fa">' in html
    # every src/href is local (the app must work offline); article URLs are shown as text only
    for ref in re.findall(r'(?:src|href)="([^"]*)"', html):
        assert ref.startswith(("/", "?", "#")), ref
    assert "<script>alert" not in html and "<img src=x" not in html  # untrusted text escaped
    assert "<script>" not in html.replace('<script src="/static/app.js" defer></script>', "")
    assert "style=" not in html  # nothing inline, so the CSP can forbid it
    assert "'unsafe-inline'" not in r.headers["content-security-policy"]


def test_web_article_highlights_spans(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/ui/article/d1").text
    assert re.search(r'<a class="ent ent-PER" title="PER — سرگئی لاوروف[^"]*" href="/ui/actors/lavrov-sergey">'
                     r"سرگئی لاوروف</a>", html)
    assert '<span class="trigger" title="رویداد CONSULT/visit' in html
    assert 'class="timex" title="DATE 2025-06-23 (شمسی 1404-04-02)' in html
    assert 'class="quote"' in html
    assert "۲ تیر ۱۴۰۴" in html and "2025-06-23" in html  # Jalali and Gregorian side by side


def test_web_article_escapes_evil_text(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/ui/article/evil%3Cb%3E").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_web_unknown_article_is_html_404(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/ui/article/none")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "&#39;none&#39;" in r.text or "none" in r.text


def test_web_bad_filter_is_html_422(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/ui/events", params={"from": "<script>"})
    assert r.status_code == 422 and "<script>" not in r.text


def test_web_static_assets_are_local(client) -> None:  # type: ignore[no-untyped-def]
    css = client.get("/static/app.css")
    assert css.status_code == 200 and "Vazirmatn" in css.text
    assert "http" not in css.text  # no remote @import or font URL
    assert client.get("/static/app.js").status_code == 200


@pytest.mark.parametrize(
    "raw,expected",
    [
        # nested: an entity inside a quote yields a segment with both classes
        pytest.param(False, 'class="quote ent ent-PER"', id="nested-classes"),
        # raw view uses raw offsets (here raw == text); the cue has no raw offsets, so is unmarked
        pytest.param(True, 'class="quote ent ent-PER"', id="raw-offsets"),
    ],
)
def test_web_highlight_overlaps(raw: bool, expected: str) -> None:
    from khabar.document import Cue, Entity, Quote

    doc = Document.from_text("او گفت «لاوروف آمد»", id="n")
    i = doc.text.index("لاوروف")
    doc = doc.with_layers(
        entities=(Entity("E1", i, i + 6, "PER"),),
        quotes=(Quote(i, len(doc.text) - 1, True, Cue(3, 6, "گفت")),),
    )
    html = str(highlight(doc.to_dict(), raw=raw))
    assert expected in html
    assert ('class="cue"' in html) is not raw
    assert re.sub(r"<[^>]+>", "", html) == "او گفت «لاوروف آمد»"  # text unchanged by marking


def test_web_highlight_covers_every_layer() -> None:
    kinds = {m.cls.split()[0] for m in marks(sample_doc().to_dict())}
    assert kinds == {"quote", "cue", "timex", "trigger", "ent"}


def test_web_svg_escapes_names() -> None:
    edges = [{"source": "a", "target": "b", "type": "CONSULT", "n": 3, "quad_class": 1}]
    out = str(svg.network(edges, {"a": "<script>", "b": "ب"}))
    assert "<script>" not in out and "&lt;script&gt;" in out and 'href="/ui/actors/a"' in out



@pytest.mark.parametrize(
    "days,unit_link,bars",
    [
        (["2025-06-23", "2025-06-25"], "from=2025-06-25&amp;to=2025-06-25", 2),  # days
        (["2024-01-01", "2025-06-23"], "from=2025-06-01&amp;to=2025-06-30", 2),  # months
        (["1979-04-01", "2018-03-30"], "from=2018-01-01&amp;to=2018-12-31", 2),  # years
    ],
)
def test_web_svg_timeline_buckets(days: list[str], unit_link: str, bars: int) -> None:
    out = str(svg.timeline([{"day": d, "quad_class": 1, "n": 1} for d in days]))
    assert unit_link in out and out.count("<rect") == bars
