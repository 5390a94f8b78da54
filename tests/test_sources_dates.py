"""What outlets' URLs carry (resources/sources/outlets.yaml): article ids and publication dates."""

from __future__ import annotations

import pytest

from khabar.sources import article_id, published_from_url


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


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.farsnews.ir/news/8707060255", "farsnews.ir-8707060255"),  # why: the publisher's article number
        ("http://farsnews.ir/newstext.php?nn=8707060255", "farsnews.ir-8707060255"),  # why: the older URL form names the same article
        ("https://farsnews.ir/news/14030415000123/عنوان-خبر", "farsnews.ir-14030415000123"),  # why: a title slug after the number is not part of the id
        ("https://www.farsnews.ir/photo/gallery", None),  # why: no article number, no publisher id
        ("https://www.isna.ir/news/8707060255", None),  # why: the rule is one outlet's, not a guess for all
        (None, None),  # why: no URL, no id
    ],
)
def test_sources_article_id(url: str | None, expected: str | None) -> None:
    assert article_id(url) == expected
