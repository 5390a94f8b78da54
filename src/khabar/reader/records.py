"""Turn one input :class:`~khabar.reader.files.Item` into a :class:`Record` or a :class:`Failure`.

Never raises: every way an item can be unusable becomes a :class:`Failure`
with the item's id (or position) and a one-line reason. The conventions
(see :mod:`khabar.reader`) are applied here, once, for every format:

* **text** = title, a blank line, then the body; the body is ``text``
  (``body``, ``content``, ``article``, ``raw``) or, in farsnews-style records,
  ``abstract`` and ``paragraphs`` separated by blank lines. A body that
  already starts with its title does not get it twice. A khabar document
  (``schema``) is re-analyzed from its ``raw`` text with its own ``meta``.
* **id** = the ``id`` field; else the publisher's article id from the URL
  (``url``/``link``) where :mod:`khabar.sources` knows the site; else the URL;
  else the item's position (``file:line``, ``file#n``, ``file``).
* **published** = :func:`khabar.reader.dates.check_published` of ``published``
  (``date``, ``pubDate``, ``datetime``); without one, the date the outlet's
  URL encodes, if any.
* **meta** = ``title``, ``url``, ``source`` (the outlet), then every other field.

>>> from khabar.reader.files import Item
>>> r = parse_item(Item("f.json", 1, {"title": "تیتر", "paragraphs": ["بند"],
...                                   "link": "https://www.farsnews.ir/news/8707060255"}, kind="json"))
>>> r.id, r.text, r.published
('farsnews.ir-8707060255', 'تیتر\\n\\nبند', '2008-09-27')
>>> parse_item(Item("a.jsonl", 3, '{"text": "سلام"}')).id
'a.jsonl:3'
>>> parse_item(Item("a.jsonl", 4, '{"id": 7, "text": " "}')).reason
'empty text'
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from khabar.errors import InputError
from khabar.reader.dates import check_published
from khabar.reader.files import Item
from khabar.sources import article_id, published_from_url

#: keys tried, in order, for each field
TEXT_KEYS = ("text", "body", "content", "article", "raw")
PARTS_KEYS = ("abstract", "paragraphs")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link")
DATE_KEYS = ("published", "date", "pubDate", "datetime")
#: longest article text accepted (characters), as in the HTTP API
MAX_TEXT = 1_000_000
NO_TEXT = ("no article text: give 'text' (or 'body', 'content', or farsnews 'abstract'/"
           "'paragraphs')")


@dataclass(frozen=True, slots=True)
class Record:
    """One article, ready for the pipeline: ``Document.from_text(text, id=, published=, **meta)``."""

    id: str
    text: str
    published: str | None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str | None:
        return self.meta.get("title")

    @property
    def url(self) -> str | None:
        return self.meta.get("url")

    @property
    def source(self) -> str | None:
        """The outlet (``meta["source"]``), not the input file."""
        return self.meta.get("source")


@dataclass(frozen=True, slots=True)
class Failure:
    """An input item (or a document) that produced no output, and why."""

    id: str
    source: str  # the input file, relative to the input given
    n: int
    stage: str  # read | parse | pipeline | timeout | crash
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "line": self.n, "stage": self.stage,
                "reason": self.reason}


def _is_blank(text: str) -> bool:
    """Only whitespace and invisible format characters (ZWNJ, BOM, marks)."""
    return not any(not c.isspace() and unicodedata.category(c) != "Cf" for c in text)


def _first(obj: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for k in keys:
        v = obj.get(k)
        if v not in (None, "", []):
            return k, v
    return None, None


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def record_id(obj: Mapping[str, Any]) -> str | None:
    """The id a JSON object gives itself: ``id``, else from its URL; ``None`` if neither."""
    rid = obj.get("id")
    if rid not in (None, "") and not isinstance(rid, dict | list):
        return str(rid)
    url = _str(_first(obj, URL_KEYS)[1])
    return (article_id(url) or url) if url else None


def _body(obj: Mapping[str, Any]) -> str | None:
    _, v = _first(obj, TEXT_KEYS)
    if isinstance(v, list):
        v = "\n\n".join(str(p) for p in v)
    if isinstance(v, str):
        return v
    if any(k in obj for k in PARTS_KEYS):
        parts = [obj.get("abstract"), *(obj.get("paragraphs") or [])]
        return "\n\n".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
    return None


def _text(title: str | None, body: str) -> str:
    if title and not body.lstrip().startswith(title):
        return f"{title}\n\n{body}"
    return body


def to_record(obj: Mapping[str, Any], where: str) -> Record | tuple[str, str]:
    """The record a JSON object holds, or ``(id, reason)``; ``where`` is the fallback id."""
    rid = record_id(obj) or where
    if "schema" in obj and isinstance(obj.get("raw"), str):  # a khabar document
        body: str | None = obj["raw"]
        meta = dict(obj["meta"]) if isinstance(obj.get("meta"), dict) else {}
        text, published = body, obj.get("published")
    else:
        body = _body(obj)
        tkey, title = _first(obj, TITLE_KEYS)
        title = _str(title)
        ukey, url = _first(obj, URL_KEYS)
        dkey, published = _first(obj, DATE_KEYS)
        used = {"id", "published", tkey, ukey, dkey, *TEXT_KEYS, *PARTS_KEYS}
        meta = {k: v for k, v in (("title", title), ("url", _str(url)),
                                  ("source", _str(obj.get("source")))) if v}
        meta.update((k, v) for k, v in obj.items() if k not in used and k not in meta)
        text = _text(title, body) if body is not None else None
    if body is None or text is None:
        present = any(isinstance(obj.get(k), str) for k in TEXT_KEYS)
        return rid, "empty text" if present else NO_TEXT
    if _is_blank(body):
        return rid, "empty text"
    if len(text) > MAX_TEXT:
        return rid, f"text too long ({len(text)} > {MAX_TEXT} characters)"
    try:
        published = check_published(published)
    except InputError as e:
        return rid, f"bad 'published': {e}"
    if published is None:  # some outlets' URLs carry the date (resources/sources)
        published = published_from_url(meta.get("url"))
    return Record(rid, text, published, meta)


def parse_item(item: Item) -> Record | Failure:
    """The record an item holds, or why it holds none."""
    where = item.where
    if item.error is not None:
        return Failure(where, item.source, item.n, "read", item.error)
    obj = item.payload
    if item.kind == "text":
        obj = {"text": obj}
    elif item.kind == "html":
        from khabar.reader.web import page_fields

        obj = page_fields(str(obj))
        if not obj:
            return Failure(where, item.source, item.n, "parse", "no main text found in the HTML page")
    elif isinstance(obj, str):
        try:
            obj = json.loads(obj)
        except json.JSONDecodeError as e:
            return Failure(where, item.source, item.n, "parse",
                           f"invalid JSON ({e.msg} at column {e.colno})")
    if not isinstance(obj, dict):
        return Failure(where, item.source, item.n, "parse",
                       f"a record must be a JSON object, not {type(obj).__name__}")
    out = to_record(obj, where)
    if isinstance(out, Record):
        return out
    return Failure(out[0], item.source, item.n, "parse", out[1])
