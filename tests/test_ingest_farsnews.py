"""Real articles: the farsnews dump ingests completely, and search ignores ZWNJ spelling.

Uses one of the five files (300 articles) and no analysis (the store normalizes
what it indexes), to stay fast; the full 1,500 go through `khabar ingest`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import need
from khabar.ingest import ingest
from khabar.store import open_store
from khabar.store.sqlite import SqliteStore

pytestmark = [pytest.mark.shared, pytest.mark.slow]
ZWNJ = "\u200c"


@pytest.fixture(scope="module")
def farsnews(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[SqliteStore, int, dict]:
    src = need(shared_data / "news" / "farsnews" / "fars-news-1.json")
    n = len(json.loads(src.read_text(encoding="utf-8")))
    store = open_store(tmp_path_factory.mktemp("fars") / "k.db")
    # the store normalizes what it indexes itself, so search needs no analysis here
    report = ingest([src], store, analyzer=lambda doc: doc)
    return store, n, dict(report.counts)


def test_ingest_farsnews_every_article_stored_or_reported(farsnews: tuple[SqliteStore, int, dict]) -> None:
    store, n, counts = farsnews
    assert sum(counts.values()) == n
    assert counts.get("failed", 0) == 0
    assert store.stats().documents == counts["added"] >= n - 10  # a few exact duplicates exist
    d = store.get_dict("farsnews.ir-8707060255")  # ids come from the article URL
    assert d is not None and d["meta"]["title"]


@pytest.mark.parametrize(
    "word",
    [
        "می‌شود",  # verb prefix: the commonest ZWNJ in Persian
        "بین‌المللی",  # compound adjective
        "گفت‌وگو",  # compound noun, also written گفتگو
        "هسته‌ای",  # adjective suffix ‑ای
        "سازمان‌های",  # plural suffix ‑ها
    ],
)
def test_ingest_farsnews_zwnj_spellings_same_hits(farsnews: tuple[SqliteStore, int, dict], word: str) -> None:
    store = farsnews[0]
    forms = [word, word.replace(ZWNJ, " "), word.replace(ZWNJ, "")]
    hits = [sorted(h.id for h in store.search(f, limit=1000)) for f in forms]
    assert hits[0], f"{word} should occur in the sample"
    assert hits[0] == hits[1] == hits[2]
