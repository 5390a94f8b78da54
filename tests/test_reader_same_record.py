"""The same article gets the same id, text, date and meta through `khabar ingest` and `khabar batch`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import need
from khabar.batch import read_output, run_batch
from khabar.batch.testing import REGISTRY
from khabar.ingest import ingest
from khabar.store import open_store

LIGHT: dict[str, Any] = {"names": ["wstokens"], "registry": REGISTRY}
FIELDS = ("id", "raw", "published", "meta")


def _both(src: Path, tmp_path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The documents ingest stores and batch writes for ``src``, each in input order."""
    with open_store(tmp_path / "k.db") as store:
        report = ingest([src], store, analyzer=lambda doc: doc)
        assert report.counts["failed"] == 0
        ingested = list(store.iter_dicts())
    run_batch(src, tmp_path / "out", **LIGHT)
    batched = list(read_output(tmp_path / "out"))
    return ingested, batched


def _view(docs: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(tuple(json.dumps(d[k], sort_keys=True, ensure_ascii=False) for k in FIELDS)
                  for d in docs)


def test_reader_same_farsnews_record_through_ingest_and_batch(tmp_path: Path) -> None:
    src = tmp_path / "fars.json"
    src.write_text(json.dumps([{
        "title": "عراقچی با لاوروف دیدار کرد", "abstract": "خبرگزاری فارس: وزیر خارجه در مسکو است.",
        "paragraphs": ["بند یک.", " ", "بند دو."], "cat": "سیاسی", "subcat": "", "tags": [],
        "link": "https://www.farsnews.ir/news/8707060255",
    }], ensure_ascii=False), encoding="utf-8")
    (ingested,), (batched,) = _both(src, tmp_path)
    for doc in (ingested, batched):
        assert doc["id"] == "farsnews.ir-8707060255"  # the publisher's number, not the URL
        assert doc["raw"] == ("عراقچی با لاوروف دیدار کرد\n\nخبرگزاری فارس: وزیر خارجه در مسکو است."
                              "\n\nبند یک.\n\nبند دو.")  # title first: headline actors are analyzed
        assert doc["published"] == "2008-09-27"  # from the Fars News URL (Jalali 1387-07-06)
        assert doc["meta"]["title"] == "عراقچی با لاوروف دیدار کرد"
        assert doc["meta"]["url"] == "https://www.farsnews.ir/news/8707060255"
    assert _view([ingested]) == _view([batched])


def test_reader_same_records_of_every_shape(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "a", "text": "آتش‌بس برقرار شد", "published": "1404-04-02", "source": "ایرنا"},
        {"text": "خبر بی‌شناسه", "title": "تیتر"},  # no id: the file:line position in both
        {"text": "خبر با نشانی", "url": "https://example.ir/n/7", "date": "2025-06-23T10:00:00+03:30"},
    ]) + "\n", encoding="utf-8")
    ingested, batched = _both(src, tmp_path)
    assert [d["id"] for d in batched] == ["a", "in.jsonl:2", "https://example.ir/n/7"]
    assert _view(ingested) == _view(batched)


@pytest.mark.shared
def test_reader_same_farsnews_dump_through_ingest_and_batch(shared_data: Path, tmp_path: Path) -> None:
    # A sample of the real dump (evaluation-only data, read here, never copied).
    whole = json.loads(need(shared_data / "news" / "farsnews" / "fars-news-1.json").read_text("utf-8"))
    src = tmp_path / "sample.json"
    src.write_text(json.dumps(whole[:40], ensure_ascii=False), encoding="utf-8")
    ingested, batched = _both(src, tmp_path)
    assert len(batched) == 40 and len(ingested) >= 38  # ingest drops exact duplicate texts
    assert all(d["id"].startswith("farsnews.ir-") for d in batched)
    by_id = {d["id"]: d for d in batched}
    assert _view(ingested) == _view([by_id[d["id"]] for d in ingested])
