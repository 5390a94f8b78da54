"""The batch output directory: chunk part files written atomically, plus state.

Layout of ``OUT``::

    OUT/_khabar_batch.json        manifest: format, chunk size, pipeline
    OUT/part-000000.jsonl         documents of input items 0 … C-1, in input order
    OUT/part-000001.jsonl         (or .parquet) items C … 2C-1, and so on
    OUT/_state/part-000000.json   done-marker: pipeline version, counts, failures
    OUT/errors.jsonl              every failure of every chunk, in input order

How resume works: chunk *k* always holds input items ``k*C … (k+1)*C-1``
(``C`` is fixed by the manifest), so its content does not depend on when or
where it was computed. A chunk's part file is written to a temporary name,
fsynced and renamed; only then is its done-marker written the same way. A
killed run therefore leaves, per chunk, either a complete part and marker,
or no marker (the chunk is recomputed and its part overwritten), or stray
temporary files (deleted on the next run). Re-running skips exactly the
chunks whose marker carries the current pipeline version; chunks written
under another version are recomputed. Concatenating the parts in name order
gives the documents in input order, identical to an uninterrupted run.

A lock file (``flock``) stops two runs writing one ``OUT`` at once; the OS
releases it when a run dies.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from khabar.batch.work import Row
from khabar.errors import ConfigError, InputError
from khabar.reader import Failure

log = logging.getLogger(__name__)

MANIFEST = "_khabar_batch.json"
STATE = "_state"
LOCK = "_khabar_batch.lock"
FORMATS = ("jsonl", "parquet")
_PART = re.compile(r"^part-(\d{6,})\.(jsonl|parquet)$")


def part_name(index: int, fmt: str) -> str:
    return f"part-{index:06d}.{fmt}"


def _atomic_write(path: Path, write: Any) -> None:
    """Write via ``write(tmp_path)`` to a temporary name, fsync, rename over ``path``."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _write_text(path: Path, text: str) -> None:
    _atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_parquet(path: Path, rows: Sequence[Row], version: str) -> None:
    """A part as Parquet: columns ``id``, ``published``, ``pipeline_version``, ``document``.

    ``document`` is the JSON line (``to_dict()`` plus ``pipeline_version``); the
    schema is fixed so that parts written by different runs concatenate.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [("id", pa.string()), ("published", pa.string()), ("pipeline_version", pa.string()),
         ("document", pa.string())],
        metadata={"khabar.pipeline_version": version},
    )
    table = pa.table(
        [[r.id for r in rows], [r.published for r in rows], [version] * len(rows),
         [r.line for r in rows]],
        schema=schema,
    )
    pq.write_table(table, path, compression="zstd")


class OutputDir:
    """Open (or create) a batch output directory for one run; holds its lock."""

    def __init__(self, path: str | Path, *, fmt: str, chunk_size: int, version: str,
                 pipeline: Sequence[str]) -> None:
        if fmt not in FORMATS:
            raise ConfigError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}")
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise InputError(f"{path} is a file; OUT must be a directory (it holds part files)")
        (self.path / STATE).mkdir(parents=True, exist_ok=True)
        self._lock: IO[str] | None = (self.path / LOCK).open("w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            self._lock.close()
            self._lock = None
            raise InputError(f"{path} is being written by another khabar batch run") from e
        self.version = version
        manifest = self._read_manifest()
        if manifest is not None:
            if manifest["format"] != fmt:
                self.close()
                raise ConfigError(
                    f"{path} holds {manifest['format']} output; resume with --format "
                    f"{manifest['format']} or choose another OUT"
                )
            if manifest["chunk_size"] != chunk_size:
                log.warning("resuming %s with its chunk size %d (not %d)", path,
                            manifest["chunk_size"], chunk_size)
                chunk_size = int(manifest["chunk_size"])
        self.fmt, self.chunk_size = fmt, chunk_size
        _write_text(self.path / MANIFEST, json.dumps(
            {"format": fmt, "chunk_size": chunk_size, "pipeline_version": version,
             "pipeline": list(pipeline)}, ensure_ascii=False, indent=1) + "\n")
        self._clean_temporaries()

    def _read_manifest(self) -> dict[str, Any] | None:
        try:
            return dict(json.loads((self.path / MANIFEST).read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (json.JSONDecodeError, ValueError) as e:
            raise InputError(f"{self.path / MANIFEST} is corrupt ({e}); delete it to start over") from e

    def _clean_temporaries(self) -> None:
        # Left by a killed run; safe to delete because we hold the lock.
        for d in (self.path, self.path / STATE):
            for tmp in d.glob(".*.tmp-*"):
                tmp.unlink(missing_ok=True)

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __enter__(self) -> OutputDir:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- chunks -------------------------------------------------------------
    def _marker(self, index: int) -> Path:
        return self.path / STATE / f"part-{index:06d}.json"

    def done_chunks(self) -> dict[int, int]:
        """Chunks complete under the current pipeline version → how many items each held.

        The driver skips a chunk only if it held as many items as it does now: the
        last chunk of a run cut short (``--limit``, a growing file) is redone.
        """
        done: dict[int, int] = {}
        for m in (self.path / STATE).glob("part-*.json"):
            try:
                state = json.loads(m.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError):
                continue  # cannot happen with atomic writes; recompute to be safe
            part = self.path / part_name(state.get("chunk", -1), self.fmt)
            if state.get("pipeline_version") == self.version and part.exists():
                done[int(state["chunk"])] = int(state.get("items", -1))
        return done

    def write_chunk(self, index: int, rows: Sequence[Row], failures: Sequence[Failure],
                    items: int) -> None:
        """Write chunk ``index``'s part file, then its done-marker (each atomically)."""
        part = self.path / part_name(index, self.fmt)
        if self.fmt == "jsonl":
            _write_text(part, "".join(r.line + "\n" for r in rows))
        else:
            _atomic_write(part, lambda tmp: write_parquet(tmp, rows, self.version))
        state = {"chunk": index, "pipeline_version": self.version, "items": items,
                 "documents": len(rows), "failures": [f.to_dict() for f in failures]}
        _write_text(self._marker(index), json.dumps(state, ensure_ascii=False) + "\n")

    def write_errors(self, path: str | Path | None = None) -> tuple[Path, int]:
        """Gather every chunk's failures, in input order, into one JSON-lines file."""
        target = Path(path) if path is not None else self.path / "errors.jsonl"
        lines: list[str] = []
        markers = sorted((self.path / STATE).glob("part-*.json"))
        for m in markers:
            state = json.loads(m.read_text(encoding="utf-8"))
            if state.get("pipeline_version") != self.version:
                continue
            lines.extend(json.dumps(f, ensure_ascii=False) + "\n" for f in state["failures"])
        _write_text(target, "".join(lines))
        return target, len(lines)


def part_files(path: str | Path) -> list[Path]:
    """The part files of a batch output directory, in input order."""
    found = [p for p in Path(path).iterdir() if _PART.match(p.name)]
    return sorted(found, key=lambda p: int(_PART.match(p.name).group(1)))  # type: ignore[union-attr]


def read_output(path: str | Path) -> Iterator[dict[str, Any]]:
    """Every output document of a batch run (JSONL or Parquet), in input order."""
    for part in part_files(path):
        if part.suffix == ".jsonl":
            with part.open(encoding="utf-8") as f:
                for line in f:
                    yield json.loads(line)
        else:
            import pyarrow.parquet as pq

            for doc in pq.read_table(part, columns=["document"]).column("document").to_pylist():
                yield json.loads(doc)
