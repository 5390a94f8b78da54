"""The web app (placeholder until pages land)."""

from __future__ import annotations

from fastapi import FastAPI


def mount(app: FastAPI) -> None:
    del app
