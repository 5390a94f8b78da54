"""The ``khabar`` command: a thin shell over library functions.

Each command lives in its own module exposing ``HELP`` (one line),
``add_arguments(parser)`` and ``run(args) -> int``; only the chosen command's
module is imported. Errors print one line (``khabar: error: …``) and exit
non-zero; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import re
import sys
from collections.abc import Sequence

from khabar.errors import KhabarError

#: command -> (module, one-line help). Explicit, so the order and set are visible.
COMMANDS: dict[str, tuple[str, str]] = {
    "normalize": ("khabar.cli.normalize", "normalize Persian text, one line in, one line out"),
    "analyze": ("khabar.cli.analyze", "analyze an article (or JSON lines) into khabar document JSON"),
    "eval": ("khabar.cli.evaluate", "score the pipeline on gold articles or a CoNLL NER corpus"),
    "events": ("khabar.cli.events", "code events and write them as a GDELT-style CSV"),
    "ingest": ("khabar.cli.ingest", "ingest text, JSON lines, HTML or RSS files into the store"),
    "search": ("khabar.cli.search", "full-text search of the store"),
    "serve": ("khabar.cli.serve", "serve the HTTP API and web app over the store"),
    "batch": ("khabar.cli.batch", "process a large JSONL corpus in parallel (locally or on Dask)"),
    "demo": ("khabar.cli.demo", "analyze the bundled example articles and load them into the store"),
}

EPILOG = "Run 'khabar COMMAND --help' for a command's options and an example."


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="khabar",
        description="Persian news to clean text, entities, quotes, dates and events.",
        epilog=EPILOG,
    )
    p.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    p.add_argument("--version", action="version", version="khabar 0.1.0")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_mod, help_) in COMMANDS.items():
        sub.add_parser(name, help=help_, add_help=False)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    if debug:
        argv.remove("--debug")
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not argv or argv[0] not in COMMANDS:
        parser = _parser()
        if not argv:
            parser.print_help()
            return 2
        parser.parse_args(argv)  # prints help/version or an 'invalid choice' error
        return 2
    name = argv[0]
    module = importlib.import_module(COMMANDS[name][0])
    sub = argparse.ArgumentParser(
        prog=f"khabar {name}",
        description=module.__doc__.strip().splitlines()[0] if module.__doc__ else None,
        epilog=getattr(module, "EXAMPLE", None),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    module.add_arguments(sub)
    args = sub.parse_args(argv[1:])
    try:
        return int(module.run(args))
    except KeyboardInterrupt:
        print("khabar: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except (KhabarError, OSError, ValueError, UnicodeError) as e:
        if debug:
            raise
        # one line, even for an error that lists several problems
        parts = [re.sub(r"^- ", "", ln.strip()) for ln in str(e).splitlines() if ln.strip()]
        msg = " ".join(p if p.endswith(":") else p + ";" for p in parts).rstrip(";") or type(e).__name__
        print(f"khabar {name}: error: {msg}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
