"""The embedded SQLite store (stdlib ``sqlite3``, FTS5 for search).

Every write of a document — its JSON, index row and all layer rows — happens
in one transaction, so a crash never leaves half a document. All SQL is
parameterized; the only text spliced into SQL is fixed column names.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.document import Document
from khabar.errors import StoreError
from khabar.store import Filters, Hit, PutResult, Stats
from khabar.store.dates import iso_day
from khabar.store.fold import joined, normalize_query, spaced
from khabar.store.match import build_match
from khabar.store.queries import QueryMixin
from khabar.store.schema import SCHEMA, VERSION

log = logging.getLogger(__name__)

_WS = re.compile(r"\s+")
#: snippet markers: control characters that never occur in stored text, so the
#: web app can escape the snippet first and then turn them into <mark>.
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"


def content_hash(raw: str) -> str:
    """SHA-256 of the text with whitespace runs collapsed (the dedupe key).

    >>> content_hash("a  b\\n") == content_hash("a b")
    True
    """
    return hashlib.sha256(_WS.sub(" ", raw).strip().encode("utf-8")).hexdigest()


class SqliteStore(QueryMixin):
    """A :class:`~khabar.store.Store` in one SQLite file.

    Safe to share between threads (the API serves from a thread pool): a lock
    serializes use of the one connection.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        if self.path != ":memory:" and not readonly:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        if readonly and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path}; create it with `khabar ingest FILE --db {self.path}`")
        try:
            uri = f"file:{Path(self.path).resolve()}?mode=ro" if readonly else self.path
            self.conn = sqlite3.connect(
                uri, uri=readonly, check_same_thread=False, isolation_level=None
            )
        except sqlite3.Error as e:
            raise StoreError(f"cannot open store {self.path}: {e}") from e
        self.conn.row_factory = sqlite3.Row
        self.lock = threading.RLock()
        self.conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.executescript(SCHEMA)
            self.conn.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(VERSION),)
            )

    # -- lifecycle ---------------------------------------------------------
    def close(self) -> None:
        with self.lock:
            self.conn.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[sqlite3.Row]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    # -- writing -----------------------------------------------------------
    def has_hash(self, hash: str) -> str | None:
        rows = self._rows("SELECT id FROM documents WHERE hash = ?", (hash,))
        return str(rows[0]["id"]) if rows else None

    def put(self, doc: Document, *, hash: str | None = None) -> PutResult:
        """Store ``doc`` (replacing a different version with the same id) in one transaction."""
        if not doc.id:
            raise StoreError("a document needs an id to be stored; give one or let ingest derive it")
        h = hash or content_hash(doc.raw)
        d = doc.to_dict()
        with self.lock:
            other = self.conn.execute("SELECT id FROM documents WHERE hash = ?", (h,)).fetchone()
            if other is not None:
                return PutResult(doc.id, "duplicate", str(other["id"]))
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                status = "added"
                old = self.conn.execute("SELECT rowid FROM documents WHERE id = ?", (doc.id,)).fetchone()
                if old is not None:
                    self.conn.execute("DELETE FROM docs_fts WHERE rowid = ?", (old["rowid"],))
                    self.conn.execute("DELETE FROM documents WHERE rowid = ?", (old["rowid"],))
                    status = "replaced"
                self._insert(d, h)
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        return PutResult(doc.id, status)

    def delete(self, id: str) -> bool:
        with self.lock:
            row = self.conn.execute("SELECT rowid FROM documents WHERE id = ?", (id,)).fetchone()
            if row is None:
                return False
            with self.conn:
                self.conn.execute("DELETE FROM docs_fts WHERE rowid = ?", (row["rowid"],))
                self.conn.execute("DELETE FROM documents WHERE rowid = ?", (row["rowid"],))
            return True

    def _insert(self, d: dict[str, Any], h: str) -> None:
        meta = d.get("meta") or {}
        day = iso_day(d.get("published"))
        title = meta.get("title")
        cur = self.conn.execute(
            "INSERT INTO documents(id, hash, title, url, source, published, day, added, doc) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                # the title column is for display: normalized like the text (meta keeps it raw)
                d["id"], h, normalize_query(title) if title else None, meta.get("url"),
                meta.get("source"), d.get("published"), day,
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                json.dumps(d, ensure_ascii=False, separators=(",", ":")),
            ),
        )
        rid = cur.lastrowid
        # Index the title with the body, both re-normalized (idempotent) so that a
        # document stored without the normalizer still matches normalized queries.
        body = normalize_query(f"{title}\n{d['text']}" if title else d["text"])
        self.conn.execute(
            "INSERT INTO docs_fts(rowid, spaced, joined) VALUES (?, ?, ?)",
            (rid, spaced(body), joined(body)),
        )
        ex = self.conn.executemany
        ex(
            'INSERT INTO entities(doc, id, start, "end", label, text, actor, source) VALUES (?,?,?,?,?,?,?,?)',
            [(rid, e["id"], e["start"], e["end"], e["label"], e["text"], self._actor(e.get("link")),
              e.get("source")) for e in d.get("entities", ())],
        )
        for m in d.get("mentions", ()):
            self._actor(m.get("link"))
        ex(
            'INSERT INTO timexes(doc, start, "end", type, value, calendar, text, day) VALUES (?,?,?,?,?,?,?,?)',
            [(rid, x["start"], x["end"], x["type"], x.get("value"), x["calendar"], x["text"],
              iso_day(x.get("value"))) for x in d.get("timexes", ())],
        )
        rows = []
        for n, q in enumerate(d.get("quotes", ())):
            sp = q.get("speaker") or {}
            rows.append((rid, n, q["start"], q["end"], q["content"], int(bool(q["direct"])),
                         q["cue"]["text"], sp.get("text"), self._actor(sp.get("link")), day))
        ex(
            'INSERT INTO quotes(doc, n, start, "end", content, direct, cue, speaker, actor, day) '
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        for v in d.get("events", ()):
            t = v["trigger"]
            self.conn.execute(
                'INSERT INTO events(doc, id, type, mode, cameo, goldstein, quad_class, day, trigger, '
                'start, "end", sentence, negated, modality, contexts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
                (rid, v["id"], v["type"], v.get("mode"), v.get("cameo"), v.get("goldstein"),
                 v.get("quad_class"), iso_day(v.get("date")) or day, t["text"], t["start"], t["end"],
                 v.get("sentence"), int(bool(v.get("negated"))), v.get("modality"),
                 ",".join(v.get("contexts") or ())),
            )
            ex(
                "INSERT INTO event_refs(doc, event, role, text, actor) VALUES (?,?,?,?,?)",
                [(rid, v["id"], role, r.get("text"), self._actor(r.get("link")))
                 for role in ("actor", "recipient") for r in v.get(role) or ()],
            )

    def _actor(self, link: dict[str, Any] | None) -> str | None:
        """Record a linked actor (first description wins) and return its id."""
        if not link or not link.get("id"):
            return None
        self.conn.execute(
            "INSERT OR IGNORE INTO actors(id, name, name_fa, country, sector, role) VALUES (?,?,?,?,?,?)",
            (link["id"], link.get("name") or link["id"], link.get("name_fa"), link.get("country"),
             link.get("sector"), link.get("role")),
        )
        return str(link["id"])

    # -- reading -----------------------------------------------------------
    def get_dict(self, id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT doc FROM documents WHERE id = ?", (id,))
        return json.loads(rows[0]["doc"]) if rows else None

    def get(self, id: str) -> Document | None:
        d = self.get_dict(id)
        return Document.from_dict(d) if d is not None else None

    def iter_dicts(self) -> Iterator[dict[str, Any]]:
        """Every stored document's JSON, oldest first (streams; does not hold the lock between rows)."""
        last = 0
        while True:
            rows = self._rows(
                "SELECT rowid, doc FROM documents WHERE rowid > ? ORDER BY rowid LIMIT 200", (last,)
            )
            if not rows:
                return
            for r in rows:
                yield json.loads(r["doc"])
            last = rows[-1]["rowid"]

    def _vocab(self, column: str) -> Any:
        def has(term: str) -> bool:
            rows = self._rows(
                "SELECT 1 FROM docs_vocab WHERE term = ? AND col = ? LIMIT 1", (term, column)
            )
            return bool(rows)

        return has

    def match_expression(self, q: str) -> str | None:
        """The FTS5 expression a user query becomes (None when it has no words)."""
        return build_match(q, spaced_has=self._vocab("spaced"), joined_has=self._vocab("joined"))

    def search(self, q: str, *, limit: int = 20, offset: int = 0) -> list[Hit]:
        """Documents matching ``q`` in any ZWNJ spelling, best first."""
        rows = self.documents(Filters(q=q, limit=limit, offset=offset))
        return [Hit(r["id"], r["title"], r["published"], r["snippet"], r["url"], r["source"]) for r in rows]

    def count(self, q: str | None = None) -> int:
        if not q:
            return int(self._rows("SELECT count(*) AS n FROM documents")[0]["n"])
        expr = self.match_expression(q)
        if expr is None:
            return 0
        return int(self._rows("SELECT count(*) AS n FROM docs_fts WHERE docs_fts MATCH ?", (expr,))[0]["n"])

    def stats(self) -> Stats:
        n = {
            t: int(self._rows(f"SELECT count(*) AS n FROM {t}")[0]["n"])  # fixed table names
            for t in ("documents", "entities", "timexes", "quotes", "events", "actors")
        }
        return Stats(n["documents"], n["entities"], n["timexes"], n["quotes"], n["events"], n["actors"])


if TYPE_CHECKING:  # mypy proves that SqliteStore implements the Store protocol
    from khabar.store import Store

    _implements: type[Store] = SqliteStore
