"""The web pages: search, article, actors, actor, events (table + timeline), network.

Pages render Jinja2 templates with autoescaping on; article text reaches the
page only through :func:`khabar.web.highlight.highlight`, which escapes it.
Filters use the API's own parameter parsing, so both accept the same dates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from khabar.api.errors import ApiError
from khabar.api.routes import FiltersDep, StoreDep
from khabar.api.views import actor_profile
from khabar.store import Filters
from khabar.store.dates import iso_day, jalali, jalali_long
from khabar.store.fold import normalize_query
from khabar.store.sqlite import MARK_CLOSE, MARK_OPEN
from khabar.web import svg
from khabar.web.highlight import actor_href, highlight

router = APIRouter(include_in_schema=False)

TEMPLATES = Path(__file__).parent / "templates"
env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _snippet(s: str | None) -> Markup:
    """Escape a search snippet, then turn the store's match markers into <mark>."""
    esc = str(escape(s or ""))
    return Markup(esc.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


def _dates(value: str | None) -> Markup:
    """Jalali and Gregorian side by side: «۲ تیر ۱۴۰۴ · 2025-06-23»."""
    day = iso_day(value)
    if day is None:
        return Markup('<span class="nodate">بی‌تاریخ</span>')
    return Markup('<span class="date"><span class="jalali">{}</span> · '
                  '<bdi class="gregorian">{}</bdi></span>').format(jalali_long(day), day)


env.filters.update(
    snippet=_snippet, dates=_dates, jalali=jalali, actor_href=actor_href,
    urlq=lambda s: quote(str(s), safe=""),
)
env.globals["QUAD"] = svg.QUAD


def render(name: str, request: Request, **ctx: Any) -> HTMLResponse:
    html = env.get_template(name).render(request=request, path=request.url.path, **ctx)
    return HTMLResponse(html)


def _query(f: Filters, **extra: Any) -> str:
    items = {"actor": f.actor, "recipient": f.recipient, "country": f.country, "type": f.type,
             "from": f.date_from, "to": f.date_to, "q": f.q, **extra}
    return urlencode({k: v for k, v in items.items() if v not in (None, "")})


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep, f: FiltersDep) -> HTMLResponse:
    hits = store.documents(Filters(q=f.q, date_from=f.date_from, date_to=f.date_to,
                                   actor=f.actor, limit=20, offset=f.offset))
    stats = store.stats()
    return render("search.html", request, f=f, hits=hits, stats=stats,
                  next=_query(f, offset=f.offset + 20) if len(hits) == 20 else None)


@router.get("/ui", include_in_schema=False)
def ui_root() -> RedirectResponse:
    return RedirectResponse("/")


@router.get("/ui/article/{id:path}", response_class=HTMLResponse)
def article_page(
    request: Request, id: str, store: StoreDep,
    view: str = Query("text", pattern="^(text|raw)$"),
) -> HTMLResponse:
    d = store.get_dict(id)
    if d is None:
        raise ApiError(404, f"سندی با شناسه {id!r} نیست")
    raw = view == "raw"
    counts = {k: len(d.get(k) or ()) for k in ("entities", "timexes", "quotes", "events")}
    title = (d.get("meta") or {}).get("title")
    return render("article.html", request, d=d, body=highlight(d, raw=raw), view=view,
                  counts=counts, title=normalize_query(title) if title else None)


@router.get("/ui/actors", response_class=HTMLResponse)
def actors_page(
    request: Request, store: StoreDep,
    q: str | None = Query(None, max_length=200),
    country: str | None = Query(None, pattern="^([A-Za-z]{3})?$"),
) -> HTMLResponse:
    items = store.actors(q=q or None, country=country.upper() if country else None, limit=300)
    return render("actors.html", request, items=items, q=q or "", country=country or "")


@router.get("/ui/actors/{id:path}", response_class=HTMLResponse)
def actor_page(request: Request, id: str, store: StoreDep) -> HTMLResponse:
    p = actor_profile(store, id)
    if p is None:
        raise ApiError(404, f"بازیگری با شناسه {id!r} نیست")
    return render("actor.html", request, p=p, a=p["actor"])


@router.get("/ui/events", response_class=HTMLResponse)
def events_page(request: Request, store: StoreDep, f: FiltersDep) -> HTMLResponse:
    items = store.events(f)
    chart = svg.timeline(store.timeline(f), base={
        "actor": f.actor or "", "recipient": f.recipient or "", "country": f.country or "",
        "type": f.type or "", "q": f.q or ""})
    return render("events.html", request, f=f, items=items, chart=chart, types=store.event_types(),
                  csv="/export/events.csv?" + _query(f),
                  next=_query(f, offset=f.offset + f.limit) if len(items) == f.limit else None)


@router.get("/ui/network", response_class=HTMLResponse)
def network_page(request: Request, store: StoreDep, f: FiltersDep) -> HTMLResponse:
    edges = store.edges(f)
    ids = {e["source"] for e in edges} | {e["target"] for e in edges}
    names = {}
    for i in ids:
        a = store.actor(i)
        names[i] = (a.get("name_fa") or a.get("name") or i) if a else i
    return render("network.html", request, f=f, chart=svg.network(edges, names), edges=edges[:200],
                  names=names, types=store.event_types())


@router.get("/ui/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, store: StoreDep, f: FiltersDep) -> HTMLResponse:
    """Who said what: quotes by speaker, speaker's country, words and dates."""
    items = store.quotes(f)
    return render("quotes.html", request, f=f, items=items,
                  next=_query(f, offset=f.offset + f.limit) if len(items) == f.limit else None)
