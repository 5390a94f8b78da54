"""Events out of khabar: a GDELT-style CSV table and readable text lines.

One CSV row is one event: the article, the event's own date, source actor
(id, English and Persian name, country, sector, the words of the text), the
PLOVER type and mode with its CAMEO code, Goldstein score and quad class, the
target actor, the Persian trigger, the modality flags and the sentence, so
the table can be joined with GDELT/ICEWS-style data.

>>> from khabar.document import Actor, Document, Event, Ref, Span
>>> t = "پوتین با عراقچی دیدار کرد."
>>> putin, araghchi = Actor("putin", "Vladimir Putin", country="RUS"), Actor("araghchi", "Abbas Araghchi", country="IRN")
>>> v = Event("V1", "CONSULT", "visit", Span(16, 25), 0, (Ref(0, 5, "E1", putin),), (Ref(9, 15, "E2", araghchi),),
...           cameo="042", goldstein=1.9, quad_class=1, date="2025-06-23")
>>> doc = Document.from_text(t, id="a1").with_layers(sentences=[Span(0, len(t))], events=[v])
>>> print(format_events_text(doc)[0])
V1 2025-06-23  پوتین [Vladimir Putin, RUS] → CONSULT/visit → عراقچی [Abbas Araghchi, IRN]  «دیدار کرد»  (CAMEO 042, Goldstein +1.9, quad 1)
>>> import io
>>> buf = io.StringIO()
>>> events_to_csv([doc], buf)
1
>>> buf.getvalue().splitlines()[1].split(",")[:6]
['a1', '', 'V1', '2025-06-23', 'putin', 'Vladimir Putin']
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from khabar.document import Document, Event, Ref

#: CSV columns, in order.
COLUMNS = (
    "article_id",
    "published",
    "event_id",
    "date",
    "source_id",
    "source_name",
    "source_name_fa",
    "source_country",
    "source_sector",
    "source_text",
    "event_type",
    "event_mode",
    "cameo",
    "goldstein",
    "quad_class",
    "contexts",
    "target_id",
    "target_name",
    "target_name_fa",
    "target_country",
    "target_sector",
    "target_text",
    "location",
    "trigger",
    "negated",
    "modality",
    "sentence_index",
    "sentence",
)


def _surface(doc: Document, ref: Ref | None) -> str:
    if ref is None or ref.start is None or ref.end is None:
        return ""
    return doc.text[ref.start : ref.end]


def _party(doc: Document, refs: tuple[Ref, ...]) -> dict[str, str]:
    """Columns of one side; several refs (a compound side) are joined with « | »."""
    cols: dict[str, list[str]] = {k: [] for k in ("id", "name", "name_fa", "country", "sector", "text")}
    for r in refs:
        a = r.link
        cols["id"].append(a.id if a else "")
        cols["name"].append(a.name if a else "")
        cols["name_fa"].append((a.name_fa or "") if a else "")
        cols["country"].append((a.country or "") if a else "")
        cols["sector"].append((a.sector or "") if a else "")
        cols["text"].append(_surface(doc, r))
    return {k: " | ".join(v) for k, v in cols.items()}


def _sentence(doc: Document, v: Event) -> str:
    if 0 <= v.sentence < len(doc.sentences):
        s = doc.sentences[v.sentence]
        return doc.text[s.start : s.end].strip()
    return ""


def event_row(doc: Document, v: Event) -> dict[str, Any]:
    """The CSV row of one event, keyed by :data:`COLUMNS`."""
    src, tgt = _party(doc, v.actor), _party(doc, v.recipient)
    return {
        "article_id": doc.id,
        "published": doc.published or "",
        "event_id": v.id,
        "date": v.date or "",
        **{f"source_{k}": val for k, val in src.items()},
        "event_type": v.type,
        "event_mode": v.mode or "",
        "cameo": v.cameo or "",
        "goldstein": "" if v.goldstein is None else f"{v.goldstein:.1f}",
        "quad_class": "" if v.quad_class is None else v.quad_class,
        "contexts": ";".join(v.contexts),
        **{f"target_{k}": val for k, val in tgt.items()},
        "location": _surface(doc, v.location),
        "trigger": doc.text[v.trigger.start : v.trigger.end],
        "negated": "true" if v.negated else "false",
        "modality": v.modality,
        "sentence_index": v.sentence,
        "sentence": _sentence(doc, v),
    }


def events_to_csv(docs: Iterable[Document], file: IO[str] | str | Path) -> int:
    """Write the events of ``docs`` as CSV (header first) to a text file or path; return the row count."""
    if isinstance(file, (str, Path)):
        with open(file, "w", encoding="utf-8", newline="") as f:
            return events_to_csv(docs, f)
    w = csv.DictWriter(file, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for doc in docs:
        for v in doc.events:
            w.writerow(event_row(doc, v))
            n += 1
    return n


def _side(doc: Document, refs: tuple[Ref, ...]) -> str:
    if not refs:
        return "—"
    parts = []
    for r in refs:
        a = r.link
        label = ", ".join(x for x in ((a.name if a else None), (a.country if a else None)) if x)
        surface = _surface(doc, r) or (a.name_fa if a and a.name_fa else "")
        parts.append(f"{surface} [{label}]" if label else surface or "?")
    return " + ".join(parts)


def format_events_text(doc: Document) -> list[str]:
    """One readable line per event: who → what → whom, when, the Persian trigger, the codes."""
    lines = []
    for v in doc.events:
        what = v.type + (f"/{v.mode}" if v.mode else "")
        flags = [f for f, on in (("negated", v.negated), (v.modality, v.modality != "asserted")) if on]
        codes = []
        if v.cameo:
            codes.append(f"CAMEO {v.cameo}")
        if v.goldstein is not None:
            codes.append(f"Goldstein {v.goldstein:+.1f}")
        if v.quad_class is not None:
            codes.append(f"quad {v.quad_class}")
        where = f"  در {_surface(doc, v.location)}" if v.location else ""
        line = (
            f"{v.id} {v.date or 'date?':<10}  {_side(doc, v.actor)} → {what} → {_side(doc, v.recipient)}"
            f"{where}  «{doc.text[v.trigger.start : v.trigger.end]}»"
        )
        if codes:
            line += f"  ({', '.join(codes)})"
        if flags:
            line += f"  [{', '.join(flags)}]"
        lines.append(line)
    return lines
