"""The embedded store: Oxigraph in memory (pyoxigraph), no server needed.

The graph is loaded once per process from the N-Triples the build wrote. Parameters
are bound with Oxigraph's substitutions (SEP-0007); the same terms are also stated as a
``VALUES`` block (see :mod:`kg.store.binding`) because Oxigraph's planner does not see
substitutions, and a lookup would otherwise scan the whole graph.
"""

from __future__ import annotations

import concurrent.futures
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.store.base import DEFAULT_LIMIT, DEFAULT_TIMEOUT, Store
from kg.store.binding import inject_values
from kg.store.results import ResultTable, Term

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(term: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple:
    if term.kind == "uri":
        return ox.NamedNode(term.value)
    if term.kind == "bnode":
        return ox.BlankNode(term.value)
    if term.lang:
        return ox.Literal(term.value, language=term.lang)
    if term.datatype:
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype))
    return ox.Literal(term.value)


def from_ox(term: object) -> Term:
    """A result cell as a :class:`Term`. Literals come first and each attribute is read once:
    this runs for every cell of every answer, and pyoxigraph builds a new object per attribute read."""
    if type(term) is ox.Literal:
        language = term.language
        if language:
            return Term("literal", term.value, None, language)
        datatype = term.datatype.value
        return Term("literal", term.value, None if datatype == _XSD_STRING else datatype)
    if type(term) is ox.NamedNode:
        return Term("uri", term.value)
    if type(term) is ox.BlankNode:
        return Term("bnode", term.value)
    return Term("triple", str(term))


class EmbeddedStore(Store):
    """Oxigraph in memory; thread-safe for reads."""

    def __init__(self, store: ox.Store | None = None, description: str = "embedded (Oxigraph in memory)") -> None:
        self._store = store if store is not None else ox.Store()
        self.description = description
        self._lock = threading.Lock()

    @classmethod
    def from_file(cls, path: Path) -> EmbeddedStore:
        store = cls()
        store.load_file(path)
        return store

    def load_file(self, path: Path) -> None:
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.N_TRIPLES
        try:
            self._store.bulk_load(path=str(path), format=fmt)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot load {path}: {exc}") from exc

    def load_ntriples(self, data: bytes) -> None:
        self._store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES)

    def _run(self, sparql: str, bindings: Mapping[str, Term] | None, limit: int | None) -> ResultTable:
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            result = self._store.query(with_planner_hint(sparql, bindings), substitutions=substitutions or None)
        except SyntaxError as exc:
            raise QueryError(f"not valid SPARQL: {exc}") from exc
        if isinstance(result, ox.QueryBoolean):
            return ResultTable(columns=[], boolean=bool(result))
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT or ASK query")
        columns = [v.value for v in result.variables]
        rows: list[dict[str, Term]] = []
        truncated = False
        for solution in result:
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            # A solution iterates its values in the order of ``variables``: a third faster than by name.
            rows.append({name: from_ox(value) for name, value in zip(columns, solution) if value is not None})
        return ResultTable(columns=columns, rows=rows, truncated=truncated, limit=limit)

    def select(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        limit: int | None = DEFAULT_LIMIT,
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> ResultTable:
        if timeout is None:
            return self._run(sparql, bindings, limit)
        future = _in_daemon_thread(self._run, sparql, bindings, limit)
        try:
            return future.result(timeout=timeout)
        except concurrent.futures.TimeoutError as exc:
            raise StoreError(f"query timed out after {timeout:g} s; no result is shown") from exc

    def construct(
        self, sparql: str, bindings: Mapping[str, Term] | None = None, *, timeout: float | None = None
    ) -> str:
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            result = self._store.query(with_planner_hint(sparql, bindings), substitutions=substitutions or None)
        except SyntaxError as exc:
            raise QueryError(f"not valid SPARQL: {exc}") from exc
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        data = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
        return data.decode("utf-8") if data else ""

    def triple_count(self) -> int:
        return len(self._store)

    def close(self) -> None:
        """Nothing to release: the store lives in memory, and abandoned queries run in daemon threads."""


def with_planner_hint(sparql: str, bindings: Mapping[str, Term] | None) -> str:
    """The query with its bindings also stated as ``VALUES``, when every one is an IRI or a literal."""
    if not bindings or any(term.kind not in {"uri", "literal"} for term in bindings.values()):
        return sparql
    return inject_values(sparql, bindings)


def _in_daemon_thread(function: Callable[..., ResultTable], *args: object) -> concurrent.futures.Future[ResultTable]:
    """Run a query in a daemon thread: Oxigraph cannot cancel a query, so one abandoned after its
    timeout finishes on its own without keeping the process alive at exit (a thread pool would)."""
    future: concurrent.futures.Future[ResultTable] = concurrent.futures.Future()

    def work() -> None:
        try:
            future.set_result(function(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
            future.set_exception(exc)

    threading.Thread(target=work, name="kg-query", daemon=True).start()
    return future
