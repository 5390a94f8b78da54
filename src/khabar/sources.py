"""Facts about news outlets that their article URLs carry: the article id and the date.

Rules live in ``resources/sources/outlets.yaml``, one entry per outlet. The
readers (:mod:`khabar.reader`) use them for a record without an ``id``
(:func:`article_id`) or without a date (:func:`published_from_url`).

>>> article_id("https://www.farsnews.ir/news/8707060255")
'farsnews.ir-8707060255'
>>> article_id("http://farsnews.ir/newstext.php?nn=8707060255")
'farsnews.ir-8707060255'
>>> article_id("https://example.com/news/8707060255") is None
True
>>> published_from_url("https://www.farsnews.ir/news/8707060255")
'2008-09-27'
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
def _outlets() -> dict[str, list[dict[str, Any]]]:
    outlets: dict[str, list[dict[str, Any]]] = {}
    for r in load_yaml("sources", "outlets.yaml"):
        rule = dict(r)
        if "id" in r:
            rule["id"] = re.compile(r["id"])
        if "date" in r:
            rule["date"] = {**r["date"], "regex": re.compile(r["date"]["pattern"])}
        outlets.setdefault(r["host"], []).append(rule)
    return outlets


def _split(url: str) -> tuple[str, str, list[dict[str, Any]]]:
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    tail = parts.path + (f"?{parts.query}" if parts.query else "")
    return host, tail, _outlets().get(host, [])


def article_id(url: str | None) -> str | None:
    """``"<host>-<article number>"`` for an outlet whose URLs carry one, else None."""
    if not url:
        return None
    host, tail, rules = _split(url)
    for rule in rules:
        m = rule["id"].search(tail) if "id" in rule else None
        if m:
            return f"{host}-{m.group('id')}"
    return None


def published_from_url(url: str | None) -> str | None:
    """The ISO publication date an outlet's URL encodes, or None."""
    if not url:
        return None
    _, tail, rules = _split(url)
    for rule in rules:
        date: dict[str, Any] | None = rule.get("date")
        m = date["regex"].search(tail) if date else None
        if date is None or m is None:
            continue
        g = m.groupdict()
        year = int(g["yyyy"]) if g.get("yyyy") else date.get("century", 0) + int(g["yy"])
        try:
            if date["calendar"] == "jalali":
                return str(jdatetime.date(year, int(g["mm"]), int(g["dd"])).togregorian().isoformat())
            return dt.date(year, int(g["mm"]), int(g["dd"])).isoformat()
        except ValueError:
            return None
    return None
