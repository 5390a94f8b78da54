"""Full-text search of the store; a word matches in any ZWNJ spelling.

Prints one hit per line: id, date, title and a snippet (``--json`` for JSON lines).
"""

from __future__ import annotations

import argparse
import json

from khabar.store import DEFAULT_DB

HELP = "full-text search of the store"
EXAMPLE = """examples:
  khabar search "آتش بس"                  # also finds آتش‌بس and آتشبس
  khabar search "لاوروف ایران" --limit 5 --json --db var/khabar.db"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", help="words to find (all must occur)")
    p.add_argument("--db", default=str(DEFAULT_DB), help=f"store file (default {DEFAULT_DB})")
    p.add_argument("--limit", type=int, default=20, help="hits to show (default 20)")
    p.add_argument("--json", action="store_true", help="one JSON object per hit")


def run(args: argparse.Namespace) -> int:
    from khabar.store import open_store
    from khabar.store.sqlite import MARK_CLOSE, MARK_OPEN

    with open_store(args.db, readonly=True) as store:
        hits = store.search(args.query, limit=args.limit)
        total = store.count(args.query)
    for h in hits:
        snippet = " ".join(h.snippet.replace(MARK_OPEN, "[").replace(MARK_CLOSE, "]").split())
        if args.json:
            print(json.dumps({"id": h.id, "published": h.published, "title": h.title,
                              "url": h.url, "snippet": snippet}, ensure_ascii=False))
        else:
            print(f"{h.id}\t{h.published or '-'}\t{h.title or ''}\t{snippet}")
    if not args.json:
        import sys

        print(f"{total} documents match", file=sys.stderr)
    return 0 if hits else 1
