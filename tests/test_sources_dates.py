"""Publication dates recovered from outlets' URLs (resources/sources/url_dates.yaml)."""

from __future__ import annotations

import pytest

from khabar.batch.reader import Item
from khabar.batch.records import Record, parse_item
from khabar.ingest.readers import from_mapping
from khabar.sources import published_from_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.farsnews.ir/news/8707060255", "2008-09-27"),  # why: YYMMDD Jalali 1387-07-06 + serial
        ("http://farsnews.ir/newstext.php?nn=9012250123", "2012-03-15"),  # why: the older query form, 1390-12-25
        ("https://www.farsnews.ir/news/14030415000123", None),  # why: today's longer ids are not dates
        ("https://www.farsnews.ir/news/8713400255", None),  # why: month 13 does not exist, so no date is invented
        ("https://www.isna.ir/news/8707060255", None),  # why: the rule is one outlet's, not a guess for all
        (None, None),  # why: no URL, no date
    ],
)
def test_sources_published_from_url(url: str | None, expected: str | None) -> None:
    assert published_from_url(url) == expected


def test_sources_dates_used_by_ingest_and_batch_only_without_a_date() -> None:
    rec = {"title": "t", "paragraphs": ["متن خبر"], "link": "https://www.farsnews.ir/news/8707060255"}
    ingested = from_mapping(rec, "f.json")
    batched = parse_item(Item("f.json", 1, rec))
    assert isinstance(batched, Record)
    assert getattr(ingested, "published", None) == batched.published == "2008-09-27"
    given = parse_item(Item("f.json", 1, {**rec, "published": "2008-09-28T10:00:00+03:30"}))
    assert isinstance(given, Record) and given.published == "2008-09-28T10:00:00+03:30"
