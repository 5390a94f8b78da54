"""The web app: right-to-left Persian pages over the store, served with the API.

:func:`mount` adds the pages and the local static files (CSS, JS, the
Vazirmatn font when ``make fonts`` has fetched it) to an app. Nothing is
loaded from another origin, so the pages work offline.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"


def mount(app: FastAPI) -> None:
    """Add the web pages and ``/static`` to ``app``."""
    from khabar.web.pages import router

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(router)
