"""Reading a query in a worker process of its own: bounded by the query's deadline, never serialised.

rdflib's parser is pyparsing, whose parse actions are not safe to run from two threads at once
(two sessions of the app checking a query at the same moment got "postParse2() takes 2 positional
arguments"), and a reading cannot be stopped from outside. Both used to be met with one global
lock: a 20 KB query then held ``kg serve`` (another client waited 14 s) and the app's console
(another session waited 24 s), and no deadline applied to it.

Here each reading runs in a forked worker process of a small pool (:class:`kg.store.workers.WorkerPool`,
the machinery the embedded store's queries use: sandboxed, with a memory ceiling, killed and
replaced at the deadline). A worker reads one query at a time, so no lock is needed; several
queries are read at once in several workers, and one that passes its deadline is abandoned with
its process, its memory freed at once. A warm worker adds a pipe round trip (well under a
millisecond) to a reading that takes tens to hundreds of milliseconds.

Where workers are not available (not Linux), or with ``KG_PARSE_WORKERS=0``, readings run in the
caller's thread under :data:`FALLBACK_LOCK`, as before: serialised and without a deadline.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

from kg.errors import QueryError, StoreError
from kg.store.workers import SUPPORTED, WorkerPool

#: Readings at once (each a process); ``KG_PARSE_WORKERS`` overrides, 0 reads in the caller's thread.
DEFAULT_WORKERS = 4
#: What one reading may allocate beyond the forked process (the 60 KB cap reads in far less).
MEMORY_MB = 1024
#: Serialises readings in the caller's thread, where there are no workers (see the module docstring).
FALLBACK_LOCK = threading.Lock()


def _workers() -> int:
    raw = os.environ.get("KG_PARSE_WORKERS", "").strip()
    try:
        return int(raw) if raw else DEFAULT_WORKERS
    except ValueError:
        raise QueryError(f"KG_PARSE_WORKERS must be a whole number, got {raw!r}") from None


def _prepare() -> None:
    """Import everything a reading uses before the first fork: the worker does no imports of its own."""
    import pyparsing  # noqa: F401
    import rdflib.plugins.sparql.parser  # noqa: F401
    import rdflib.plugins.sparql.parserutils  # noqa: F401


class Readers:
    """The pool of reading processes, started at the first reading; ``handler`` runs in the worker."""

    def __init__(self, handler: Callable[[Any], Any]) -> None:
        self._handler = handler
        self._pool: WorkerPool | None = None
        self._lock = threading.Lock()

    def _get(self) -> WorkerPool | None:
        count = _workers()
        if count <= 0 or not SUPPORTED:
            return None
        with self._lock:
            if self._pool is None or self._pool.max_workers != count:
                _prepare()
                if self._pool is not None:  # KG_PARSE_WORKERS changed: the old readers are not kept
                    self._pool.close()
                self._pool = WorkerPool(self._handler, memory_mb=MEMORY_MB, max_workers=count)
            return self._pool

    def call(self, request: tuple[Any, ...], where: str, timeout: float | None) -> Any:
        """The handler's answer to ``request``, read in a worker within ``timeout`` seconds.

        A :class:`QueryError` raised by the handler comes back as itself; a reading stopped at its
        deadline, or a worker that died, as a :class:`QueryError` in one line."""
        pool = self._get()
        if pool is None:
            with FALLBACK_LOCK:
                return self._handler(request)
        try:
            return pool.call(request, timeout)
        except StoreError as exc:
            if "timed out" in str(exc):
                raise QueryError(
                    f"{where}: reading the query took longer than its {timeout:g} s, so it was stopped; "
                    "make it shorter or simpler"
                ) from None
            raise QueryError(f"{where}: the query could not be read: {exc}") from None

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None
