"""Queries in killable, sandboxed worker processes: a timed-out query is stopped, not abandoned.

Oxigraph cannot cancel a query, and a thread cannot be killed: a runaway query (a cross product
with ORDER BY) abandoned at its timeout kept running and took the Streamlit server to 6.7 GB.
A process can be killed, and the kernel frees all its memory at once.

Design, and why:

* **Forked, persistent workers.** The parent loads the graph and never queries it itself; a few
  worker processes are forked from it and answer queries from a pipe, one at a time, for as long
  as they are healthy. Fork shares the loaded graph copy-on-write: nothing is reloaded or copied.
  A fresh worker (fork, sandbox, first answer) takes ~2.6 ms at 21k triples and ~6 ms at 1.2M
  (the page tables); a fork per query would add that to every lookup. A persistent worker adds a
  pipe round trip: a small lookup took 0.12 ms p50 / 0.17 ms p95 at both sizes, against 0.07-0.15 ms
  for a query in the caller's thread, and 0.15 / 4 ms with the thread per query that the timeout
  needed before (idle machine; ``benchmarks/query_workers.py``). A worker is replaced only after a
  timeout, a crash, a reload of the store, or a query that grew its resident memory by more than
  :data:`kg.store.child.RETIRE_GROWTH` (so that an idle worker does not keep a big answer's heap).
* **One forking thread** (:mod:`kg.store.forker`): ``PR_SET_PDEATHSIG`` fires when the *thread*
  that forked a child ends, and Streamlit runs each script in a short-lived thread.
* **Fork safety**: see :mod:`kg.store.forker` (the child touches nothing another thread may hold).
* **Plain data on the wire** (:mod:`kg.store.child`): requests and answers are tuples of str,
  int and None. The worker applies the row limit itself (it stops at limit+1 rows), so a cut
  answer is never built or sent; the parent turns cells into :class:`kg.store.results.Term`.
* **Stopping.** Past the deadline the parent sends SIGKILL and reaps the worker (``waitpid``)
  before it raises, so when the caller sees "timed out" the memory is already free (the kernel
  releases it before the process becomes a zombie: ~50 ms for a 1.3 GB runaway) and no zombie is
  left; the next query gets a fresh fork. A worker that dies (at the memory ceiling Rust aborts
  on a failed allocation) is reaped and replaced the same way.
* **Concurrency.** Each ``call`` takes an idle worker, forks one if fewer than ``max_workers``
  live, or waits (the wait counts against its timeout). The worst case of memory is
  ``max_workers`` × the ceiling; the defaults (4 × 2 GiB) are settable per store or with
  ``KG_QUERY_WORKERS`` and ``KG_QUERY_MEMORY_MB``.
"""

from __future__ import annotations

import contextlib
import fcntl
import marshal
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from kg.errors import QueryError, StoreError
from kg.store.child import (
    DeadlineError,
    Handler,
    OversizeError,
    Parts,
    WorkerProcess,
    child_main,
    death_message,
    receive,
    send,
)
from kg.store.forker import FORKER

#: Workers need fork, prctl and unshare: Linux only (elsewhere the store queries in threads).
SUPPORTED = sys.platform.startswith("linux") and hasattr(os, "fork")
DEFAULT_MEMORY_MB = 2048
DEFAULT_WORKERS = 4
_START_TIMEOUT = 10.0
_F_SETPIPE_SZ = 1031  # fcntl.F_SETPIPE_SZ (Python 3.10+ on Linux), by number for older type stubs
_PIPE_SIZE = 1 << 20


class WorkerPool:
    """Up to ``max_workers`` forked workers running ``handler`` on requests; see the module docstring."""

    def __init__(
        self,
        handler: Handler,
        *,
        memory_mb: int,
        max_workers: int,
        keep_fds: Callable[[], tuple[int, ...]] | None = None,
        max_message: int | None = None,
        oversize: str = "the answer is too large",
    ) -> None:
        self.memory_mb = memory_mb
        #: The largest answer read from a worker, in bytes (None: any), and the refusal past it.
        self.max_message, self._oversize = max_message, oversize
        #: The descriptors a worker keeps open (an on-disk store's files), asked for at each fork.
        self._keep_fds = keep_fds
        self.max_workers = max(1, max_workers)
        self._handler = handler
        #: Held while the parent writes or reads the store and while it forks: a child never sees it half-written.
        self.store_lock = threading.Lock()
        self._cond = threading.Condition()
        self._idle: list[WorkerProcess] = []
        self._live = 0
        self._generation = 0
        self._closed = False
        self._owner = os.getpid()
        self._isolation: tuple[bool, str] | None = None

    # --- answering ---------------------------------------------------------------

    def call(self, request: Any, timeout: float | None) -> Any:
        """The handler's answer to ``request`` from a worker (its parts gathered), or StoreError/QueryError."""
        with self.stream(request, timeout) as (head, parts):
            return head if parts is None else Parts(head, list(parts))

    @contextlib.contextmanager
    def stream(self, request: Any, timeout: float | None) -> Iterator[tuple[Any, Iterator[Any] | None]]:
        """``(head, parts)``: the handler's answer, or the head of one in :class:`Parts` and an iterator
        reading its parts from the worker one at a time (None when it has none). The worker is held
        until the context ends; one whose parts were not all read is stopped."""
        deadline = None if timeout is None else time.monotonic() + timeout
        data = marshal.dumps(request)
        worker = self._acquire(deadline, timeout)
        healthy = False
        try:
            payload, retire, count = self._head(worker, data, deadline, timeout)
            if not count:
                healthy = not retire
                yield payload, None
                return
            read = [0]
            yield payload, self._parts(worker, count, timeout, read)
            healthy = not retire and read[0] == count
        finally:
            self._release(worker, healthy)

    def _head(self, worker: WorkerProcess, data: bytes, deadline: float | None, timeout: float | None) -> Any:
        try:
            send(worker.to_child, data)
            message = receive(worker.from_child, deadline, self.max_message)
        except BrokenPipeError:
            message = None
        except OversizeError:  # not read: the worker is stopped (by the caller), its message with it
            raise StoreError(self._oversize) from None
        except DeadlineError:
            raise StoreError(f"query timed out after {timeout:g} s; no result is shown") from None
        if message is None:
            raise StoreError(death_message(self.memory_mb, worker.stop(), None))
        status, payload, retire, count = marshal.loads(message)
        if status == "ok":
            return payload, retire, count
        if status == "query":
            raise QueryError(payload)
        if status == "store":
            raise StoreError(payload)
        if status == "memory":
            raise StoreError(death_message(self.memory_mb, None, "memory"))
        raise StoreError(f"the query failed: {payload}")

    def _parts(self, worker: WorkerProcess, count: int, timeout: float | None, read: list[int]) -> Iterator[Any]:
        """The parts, each within ``timeout`` of asking (the worker has them ready: it only waits for the pipe)."""
        while read[0] < count:
            try:
                deadline = None if timeout is None else time.monotonic() + timeout
                message = receive(worker.from_child, deadline, self.max_message)
            except OversizeError:
                raise StoreError(self._oversize) from None
            except DeadlineError:
                raise StoreError(f"the answer stopped arriving for {timeout:g} s; it is cut") from None
            if message is None:
                raise StoreError(death_message(self.memory_mb, worker.stop(), None))
            read[0] += 1
            yield marshal.loads(message)

    # --- the workers ----------------------------------------------------------------

    def _acquire(self, deadline: float | None, timeout: float | None) -> WorkerProcess:
        """An idle worker, else a new fork (under ``max_workers``), else wait for one to be free."""
        dead: list[WorkerProcess] = []
        try:
            with self._cond:
                if self._owner != os.getpid():  # this process was forked: those workers are not ours
                    for worker in self._idle:
                        worker.forget()
                    self._idle, self._live, self._owner = [], 0, os.getpid()
                while True:
                    if self._closed:
                        raise StoreError("the store is closed")
                    while self._idle:
                        worker = self._idle.pop()
                        if worker.alive():
                            return worker
                        dead.append(worker)
                        self._live -= 1
                    if self._live < self.max_workers:
                        self._live += 1
                        break
                    remaining = None if deadline is None else deadline - time.monotonic()
                    if remaining is not None and remaining <= 0:
                        raise StoreError(
                            f"query timed out after {timeout:g} s waiting for a free query worker "
                            f"(all {self.max_workers} were busy); no result is shown"
                        )
                    self._cond.wait(remaining)
        finally:
            for worker in dead:
                worker.stop()
        try:
            return self._start()
        except BaseException:
            with self._cond:
                self._live -= 1
                self._cond.notify()
            raise

    def _release(self, worker: WorkerProcess, healthy: bool) -> None:
        with self._cond:
            keep = healthy and not self._closed and worker.generation == self._generation
            if keep:
                self._idle.append(worker)
                self._cond.notify()
                return
        worker.stop()  # before a replacement can be forked: a runaway's memory is free first
        with self._cond:
            self._live -= 1
            self._cond.notify()

    def _start(self) -> WorkerProcess:
        # The store lock is taken here, not in the forking thread, which a long load of another
        # store would otherwise hold up.
        with self.store_lock:
            worker = FORKER.run(self._fork)
        try:
            hello = receive(worker.from_child, time.monotonic() + _START_TIMEOUT)
            _, (isolated, note), _ = marshal.loads(hello) if hello is not None else (None, (None, ""), None)
        except (DeadlineError, ValueError, TypeError, EOFError):
            isolated = None
        if isolated is None:
            status = worker.stop()
            raise StoreError(f"could not start a query worker process (wait status {status})")
        with self._cond:
            if self._isolation is None or not isolated:  # once a worker was not isolated, say so
                self._isolation = (isolated, note)
        return worker

    def _fork(self) -> WorkerProcess:
        """Runs in the forking thread while the caller holds the store lock. The child never returns from here."""
        request_read, request_write = os.pipe()
        answer_read, answer_write = os.pipe()
        with contextlib.suppress(OSError):  # fewer wake-ups for big answers; the default (64 KiB) works too
            fcntl.fcntl(answer_write, _F_SETPIPE_SZ, _PIPE_SIZE)
        parent, generation = os.getpid(), self._generation
        keep = self._keep_fds() if self._keep_fds is not None else ()
        pid = os.fork()
        if pid == 0:
            child_main(request_read, answer_write, self._handler, self.memory_mb * 2**20, parent, keep)
        os.close(request_read)
        os.close(answer_write)
        return WorkerProcess(pid, request_write, answer_read, generation)

    # --- the store's life -----------------------------------------------------------------

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold while writing the store: no fork meanwhile; afterwards every worker is replaced."""
        stale: list[WorkerProcess] = []
        try:
            with self.store_lock:
                try:
                    yield
                finally:  # even a failed load may have changed the store
                    with self._cond:
                        self._generation += 1
                        stale, self._idle = self._idle, []
                        self._live -= len(stale)
                        self._cond.notify_all()
        finally:
            for worker in stale:
                worker.stop()

    def isolation(self) -> tuple[bool, str]:
        """(network isolated, why not) as the workers found it; forks one if none was started yet."""
        if self._isolation is None:
            try:
                self._release(self._acquire(time.monotonic() + _START_TIMEOUT, _START_TIMEOUT), True)
            except StoreError as exc:  # closed, or no worker could start: not isolated, as far as is known
                return False, str(exc)
        assert self._isolation is not None
        return self._isolation

    def pids(self) -> list[int]:
        """The idle workers' process ids (for diagnostics and tests)."""
        with self._cond:
            return [worker.pid for worker in self._idle]

    def close(self) -> None:
        """Stop the idle workers now; busy ones are stopped when their query ends."""
        with self._cond:
            self._closed = True
            stale, self._idle = self._idle, []
            self._live -= len(stale)
            self._cond.notify_all()
        if self._owner == os.getpid():
            for worker in stale:
                worker.stop()
