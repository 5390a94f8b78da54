"""One reader for every way articles reach khabar: ``khabar ingest``, ``khabar batch``, Dask.

Reading is two steps, so batch work can parse in its workers:
:func:`iter_items` streams an input (a file or a directory, in a fixed order,
with bounded memory) as :class:`Item` values, and :func:`parse_item` turns
each into a :class:`Record` or a :class:`Failure` (id or position, stage, and
a one-line reason; it never raises). :func:`read_records` does both.

Conventions — the same article gets the same record whichever command reads it:

* **text** (what is analyzed) = title, a blank line, the body (abstract and
  paragraphs separated by blank lines), so entities and events in the
  headline are found; the title is also kept as ``meta["title"]``.
* **id** = the record's ``id`` field; else the publisher's article id from
  its URL where :mod:`khabar.sources` knows the site (``farsnews.ir-8707060255``);
  else the URL; else the position: ``file:line`` (JSON lines), ``file#n``
  (n-th element of a JSON array or feed), ``file`` (a text or HTML file),
  with ``file`` relative to the input given.
* **published** = :func:`check_published` (ISO 8601, Jalali, RFC 822 → Gregorian
  ISO; anything else is the record's failure); without a date, the one the
  outlet's URL encodes, if any.
* **meta** = ``title``, ``url``, ``source`` (the outlet), then the record's other fields.

See :mod:`khabar.reader.files` for the formats and :mod:`khabar.reader.records`
for the field names read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from khabar.reader.dates import check_published, published_or_none
from khabar.reader.files import Item, discover, iter_items
from khabar.reader.records import MAX_TEXT, Failure, Record, parse_item, record_id, to_record


def read_records(path: str | Path, pattern: str | None = None) -> Iterator[Record | Failure]:
    """:func:`parse_item` of every item :func:`iter_items` reads, in order."""
    for item in iter_items(path, pattern):
        yield parse_item(item)


__all__ = ["MAX_TEXT", "Failure", "Item", "Record", "check_published", "discover", "iter_items",
           "parse_item", "published_or_none", "read_records", "record_id", "to_record"]
