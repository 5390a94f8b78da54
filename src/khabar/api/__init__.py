"""The HTTP API and web app over a store: :func:`create_app` builds the FastAPI app.

>>> app = create_app(":memory:", analyzer=lambda doc: doc)
>>> sorted(p for p in app.openapi()["paths"] if p.startswith("/export"))
['/export/documents.jsonl', '/export/events.csv']
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI

from khabar.api import errors
from khabar.api.errors import ApiError, LimitsMiddleware
from khabar.document import Document

log = logging.getLogger(__name__)

#: largest request body accepted, in bytes (a 1,000,000-character Persian text is ~2 MB of JSON)
MAX_BODY = 8_000_000

Analyzer = Callable[[Document], Document]


def create_app(
    store_path: str | Path,
    *,
    analyzer: Analyzer | None = None,
    max_body: int = MAX_BODY,
    web: bool = True,
) -> FastAPI:
    """An app serving the store at ``store_path`` (created if missing).

    ``analyzer`` serves ``POST /analyze`` (default: the full pipeline, built on
    the first request, so the app starts even while models load slowly).
    The store stays open for the app's lifetime (test clients run the ASGI
    lifespan once per request); ``app.state.store.close()`` closes it.
    """
    from khabar.store import open_store

    store = open_store(store_path)

    app = FastAPI(
        title="khabar",
        version="0.1.0",
        description="Persian news as entities, actors, quotes, dates and PLOVER/CAMEO events.",
        docs_url=None,  # Swagger UI loads from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )
    app.state.store = store

    def get_analyzer() -> Analyzer:
        nonlocal analyzer
        if analyzer is None:
            try:
                from khabar import default_pipeline

                analyzer = default_pipeline()
            except Exception as e:  # noqa: BLE001 - report any load failure as "unavailable"
                log.error("cannot build the analysis pipeline: %s", e)
                raise ApiError(503, f"the analysis pipeline is unavailable: {e}") from e
        return analyzer

    app.state.get_analyzer = get_analyzer
    errors.install(app)
    app.add_middleware(LimitsMiddleware, max_body=max_body)

    from khabar.api.routes import router

    app.include_router(router)
    if web:
        from khabar.web import mount

        mount(app)
    return app


__all__ = ["MAX_BODY", "create_app"]
