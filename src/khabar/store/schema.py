"""The SQLite schema: documents, their full-text index, and one table per layer.

Layer rows hang off ``documents.rowid`` with ``ON DELETE CASCADE``, so
replacing or deleting a document never leaves orphans. ``day`` columns hold
Gregorian ISO dates (``YYYY-MM-DD``) for range filters.
"""

from __future__ import annotations

VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL UNIQUE,
    title TEXT, url TEXT, source TEXT,
    published TEXT, day TEXT,
    added TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_day ON documents(day);
CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(
    spaced, joined, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS docs_vocab USING fts5vocab(docs_fts, 'col');
CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_fa TEXT,
    country TEXT, sector TEXT, role TEXT
);
CREATE TABLE IF NOT EXISTS entities (
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    id TEXT, start INTEGER, "end" INTEGER, label TEXT, text TEXT, actor TEXT, source TEXT
);
CREATE INDEX IF NOT EXISTS entities_doc ON entities(doc);
CREATE INDEX IF NOT EXISTS entities_actor ON entities(actor);
CREATE TABLE IF NOT EXISTS timexes (
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    start INTEGER, "end" INTEGER, type TEXT, value TEXT, calendar TEXT, text TEXT, day TEXT
);
CREATE INDEX IF NOT EXISTS timexes_doc ON timexes(doc);
CREATE TABLE IF NOT EXISTS quotes (
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    n INTEGER, start INTEGER, "end" INTEGER, content TEXT, direct INTEGER,
    cue TEXT, speaker TEXT, actor TEXT, day TEXT
);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc);
CREATE INDEX IF NOT EXISTS quotes_actor ON quotes(actor);
CREATE TABLE IF NOT EXISTS events (
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    id TEXT, type TEXT, mode TEXT, cameo TEXT, goldstein REAL, quad_class INTEGER,
    day TEXT, trigger TEXT, start INTEGER, "end" INTEGER, sentence INTEGER,
    negated INTEGER, modality TEXT, contexts TEXT
);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc);
CREATE INDEX IF NOT EXISTS events_day ON events(day);
CREATE TABLE IF NOT EXISTS event_refs (
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    event TEXT, role TEXT, text TEXT, actor TEXT
);
CREATE INDEX IF NOT EXISTS event_refs_doc ON event_refs(doc, event);
CREATE INDEX IF NOT EXISTS event_refs_actor ON event_refs(actor, role);
"""
