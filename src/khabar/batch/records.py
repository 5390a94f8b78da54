"""Turn one input :class:`~khabar.batch.reader.Item` into a document or a failure.

Never raises: every way an item can be unusable becomes a :class:`Failure`
carrying a deterministic id and a reason, so the errors file accounts for
every input item.

Accepted JSON objects:

* ``{"id", "text", "published", …}`` — the JSON-lines input of ``khabar
  analyze``; ``raw``, ``body`` or ``content`` may stand in for ``text`` (a
  khabar document dict is re-analyzed from its ``raw``);
* farsnews-style ``{"title", "abstract", "paragraphs", "link", …}`` — the text
  is title, abstract and paragraphs, one per line, the id the ``link``.

Other top-level fields go to ``Document.meta``. An item without an id gets
``"<file>:<line>"`` — stable as long as the input file is.

>>> from khabar.batch.reader import Item
>>> parse_item(Item("a.jsonl", 3, '{"text": "سلام"}')).id
'a.jsonl:3'
>>> parse_item(Item("a.jsonl", 4, '{"id": 7, "text": " "}')).reason
'empty text'
>>> parse_item(Item("f.json", 1, {"title": "تیتر", "paragraphs": ["متن"], "link": "u"})).text
'تیتر\\nمتن'
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from khabar.batch.reader import Item
from khabar.sources import published_from_url
from khabar.textio import check_published

TEXT_KEYS = ("raw", "text", "body", "content")
#: fields that make up the text of a farsnews-style record, in order
PARTS_KEYS = ("title", "abstract", "paragraphs")
#: fields consumed here rather than copied to ``meta``
CONSUMED = {"id", "published", "abstract", "paragraphs", "link", *TEXT_KEYS}


@dataclass(frozen=True, slots=True)
class Record:
    """A parsed input item, ready for the pipeline."""

    id: str
    text: str
    published: str | None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input item (or a document) that produced no output, and why."""

    id: str
    source: str
    n: int
    stage: str  # read | parse | pipeline | timeout
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "line": self.n, "stage": self.stage,
                "reason": self.reason}


def _check_published(value: Any) -> str | None:
    """ISO 8601 (Gregorian) publication time or ``None``; raises ``ValueError`` otherwise."""
    if value is not None and not isinstance(value, str):
        raise ValueError(f"'published' must be an ISO 8601 string, not {type(value).__name__}")
    return check_published(value)


def _is_blank(text: str) -> bool:
    """Only whitespace and invisible format characters (ZWNJ, BOM, marks)."""
    return not any(not c.isspace() and unicodedata.category(c) != "Cf" for c in text)


def _text_of(obj: dict[str, Any]) -> str | None:
    if "schema" in obj and isinstance(obj.get("raw"), str):
        return str(obj["raw"])
    for k in TEXT_KEYS:
        v = obj.get(k)
        if isinstance(v, str):
            return v
    if any(k in obj for k in PARTS_KEYS):
        lines: list[str] = []
        for k in PARTS_KEYS:
            v = obj.get(k)
            if isinstance(v, str):
                lines.append(v)
            elif isinstance(v, list):
                lines.extend(x for x in v if isinstance(x, str))
        return "\n".join(x.strip() for x in lines if x.strip())
    return None


def _meta_of(obj: dict[str, Any]) -> dict[str, Any]:
    if "schema" in obj and isinstance(obj.get("meta"), dict):
        return dict(obj["meta"])
    meta = {k: v for k, v in obj.items() if k not in CONSUMED}
    if isinstance(obj.get("link"), str):
        meta["url"] = obj["link"]
    return meta


def parse_item(item: Item) -> Record | Failure:
    """The record an item holds, or why it holds none."""
    fallback = f"{item.source}:{item.n}"
    if item.error is not None:
        return Failure(fallback, item.source, item.n, "read", item.error)
    if item.kind == "text":
        whole = str(item.payload)
        if _is_blank(whole):
            return Failure(item.source, item.source, item.n, "parse", "empty text")
        return Record(item.source, whole, None, {})
    obj = item.payload
    if isinstance(obj, str):
        try:
            obj = json.loads(obj)
        except json.JSONDecodeError as e:
            return Failure(fallback, item.source, item.n, "parse",
                           f"invalid JSON ({e.msg} at column {e.colno})")
    if not isinstance(obj, dict):
        return Failure(fallback, item.source, item.n, "parse",
                       f"a record must be a JSON object, not {type(obj).__name__}")
    rid = obj.get("id")
    if rid in (None, "") and isinstance(obj.get("link"), str) and obj["link"]:
        rid = obj["link"]
    rid = fallback if rid in (None, "") or isinstance(rid, dict | list) else str(rid)
    text = _text_of(obj)
    if text is None:
        return Failure(rid, item.source, item.n, "parse",
                       "no text: give 'text' (or 'raw', 'body', 'content', or farsnews "
                       "'title'/'abstract'/'paragraphs')")
    if _is_blank(text):
        return Failure(rid, item.source, item.n, "parse", "empty text")
    try:
        published = _check_published(obj.get("published"))
    except ValueError as e:
        return Failure(rid, item.source, item.n, "parse", f"bad 'published': {e}")
    if published is None:  # some outlets' URLs carry the date (resources/sources)
        url = obj.get("link") or obj.get("url")
        published = published_from_url(url) if isinstance(url, str) else None
    return Record(rid, text, published, _meta_of(obj))
