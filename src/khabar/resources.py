"""Locate data files shipped inside the package (``resources/``, ``models/``).

The installed package never reads ``../shared``; everything it needs at run
time ships here.

>>> resource_path("README.md").name
'README.md'
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from khabar.errors import ResourceError


def _path(kind: str, *parts: str) -> Path:
    p = Path(str(files("khabar"))) / kind
    for part in parts:
        p = p / part
    if not p.exists():
        raise ResourceError(
            f"khabar {kind} file {'/'.join(parts)!r} is missing from {p.parent}; "
            "reinstall khabar (pip install -e .) or restore it from git"
        )
    return p


def resource_path(*parts: str) -> Path:
    return _path("resources", *parts)


def model_path(*parts: str) -> Path:
    return _path("models", *parts)


@lru_cache(maxsize=64)
def load_yaml(*parts: str) -> Any:
    import yaml

    with resource_path(*parts).open(encoding="utf-8") as f:
        return yaml.safe_load(f)
