"""``kg serve``'s connections: a deadline on each request from its first byte to its last, and a bounded
pool of threads.

``http.server`` gives a socket timeout per read, so a client sending one byte every 29 s was never
dropped (issue 22); :class:`DeadlineReader` starts a clock at a request's first byte and lets no
read wait past :data:`REQUEST_TIMEOUT` from then. The answer is written under the same bound
(``sendall`` counts its timeout over the whole write). ``ThreadingMixIn`` starts a thread for
every connection and the listen backlog was 5 (multi-second tails at 100 concurrent clients):
:class:`BoundedThreads` serves at most :data:`THREADS` connections at once, and the rest wait in
the kernel's queue (:data:`BACKLOG`), not in memory.
"""

from __future__ import annotations

import concurrent.futures
import io
import socket
import threading
import time
from typing import Any

#: Seconds from a request's first byte to its last, and for writing its answer.
REQUEST_TIMEOUT = 30.0
#: Seconds a connection may wait, idle, for the first byte of a request.
IDLE_TIMEOUT = 10.0
THREADS = 32
BACKLOG = 1024


class Clock:
    """One request's deadline: none until its first byte arrives."""

    def __init__(self, limit: float = REQUEST_TIMEOUT) -> None:
        self.limit = limit
        self.deadline: float | None = None

    def restart(self) -> None:
        self.deadline = None


class DeadlineReader(io.RawIOBase):
    """The socket's bytes, each read bounded by the request's deadline (``peek`` never waits: see ``nonblocking``)."""

    def __init__(self, sock: socket.socket, clock: Clock) -> None:
        self.sock = sock
        self.clock = clock
        self.nonblocking = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        if self.nonblocking:  # what has arrived already, if anything (a timeout would make Python wait)
            self.sock.settimeout(0.0)
            try:
                return self.sock.recv_into(buffer)
            except (BlockingIOError, InterruptedError):
                return None
        if self.clock.deadline is None:
            self.sock.settimeout(IDLE_TIMEOUT)
        else:
            remaining = self.clock.deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"the request was not complete within {self.clock.limit:g} s")
            self.sock.settimeout(remaining)
        count = self.sock.recv_into(buffer)
        if count and self.clock.deadline is None:
            self.clock.deadline = time.monotonic() + self.clock.limit
        return count


class BoundedThreads:
    """A socketserver mix-in: each connection served by one of :data:`THREADS` threads, the rest queued."""

    threads = THREADS

    def start_threads(self) -> None:
        self._slots = threading.BoundedSemaphore(self.threads)
        self._pool = concurrent.futures.ThreadPoolExecutor(self.threads, thread_name_prefix="kg-serve")

    def process_request(self, request: Any, client_address: Any) -> None:
        self._slots.acquire()  # while all are busy, new connections wait in the listen backlog
        try:
            self._pool.submit(self._serve_one, request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def _serve_one(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)  # type: ignore[attr-defined]
        except Exception:
            self.handle_error(request, client_address)  # type: ignore[attr-defined]
        finally:
            self.shutdown_request(request)  # type: ignore[attr-defined]
            self._slots.release()

    def stop_threads(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
