"""Article text as HTML with entities, dates, quotes and event triggers marked.

Article text is untrusted: every piece of it passes through
:func:`markupsafe.escape`, and markup is only added around escaped segments.
Spans may nest or overlap (an entity inside a quote), so the text is cut at
every span boundary and each segment carries the classes of all spans covering
it; hover details come from ``title`` attributes (no script needed).

>>> doc = {"text": "<b>لاوروف</b>", "raw": "<b>لاوروف</b>", "entities": [
...     {"start": 3, "end": 9, "raw_start": 3, "raw_end": 9, "label": "PER", "link": None}]}
>>> str(highlight(doc))
'&lt;b&gt;<span class="ent ent-PER" title="PER">لاوروف</span>&lt;/b&gt;'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from khabar.store.dates import jalali


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    cls: str
    info: str
    href: str | None = None


def actor_href(actor_id: str) -> str:
    return "/ui/actors/" + quote(actor_id, safe="")


def _link_info(link: Mapping[str, Any] | None) -> str:
    if not link:
        return ""
    bits = [link.get("name_fa") or "", link.get("name") or "", link.get("role") or "",
            link.get("country") or ""]
    return " — " + " · ".join(b for b in bits if b)


def _refs(refs: Any) -> str:
    names = []
    for r in refs or ():
        if not r:
            continue
        link = r.get("link") or {}
        names.append(link.get("name_fa") or r.get("text") or link.get("name") or "?")
    return "، ".join(names) or "؟"


def marks(doc: Mapping[str, Any], *, raw: bool = False) -> list[Mark]:
    """Every span to highlight, in ``text`` offsets (``raw`` offsets when ``raw``)."""
    s, e = ("raw_start", "raw_end") if raw else ("start", "end")
    out: list[Mark] = []
    for q in doc.get("quotes", ()):
        sp = q.get("speaker") or {}
        who = (sp.get("link") or {}).get("name_fa") or sp.get("text") or "؟"
        kind = "نقل قول مستقیم" if q.get("direct") else "نقل قول غیرمستقیم"
        out.append(Mark(q[s], q[e], "quote", f"{kind} — گوینده: {who}"))
        cue = q.get("cue") or {}
        if not raw and "start" in cue:
            out.append(Mark(cue["start"], cue["end"], "cue", f"فعل نقل: {cue.get('lemma') or ''}"))
    for x in doc.get("timexes", ()):
        value = x.get("value") or ""
        j = jalali(value)
        info = f"{x.get('type')} {value}" + (f" (شمسی {j})" if j else "") + f" · {x.get('calendar')}"
        out.append(Mark(x[s], x[e], "timex", info))
    for v in doc.get("events", ()):
        t = v.get("trigger") or {}
        if s not in t:
            continue
        info = (f"رویداد {v.get('type')}" + (f"/{v.get('mode')}" if v.get("mode") else "")
                + f" · CAMEO {v.get('cameo') or '-'} — {_refs(v.get('actor'))} ← {_refs(v.get('recipient'))}"
                + (" · منفی" if v.get("negated") else ""))
        out.append(Mark(t[s], t[e], "trigger", info))
    for ent in doc.get("entities", ()):
        link = ent.get("link")
        href = actor_href(link["id"]) if link and link.get("id") else None
        out.append(Mark(ent[s], ent[e], f"ent ent-{ent.get('label')}",
                        f"{ent.get('label')}{_link_info(link)}", href))
    return [m for m in out if 0 <= m.start < m.end]


def highlight(doc: Mapping[str, Any], *, raw: bool = False) -> Markup:
    """The escaped article (normalized ``text``, or ``raw``) with ``<span>`` marks."""
    text: str = doc["raw"] if raw else doc["text"]
    ms = [m for m in marks(doc, raw=raw) if m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in ms), *(m.end for m in ms)})
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        seg = escape(text[a:b])
        active = [m for m in ms if m.start <= a and b <= m.end]
        if not active:
            parts.append(seg)
            continue
        cls = " ".join(dict.fromkeys(c for m in active for c in m.cls.split()))
        title = " | ".join(dict.fromkeys(m.info for m in active))
        href = next((m.href for m in active if m.href), None)
        attrs = f'class="{escape(cls)}" title="{escape(title)}"'
        if href:
            parts.append(f'<a {attrs} href="{escape(href)}">{seg}</a>')
        else:
            parts.append(f"<span {attrs}>{seg}</span>")
    return Markup("".join(parts))
