"""The JSON API: analyze text, read and search documents, actors, quotes and events, export.

No endpoint fetches a URL; every filter is a query parameter validated here
and passed to the store as a bound SQL parameter.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from khabar.api.errors import ApiError
from khabar.api.views import actor_profile
from khabar.document import Document
from khabar.reader import MAX_TEXT, published_or_none
from khabar.store import Filters, Store
from khabar.store.dates import jalali, parse_date
from khabar.store.sqlite import MARK_CLOSE, MARK_OPEN

router = APIRouter()


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorBody} for s in (404, 413, 422, 503)
}


class AnalyzeRequest(BaseModel):
    """Text to analyze (at most 1,000,000 characters)."""

    text: str = Field(description="the article, as raw text")
    id: str = Field("", max_length=200)
    published: str | None = Field(None, max_length=64, description="ISO 8601, or a Jalali date")


def store_of(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


StoreDep = Annotated[Store, Depends(store_of)]


def _day(value: str | None) -> str | None:
    return parse_date(value).isoformat() if value else None


def filters(
    actor: Annotated[str | None, Query(max_length=200, description="actor id")] = None,
    recipient: Annotated[str | None, Query(max_length=200, description="actor id as recipient")] = None,
    country: Annotated[str | None, Query(pattern="^([A-Za-z]{3})?$", description="ISO alpha-3")] = None,
    type: Annotated[str | None, Query(max_length=40, description="PLOVER event type")] = None,
    date_from: Annotated[str | None, Query(alias="from", max_length=20,
                                           description="1404-04-02 (Jalali) or 2025-06-23")] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=20)] = None,
    q: Annotated[str | None, Query(max_length=500, description="full-text query")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Filters:
    return Filters(
        actor=actor or None, recipient=recipient or None,
        country=country.upper() if country else None, type=type.upper() if type else None,
        date_from=_day(date_from), date_to=_day(date_to), q=q or None, limit=limit, offset=offset,
    )


FiltersDep = Annotated[Filters, Depends(filters)]


@router.post("/analyze", responses=ERRORS, tags=["analysis"])
async def analyze(body: AnalyzeRequest, request: Request) -> dict[str, Any]:
    """Analyze one text and return the khabar document JSON (nothing is stored)."""
    if len(body.text) > MAX_TEXT:
        raise ApiError(413, f"text is {len(body.text)} characters; at most {MAX_TEXT} are accepted")
    if not body.text.strip():
        raise ApiError(422, "text is empty")
    body.text.encode("utf-8")  # lone surrogates raise UnicodeError -> 422
    published = None
    if body.published:
        published = published_or_none(body.published)
        if published is None:
            raise ApiError(422, f"published {body.published!r} is not an ISO 8601 or Jalali date")
    analyzer = request.app.state.get_analyzer()
    doc = Document.from_text(body.text, id=body.id, published=published)
    result: Document = await run_in_threadpool(analyzer, doc)
    return result.to_dict()


@router.get("/documents", responses=ERRORS, tags=["documents"])
def documents(store: StoreDep, f: FiltersDep) -> dict[str, Any]:
    """Search (``q``, any ZWNJ spelling) and filter stored documents by date and actor."""
    items = store.documents(f)
    for it in items:
        if "snippet" in it:
            it["snippet"] = it["snippet"].replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
        it["day_jalali"] = jalali(it.get("day"))
    return {"items": items, "limit": f.limit, "offset": f.offset}


@router.get("/documents/{id:path}", responses=ERRORS, tags=["documents"])
def document(id: str, store: StoreDep) -> dict[str, Any]:
    """One stored document as khabar document JSON."""
    d = store.get_dict(id)
    if d is None:
        raise ApiError(404, f"no document with id {id!r}")
    return d


@router.get("/actors", responses=ERRORS, tags=["actors"])
def actors(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    country: Annotated[str | None, Query(pattern="^([A-Za-z]{3})?$")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    """Actors seen in the stored documents, most mentioned first."""
    items = store.actors(q=q or None, country=country.upper() if country else None,
                         limit=limit, offset=offset)
    return {"items": items, "limit": limit, "offset": offset}


@router.get("/actors/{id:path}", responses=ERRORS, tags=["actors"])
def actor(id: str, store: StoreDep) -> dict[str, Any]:
    """An actor with aliases, roles, quotes, and events as actor and as recipient."""
    profile = actor_profile(store, id)
    if profile is None:
        raise ApiError(404, f"no actor with id {id!r}")
    return profile


@router.get("/quotes", responses=ERRORS, tags=["quotes"])
def quotes(store: StoreDep, f: FiltersDep) -> dict[str, Any]:
    """Quotes filtered by speaker (``actor``), ``country``, date range and text."""
    items = store.quotes(f)
    for it in items:
        it["day_jalali"] = jalali(it.get("day"))
    return {"items": items, "limit": f.limit, "offset": f.offset}


@router.get("/events", responses=ERRORS, tags=["events"])
def events(store: StoreDep, f: FiltersDep) -> dict[str, Any]:
    """Events filtered by actor, recipient, country, type, date range (either calendar) and text."""
    items = store.events(f)
    for it in items:
        it["day_jalali"] = jalali(it.get("day"))
    return {"items": items, "limit": f.limit, "offset": f.offset}


CSV_COLUMNS = (
    "doc_id", "event_id", "day", "day_jalali", "type", "mode", "cameo", "goldstein", "quad_class",
    "actor_ids", "actor_names", "actor_countries", "recipient_ids", "recipient_names",
    "recipient_countries", "trigger", "negated", "modality", "title",
)


def _csv_rows(store: Store, f: Filters) -> Iterator[str]:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    offset = 0
    while True:
        page = store.events(Filters(**{**_fields(f), "limit": 1000, "offset": offset}))
        for e in page:
            def col(role: str, key: str, e: dict[str, Any] = e) -> str:
                return ";".join(str(r.get(key) or "") for r in e[role])

            w.writerow([
                e["doc_id"], e["id"], e["day"], jalali(e["day"]), e["type"], e["mode"], e["cameo"],
                e["goldstein"], e["quad_class"], col("actor", "actor"), col("actor", "name"),
                col("actor", "country"), col("recipient", "actor"), col("recipient", "name"),
                col("recipient", "country"), e["trigger"], int(e["negated"]), e["modality"],
                e["title"],
            ])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
        if len(page) < 1000:
            return
        offset += 1000


def _fields(f: Filters) -> dict[str, Any]:
    return {k: getattr(f, k) for k in f.__slots__}  # type: ignore[attr-defined]


@router.get("/export/events.csv", responses=ERRORS, tags=["export"],
            response_class=StreamingResponse)
def export_events(store: StoreDep, f: FiltersDep) -> StreamingResponse:
    """All events matching the filters as CSV (``limit``/``offset`` are ignored)."""
    return StreamingResponse(_csv_rows(store, f), media_type="text/csv; charset=utf-8",
                             headers={"content-disposition": 'attachment; filename="events.csv"'})


@router.get("/export/documents.jsonl", tags=["export"], response_class=StreamingResponse)
def export_documents(store: StoreDep) -> StreamingResponse:
    """Every stored document, one khabar document JSON per line."""
    lines = (json.dumps(d, ensure_ascii=False) + "\n" for d in store.iter_dicts())
    return StreamingResponse(lines, media_type="application/x-ndjson",
                             headers={"content-disposition": 'attachment; filename="documents.jsonl"'})
