"""The web app in a real headless Chromium: search, article highlights, actor page, event filters.

Screenshots go to ``artifacts/``. Skips (with the reason) when Debian's
chromium is not installed; ``make browser`` installs it.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from helpers_store import sample_doc
from khabar.document import Document
from khabar.store.fold import normalize_query

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
EVIL = "<script>alert('x')</script><img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from khabar.api import create_app

    db = tmp_path_factory.mktemp("web") / "k.db"
    app = create_app(db, analyzer=lambda d: d)
    store = app.state.store
    store.put(sample_doc("d1"))
    store.put(sample_doc("d2", extra=" دیدار دوباره.", published="2025-06-25T09:00:00+03:30"))
    store.put(Document.from_text(EVIL + " «سلام» خبر", id="evil", title=EVIL))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                        ws="none", lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (run `make browser`, i.e. apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    ARTIFACTS.mkdir(exist_ok=True)
    ctx = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=server)
    pg = ctx.new_page()
    problems: list[str] = []
    pg.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("request", lambda r: None if r.url.startswith((server, "data:")) else problems.append(f"external: {r.url}"))
    pg.problems = problems
    yield pg
    ctx.close()
    assert problems == []  # no script ran from article text, no CSP violation, nothing external


def shot(pg: Any, name: str) -> None:
    pg.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def test_web_browser_search_open_article_see_highlights(page: Any) -> None:
    page.goto("/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#q", "آتشبس")  # typed without ZWNJ; the article has «آتش‌بس»
    page.click("#search-form button")
    page.wait_for_url("**/?q=*")
    hits = page.locator("li.hit")
    assert hits.count() == 2
    assert page.locator("li.hit mark").count() >= 1
    shot(page, "search")
    hits.first.locator("a.hit-title").click()
    page.wait_for_url("**/ui/article/*")
    body = page.locator("#article-body")
    assert body.locator(".ent").count() >= 6
    for cls in ("ent-PER", "ent-LOC", "timex", "quote", "trigger", "cue"):
        assert body.locator(f".{cls}").count() >= 1, cls
    trigger = body.locator(".trigger").first
    trigger.hover()
    assert "CONSULT" in page.locator("#details").inner_text()  # hover details (app.js)
    assert "CONSULT" in (trigger.get_attribute("title") or "")
    shot(page, "article")
    page.click("#view-raw")
    page.wait_for_url("**view=raw")
    assert page.locator("#article-body").get_attribute("data-view") == "raw"
    assert page.locator("#article-body .ent").count() >= 6


def test_web_browser_open_actor_from_article(page: Any) -> None:
    page.goto("/ui/article/d1")
    page.locator("#article-body a.ent-PER").first.click()
    page.wait_for_url("**/ui/actors/lavrov-sergey")
    assert "لاوروف" in page.locator("#actor-name").inner_text()
    assert page.locator("ul.quotes blockquote").count() == 2
    assert "Foreign Minister of Russia" in page.locator("dl.facts").inner_text()
    shot(page, "actor")


def test_web_browser_filter_events(page: Any) -> None:
    page.goto("/ui/events")
    assert page.locator("table.events tbody tr").count() == 4
    assert page.locator("svg.timeline rect").count() >= 2
    page.select_option("#type", "DISAPPROVE")
    page.fill("input[name=from]", "۱۴۰۴-۰۴-۰۳")  # Jalali, Persian digits
    page.click("#apply")
    page.wait_for_url("**type=DISAPPROVE*")
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 2
    assert all("DISAPPROVE" in rows.nth(i).inner_text() for i in range(2))
    assert "۳ تیر ۱۴۰۴" in rows.first.inner_text() and "2025-06-24" in rows.first.inner_text()
    shot(page, "events")
    page.locator("svg.timeline a").first.click()  # a bar opens that day's events
    page.wait_for_url("**from=2025-06-24*")
    assert "to=2025-06-24" in unquote(page.url)


def test_web_browser_network_click_through(page: Any) -> None:
    page.goto("/ui/network")
    assert page.locator("svg.network a.node").count() == 4
    shot(page, "network")
    page.locator("svg.network a.edge").first.click()
    page.wait_for_url("**/ui/events?actor=*")
    assert page.locator("table.events tbody tr").count() == 2


def test_web_browser_evil_article_is_inert(page: Any) -> None:
    page.goto("/ui/article/evil")
    assert EVIL in page.locator("#article-body").inner_text()  # shown as text
    assert page.locator("#article-body img").count() == 0
    assert normalize_query(EVIL) in page.locator("h1").inner_text()  # titles show normalized
    shot(page, "evil")
