"""The pipeline version stamped on every batch output line.

A batch run skips documents already written under the *same* pipeline version,
so the version must change whenever the output could: the khabar version, the
component names, their options and import paths, and the bytes of every file
shipped in ``src/khabar/resources`` and ``src/khabar/models`` (dictionaries,
cue lists, trained models). The file digest is computed once per process.

>>> v = pipeline_version(["normalize", "segment"])
>>> v.startswith("0.1.0-") and len(v) == len("0.1.0-") + 12
True
>>> v == pipeline_version(["normalize", "segment"])
True
>>> v != pipeline_version(["normalize"])
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

#: directories under the package whose bytes are part of the version
SHIPPED = ("resources", "models")


def _shipped_files(root: Path) -> list[Path]:
    # Sorted relative paths so the digest does not depend on directory order;
    # bytecode caches are not shipped data.
    out = [
        p
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    ]
    return sorted(out, key=lambda p: p.relative_to(root).as_posix())


@lru_cache(maxsize=1)
def shipped_digest() -> str:
    """SHA-256 over the relative path and bytes of every shipped resource and model file."""
    package = Path(str(files("khabar")))
    h = hashlib.sha256()
    for kind in SHIPPED:
        root = package / kind
        if not root.is_dir():
            continue
        for p in _shipped_files(root):
            h.update(f"{kind}/{p.relative_to(root).as_posix()}\0".encode())
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def pipeline_version(
    names: Sequence[str],
    config: Mapping[str, Mapping[str, Any]] | None = None,
    registry: Mapping[str, str] | None = None,
) -> str:
    """``"<khabar version>-<12 hex>"`` identifying what a pipeline would output.

    ``registry`` is the name → ``module:Class`` table the pipeline is built
    from (default :data:`khabar.pipeline.REGISTRY`); the import paths of the
    named components are hashed so a custom component never shares a version
    with a built-in one of the same name.
    """
    from khabar import __version__
    from khabar.pipeline import REGISTRY

    table = REGISTRY if registry is None else registry
    spec = {
        "names": list(names),
        "paths": {n: table.get(n) for n in names},
        "config": {k: dict(v) for k, v in (config or {}).items()},
    }
    h = hashlib.sha256()
    h.update(__version__.encode())
    h.update(json.dumps(spec, sort_keys=True, ensure_ascii=False, default=repr).encode())
    h.update(shipped_digest().encode())
    return f"{__version__}-{h.hexdigest()[:12]}"
