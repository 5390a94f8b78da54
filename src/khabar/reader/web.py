"""Saved web pages and feeds as record fields — parsed from bytes on disk, never fetched.

:func:`page_fields` extracts a page's main text, title, URL, date and site
name (trafilatura, htmldate); :func:`feed_entries` turns the entries of an
RSS/Atom file into the same JSON-object shape every other input has
(``id``, ``title``, ``text``, ``url``, ``published``, ``source``), so one
parser (:mod:`khabar.reader.records`) applies the conventions to all of them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

#: trafilatura drops ZWNJ (it strips invisible characters), which would break
#: Persian words («می‌شود» → «میشود»); a printable stand-in survives extraction.
_ZWNJ_FORMS = re.compile(r"\u200c|&zwnj;|&#8204;|&#x0*200c;", re.IGNORECASE)
_STAND_IN = "\u2e3b"  # THREE-EM DASH: printable (kept), practically unused in news


def _restore(value: Any) -> Any:
    return value.replace(_STAND_IN, "\u200c") if isinstance(value, str) else value


def page_fields(html: str) -> dict[str, Any]:
    """``text``, ``title``, ``url``, ``published``, ``source`` of a saved page (missing ones left out)."""
    import htmldate
    import lxml.html
    import trafilatura

    guarded = _ZWNJ_FORMS.sub(_STAND_IN, html)
    result = trafilatura.bare_extraction(lxml.html.fromstring(guarded), with_metadata=True)
    ext: dict[str, Any] = {}
    if result is not None:
        ext = result if isinstance(result, dict) else result.as_dict()
    ext = {k: _restore(v) for k, v in ext.items()}
    if not (ext.get("text") or "").strip():
        return {}
    date = ext.get("date") or htmldate.find_date(lxml.html.fromstring(html), url=ext.get("url"))
    fields = {"text": ext["text"], "title": ext.get("title"), "url": ext.get("url"),
              "published": date, "source": ext.get("sitename")}
    return {k: v for k, v in fields.items() if v}


def _html_to_text(fragment: str) -> str:
    import lxml.html

    if "<" not in fragment:
        return fragment
    try:
        return str(lxml.html.fromstring(fragment).text_content())
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]+>", " ", fragment)


def feed_entries(data: bytes) -> list[dict[str, Any]]:
    """The entries of an RSS/Atom document as JSON-style objects; ``ValueError`` if unreadable.

    An entry's ``guid`` is its id only when it is not a URL: a URL guid is the
    article's address, and ids from addresses follow the one URL rule.
    """
    import feedparser

    feed = feedparser.parse(data)  # bytes: feedparser cannot fetch anything
    if feed.bozo and not feed.entries:
        raise ValueError(f"not a readable feed: {feed.get('bozo_exception')}")
    source = feed.feed.get("title")
    out = []
    for e in feed.entries:
        body = (e.get("content") or [{}])[0].get("value") or e.get("summary") or ""
        guid = e.get("id")
        url = e.get("link") or (guid if guid and "://" in guid else None)
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        published = (dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).isoformat()
                     if stamp else e.get("published"))
        entry = {"id": guid if guid and "://" not in guid else None, "title": e.get("title"),
                 "text": _html_to_text(body).strip(), "url": url, "published": published,
                 "source": source}
        out.append({k: v for k, v in entry.items() if v})
    return out
