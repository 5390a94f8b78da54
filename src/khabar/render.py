"""A readable plain-text view of an analyzed document (``khabar analyze --format text``).

Lines are Persian surface forms with English labels, so they read in any
terminal; the JSON output carries everything shown here and more.
"""

from __future__ import annotations

from khabar.document import Actor, Document


def _actor(a: Actor | None) -> str:
    if a is None:
        return "—"
    extra = ", ".join(x for x in (a.role, a.country) if x)
    return f"{a.name} ({extra})" if extra else a.name


def render_text(doc: Document) -> str:
    from khabar.events.export import format_events_text

    t = doc.text
    out = [f"document {doc.id or '(no id)'}  published {doc.published or 'unknown'}"]
    out.append(f"{len(doc.raw)} raw chars → {len(t)} normalized; {len(doc.sentences)} sentences, {len(doc.tokens)} tokens")
    out.append("")
    out.append(f"entities ({len(doc.entities)})")
    for e in doc.entities:
        out.append(f"  {e.label:<6} {t[e.start:e.end]}  →  {_actor(e.link)}")
    if doc.mentions:
        out.append(f"references ({len(doc.mentions)})")
        for m in doc.mentions:
            out.append(f"  {m.kind:<8} {t[m.start:m.end]}  →  {_actor(m.link)}")
    out.append(f"dates and times ({len(doc.timexes)})")
    for x in doc.timexes:
        jal = f"  [{x.jalali}]" if x.jalali else ""
        out.append(f"  {x.type:<8} {t[x.start:x.end]}  =  {x.value or '?'}{jal}  ({x.calendar})")
    out.append(f"quotes ({len(doc.quotes)})")
    for q in doc.quotes:
        sp = q.speaker
        who = t[sp.start:sp.end] if sp and sp.start is not None and sp.end is not None else "?"
        link = _actor(sp.link) if sp else "—"
        kind = "direct" if q.direct else "indirect"
        out.append(f"  {who} → {link} [{t[q.cue.start:q.cue.end]}, {kind}]: «{t[q.start:q.end]}»")
    out.append(f"events ({len(doc.events)})")
    out.extend(f"  {line}" for line in format_events_text(doc))
    return "\n".join(out)
