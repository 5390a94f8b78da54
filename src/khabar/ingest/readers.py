"""Read articles from files: plain text, JSON lines, JSON arrays, HTML, RSS/Atom.

Each reader yields :class:`Record` (an article to analyze) or :class:`Problem`
(a record that could not be read), so one bad line never stops a file.
Nothing here touches the network: HTML and feeds are parsed from the bytes on
disk, and links inside them are never followed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import json
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from khabar.sources import published_from_url
from khabar.store.dates import iso_day, parse_date

log = logging.getLogger(__name__)

#: extensions → reader kind; anything else is reported, not guessed
KINDS = {
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html", ".htm": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
#: longest article text accepted (characters), as in the API
MAX_TEXT = 1_000_000
#: JSON keys tried, in order, for each record field (the JSONL contract comes first)
TEXT_KEYS = ("text", "body", "content", "article")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link")
DATE_KEYS = ("published", "date", "pubDate", "datetime", "time")
LIST_KEYS = ("articles", "items", "data", "documents", "entries")
#: files skipped when walking a directory: a corpus's own notes, not articles
#: (a file named explicitly is always read)
NOT_ARTICLES = {"README", "LICENSE", "LICENCE", "SOURCE", "NOTICE", "COPYING", "CHANGELOG", "AUTHORS"}


@dataclass(frozen=True, slots=True)
class Record:
    """One article to analyze; ``origin`` says where it came from (``path#n``)."""

    origin: str
    text: str
    id: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """A record that could not be read: where, which id if known, and why."""

    origin: str
    reason: str
    id: str | None = None


Item = Record | Problem


def url_id(url: str | None) -> str | None:
    """A readable stable id from a URL: host without ``www.`` plus the last path segment.

    >>> url_id("https://www.farsnews.ir/news/8707060255")
    'farsnews.ir-8707060255'
    >>> url_id(None) is None
    True
    """
    if not url:
        return None
    parts = urlsplit(url)
    last = [p for p in parts.path.split("/") if p]
    host = parts.netloc.removeprefix("www.")
    if not host and not last:
        return None
    raw = "-".join([host] + last[-1:] + ([parts.query] if parts.query else []))
    return re.sub(r"[^\w.-]+", "-", raw).strip("-") or None


def normalize_published(value: Any) -> str | None:
    """An ISO 8601 timestamp or date from what a source wrote; None when unreadable.

    Accepts ISO (kept as written), RFC 822 feed dates, and Jalali or Gregorian
    ``YYYY-MM-DD`` / ``YYYY/MM/DD``.

    >>> normalize_published("1404-04-02")
    '2025-06-23'
    >>> normalize_published("Mon, 23 Jun 2025 10:00:00 +0330")
    '2025-06-23T10:00:00+03:30'
    >>> normalize_published("soon") is None
    True
    """
    if value is None or not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    if len(s) > 10 and iso_day(s):
        return s
    try:
        return parse_date(s).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(s).isoformat()
    except (TypeError, ValueError, IndexError):
        log.debug("unreadable date %r", s)
        return None


def _first(d: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for k in keys:
        v = d.get(k)
        if v not in (None, "", []):
            return v
    return None


def from_mapping(d: Any, origin: str, source: str | None = None) -> Item:
    """A record from one JSON object (JSONL contract, or a scraped-news shape).

    Text is ``text``/``body``/``content``; failing those, ``abstract`` and
    ``paragraphs`` joined by blank lines (the farsnews dump's shape).
    """
    if not isinstance(d, Mapping):
        return Problem(origin, f"expected a JSON object, got {type(d).__name__}")
    rid = d.get("id")
    rid = str(rid) if rid not in (None, "") else None
    text = _first(d, TEXT_KEYS)
    if text is None:
        parts = [d.get("abstract")] + list(d.get("paragraphs") or [])
        text = "\n\n".join(p.strip() for p in parts if isinstance(p, str) and p.strip()) or None
    if isinstance(text, list):
        text = "\n\n".join(str(p) for p in text)
    url = _first(d, URL_KEYS)
    if not isinstance(text, str) or not text.strip():
        return Problem(origin, "no article text (expected 'text', 'body', 'content' or 'paragraphs')",
                       rid or url_id(url if isinstance(url, str) else None))
    title = _first(d, TITLE_KEYS)
    src = d.get("source") if isinstance(d.get("source"), str) else source
    if rid is None and isinstance(url, str):
        rid = url_id(url)  # a readable, stable id (farsnews items have only a link)
    published = normalize_published(_first(d, DATE_KEYS))
    if published is None and isinstance(url, str):
        published = published_from_url(url)  # some outlets' URLs carry the date
    return Record(origin, text, rid, published,
                  title if isinstance(title, str) else None, url if isinstance(url, str) else None, src)


def read_jsonl(path: Path) -> Iterator[Item]:
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            origin = f"{path}#{n}"
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                yield Problem(origin, f"invalid JSON: {e}")
                continue
            yield from_mapping(d, origin)


def read_json(path: Path) -> Iterator[Item]:
    """A JSON array of articles, an object holding one under ``articles``/``items``/…, or one article."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        yield Problem(str(path), f"invalid JSON: {e}")
        return
    if isinstance(data, Mapping):
        listed = next((data[k] for k in LIST_KEYS if isinstance(data.get(k), list)), None)
        data = listed if listed is not None else [data]
    if not isinstance(data, list):
        yield Problem(str(path), "expected a JSON array or object of articles")
        return
    for n, d in enumerate(data):
        yield from_mapping(d, f"{path}#{n}")


def read_text(path: Path) -> Iterator[Item]:
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        yield Problem(str(path), "empty file", path.stem)
        return
    yield Record(str(path), text, path.stem)


#: trafilatura drops ZWNJ (it strips invisible characters), which would break
#: Persian words («می‌شود» → «میشود»); a printable stand-in survives extraction.
_ZWNJ_FORMS = re.compile(r"\u200c|&zwnj;|&#8204;|&#x0*200c;", re.IGNORECASE)
_STAND_IN = "\u2e3b"  # THREE-EM DASH: printable (kept), practically unused in news


def _restore(value: Any) -> Any:
    return value.replace(_STAND_IN, "\u200c") if isinstance(value, str) else value


def read_html(path: Path) -> Iterator[Item]:
    """Main text, title and date of a saved web page (trafilatura + htmldate, offline)."""
    import htmldate
    import lxml.html
    import trafilatura

    html = path.read_bytes().decode("utf-8", errors="replace")
    guarded = _ZWNJ_FORMS.sub(_STAND_IN, html)
    result = trafilatura.bare_extraction(lxml.html.fromstring(guarded), with_metadata=True)
    ext: dict[str, Any] = {}
    if result is not None:
        ext = result if isinstance(result, dict) else result.as_dict()
    ext = {k: _restore(v) for k, v in ext.items()}
    if not (ext.get("text") or "").strip():
        yield Problem(str(path), "no main text found in the HTML page", path.stem)
        return
    date = ext.get("date") or htmldate.find_date(lxml.html.fromstring(html), url=ext.get("url"))
    yield Record(str(path), ext["text"], url_id(ext.get("url")) or path.stem,
                 normalize_published(date), ext.get("title"), ext.get("url"), ext.get("sitename"))


def _html_to_text(fragment: str) -> str:
    import lxml.html

    if "<" not in fragment:
        return fragment
    try:
        return str(lxml.html.fromstring(fragment).text_content())
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]+>", " ", fragment)


def read_feed(path: Path) -> Iterator[Item]:
    """Entries of an RSS/Atom file; entry links are recorded, never fetched."""
    import feedparser

    feed = feedparser.parse(path.read_bytes())  # bytes: feedparser cannot fetch anything
    if feed.bozo and not feed.entries:
        yield Problem(str(path), f"not a readable feed: {feed.get('bozo_exception')}")
        return
    source = feed.feed.get("title")
    for n, e in enumerate(feed.entries):
        origin = f"{path}#{n}"
        body = (e.get("content") or [{}])[0].get("value") or e.get("summary") or ""
        text = _html_to_text(body).strip()
        link = e.get("link")
        rid = e.get("id") or link
        rid = url_id(rid) if rid and "://" in rid else rid
        if not text:
            yield Problem(origin, "feed entry has no text", rid)
            continue
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        published = (
            dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).isoformat() if stamp
            else normalize_published(e.get("published"))
        )
        yield Record(origin, text, rid, published, e.get("title"), link, source)


READERS = {"text": read_text, "jsonl": read_jsonl, "json": read_json, "html": read_html, "feed": read_feed}


def read_path(path: Path) -> Iterator[Item]:
    """Records from a file, or from every readable file under a directory (sorted;
    corpus notes such as ``SOURCE.txt`` or ``README.txt`` are skipped there)."""
    if path.is_dir():
        for p in sorted(path.rglob("*")):
            if p.is_file() and p.suffix.lower() in KINDS and p.stem.upper() not in NOT_ARTICLES:
                yield from read_path(p)
        return
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        yield Problem(str(path), f"unknown file type {path.suffix!r} (known: {', '.join(sorted(KINDS))})")
        return
    try:
        yield from READERS[kind](path)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        yield Problem(str(path), f"{type(e).__name__}: {e}")
