"""The SQLite store: round-trip, ZWNJ-blind search, dedupe, atomic writes, filters."""

from __future__ import annotations

from array import array

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers_store import sample_doc
from khabar.document import (
    Actor,
    Alignment,
    Cue,
    Document,
    Entity,
    Event,
    Quote,
    Ref,
    Span,
    Timex,
    Token,
)
from khabar.errors import StoreError
from khabar.store import Filters, open_store
from khabar.store.sqlite import SqliteStore, content_hash

ZWNJ = "\u200c"


@pytest.fixture
def store() -> SqliteStore:
    s = open_store(":memory:")
    yield s
    s.close()


# -- round-trip (property) ---------------------------------------------------
LETTERS = "ابپتثجچحخدذرزسشصضطظعغفقکگلمنوهیآ ۰۱۲" + ZWNJ


@st.composite
def documents(draw: st.DrawFn) -> Document:
    text = draw(st.text(alphabet=LETTERS, min_size=1, max_size=40))
    n = len(text)
    # raw may be longer than text: each text char came from 1 or 2 raw chars
    widths = draw(st.lists(st.integers(1, 2), min_size=n, max_size=n))
    starts, ends, pos, raw_parts = array("i"), array("i"), 0, []
    for ch, w in zip(text, widths, strict=True):
        starts.append(pos)
        ends.append(pos + w)
        raw_parts.append(ch + "ـ" * (w - 1))
        pos += w
    raw = "".join(raw_parts)

    def span() -> tuple[int, int]:
        a, b = sorted(draw(st.tuples(st.integers(0, n), st.integers(0, n))))
        return a, b

    actors = st.none() | st.builds(
        Actor, st.text("abc-", min_size=1, max_size=6), st.text("AB ", min_size=1, max_size=5),
        st.none() | st.text(LETTERS, max_size=5), st.none() | st.sampled_from(["RUS", "IRN"]),
    )

    def ref() -> Ref:
        return Ref(*span(), None, draw(actors))

    def refs() -> tuple[Ref, ...]:
        return tuple(ref() for _ in range(draw(st.integers(0, 2))))
    ents = tuple(Entity(f"E{i}", *span(), draw(st.sampled_from(["PER", "LOC", "ORG"])), draw(actors))
                 for i in range(draw(st.integers(0, 3))))
    quotes = tuple(Quote(*span(), draw(st.booleans()), Cue(*span(), "گفت"), ref() if draw(st.booleans()) else None)
                   for _ in range(draw(st.integers(0, 2))))
    events = tuple(
        Event(f"V{i}", draw(st.sampled_from(["CONSULT", "ACCUSE"])), None, Span(*span()), 0,
              actor=refs(), recipient=refs(),
              goldstein=draw(st.none() | st.floats(-10, 10)), date=draw(st.none() | st.just("2025-06-23")),
              negated=draw(st.booleans()))
        for i in range(draw(st.integers(0, 2)))
    )
    timexes = tuple(Timex(*span(), "DATE", draw(st.none() | st.just("1404-04-02")), "jalali")
                    for _ in range(draw(st.integers(0, 2))))
    doc = Document(raw, text, Alignment(starts, ends, len(raw)), id=draw(st.text("xyz0123", min_size=1, max_size=8)),
                   published=draw(st.none() | st.just("2025-06-23T10:00:00+03:30")),
                   meta={"title": draw(st.text(LETTERS, max_size=10))})
    return doc.with_layers(sentences=(Span(0, n),), tokens=(Token(*span(), "word"),), entities=ents,
                           quotes=quotes, events=events, timexes=timexes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents())
def test_store_roundtrip_document_equal(doc: Document) -> None:
    with open_store(":memory:") as s:
        s.put(doc)
        assert s.get(doc.id) == doc


# -- search -----------------------------------------------------------------
SPELLINGS = ["آتش" + ZWNJ + "بس", "آتش بس", "آتشبس"]


@pytest.mark.parametrize("query", SPELLINGS, ids=["zwnj", "space", "joined"])
def test_store_search_zwnj_spellings_find_each_other(store: SqliteStore, query: str) -> None:
    # one document per spelling, plus one where the parts are not adjacent (must not match)
    for i, sp in enumerate(SPELLINGS):
        store.put(Document.from_text(f"خبر {i}: {sp} در منطقه برقرار شد.", id=f"s{i}"))
    store.put(Document.from_text("آتش در جنگل. بس است.", id="apart"))
    assert sorted(h.id for h in store.search(query)) == ["s0", "s1", "s2"]


@pytest.mark.parametrize(
    "query,expected",
    [
        pytest.param("كتاب", ["k"], id="arabic-kaf"),  # query typed with Arabic kaf still finds Persian text
        pytest.param("کتاب", ["k"], id="part-of-zwnj-compound"),  # «کتاب» inside «کتاب‌ها»
        pytest.param("کُتاب", ["k"], id="harakat"),  # diacritics in the query are ignored
        pytest.param("کتاب ایران", [], id="and-semantics"),  # every word must occur
        pytest.param("\"'; DROP TABLE documents; --", [], id="sql-injection"),  # inert: just words
        pytest.param("*) OR NEAR(", [], id="fts-syntax"),  # FTS operators are not interpreted
        pytest.param("   ", [], id="empty"),  # no words, no hits, no error
    ],
)
def test_store_search_query_forms(store: SqliteStore, query: str, expected: list[str]) -> None:
    store.put(Document.from_text("کتاب‌ها را خواندم.", id="k"))
    assert [h.id for h in store.search(query)] == expected
    assert store.count() == 1  # the table survived


def test_store_search_snippet_marks_match(store: SqliteStore) -> None:
    store.put(sample_doc())
    (hit,) = store.search("لاوروف")
    assert "\x02لاوروف\x03" in hit.snippet and hit.title
    (hit,) = store.search("آتشبس")
    assert "\x02آتش\u200cبس\x03" in hit.snippet  # shown as written, with its ZWNJ


def test_store_title_column_is_normalized(store: SqliteStore) -> None:
    store.put(Document.from_text("متن", id="t", title="باريك"))
    assert store.documents(Filters())[0]["title"] == "باریک"  # Arabic yeh/kaf → Persian
    assert store.get("t").meta["title"] == "باريك"  # type: ignore[union-attr]  # raw kept


# -- writes -----------------------------------------------------------------
def test_store_dedupes_by_content_hash(store: SqliteStore) -> None:
    assert store.put(sample_doc("a")).status == "added"
    r = store.put(sample_doc("b"))
    assert (r.status, r.duplicate_of) == ("duplicate", "a")
    assert store.has_hash(content_hash(sample_doc().raw)) == "a"


def test_store_replaces_changed_document_with_same_id(store: SqliteStore) -> None:
    store.put(sample_doc("a"))
    assert store.put(sample_doc("a", extra=" تازه")).status == "replaced"
    assert store.stats().events == 2  # old layer rows went with the old version
    assert store.get("a") == sample_doc("a", extra=" تازه")


def test_store_write_is_atomic(store: SqliteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(link: object) -> str:
        raise RuntimeError("crash midway")

    monkeypatch.setattr(store, "_actor", boom)
    with pytest.raises(RuntimeError):
        store.put(sample_doc("a"))
    st_ = store.stats()
    assert (st_.documents, st_.entities, st_.quotes, st_.events) == (0, 0, 0, 0)
    assert store.search("لاوروف") == []


def test_store_needs_id(store: SqliteStore) -> None:
    with pytest.raises(StoreError, match="id"):
        store.put(Document.from_text("متن"))


def test_store_injection_text_is_stored_verbatim(store: SqliteStore) -> None:
    evil = "<script>alert(1)</script> '); DROP TABLE documents; -- «سلام»"
    store.put(Document.from_text(evil, id="x'; --"))
    assert store.get("x'; --").raw == evil  # type: ignore[union-attr]
    assert [h.id for h in store.search("سلام")] == ["x'; --"]


# -- queries ----------------------------------------------------------------
@pytest.mark.parametrize(
    "filters,expected",
    [
        pytest.param(Filters(actor="lavrov-sergey"), ["V1"], id="actor"),
        pytest.param(Filters(recipient="IRN"), ["V2"], id="recipient"),
        pytest.param(Filters(country="IRN"), ["V1", "V2"], id="country-any-side"),
        pytest.param(Filters(type="DISAPPROVE"), ["V2"], id="type"),
        pytest.param(Filters(date_from="2025-06-24"), ["V2"], id="from"),
        pytest.param(Filters(date_to="2025-06-23"), ["V1"], id="to"),
        pytest.param(Filters(q="محکوم"), ["V1", "V2"], id="text-of-document"),
        pytest.param(Filters(q="ناموجود"), [], id="text-absent"),
    ],
)
def test_store_event_filters(store: SqliteStore, filters: Filters, expected: list[str]) -> None:
    store.put(sample_doc())
    assert sorted(e["id"] for e in store.events(filters)) == expected


def test_store_event_rows_carry_participants(store: SqliteStore) -> None:
    store.put(sample_doc())
    (v1,) = store.events(Filters(type="CONSULT"))
    assert [a["actor"] for a in v1["actor"]] == ["lavrov-sergey"]
    assert [a["name_fa"] for a in v1["recipient"]] == ["عباس عراقچی"]


def test_store_actor_views(store: SqliteStore) -> None:
    store.put(sample_doc())
    ids = [a["id"] for a in store.actors()]
    assert set(ids) == {"lavrov-sergey", "RUS", "araghchi-abbas", "IRN"}
    assert [a["id"] for a in store.actors(q="لاورو")] == ["lavrov-sergey"]
    assert [a["id"] for a in store.actors(q="%")] == []  # LIKE wildcards are literal
    assert store.aliases("lavrov-sergey") == [("سرگئی لاوروف", 1), ("لاوروف", 1)]
    assert [q["speaker"] for q in store.quotes(Filters(actor="lavrov-sergey"))] == ["سرگئی لاوروف"]
    assert store.quotes(Filters(country="IRN")) == []
    edges = {(e["source"], e["target"], e["type"]) for e in store.edges(Filters())}
    assert edges == {("lavrov-sergey", "araghchi-abbas", "CONSULT"), ("RUS", "IRN", "DISAPPROVE")}
    assert [(t["day"], t["n"]) for t in store.timeline(Filters())] == [("2025-06-23", 1), ("2025-06-24", 1)]


def test_store_readonly_missing_file_says_how(tmp_path: object) -> None:
    with pytest.raises(StoreError, match="khabar ingest"):
        open_store(f"{tmp_path}/none.db", readonly=True)
