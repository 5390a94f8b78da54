"""Read queries over the layer tables, shared by the API and the web app.

Every filter value reaches SQL as a parameter; :func:`_where` only joins
fixed condition strings.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from khabar.store import Filters

#: how many rows one call returns at most, whatever the caller asks
MAX_LIMIT = 1000

_EVENT_HAS_REF = (
    "EXISTS (SELECT 1 FROM event_refs r WHERE r.doc = e.doc AND r.event = e.id "
    "AND r.role = ? AND r.actor = ?)"
)
_EVENT_COUNTRY = (
    "EXISTS (SELECT 1 FROM event_refs r JOIN actors a ON a.id = r.actor "
    "WHERE r.doc = e.doc AND r.event = e.id AND a.country = ?)"
)


def _like(s: str) -> str:
    return "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _page(f: Filters) -> tuple[int, int]:
    return max(0, min(f.limit, MAX_LIMIT)), max(0, f.offset)


class QueryMixin:
    """Queries for :class:`~khabar.store.sqlite.SqliteStore` (which supplies ``_rows``)."""

    _rows: Callable[..., list[sqlite3.Row]]
    match_expression: Callable[[str], str | None]

    def _fts(self, alias: str, q: str | None, conds: list[str], params: list[Any]) -> bool:
        """Add a full-text condition on ``alias.doc``; False when the query has no words."""
        if not q:
            return True
        expr = self.match_expression(q)
        if expr is None:
            return False
        conds.append(f"{alias} IN (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?)")
        params.append(expr)
        return True

    @staticmethod
    def _dates(col: str, f: Filters, conds: list[str], params: list[Any]) -> None:
        if f.date_from:
            conds.append(f"{col} >= ?")
            params.append(f.date_from)
        if f.date_to:
            conds.append(f"{col} <= ?")
            params.append(f.date_to)

    # -- documents ---------------------------------------------------------
    def documents(self, f: Filters) -> list[dict[str, Any]]:
        """Document summaries filtered by text, date and actor.

        With a query: best match first, each with a ``snippet`` whose matches sit
        between ``\x02`` and ``\x03``; without: newest first.
        """
        conds: list[str] = ["1"]
        params: list[Any] = []
        self._dates("d.day", f, conds, params)
        if f.actor:
            conds.append("EXISTS (SELECT 1 FROM entities x WHERE x.doc = d.rowid AND x.actor = ?)")
            params.append(f.actor)
        limit, offset = _page(f)
        cols = "d.id, d.title, d.published, d.day, d.url, d.source"
        if f.q:
            expr = self.match_expression(f.q)
            if expr is None:
                return []
            rows = self._rows(
                f"SELECT {cols}, snippet(docs_fts, -1, '\x02', '\x03', '…', 16) AS snippet "
                "FROM docs_fts JOIN documents d ON d.rowid = docs_fts.rowid "
                f"WHERE docs_fts MATCH ? AND {' AND '.join(conds)} ORDER BY rank LIMIT ? OFFSET ?",
                [expr, *params, limit, offset],
            )
        else:
            rows = self._rows(
                f"SELECT {cols} FROM documents d WHERE {' AND '.join(conds)} "
                "ORDER BY d.day DESC, d.rowid DESC LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        return [dict(r) for r in rows]

    # -- actors ------------------------------------------------------------
    def actors(
        self, *, q: str | None = None, country: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Actors seen in stored documents, most mentioned first, with counts."""
        conds: list[str] = ["1"]
        params: list[Any] = []
        if q:
            conds.append(
                "(a.id LIKE ? ESCAPE '\\' OR a.name LIKE ? ESCAPE '\\' OR a.name_fa LIKE ? ESCAPE '\\')"
            )
            params += [_like(q)] * 3
        if country:
            conds.append("a.country = ?")
            params.append(country)
        limit, offset = _page(Filters(limit=limit, offset=offset))
        rows = self._rows(
            "SELECT a.*, "
            "(SELECT count(*) FROM entities x WHERE x.actor = a.id) AS mentions, "
            "(SELECT count(*) FROM quotes x WHERE x.actor = a.id) AS quotes, "
            "(SELECT count(*) FROM event_refs x WHERE x.actor = a.id) AS events "
            f"FROM actors a WHERE {' AND '.join(conds)} "
            "ORDER BY mentions DESC, events DESC, a.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [dict(r) for r in rows]

    def actor(self, id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM actors WHERE id = ?", (id,))
        return dict(rows[0]) if rows else None

    def aliases(self, actor_id: str) -> list[tuple[str, int]]:
        """The surface forms that were linked to an actor, most frequent first."""
        rows = self._rows(
            "SELECT text, count(*) AS n FROM entities WHERE actor = ? GROUP BY text "
            "ORDER BY n DESC, text LIMIT 50",
            (actor_id,),
        )
        return [(str(r["text"]), int(r["n"])) for r in rows]

    # -- quotes ------------------------------------------------------------
    def quotes(self, f: Filters) -> list[dict[str, Any]]:
        conds: list[str] = ["1"]
        params: list[Any] = []
        if not self._fts("q.doc", f.q, conds, params):
            return []
        self._dates("q.day", f, conds, params)
        if f.actor:
            conds.append("q.actor = ?")
            params.append(f.actor)
        if f.country:
            conds.append("a.country = ?")
            params.append(f.country)
        limit, offset = _page(f)
        rows = self._rows(
            "SELECT d.id AS doc_id, d.title, q.n, q.start, q.\"end\", q.content, q.direct, q.cue, "
            "q.speaker, q.actor, a.name AS actor_name, a.name_fa AS actor_name_fa, "
            "a.country AS actor_country, q.day "
            "FROM quotes q JOIN documents d ON d.rowid = q.doc LEFT JOIN actors a ON a.id = q.actor "
            f"WHERE {' AND '.join(conds)} ORDER BY q.day DESC, d.rowid DESC, q.n "
            "LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [{**dict(r), "direct": bool(r["direct"])} for r in rows]

    # -- events ------------------------------------------------------------
    def _event_where(self, f: Filters) -> tuple[list[str], list[Any]] | None:
        conds: list[str] = ["1"]
        params: list[Any] = []
        if not self._fts("e.doc", f.q, conds, params):
            return None
        self._dates("e.day", f, conds, params)
        if f.actor:
            conds.append(_EVENT_HAS_REF)
            params += ["actor", f.actor]
        if f.recipient:
            conds.append(_EVENT_HAS_REF)
            params += ["recipient", f.recipient]
        if f.country:
            conds.append(_EVENT_COUNTRY)
            params.append(f.country)
        if f.type:
            conds.append("e.type = ?")
            params.append(f.type)
        return conds, params

    def events(self, f: Filters) -> list[dict[str, Any]]:
        """Events with their actors and recipients, newest first."""
        where = self._event_where(f)
        if where is None:
            return []
        conds, params = where
        limit, offset = _page(f)
        rows = self._rows(
            "SELECT e.doc AS _doc, d.id AS doc_id, d.title, e.id, e.type, e.mode, e.cameo, "
            "e.goldstein, e.quad_class, e.day, e.trigger, e.start, e.\"end\", e.sentence, "
            "e.negated, e.modality, e.contexts "
            "FROM events e JOIN documents d ON d.rowid = e.doc "
            f"WHERE {' AND '.join(conds)} ORDER BY e.day DESC, d.rowid DESC, e.id "
            "LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        out = [dict(r) for r in rows]
        docs = sorted({r["_doc"] for r in out})
        refs: dict[tuple[int, str], dict[str, list[dict[str, Any]]]] = {}
        if docs:
            marks = ",".join("?" * len(docs))
            for r in self._rows(
                "SELECT r.doc, r.event, r.role, r.text, r.actor, a.name, a.name_fa, a.country "
                f"FROM event_refs r LEFT JOIN actors a ON a.id = r.actor WHERE r.doc IN ({marks}) "
                "ORDER BY r.rowid",
                docs,
            ):
                slot = refs.setdefault((r["doc"], r["event"]), {"actor": [], "recipient": []})
                slot[r["role"]].append(
                    {"text": r["text"], "actor": r["actor"], "name": r["name"],
                     "name_fa": r["name_fa"], "country": r["country"]}
                )
        for e in out:
            slot = refs.get((e.pop("_doc"), e["id"]), {"actor": [], "recipient": []})
            e["actor"], e["recipient"] = slot["actor"], slot["recipient"]
            e["negated"] = bool(e["negated"])
            e["contexts"] = [c for c in (e["contexts"] or "").split(",") if c]
        return out

    def edges(self, f: Filters) -> list[dict[str, Any]]:
        """Actor → recipient links aggregated by event type (the network view)."""
        where = self._event_where(f)
        if where is None:
            return []
        conds, params = where
        rows = self._rows(
            "SELECT ra.actor AS source, rr.actor AS target, e.type, count(*) AS n, "
            "avg(e.goldstein) AS goldstein, min(e.quad_class) AS quad_class "
            "FROM events e "
            "JOIN event_refs ra ON ra.doc = e.doc AND ra.event = e.id AND ra.role = 'actor' "
            "JOIN event_refs rr ON rr.doc = e.doc AND rr.event = e.id AND rr.role = 'recipient' "
            f"WHERE ra.actor IS NOT NULL AND rr.actor IS NOT NULL AND ra.actor != rr.actor "
            f"AND {' AND '.join(conds)} GROUP BY source, target, e.type ORDER BY n DESC LIMIT ?",
            [*params, MAX_LIMIT],
        )
        return [dict(r) for r in rows]

    def timeline(self, f: Filters) -> list[dict[str, Any]]:
        """Event counts per day and CAMEO quad class (the timeline chart)."""
        where = self._event_where(f)
        if where is None:
            return []
        conds, params = where
        rows = self._rows(
            "SELECT e.day, coalesce(e.quad_class, 0) AS quad_class, count(*) AS n FROM events e "
            f"WHERE e.day IS NOT NULL AND {' AND '.join(conds)} "
            "GROUP BY e.day, coalesce(e.quad_class, 0) ORDER BY e.day",
            params,
        )
        return [dict(r) for r in rows]

    def event_types(self) -> list[str]:
        """The event types present in the store (for filter menus)."""
        return [str(r["type"]) for r in self._rows("SELECT DISTINCT type FROM events ORDER BY type")]
