"""Time the ``events`` component alone on the farsnews articles.

Usage: .venv/bin/python benchmarks/bench_events.py [--limit 1500] [--dump out.jsonl] [--profile]

The earlier stages (normalize … quotes) run once and their documents are
cached (pickled) in ``--cache``; then ``EventCoder()`` is timed over the
cached documents (best of ``--rounds``, CPU time per article). ``--dump``
writes each article's events as JSON lines, to diff the output of two
versions of the coder.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pickle
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from throughput import DATA, load_articles  # noqa: E402

from khabar.document import Document  # noqa: E402
from khabar.events import EventCoder  # noqa: E402
from khabar.pipeline import DEFAULT, Pipeline  # noqa: E402


def cached_docs(limit: int, cache: Path) -> list[Document]:
    if cache.exists():
        docs: list[Document] = pickle.loads(cache.read_bytes())
        if len(docs) >= limit:
            return docs[:limit]
    pipe = Pipeline([n for n in DEFAULT if n != "events"])
    docs = [pipe(Document.from_text(a.text, id=a.id)) for a in load_articles(DATA, limit)]
    cache.write_bytes(pickle.dumps(docs))
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=1500)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/khabar-events-bench.pkl"))
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    docs = cached_docs(args.limit, args.cache)
    coder = EventCoder()
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as f:
            for d in docs:
                out = coder(d).to_dict()
                f.write(json.dumps({"id": d.id, "events": out.get("events")}, ensure_ascii=False) + "\n")
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for d in docs:
            coder(d)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
        return 0
    best = float("inf")
    for _ in range(args.rounds):
        t = time.process_time()
        for d in docs:
            coder(d)
        best = min(best, (time.process_time() - t) / len(docs) * 1000)
    chars = sum(len(d.text) for d in docs) / len(docs)
    print(f"events: {best:.2f} ms CPU per article (best of {args.rounds}; {len(docs)} articles, "
          f"avg {chars:.0f} chars)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
