"""The one long-lived thread that forks every query worker of :mod:`kg.store.workers`.

``PR_SET_PDEATHSIG`` fires when the *thread* that forked a child ends, not the process. Streamlit
runs each script in a short-lived thread, so a worker forked there would be killed when that script
run ends; every fork therefore happens in one long-lived daemon thread of this module, whose end is
the process's end.

**Fork safety.** Python 3.11 allows fork in a multi-threaded process, and the child has only
the forking thread. The child touches nothing another thread may have held locked: the store
is never written while a fork happens (one lock serialises loads and forks, and the parent
never queries it); the allocator is glibc's (pyoxigraph links the system malloc, which is
reset by glibc at fork); the child does no imports, no logging and no buffered I/O; its
garbage collector is off (a finalizer of the parent's objects could do anything); it speaks
only through ``os.read``/``os.write`` and leaves with ``os._exit``. Sandboxing: :mod:`kg.store.sandbox`.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from collections.abc import Callable

from kg.store.child import WorkerProcess

_Job = tuple[Callable[[], WorkerProcess], list[object], threading.Event]


class Forker:
    """The one long-lived thread that forks every worker (see "One forking thread" above)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """A fresh start (also in a process forked by someone else: it has no forking thread)."""
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def run(self, job: Callable[[], WorkerProcess]) -> WorkerProcess:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="kg-query-forker", daemon=True)
                self._thread.start()
        box: list[object] = []
        done = threading.Event()
        self._jobs.put((job, box, done))
        done.wait()
        if isinstance(box[0], BaseException):
            raise box[0]
        assert isinstance(box[0], WorkerProcess)
        return box[0]

    def _loop(self) -> None:
        while True:
            job, box, done = self._jobs.get()
            try:
                box.append(job())
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                box.append(exc)
            done.set()


FORKER = Forker()
if sys.platform.startswith("linux") and hasattr(os, "fork"):
    os.register_at_fork(after_in_child=FORKER.reset)
