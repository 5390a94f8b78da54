"""Round-trip a :class:`~khabar.document.Document` through its JSON form.

The contract's span fields are enough to read a document; to rebuild the exact
value (the store and batch round-trips) ``to_dict`` also carries a compact
run-length ``alignment``: ``[text_pos, raw_start, raw_end, length]`` runs in
which both raw offsets advance by one per character.

>>> from khabar.document import Alignment
>>> a = Alignment.identity(4)
>>> decode_alignment(encode_alignment(a), 4) == a
True
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from typing import Any

import numpy as np

from khabar.document import (
    Alignment,
    Cue,
    Document,
    Entity,
    Event,
    Mention,
    Quote,
    Ref,
    Span,
    Timex,
    Token,
    actor_from_dict,
)


def encode_alignment(a: Alignment) -> list[list[int]]:
    """Run-length form of an alignment (vectorized: it runs on every output document)."""
    n = len(a.starts)
    if n == 0:
        return []
    s = np.frombuffer(a.starts, dtype=np.int32) if a.starts.itemsize == 4 else np.array(a.starts)
    e = np.frombuffer(a.ends, dtype=np.int32) if a.ends.itemsize == 4 else np.array(a.ends)
    # a run breaks where either offset does not advance by exactly one
    breaks = np.flatnonzero((s[1:] != s[:-1] + 1) | (e[1:] != e[:-1] + 1)) + 1
    firsts = np.concatenate(([0], breaks))
    lengths = np.diff(np.concatenate((firsts, [n])))
    return [
        [int(i), int(s[i]), int(e[i]), int(k)]
        for i, k in zip(firsts.tolist(), lengths.tolist(), strict=True)
    ]


def decode_alignment(runs: list[list[int]], raw_length: int) -> Alignment:
    starts = array("i")
    ends = array("i")
    for _i, s, e, n in runs:
        starts.extend(range(s, s + n))
        ends.extend(range(e, e + n))
    return Alignment(starts, ends, raw_length)


def _ref(d: Mapping[str, Any] | None) -> Ref | None:
    if d is None:
        return None
    return Ref(d.get("start"), d.get("end"), d.get("entity"), actor_from_dict(d.get("link")))


def document_from_dict(d: Mapping[str, Any]) -> Document:
    raw, text = d["raw"], d["text"]
    if "alignment" in d:
        alignment = decode_alignment(d["alignment"], len(raw))
    elif raw == text:
        alignment = Alignment.identity(len(raw))
    else:
        raise ValueError(
            "this document JSON has no 'alignment' and its text differs from raw; "
            "re-run `khabar analyze` to produce a complete document"
        )
    return Document(
        raw=raw,
        text=text,
        alignment=alignment,
        id=d.get("id", ""),
        published=d.get("published"),
        sentences=tuple(Span(s["start"], s["end"]) for s in d.get("sentences", ())),
        tokens=tuple(Token(t["start"], t["end"], t.get("kind", "word")) for t in d.get("tokens", ())),
        entities=tuple(
            Entity(
                e["id"], e["start"], e["end"], e["label"], actor_from_dict(e.get("link")),
                e.get("source", "ner"), e.get("score"),
            )
            for e in d.get("entities", ())
        ),
        mentions=tuple(
            Mention(m["start"], m["end"], m["kind"], actor_from_dict(m.get("link")), m.get("antecedent"))
            for m in d.get("mentions", ())
        ),
        timexes=tuple(
            Timex(x["start"], x["end"], x["type"], x.get("value"), x["calendar"], x.get("jalali"), x.get("note"))
            for x in d.get("timexes", ())
        ),
        quotes=tuple(
            Quote(
                q["start"],
                q["end"],
                q["direct"],
                Cue(q["cue"]["start"], q["cue"]["end"], q["cue"].get("lemma", q["cue"].get("text", ""))),
                _ref(q.get("speaker")),
            )
            for q in d.get("quotes", ())
        ),
        events=tuple(
            Event(
                id=v["id"],
                type=v["type"],
                mode=v.get("mode"),
                trigger=Span(v["trigger"]["start"], v["trigger"]["end"]),
                sentence=v["sentence"],
                actor=tuple(r for r in (_ref(x) for x in v.get("actor", ())) if r is not None),
                recipient=tuple(r for r in (_ref(x) for x in v.get("recipient", ())) if r is not None),
                contexts=tuple(v.get("contexts", ())),
                cameo=v.get("cameo"),
                goldstein=v.get("goldstein"),
                quad_class=v.get("quad_class"),
                date=v.get("date"),
                location=_ref(v.get("location")),
                negated=v.get("negated", False),
                modality=v.get("modality", "asserted"),
            )
            for v in d.get("events", ())
        ),
        meta=dict(d.get("meta", {})),
        done=frozenset(d.get("layers", ())),
    )
