"""The embedded store: Oxigraph in memory (pyoxigraph), no server needed (its answers: :mod:`kg.store.answers`).

The graph is loaded once per process from the N-Triples the build wrote. Parameters
are bound with Oxigraph's substitutions (SEP-0007); the same terms are also stated as a
``VALUES`` block (see :mod:`kg.store.binding`) because Oxigraph's planner does not see
substitutions, and a lookup would otherwise scan the whole graph.

Oxigraph cannot cancel a query and has no switch to turn ``SERVICE`` (federation over HTTP)
off. So on Linux this process only loads the graph, and every query runs in a worker process
forked from it (:mod:`kg.store.workers`): one without network access, with a memory ceiling,
killed at its timeout. Elsewhere, or with ``KG_QUERY_WORKERS=0``, queries run in threads of
this process as before (a timed-out one keeps running), and ``description`` says so.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import threading
import weakref
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from kg.errors import StoreError
from kg.project.graph_store import descriptors_under
from kg.store.answers import answer, rows_of, table_from
from kg.store.base import DEFAULT_LIMIT, DEFAULT_TIMEOUT, Store, max_answer_setting, too_large
from kg.store.binding import inject_values
from kg.store.child import Parts
from kg.store.formats import TableStream
from kg.store.results import RDF_FORMATS, ResultTable, Term
from kg.store.workers import DEFAULT_MEMORY_MB, DEFAULT_WORKERS, SUPPORTED, WorkerPool


def _setting(explicit: int | None, variable: str, default: int, least: int | None = None) -> int:
    """A whole-number setting; ``least``: the smallest that makes sense (a ceiling of -5 MB read as "the
    query needed more than -5 MB", one of 10^20 MB as "could not start a query worker")."""
    if explicit is not None:
        return explicit
    raw = os.environ.get(variable, "").strip()
    try:
        value = int(raw) if raw else default
    except ValueError as exc:
        raise StoreError(f"{variable} must be a whole number, got {raw!r}") from exc
    if least is not None and not least <= value <= _MOST_MB:
        raise StoreError(f"{variable} must be a number of megabytes from {least} to {_MOST_MB:,}, got {raw!r}")
    return value


#: The largest memory setting taken (1 TB): past the address space a process can ask for.
_MOST_MB = 2**20


class EmbeddedStore(Store):
    """Oxigraph in memory; thread-safe for reads.

    ``memory_mb`` (default: ``KG_QUERY_MEMORY_MB`` or 2048) is what one query may allocate beyond
    the loaded graph; ``workers`` (default: ``KG_QUERY_WORKERS`` or 4) is how many queries run at
    once, each in its own process; 0 runs them in threads of this process instead. ``max_answer_mb``
    (default ``KG_MAX_ANSWER_MB`` or 256) bounds an answer: the worker counts the text of the cells
    (or of the triples) as it gathers them and refuses past it, and the parent reads no larger
    message, so nothing held in this process grows with a query's answer beyond the cap. Write the store
    only through ``load_file`` and ``load_ntriples``: they replace the workers, which were forked
    with the graph as it was.
    """

    def __init__(
        self,
        store: ox.Store | None = None,
        description: str = "embedded (Oxigraph in memory)",
        *,
        memory_mb: int | None = None,
        workers: int | None = None,
        folder: Path | None = None,
        max_answer_mb: float | None = None,
    ) -> None:
        self._store = store if store is not None else ox.Store()
        #: The on-disk store's folder (its files stay open in the query workers), or None in memory.
        self.folder = folder
        self._description = description
        self._count: int | None = None
        self.memory_mb = _setting(memory_mb, "KG_QUERY_MEMORY_MB", DEFAULT_MEMORY_MB, least=64)
        self.max_answer_mb = max_answer_mb if max_answer_mb is not None else max_answer_setting()
        cap = int(self.max_answer_mb * 2**20)
        count = _setting(workers, "KG_QUERY_WORKERS", DEFAULT_WORKERS)
        self._pool: WorkerPool | None = None
        if count > 0 and SUPPORTED:
            keep = partial(descriptors_under, folder) if folder is not None else None
            self._pool = WorkerPool(
                partial(answer, self._store),
                memory_mb=self.memory_mb,
                max_workers=count,
                keep_fds=keep,
                max_message=cap + cap // 4 + 2**20,  # the cells' text plus marshal's few bytes a cell
                oversize=str(too_large(self.max_answer_mb)),
            )
            weakref.finalize(self, self._pool.close)  # also at exit
        self._lock = self._pool.store_lock if self._pool is not None else threading.Lock()
        self._in_process_why = "KG_QUERY_WORKERS=0" if count <= 0 else "worker processes need Linux"

    @classmethod
    def from_file(cls, path: Path, *, memory_mb: int | None = None, workers: int | None = None) -> EmbeddedStore:
        store = cls(memory_mb=memory_mb, workers=workers)
        store.load_file(path)
        return store

    @classmethod
    def on_disk(
        cls, store: ox.Store, folder: Path, *, memory_mb: int | None = None, workers: int | None = None
    ) -> EmbeddedStore:
        """Over an on-disk store opened read-only (:mod:`kg.store.disk`): nothing to load."""
        description = f"embedded (Oxigraph on disk, read-only: {folder})"
        return cls(store, description, memory_mb=memory_mb, workers=workers, folder=folder)

    # --- loading: the only use of the store in this process ---------------------------------

    def load_file(self, path: Path) -> None:
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.N_TRIPLES
        with self._pool.exclusive() if self._pool is not None else self._lock:
            self._count = None
            try:
                self._store.bulk_load(path=str(path), format=fmt)
            except (OSError, SyntaxError, ValueError) as exc:
                raise StoreError(f"cannot load {path}: {exc}") from exc

    def load_ntriples(self, data: bytes) -> None:
        with self._pool.exclusive() if self._pool is not None else self._lock:
            self._count = None
            self._store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES)

    def triple_count(self) -> int:
        """Counted here (not in a worker: it is quick and cannot run away), once per load."""
        with self._lock:
            if self._count is None:
                self._count = len(self._store)
            return self._count

    # --- queries: in a worker process -------------------------------------------------------

    @contextlib.contextmanager
    def _stream(self, request: tuple[object, ...], timeout: float | None) -> Iterator[tuple[object, Iterator[object]]]:
        """The answer's head and an iterator of its parts, read from the worker while the context lasts."""
        if self._pool is not None:
            with self._pool.stream(request, timeout) as (head, parts):
                yield head, parts if parts is not None else iter(())
            return
        if timeout is None:
            reply = answer(self._store, request)
        else:
            future = _in_daemon_thread(partial(answer, self._store, request))
            try:
                reply = future.result(timeout=timeout)
            except concurrent.futures.TimeoutError as exc:
                raise StoreError(f"query timed out after {timeout:g} s; no result is shown") from exc
        if isinstance(reply, Parts):
            held = reply.parts
            yield reply.head, (held.pop(0) for _ in range(len(held)))  # each part freed once read
        else:
            yield reply, iter(())

    def select(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        limit: int | None = DEFAULT_LIMIT,
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> ResultTable:
        request = ("select", with_planner_hint(sparql, bindings), _plain_bindings(bindings), limit, self._cap())
        with self._stream(request, timeout) as (head, parts):
            return table_from(head, parts, limit)

    @contextlib.contextmanager
    def select_stream(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        limit: int | None = DEFAULT_LIMIT,
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> Iterator[TableStream]:
        """The answer a batch at a time, each read from the worker as the caller asks for it."""
        request = ("select", with_planner_hint(sparql, bindings), _plain_bindings(bindings), limit, self._cap())
        with self._stream(request, timeout) as (head, parts):
            assert isinstance(head, tuple)
            if head[0] == "ask":
                yield TableStream(columns=[], boolean=head[1])
            else:
                yield TableStream(list(head[1]), rows_of(head[1], parts), truncated=head[2], limit=limit)

    def construct(
        self, sparql: str, bindings: Mapping[str, Term] | None = None, *, timeout: float | None = None
    ) -> str:
        request = ("construct", with_planner_hint(sparql, bindings), _plain_bindings(bindings), None, self._cap())
        with self._stream(request, timeout) as (_, parts):
            return b"".join(cast(Iterator[bytes], parts)).decode("utf-8")

    @contextlib.contextmanager
    def construct_stream(
        self,
        sparql: str,
        fmt: str,
        prefixes: Mapping[str, str] | None = None,
        *,
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> Iterator[Iterator[bytes]]:
        """The triples serialised by the worker in ``fmt`` (a name of :data:`RDF_FORMATS`), a part at a time."""
        target = RDF_FORMATS[fmt]
        shown = dict(prefixes) if prefixes and target != "N_TRIPLES" else None
        request: tuple[object, ...] = ("construct", sparql, {}, None, self._cap(), (target, shown))
        with self._stream(request, timeout) as (_, parts):
            yield cast(Iterator[bytes], parts)

    def _cap(self) -> tuple[int, float]:
        return int(self.max_answer_mb * 2**20), self.max_answer_mb

    # --- what the store is ------------------------------------------------------------------

    @property
    def sandboxed(self) -> bool:
        """True when queries run in worker processes that cannot reach any network."""
        return self._pool is not None and self._pool.isolation()[0]

    @property
    def description(self) -> str:
        if self._pool is None:
            return (
                f"{self._description}; queries in this process ({self._in_process_why}): "
                "not stopped at their timeout, no memory ceiling, SERVICE not blocked"
            )
        isolated, why_not = self._pool.isolation()
        where = "sandboxed worker processes (no network)" if isolated else "worker processes"
        text = f"{self._description}; queries in {where}, {self.memory_mb} MB each, stopped at their timeout"
        return text if isolated else f"{text}; NOT isolated from the network ({why_not})"

    @description.setter
    def description(self, value: str) -> None:
        self._description = value

    def worker_pids(self) -> list[int]:
        """The process ids of the idle query workers (for diagnostics and tests)."""
        return self._pool.pids() if self._pool is not None else []

    def close(self) -> None:
        """Stop the query workers (they also die with this process)."""
        if self._pool is not None:
            self._pool.close()


def with_planner_hint(sparql: str, bindings: Mapping[str, Term] | None) -> str:
    """The query with its bindings also stated as ``VALUES``, when every one is an IRI or a literal."""
    if not bindings or any(term.kind not in {"uri", "literal"} for term in bindings.values()):
        return sparql
    return inject_values(sparql, bindings)


def _plain_bindings(bindings: Mapping[str, Term] | None) -> dict[str, tuple[str, str, str | None, str | None]]:
    return {name: (t.kind, t.value, t.datatype, t.lang) for name, t in (bindings or {}).items()}


def _in_daemon_thread(function: Callable[[], object]) -> concurrent.futures.Future[object]:
    """Run a query in a daemon thread (where there are no workers): Oxigraph cannot cancel a query,
    so one abandoned after its timeout finishes on its own without keeping the process alive at exit."""
    future: concurrent.futures.Future[object] = concurrent.futures.Future()

    def work() -> None:
        try:
            future.set_result(function())
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
            # Without their tracebacks: pyoxigraph's objects in those frames must die in this thread.
            cause: BaseException | None = exc
            while cause is not None:
                cause.__traceback__ = None
                cause = cause.__cause__ or cause.__context__
            future.set_exception(exc)

    threading.Thread(target=work, name="kg-query", daemon=True).start()
    return future
