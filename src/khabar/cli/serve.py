"""Serve the HTTP API and the web app over a store (uvicorn).

The web pages are at ``/`` (search), ``/ui/events``, ``/ui/actors`` and
``/ui/network``; the API's OpenAPI schema is at ``/openapi.json``. Binds to
127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from khabar.store import DEFAULT_DB

HELP = "serve the HTTP API and web app over the store"
EXAMPLE = """examples:
  khabar serve                                  # var/khabar.db on http://127.0.0.1:8000/
  khabar serve --db var/farsnews.db --port 8080"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=str(DEFAULT_DB), help=f"store file (default {DEFAULT_DB})")
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from khabar.api import create_app

    if not Path(args.db).exists():
        print(f"khabar serve: note: {args.db} does not exist yet; serving an empty store "
              f"(load articles with `khabar ingest FILE --db {args.db}`)", file=sys.stderr)
    app = create_app(args.db)
    print(f"khabar: serving {args.db} on http://{args.host}:{args.port}/", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
