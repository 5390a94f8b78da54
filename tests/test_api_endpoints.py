"""Every API endpoint, with good and bad input; one JSON error body for all failures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from helpers_api import make_client
from khabar.document import Document


@pytest.fixture
def client(tmp_path: Path):  # type: ignore[no-untyped-def]
    with make_client(tmp_path / "k.db", docs=2) as c:
        yield c


def _error(r, status: int, code: str) -> str:  # type: ignore[no-untyped-def]
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]["message"]


# -- /analyze -----------------------------------------------------------------
def test_api_analyze_returns_document_json(tmp_path: Path) -> None:
    from khabar.pipeline import Pipeline

    with make_client(tmp_path / "a.db", analyzer=Pipeline(["normalize"])) as c:
        r = c.post("/analyze", json={"text": "آتش بس كامل شد", "id": "x", "published": "1404-04-02"})
    assert r.status_code == 200
    d = r.json()
    assert d["schema"] == "khabar.document/1" and d["id"] == "x"
    assert d["published"] == "2025-06-23"  # Jalali input date converted
    assert d["raw"] == "آتش بس كامل شد" and "ك" not in d["text"]  # normalized, raw kept
    assert Document.from_dict(d).raw == d["raw"]  # a complete, rebuildable document


@pytest.mark.parametrize(
    "body,status,code",
    [
        pytest.param({"text": ""}, 422, "invalid_request", id="empty"),
        pytest.param({"text": "   \n"}, 422, "invalid_request", id="blank"),
        pytest.param({}, 422, "invalid_request", id="missing-text"),
        pytest.param({"text": 5}, 422, "invalid_request", id="not-a-string"),
        pytest.param({"text": "خبر", "published": "someday"}, 422, "invalid_request", id="bad-date"),
        pytest.param({"text": "خ" * 1_000_001}, 413, "too_large", id="over-1M-chars"),
    ],
)
def test_api_analyze_rejects(client, body: dict, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    _error(client.post("/analyze", json=body), status, code)


def test_api_analyze_rejects_20mb_body(client) -> None:  # type: ignore[no-untyped-def]
    big = json.dumps({"text": "x" * 20_000_000})
    _error(client.post("/analyze", content=big, headers={"content-type": "application/json"}),
           413, "too_large")


@pytest.mark.parametrize(
    "content,code",
    [
        pytest.param(b"{not json", "invalid_request", id="broken-json"),
        pytest.param(b"[1, 2]", "invalid_request", id="array-not-object"),
        pytest.param("\u0628".encode("utf-16"), "invalid_request", id="not-utf8"),
        pytest.param(b'{"text": "\\ud800"}', "invalid_text", id="lone-surrogate"),  # valid JSON, invalid text
    ],
)
def test_api_analyze_invalid_json(client, content: bytes, code: str) -> None:  # type: ignore[no-untyped-def]
    _error(client.post("/analyze", content=content, headers={"content-type": "application/json"}),
           422, code)


def test_api_analyze_component_crash_is_500_json(tmp_path: Path) -> None:
    def broken(doc: Document) -> Document:
        raise RuntimeError("model missing")

    with make_client(tmp_path / "b.db", analyzer=broken) as c:
        _error(c.post("/analyze", json={"text": "خبر"}), 500, "internal_error")


# -- documents ----------------------------------------------------------------
@pytest.mark.parametrize("q", ["آتش\u200cبس", "آتش بس", "آتشبس"], ids=["zwnj", "space", "joined"])
def test_api_documents_search_any_spelling(client, q: str) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/documents", params={"q": q})
    assert r.status_code == 200
    assert sorted(i["id"] for i in r.json()["items"]) == ["d1", "d2"]
    assert all("\x02" not in i["snippet"] for i in r.json()["items"])


@pytest.mark.parametrize(
    "params,expected",
    [
        pytest.param({"q": "ناموجود"}, [], id="no-hit"),
        pytest.param({"actor": "araghchi-abbas"}, ["d1", "d2"], id="by-actor"),
        pytest.param({"from": "1404-04-03"}, [], id="jalali-from-after"),
        pytest.param({"to": "2025-06-23"}, ["d1", "d2"], id="gregorian-to"),
        pytest.param({"limit": 1}, ["d2"], id="limit"),
    ],
)
def test_api_documents_filters(client, params: dict, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/documents", params=params)
    assert r.status_code == 200
    assert sorted(i["id"] for i in r.json()["items"]) == expected


def test_api_document_by_id_roundtrips(client) -> None:  # type: ignore[no-untyped-def]
    from helpers_store import sample_doc

    d = client.get("/documents/d1").json()
    assert Document.from_dict(d) == sample_doc("d1")


@pytest.mark.parametrize("path", ["/documents/nope", "/actors/nobody", "/nowhere"])
def test_api_unknown_is_404_json(client, path: str) -> None:  # type: ignore[no-untyped-def]
    _error(client.get(path), 404, "not_found")


@pytest.mark.parametrize(
    "path,params",
    [
        ("/events", {"from": "1404-13-01"}),  # no 13th Jalali month
        ("/events", {"to": "tomorrow"}),
        ("/events", {"country": "Russia"}),  # not alpha-3
        ("/events", {"limit": 0}),
        ("/events", {"limit": 10**30}),
        ("/quotes", {"offset": -1}),
        ("/actors", {"limit": "many"}),
        ("/documents", {"q": "x" * 501}),
    ],
)
def test_api_bad_query_params_are_422(client, path: str, params: dict) -> None:  # type: ignore[no-untyped-def]
    _error(client.get(path, params=params), 422, "invalid_request")


# -- actors, quotes, events ---------------------------------------------------
def test_api_actors(client) -> None:  # type: ignore[no-untyped-def]
    items = client.get("/actors").json()["items"]
    assert {a["id"] for a in items} == {"lavrov-sergey", "RUS", "araghchi-abbas", "IRN"}
    assert [a["id"] for a in client.get("/actors", params={"country": "irn", "q": "عراق"}).json()["items"]] == [
        "araghchi-abbas"
    ]


def test_api_actor_profile(client) -> None:  # type: ignore[no-untyped-def]
    p = client.get("/actors/lavrov-sergey").json()
    assert p["actor"]["name"] == "Sergey Lavrov"
    assert "لاوروف" in p["aliases"] and "سرگئی لاوروف" in p["aliases"]
    assert [q["content"] for q in p["quotes"]] == ["آتش\u200cبس باید ادامه یابد."] * 2
    assert [e["type"] for e in p["events_as_actor"]] == ["CONSULT"] * 2
    assert p["events_as_recipient"] == []
    iran = client.get("/actors/IRN").json()
    assert [e["type"] for e in iran["events_as_recipient"]] == ["DISAPPROVE"] * 2


@pytest.mark.parametrize(
    "params,expected",
    [
        pytest.param({"actor": "RUS"}, {"V2"}, id="actor"),
        pytest.param({"recipient": "araghchi-abbas"}, {"V1"}, id="recipient"),
        pytest.param({"country": "irn"}, {"V1", "V2"}, id="country-lowercase"),
        pytest.param({"type": "consult"}, {"V1"}, id="type-any-case"),
        pytest.param({"from": "۱۴۰۴/۰۴/۰۳"}, {"V2"}, id="jalali-persian-digits"),
        pytest.param({"from": "2025-06-23", "to": "2025-06-23"}, {"V1"}, id="one-day"),
    ],
)
def test_api_events_filters(client, params: dict, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    items = client.get("/events", params=params).json()["items"]
    assert {e["id"] for e in items} == expected
    assert all(e["day_jalali"].startswith("1404-04-0") for e in items)


def test_api_quotes_filters(client) -> None:  # type: ignore[no-untyped-def]
    assert len(client.get("/quotes", params={"actor": "lavrov-sergey"}).json()["items"]) == 2
    assert client.get("/quotes", params={"country": "IRN"}).json()["items"] == []


# -- exports ------------------------------------------------------------------
def test_api_export_events_csv(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/export/events.csv", params={"type": "DISAPPROVE"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [(x["doc_id"], x["actor_ids"], x["recipient_ids"], x["day_jalali"]) for x in rows] == [
        ("d2", "RUS", "IRN", "1404-04-03"), ("d1", "RUS", "IRN", "1404-04-03")
    ]


def test_api_export_documents_jsonl(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/export/documents.jsonl")
    assert r.status_code == 200
    docs = [Document.from_dict(json.loads(line)) for line in r.text.splitlines()]
    assert [d.id for d in docs] == ["d1", "d2"]


# -- injection and headers ----------------------------------------------------
EVIL = "<script>alert('x')</script>\"'; DROP TABLE documents; --"


def test_api_injection_strings_are_inert(client) -> None:  # type: ignore[no-untyped-def]
    client.app.state.store.put(Document.from_text(EVIL + " «سلام»", id=EVIL))
    for params in ({"q": EVIL}, {"actor": EVIL}, {"type": EVIL[:40]}):
        assert client.get("/events", params=params).status_code == 200
    r = client.get("/documents/" + EVIL.replace("'", "%27"))
    assert r.status_code == 200 and r.json()["raw"] == EVIL + " «سلام»"
    assert [i["id"] for i in client.get("/documents", params={"q": "سلام"}).json()["items"]] == [EVIL]
    assert client.get("/documents").json()["items"]  # the table is still there


def test_api_security_headers(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/actors")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_api_openapi_schema_lists_endpoints(client) -> None:  # type: ignore[no-untyped-def]
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/analyze", "/documents", "/documents/{id}", "/actors", "/actors/{id}", "/quotes",
              "/events", "/export/events.csv", "/export/documents.jsonl"):
        assert p in paths


def test_api_actor_from_dictionary_without_mentions(client) -> None:  # type: ignore[no-untyped-def]
    # an actor the dictionary knows but no stored article mentions: roles and aliases still shown
    p = client.get("/actors/putin-vladimir").json()
    assert p["in_dictionary"] and p["actor"]["country"] == "RUS"
    assert any(r["title_en"] == "President of Russia" and r["from_jalali"] for r in p["roles"])
    assert p["aliases"] and p["quotes"] == [] and p["events_as_actor"] == []
