"""Facts about news sources: publication dates that an outlet's URLs carry.

Rules live in ``resources/sources/url_dates.yaml``; a rule applies only when a
record has no date of its own.

>>> published_from_url("https://www.farsnews.ir/news/8707060255")
'2008-09-27'
>>> published_from_url("https://example.com/news/8707060255") is None
True
>>> published_from_url("https://www.farsnews.ir/news/8713400255") is None  # no 40th day
True
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import jdatetime

from khabar.resources import load_yaml


@lru_cache(maxsize=1)
def _rules() -> dict[str, list[dict[str, Any]]]:
    rules: dict[str, list[dict[str, Any]]] = {}
    for r in load_yaml("sources", "url_dates.yaml"):
        rules.setdefault(r["host"], []).append({**r, "regex": re.compile(r["pattern"])})
    return rules


def published_from_url(url: str | None) -> str | None:
    """The ISO publication date an outlet's URL encodes, or None."""
    if not url:
        return None
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    tail = parts.path + (f"?{parts.query}" if parts.query else "")
    for rule in _rules().get(host, ()):
        m = rule["regex"].search(tail)
        if not m:
            continue
        g = m.groupdict()
        year = int(g["yyyy"]) if g.get("yyyy") else rule.get("century", 0) + int(g["yy"])
        try:
            if rule["calendar"] == "jalali":
                return str(jdatetime.date(year, int(g["mm"]), int(g["dd"])).togregorian().isoformat())
            return dt.date(year, int(g["mm"]), int(g["dd"])).isoformat()
        except ValueError:
            return None
    return None
