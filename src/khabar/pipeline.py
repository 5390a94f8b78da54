"""An explicit, validated pipeline of pure components.

A component is any callable ``Document -> Document`` with class attributes
``name``, ``requires`` and ``provides`` (layer names from
:data:`khabar.document.LAYERS`). A component may also have a method
``batch(docs) -> list[Document]`` that gives the same documents as calling it on
each, only faster (the NER tagger decodes many articles' sentences together);
:meth:`Pipeline.run_many` uses it. Components are looked up by name in
:data:`REGISTRY`, a table of import paths imported only when a pipeline is
built — never at import time.

>>> p = Pipeline(["normalize", "segment"])
>>> p.names
('normalize', 'segment')
>>> Pipeline(["segment"])  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
khabar.errors.ConfigError: ...
"""

from __future__ import annotations

import importlib
import inspect
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, Protocol, runtime_checkable

from khabar.document import Document
from khabar.errors import ConfigError

log = logging.getLogger(__name__)


@runtime_checkable
class Component(Protocol):
    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    provides: ClassVar[tuple[str, ...]]

    def __call__(self, doc: Document) -> Document: ...


#: name -> "module:Class". Order here is irrelevant; pipelines list names explicitly.
REGISTRY: dict[str, str] = {
    "normalize": "khabar.normalize:Normalizer",
    "segment": "khabar.segment:Segmenter",
    "timex": "khabar.timex:TimexTagger",
    "ner": "khabar.ner:NerTagger",
    "link": "khabar.actors.linker:Linker",
    "quotes": "khabar.quotes:QuoteExtractor",
    "events": "khabar.events:EventCoder",
}

#: The full analysis, in order.
DEFAULT: tuple[str, ...] = ("normalize", "segment", "timex", "ner", "link", "quotes", "events")


def _load(path: str) -> Any:
    """The component class behind a registry entry."""
    module, _, attr = path.partition(":")
    cls = getattr(importlib.import_module(module), attr)
    if not isinstance(cls, type) or not all(hasattr(cls, a) for a in ("name", "requires", "provides")):
        raise ConfigError(f"registry entry {path!r} is not a component class (name/requires/provides)")
    return cls


class Pipeline:
    """Build and run an ordered list of components.

    ``config`` maps a component name to keyword options for its constructor.
    Every problem — unknown names, unknown options, unmet requirements — is
    reported together in one :class:`ConfigError`.
    """

    def __init__(
        self,
        names: Sequence[str] = DEFAULT,
        *,
        config: Mapping[str, Mapping[str, Any]] | None = None,
        registry: Mapping[str, str] | None = None,
    ) -> None:
        registry = REGISTRY if registry is None else registry
        config = dict(config or {})
        problems: list[str] = []
        classes: list[Any] = []
        for n in names:
            if n not in registry:
                problems.append(f"unknown component {n!r} (known: {', '.join(sorted(registry))})")
                continue
            classes.append(_load(registry[n]))
        for n in config:
            if n not in names:
                problems.append(f"options given for {n!r}, which is not in the pipeline")
        available: set[str] = set()
        for cls in classes:
            missing = [r for r in cls.requires if r not in available]
            if missing:
                problems.append(
                    f"{cls.name!r} requires {', '.join(missing)}; put a component providing "
                    f"{'it' if len(missing) == 1 else 'them'} earlier"
                )
            opts = config.get(cls.name, {})
            params = (
                {} if cls.__init__ is object.__init__ else inspect.signature(cls.__init__).parameters
            )
            accepts_any = any(p.kind is p.VAR_KEYWORD for p in params.values())
            unknown = [k for k in opts if k not in params and not accepts_any]
            if unknown:
                problems.append(f"{cls.name!r} has no option(s) {', '.join(map(repr, unknown))}")
            available.update(cls.provides)
        if problems:
            raise ConfigError("invalid pipeline:\n  - " + "\n  - ".join(problems))
        self.names: tuple[str, ...] = tuple(names)
        self.components: tuple[Component, ...] = tuple(
            cls(**config.get(cls.name, {})) for cls in classes
        )

    def __call__(self, doc: Document) -> Document:
        for c in self.components:
            doc = c(doc)
        return doc

    def run_many(self, docs: Sequence[Document]) -> list[Document]:
        """``[self(d) for d in docs]``, stage by stage, with each component's ``batch`` if it has one."""
        out = list(docs)
        for c in self.components:
            batch = getattr(c, "batch", None)
            out = batch(out) if batch is not None else [c(d) for d in out]
        return out

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]:
        """Analyze a stream in order, ``batch_size`` documents at a time (see :meth:`run_many`)."""
        chunk: list[Document] = []
        for d in docs:
            chunk.append(d)
            if len(chunk) >= batch_size:
                yield from self.run_many(chunk)
                chunk = []
        if chunk:
            yield from self.run_many(chunk)

    def analyze(self, raw: str, *, id: str = "", published: str | None = None) -> Document:
        return self(Document.from_text(raw, id=id, published=published))


def run_each(
    analyzer: Callable[[Document], Document], docs: Sequence[Document]
) -> list[Document | Exception]:
    """Each document analyzed, or the exception it raised, in input order.

    A :class:`Pipeline` (anything with ``run_many``) analyzes the documents
    together; if that raises, or ``analyzer`` is a plain function, each is
    analyzed alone, so one bad document costs only itself and its error stays
    with it.
    """
    run_many = getattr(analyzer, "run_many", None)
    if run_many is not None:
        try:
            return list(run_many(docs))
        except Exception:  # noqa: BLE001 - redone one by one below, which pins the error
            log.debug("chunk failed as a batch; analyzing its documents one by one", exc_info=True)
    out: list[Document | Exception] = []
    for d in docs:
        try:
            out.append(analyzer(d))
        except Exception as e:  # noqa: BLE001 - the document's failure, returned in its place
            out.append(e)
    return out
