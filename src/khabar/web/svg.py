"""Server-side SVG charts: the events timeline and the actor network.

Plain SVG with presentation attributes (no inline CSS or script, so the page's
CSP holds) and ``<a>`` links, so every bar and node can be clicked through.
All text is escaped.

>>> "<svg" in str(timeline([{"day": "2025-06-23", "quad_class": 1, "n": 3}]))
True
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

from khabar.store.dates import jalali, jalali_long
from khabar.web.highlight import actor_href

#: CAMEO quad classes: colour and Persian name
QUAD = {
    0: ("#9e9e9e", "نامشخص"),
    1: ("#2e7d32", "همکاری لفظی"),
    2: ("#1565c0", "همکاری عملی"),
    3: ("#ef6c00", "تقابل لفظی"),
    4: ("#c62828", "تقابل عملی"),
}


def _buckets(first: dt.date, last: dt.date) -> tuple[str, int, list[str]]:
    """A continuous axis: days for up to ~4 months, months for up to 10 years, else years.

    Returns the unit, how many characters of an ISO day name a bucket, and every bucket key.
    """
    if (last - first).days <= 120:
        return "day", 10, [(first + dt.timedelta(d)).isoformat() for d in range((last - first).days + 1)]
    months = (last.year - first.year) * 12 + last.month - first.month
    if months <= 120:
        keys = [f"{first.year + (first.month - 1 + m) // 12:04d}-{(first.month - 1 + m) % 12 + 1:02d}"
                for m in range(months + 1)]
        return "month", 7, keys
    return "year", 4, [f"{y:04d}" for y in range(first.year, last.year + 1)]


def _range(unit: str, key: str) -> tuple[str, str]:
    """The first and last ISO day of a bucket."""
    if unit == "day":
        return key, key
    if unit == "year":
        return f"{key}-01-01", f"{key}-12-31"
    d0 = dt.date.fromisoformat(key + "-01")
    d1 = (d0.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return d0.isoformat(), d1.isoformat()


def timeline(rows: Sequence[Mapping[str, Any]], *, base: Mapping[str, str] | None = None) -> Markup:
    """Stacked bars of events per day, month or year by quad class; each bar links to its events."""
    if not rows:
        return Markup('<p class="empty">رویدادی برای نمودار نیست.</p>')
    days = sorted({r["day"] for r in rows})
    unit, cut, keys = _buckets(dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1]))
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    for r in rows:
        counts[r["day"][:cut]][int(r["quad_class"])] += int(r["n"])
    width, height, pad, top = 900, 260, 40, 16
    bw = (width - 2 * pad) / max(len(keys), 1)
    peak = max(sum(c.values()) for c in counts.values()) or 1
    scale = (height - pad - top) / peak
    out = [f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" '
           f'xmlns="http://www.w3.org/2000/svg" aria-label="نمودار زمانی رویدادها">']
    out.append(f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#666"/>')
    for i, key in enumerate(keys):
        c = counts.get(key)
        if not c:
            continue
        # right-to-left: the earliest bar on the right
        x = width - pad - (i + 1) * bw
        y: float = height - pad
        d0, d1 = _range(unit, key)
        label = f"{jalali_long(key)} ({key})" if unit == "day" else key
        params = {**(base or {}), "from": d0, "to": d1}
        href = "/ui/events?" + urlencode({k: v for k, v in params.items() if v})
        for q in sorted(c):
            h = c[q] * scale
            y -= h
            colour, name = QUAD.get(q, QUAD[0])
            out.append(
                f'<a href="{escape(href)}"><rect x="{x + min(1, bw / 4):.1f}" y="{y:.1f}" '
                f'width="{max(bw - 2 * min(1, bw / 4), 0.5):.1f}" height="{h:.1f}" fill="{colour}">'
                f"<title>{escape(label)}: {c[q]} {escape(name)}</title></rect></a>"
            )
    step = max(1, len(keys) // 6)
    for i in range(0, len(keys), step):
        x = width - pad - (i + 0.5) * bw
        lab = jalali(keys[i]) if unit == "day" else keys[i]
        out.append(f'<text x="{x:.1f}" y="{height - pad + 16}" font-size="11" text-anchor="middle" '
                   f'fill="#333">{escape(lab or keys[i])}</text>')
        if unit == "day":
            out.append(f'<text x="{x:.1f}" y="{height - pad + 30}" font-size="9" text-anchor="middle" '
                       f'fill="#777">{escape(keys[i])}</text>')
    out.append(f'<text x="{pad - 6}" y="{top + 4}" font-size="11" text-anchor="end" fill="#333">{peak}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def network(
    edges: Sequence[Mapping[str, Any]], names: Mapping[str, str], *, max_nodes: int = 40
) -> Markup:
    """Actors on a circle, an arrow per (actor, recipient, type); nodes link to actor pages."""
    if not edges:
        return Markup('<p class="empty">رابطه‌ای میان بازیگران یافت نشد.</p>')
    degree: Counter[str] = Counter()
    for e in edges:
        degree[e["source"]] += int(e["n"])
        degree[e["target"]] += int(e["n"])
    nodes = [a for a, _ in degree.most_common(max_nodes)]
    keep = set(nodes)
    size, r_ring = 900, 300
    cx = cy = size / 2
    # stride through the ring so that the busiest actors land far apart
    n = len(nodes)
    k = max(1, n // 3 + 1)
    while math.gcd(k, n) != 1:
        k += 1
    angle = {a: 2 * math.pi * ((i * k) % n) / n - math.pi / 2 for i, a in enumerate(nodes)}
    pos = {a: (cx + r_ring * math.cos(t), cy + r_ring * math.sin(t)) for a, t in angle.items()}
    out = [f'<svg class="network" viewBox="0 0 {size} {size}" xmlns="http://www.w3.org/2000/svg" '
           'role="img" aria-label="شبکه بازیگران"><defs>']
    for q, (colour, _) in QUAD.items():
        out.append(f'<marker id="arrow{q}" viewBox="0 0 10 10" refX="18" refY="5" markerWidth="7" '
                   f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
                   f'fill="{colour}"/></marker>')
    out.append("</defs>")
    for e in edges:
        s, t = e["source"], e["target"]
        if s not in keep or t not in keep:
            continue
        (x1, y1), (x2, y2) = pos[s], pos[t]
        q = int(e.get("quad_class") or 0)
        colour, qname = QUAD.get(q, QUAD[0])
        href = "/ui/events?" + urlencode({"actor": s, "recipient": t, "type": e["type"]})
        label = f"{names.get(s, s)} ← {e['type']} ← {names.get(t, t)}: {e['n']} ({qname})"
        out.append(
            f'<a href="{escape(href)}" class="edge"><line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" '
            f'y2="{y2:.1f}" stroke="{colour}" stroke-width="{min(1 + math.log2(int(e["n"])), 6):.1f}" '
            f'stroke-opacity="0.7" marker-end="url(#arrow{q})"><title>{escape(label)}</title></line></a>'
        )
    for a in nodes:
        x, y = pos[a]
        rad = 6 + min(degree[a], 40) / 4
        # labels outside the ring, running away from the centre; the page is
        # right-to-left, so "end" is a Persian label's left edge
        c, sn = math.cos(angle[a]), math.sin(angle[a])
        lx, ly = x + (rad + 6) * c, y + (rad + 6) * sn
        anchor = "end" if c > 0.2 else "start" if c < -0.2 else "middle"
        out.append(
            f'<a href="{escape(actor_href(a))}" class="node"><circle cx="{x:.1f}" cy="{y:.1f}" r="{rad:.1f}" '
            f'fill="#37474f"><title>{escape(names.get(a, a))} ({degree[a]})</title></circle>'
            f'<text x="{lx:.1f}" y="{ly + 5:.1f}" font-size="15" text-anchor="{anchor}" '
            f'fill="#111">{escape(names.get(a, a))}</text></a>'
        )
    out.append("</svg>")
    return Markup("".join(out))
