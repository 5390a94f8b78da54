"""Political event coding: Persian news to PLOVER events with CAMEO codes.

:class:`EventCoder` is the pipeline component (``events``); the dictionary
lives in ``resources/events/`` and :mod:`khabar.events.export` writes
GDELT-style tables and readable lines.
"""

from khabar.events.coder import EventCoder

__all__ = ["EventCoder"]
