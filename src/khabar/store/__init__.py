"""Where analyzed documents live, and how they are queried.

:class:`Store` is the interface every backend implements (SQLite now,
PostgreSQL can follow); :func:`open_store` opens the embedded SQLite default.
A store keeps each document's ``to_dict()`` (so ``get`` returns an equal
document) plus one table per layer for queries.

>>> from khabar.document import Document
>>> with open_store(":memory:") as store:
...     _ = store.put(Document.from_text("آتش‌بس برقرار شد", id="d1"))
...     [h.id for h in store.search("آتش بس")]
['d1']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from khabar.document import Document

if TYPE_CHECKING:
    from khabar.store.sqlite import SqliteStore

#: Where the CLI keeps its database unless told otherwise (``var/`` is gitignored).
DEFAULT_DB = Path("var/khabar.db")


@dataclass(frozen=True, slots=True)
class Filters:
    """Filters shared by the quote, event and document queries (dates are ISO Gregorian)."""

    actor: str | None = None  # actor id (as actor or speaker)
    recipient: str | None = None  # actor id as an event's recipient
    country: str | None = None  # ISO alpha-3 of the actor
    type: str | None = None  # PLOVER event type
    date_from: str | None = None
    date_to: str | None = None
    q: str | None = None  # full-text query
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: a document summary with a snippet around the match."""

    id: str
    title: str | None
    published: str | None
    snippet: str
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class PutResult:
    """What :meth:`Store.put` did: ``added``, ``replaced`` or ``duplicate`` (of ``duplicate_of``)."""

    id: str
    status: str
    duplicate_of: str | None = None


@dataclass(frozen=True, slots=True)
class Stats:
    documents: int = 0
    entities: int = 0
    timexes: int = 0
    quotes: int = 0
    events: int = 0
    actors: int = 0


class Store(Protocol):
    """The operations the CLI, API and web app need from a document store."""

    def put(self, doc: Document, *, hash: str | None = None) -> PutResult:
        """Store a document and all its layers atomically; dedupe by content hash."""
        ...

    def has_hash(self, hash: str) -> str | None:
        """The id of a stored document with this content hash, if any."""
        ...

    def get(self, id: str) -> Document | None: ...

    def get_dict(self, id: str) -> dict[str, Any] | None: ...

    def search(self, q: str, *, limit: int = 20, offset: int = 0) -> list[Hit]: ...

    def documents(self, f: Filters) -> list[dict[str, Any]]: ...

    def iter_dicts(self) -> Iterator[dict[str, Any]]: ...

    def actors(self, *, q: str | None = None, country: str | None = None,
               limit: int = 100, offset: int = 0) -> list[dict[str, Any]]: ...

    def actor(self, id: str) -> dict[str, Any] | None: ...

    def aliases(self, actor_id: str) -> list[tuple[str, int]]: ...

    def quotes(self, f: Filters) -> list[dict[str, Any]]: ...

    def events(self, f: Filters) -> list[dict[str, Any]]: ...

    def edges(self, f: Filters) -> list[dict[str, Any]]: ...

    def timeline(self, f: Filters) -> list[dict[str, Any]]: ...

    def event_types(self) -> list[str]: ...

    def stats(self) -> Stats: ...

    def close(self) -> None: ...


def open_store(path: str | Path = DEFAULT_DB, *, readonly: bool = False) -> SqliteStore:
    """Open (creating if needed) the SQLite store at ``path``; ``":memory:"`` for a throwaway one."""
    from khabar.store.sqlite import SqliteStore

    return SqliteStore(path, readonly=readonly)


__all__: Sequence[str] = ("DEFAULT_DB", "Filters", "Hit", "PutResult", "Stats", "Store", "open_store")
