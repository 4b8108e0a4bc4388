"""The store interface: every backend answers the same queries with the same tables."""

from __future__ import annotations

import contextlib
import math
import os
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from pathlib import Path

from kg.errors import StoreError
from kg.store.formats import TableStream
from kg.store.results import ResultTable, Term, serialize_ntriples

DEFAULT_TIMEOUT = 30.0
DEFAULT_LIMIT = 10_000
#: The largest answer a store hands over, in MB (``KG_MAX_ANSWER_MB``): the remote store counts the
#: body after decompression, the embedded store the text of the cells as its worker gathers them.
DEFAULT_MAX_ANSWER_MB = 256.0


def max_answer_setting() -> float:
    """``KG_MAX_ANSWER_MB``, or the default: megabytes, a positive number."""
    raw = os.environ.get("KG_MAX_ANSWER_MB", "").strip()
    try:
        value = float(raw) if raw else DEFAULT_MAX_ANSWER_MB
    except ValueError as exc:
        raise StoreError(f"KG_MAX_ANSWER_MB must be a number of megabytes, got {raw!r}") from exc
    if not value > 0:
        raise StoreError(f"KG_MAX_ANSWER_MB must be positive, got {raw!r}")
    if not math.isfinite(value) or value > 2**20:  # infinity or 1e400 could not be counted in bytes
        raise StoreError(f"KG_MAX_ANSWER_MB must be a number of megabytes up to {2**20:,} (1 TB), got {raw!r}")
    return value


def too_large(max_answer_mb: float, what: str = "the answer") -> StoreError:
    """The one-line refusal of an answer over the cap."""
    return StoreError(
        f"{what} is larger than the {max_answer_mb:g} MB an answer may be (KG_MAX_ANSWER_MB), "
        "so it was refused; no result is shown: ask for fewer or shorter values"
    )


class Store(ABC):
    """A read-only SPARQL store holding one evidence graph."""

    #: A short name for messages and the app's footer ("embedded", "remote <url>").
    description: str = ""

    @abstractmethod
    def select(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        limit: int | None = DEFAULT_LIMIT,
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> ResultTable:
        """Run a SELECT or ASK query with parameters bound by the engine.

        Raise :class:`kg.errors.QueryError` for an invalid query and
        :class:`kg.errors.StoreError` for a failed, timed-out or partial answer.
        """

    @abstractmethod
    def construct(
        self, sparql: str, bindings: Mapping[str, Term] | None = None, *, timeout: float | None = None
    ) -> str:
        """Run a CONSTRUCT/DESCRIBE query and return the triples as N-Triples text."""

    @contextlib.contextmanager
    def select_stream(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        limit: int | None = DEFAULT_LIMIT,
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> Iterator[TableStream]:
        """The answer of :meth:`select` in batches, for writing it out as it arrives. Here one batch
        (the whole table); the embedded store reads each batch from its worker when asked."""
        table = self.select(sparql, bindings, limit=limit, timeout=timeout)
        yield TableStream(table.columns, [table.rows], table.truncated, table.limit, table.boolean)

    @contextlib.contextmanager
    def construct_stream(
        self,
        sparql: str,
        fmt: str,
        prefixes: Mapping[str, str] | None = None,
        *,
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> Iterator[Iterator[bytes]]:
        """A CONSTRUCT answer serialised in ``fmt`` (see :data:`kg.store.results.RDF_FORMATS`), in parts."""
        triples = self.construct(sparql, timeout=timeout)
        yield iter([serialize_ntriples(triples, fmt, dict(prefixes) if prefixes else None).encode("utf-8")])

    @abstractmethod
    def triple_count(self) -> int:
        """How many triples the store holds."""

    def load_file(self, path: Path) -> None:  # pragma: no cover - overridden where writable
        raise NotImplementedError(f"{self.description} cannot load files")

    def close(self) -> None:
        return None
