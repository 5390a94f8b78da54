"""Batch processing at archive scale: streaming, parallel, resumable.

``run_batch(IN, OUT)`` reads what :mod:`khabar.reader` reads (JSON lines, JSON
arrays such as farsnews dumps, text, HTML pages, feeds; a file or a directory),
analyzes it in chunks on local worker processes, and writes JSON
lines or Parquet part files plus an errors file; re-running resumes.
:mod:`khabar.distributed` runs the same unit of work on a Dask cluster.
See :mod:`khabar.batch.store` for the output layout and how resume works.
"""

from __future__ import annotations

from khabar.batch.runner import BatchError, BatchReport, run_batch
from khabar.batch.store import read_output
from khabar.batch.version import pipeline_version

__all__ = ["BatchError", "BatchReport", "pipeline_version", "read_output", "run_batch"]
