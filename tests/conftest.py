"""Shared fixtures: where ../shared is, and a skip when it is absent."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT.parent / "shared")).resolve()
DATA = SHARED / "data"


def need(path: Path) -> Path:
    """Return ``path`` or skip the test, saying which shared file is missing."""
    if not path.exists():
        pytest.skip(f"needs {path} (the ../shared data beside the checkout); absent here")
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return need(DATA)


@pytest.fixture(scope="session")
def full_pipeline() -> Any:
    """The full default pipeline, built once for the whole run (models load here).

    Every component ships with the repo, so a pipeline that cannot be built is a
    failure, not a reason to skip.
    """
    from khabar import default_pipeline

    return default_pipeline()
