"""A TestClient over a temporary store holding the hand-built sample documents."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from helpers_store import sample_doc
from khabar.api import create_app

with warnings.catch_warnings():
    # starlette warns at import that its httpx-based TestClient is deprecated;
    # it still works, and the suite turns warnings into errors.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def make_client(db: Path, *, analyzer: Any = None, docs: int = 1) -> TestClient:
    app = create_app(db, analyzer=analyzer or (lambda doc: doc))
    for i in range(docs):
        app.state.store.put(sample_doc(f"d{i + 1}", extra=" خبر" * i))
    return TestClient(app, raise_server_exceptions=False)
