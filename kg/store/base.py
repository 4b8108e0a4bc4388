"""The store interface: every backend answers the same queries with the same tables."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from pathlib import Path

from kg.store.results import ResultTable, Term

DEFAULT_TIMEOUT = 30.0
DEFAULT_LIMIT = 10_000


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

    @abstractmethod
    def triple_count(self) -> int:
        """How many triples the store holds."""

    def load_file(self, path: Path) -> None:  # pragma: no cover - overridden where writable
        raise NotImplementedError(f"{self.description} cannot load files")

    def close(self) -> None:
        return None
