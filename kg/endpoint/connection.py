"""``kg serve``'s connections: every request read whole by one accept loop before a thread of a bounded
pool takes it.

With a thread per connection (issue 22), a client that sent one byte and then dripped held a thread
until the request's deadline (30 s), so 32 of them held every thread, and a kept-alive connection held
one for the 10 s it may idle. :class:`SelectingIntake` runs one loop (``selectors``) that accepts
connections and gathers each one's request line, headers and body (:mod:`kg.endpoint.framing`, within
http.server's line and header caps and ``MAX_BODY``); only a whole request goes to one of
:data:`THREADS` threads, which answers it and hands a kept-alive connection back to the loop to idle.
A request must arrive whole within its deadline, counted from its first byte (:data:`REQUEST_TIMEOUT`;
a connection is dropped when it passes, with no thread held), and an idle connection is closed after
:data:`IDLE_TIMEOUT`. What the loop holds is bounded: :data:`MAX_CONNECTIONS` connections (the rest
wait in the listen backlog, :data:`BACKLOG`) and :data:`MAX_BUFFERED` bytes across them, past which a
request over 64 KB is refused with 503 (small requests are still read).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import errno
import queue
import selectors
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from kg.endpoint.framing import RequestBuffer
from kg.endpoint.protocol import MAX_BODY

#: Seconds from a request's first byte to its last, and for writing its answer.
REQUEST_TIMEOUT = 30.0
#: Seconds a connection may wait, idle, for the first byte of a request.
IDLE_TIMEOUT = 10.0
THREADS = 32
BACKLOG = 1024
MAX_CONNECTIONS = 4000
MAX_BUFFERED = 128 * 2**20
#: A request's bytes that are read even when the loop holds :data:`MAX_BUFFERED` already.
SMALL_REQUEST = 65536
_CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
_BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 30\r\nConnection: close\r\n\r\n"
    b"the server is busy; try again\n"
)


@dataclass
class Pending:
    """A connection in the loop: the bytes of its next request, and when it is dropped."""

    sock: socket.socket
    address: Any
    buffer: RequestBuffer
    deadline: float  #: the request's deadline once a byte came, else the end of the idle wait
    continued: bool = False
    eof: bool = False
    counted: int = field(default=0)  #: bytes of this connection counted in the loop's total


class SelectingIntake:
    """A socketserver mix-in: ``serve_forever`` is the accept-and-read loop; ``serve_request`` answers one
    whole request in a thread and returns the bytes it read (None: close the connection)."""

    threads = THREADS
    request_timeout = REQUEST_TIMEOUT
    idle_timeout = IDLE_TIMEOUT

    def start_threads(self) -> None:
        self._pool = concurrent.futures.ThreadPoolExecutor(self.threads, thread_name_prefix="kg-serve")
        self._returned: queue.SimpleQueue[tuple[socket.socket, Any, bytes, bool, int]] = queue.SimpleQueue()
        self._wake_read, self._wake_write = socket.socketpair()
        self._wake_read.setblocking(False)
        self._stopping = False
        self._stopped = threading.Event()
        self._held: dict[int, Pending] = {}
        self._in_threads = 0
        self._buffered = 0

    def _listener(self) -> socket.socket:
        return self.socket  # type: ignore[attr-defined]  # socketserver's listening socket

    def serve_request(self, sock: socket.socket, address: Any, data: bytes, eof: bool) -> int | None:
        raise NotImplementedError

    # --- the loop ----------------------------------------------------------------------------

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        self._stopped.clear()
        self._selector = selectors.DefaultSelector()
        self._listener().setblocking(False)
        self._selector.register(self._wake_read, selectors.EVENT_READ, "wake")
        self._listening = False
        self._paused_until = 0.0
        try:
            while not self._stopping:
                self._listen(time.monotonic())
                wait = max(0.0, min(poll_interval, self._next_deadline() - time.monotonic()))
                for key, _ in self._selector.select(wait):
                    if key.data == "listen":
                        self._accept()
                    elif key.data == "wake":
                        self._take_back()
                    else:
                        self._receive_guarded(key.data)
                self._expire(time.monotonic())
        finally:
            for pending in list(self._held.values()):
                self._close(pending)
            self._selector.close()
            self._stopping = False
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop ``serve_forever`` (from another thread) and wait until it has stopped."""
        self._stopping = True
        self._wake()
        self._stopped.wait()

    def stop_threads(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._wake_read.close()
        self._wake_write.close()

    def _listen(self, now: float) -> None:
        """Accept while fewer than MAX_CONNECTIONS are held (and not just after running out of descriptors)."""
        wanted = len(self._held) + self._in_threads < MAX_CONNECTIONS and now >= self._paused_until
        if wanted != self._listening:
            if wanted:
                self._selector.register(self._listener(), selectors.EVENT_READ, "listen")
            else:
                self._selector.unregister(self._listener())
            self._listening = wanted

    def _next_deadline(self) -> float:
        soonest = min((p.deadline for p in self._held.values()), default=time.monotonic() + 1.0)
        return min(soonest, self._paused_until) if self._paused_until > time.monotonic() else soonest

    def _accept(self) -> None:
        for _ in range(64):
            try:
                sock, address = self._listener().accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:
                if exc.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                    self._paused_until = time.monotonic() + 0.5  # the backlog keeps the rest meanwhile
                return
            sock.setblocking(False)
            with contextlib.suppress(OSError):
                # The headers and the body leave in two writes: with Nagle's algorithm the body then waits
                # for the client's delayed ACK, 40 ms on every answer of a kept-alive connection.
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._hold(Pending(sock, address, RequestBuffer(MAX_BODY), time.monotonic() + self.idle_timeout))
            if len(self._held) + self._in_threads >= MAX_CONNECTIONS:
                return

    def _hold(self, pending: Pending) -> None:
        self._held[pending.sock.fileno()] = pending
        self._selector.register(pending.sock, selectors.EVENT_READ, pending)

    def _receive_guarded(self, pending: Pending) -> None:
        """One connection's bytes; a failure closes that connection, never the loop that serves the others."""
        try:
            self._receive(pending)
        except Exception:
            self.handle_error(pending.sock, pending.address)  # type: ignore[attr-defined]
            self._close(pending)

    def _receive(self, pending: Pending) -> None:
        try:
            chunk = pending.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._close(pending)
            return
        if not chunk:  # the client has sent all it will: answer what came (a half-closed client), or close
            pending.eof = True
            if len(pending.buffer):
                self._hand_over(pending)
            else:
                self._close(pending)
            return
        if not len(pending.buffer):
            pending.deadline = time.monotonic() + self.request_timeout  # the clock starts at the first byte
        self._count(pending, len(chunk))
        framing = pending.buffer.feed(chunk)
        if self._buffered > MAX_BUFFERED and len(pending.buffer) > SMALL_REQUEST:
            self._send_now(pending, _BUSY)
            self._close(pending)
        elif framing.ready:
            self._hand_over(pending)
        elif framing.expects_continue and not pending.continued:
            pending.continued = True  # the client waits for it before it sends its body
            self._send_now(pending, _CONTINUE)

    def _expire(self, now: float) -> None:
        for pending in [p for p in self._held.values() if p.deadline <= now]:
            self._close(pending)  # a request not whole at its deadline, or an idle wait over: dropped

    def _count(self, pending: Pending, size: int) -> None:
        pending.counted += size
        self._buffered += size

    def _close(self, pending: Pending) -> None:
        self._release(pending)
        pending.sock.close()

    def _release(self, pending: Pending) -> None:
        self._held.pop(pending.sock.fileno(), None)
        with contextlib.suppress(KeyError, ValueError):
            self._selector.unregister(pending.sock)
        self._buffered -= pending.counted
        pending.counted = 0

    @staticmethod
    def _send_now(pending: Pending, data: bytes) -> None:
        with contextlib.suppress(OSError):  # a few bytes into an empty send buffer; a client that is gone is closed
            pending.sock.send(data)

    # --- handing whole requests to the threads, and taking kept-alive connections back -------------

    def _hand_over(self, pending: Pending) -> None:
        counted = pending.counted
        self._release(pending)
        self._buffered += counted  # still held, by the thread, until it hands the connection back
        self._in_threads += 1
        pending.sock.setblocking(True)
        data = bytes(pending.buffer.data)
        try:
            self._pool.submit(self._answer, pending.sock, pending.address, data, pending.eof, counted)
        except RuntimeError:  # the pool has stopped: the server is closing
            self._in_threads -= 1
            self._buffered -= counted
            pending.sock.close()

    def _answer(self, sock: socket.socket, address: Any, data: bytes, eof: bool, counted: int) -> None:
        """In a thread: answer the request, then hand the connection back (kept alive) or close it."""
        read: int | None = None
        try:
            read = self.serve_request(sock, address, data, eof)
        except OSError:  # the client went away (a broken pipe, a reset) or stopped reading: no traceback
            read = None
        except Exception:
            self.handle_error(sock, address)  # type: ignore[attr-defined]
        if read is None or eof:
            sock.close()
            self._returned.put((sock, address, b"", False, counted))
        else:
            self._returned.put((sock, address, data[read:], True, counted))
        self._wake()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_write.send(b"\0")

    def _take_back(self) -> None:
        with contextlib.suppress(OSError):
            while self._wake_read.recv(4096):
                pass
        while True:
            try:
                sock, address, rest, kept, counted = self._returned.get_nowait()
            except queue.Empty:
                return
            self._in_threads -= 1
            self._buffered -= counted
            if not kept:
                continue
            if self._stopping:
                sock.close()
                continue
            sock.setblocking(False)
            now = time.monotonic()
            pending = Pending(sock, address, RequestBuffer(MAX_BODY, rest), now + self.idle_timeout)
            self._hold(pending)
            if rest:  # a pipelined request, or its start: its clock starts now
                pending.deadline = now + self.request_timeout
                self._count(pending, len(rest))
                if pending.buffer.framing().ready:
                    self._hand_over(pending)
