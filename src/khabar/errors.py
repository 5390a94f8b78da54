"""khabar's exceptions: each subclasses the builtin it refines and says how to fix the problem."""

from __future__ import annotations


class KhabarError(Exception):
    """Base class of every error khabar raises on purpose."""


class ConfigError(KhabarError, ValueError):
    """A pipeline or component was configured wrongly."""


class InputError(KhabarError, ValueError):
    """The input cannot be processed (empty, binary, malformed)."""


class ResourceError(KhabarError, FileNotFoundError):
    """A shipped resource or model file is missing or invalid."""


class StoreError(KhabarError, RuntimeError):
    """The document store refused an operation."""
