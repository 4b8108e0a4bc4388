"""One worker process of :mod:`kg.store.workers`: its whole life after the fork, the wire format,
and the parent's handle on it (:class:`WorkerProcess`).

Messages are ``marshal``-ed plain data (tuples of str/int/bool/None/bytes) behind an 8-byte
length. ``marshal`` is the fastest built-in codec for such data, and unlike pickle it cannot run
code when loading. Everything here uses ``os.read``/``os.write``/``poll`` only: the child must not
touch buffered I/O, whose locks another thread of the parent may have held at the fork.

A reply is ``(status, payload, retire, count)``: status ``ok`` (payload = the handler's answer),
``query`` or ``store`` (the message of a :class:`kg.errors.QueryError` or
:class:`kg.errors.StoreError`), ``memory`` (MemoryError: the ceiling was hit
in Python code) or ``error`` (any other exception, as text); ``retire`` asks the parent to replace
this worker (after a MemoryError, or when the query grew its resident memory by more than
:data:`RETIRE_GROWTH`, so that a big answer's heap is not kept by an idle worker). ``count`` is
the number of messages that follow, one per part, when the handler answered :class:`Parts`: a big
answer crosses the pipe, and is formatted and written by the parent, a part at a time (issue 22:
formatted whole, an answer near the cap was held three times over in the parent).
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import select
import signal
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from kg.errors import QueryError, StoreError
from kg.store import sandbox

RETIRE_GROWTH = 128 * 2**20
#: The share of the memory ceiling kept free by :func:`check_memory` (see there).
_MARGIN = 0.1
_soft_limit: int | None = None  # set in a worker: the address space past which check_memory raises
_HEADER = struct.Struct("<Q")
_CHUNK = 1 << 20

#: Runs in the worker: a request (plain data) -> an answer (plain data).
Handler = Callable[[Any], Any]


@dataclass(frozen=True)
class Parts:
    """A handler's answer in parts: ``head`` in the reply, then each part as a message of its own."""

    head: Any
    parts: list[Any]


class DeadlineError(Exception):
    """The deadline passed while waiting for the other side."""


class OversizeError(Exception):
    """The other side announced a message larger than the reader accepts."""


# --- the wire: length-prefixed marshal, plain os.read / os.write -------------------------------


def send(fd: int, data: bytes) -> None:
    header = _HEADER.pack(len(data))
    sent = os.writev(fd, [header, data])
    while sent < len(header):
        sent += os.write(fd, header[sent:])
    view, offset = memoryview(data), sent - len(header)
    while offset < len(data):
        offset += os.write(fd, view[offset:])


def _wait(fd: int, deadline: float | None) -> None:
    """Until ``fd`` is readable (without a deadline the read itself blocks: nothing to wait for)."""
    if deadline is None:
        return
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise DeadlineError
        if poller.poll(max(1, int(remaining * 1000) + 1)):
            return


def receive(fd: int, deadline: float | None, limit: int | None = None) -> bytes | bytearray | None:
    """One message, or ``None`` if the other end closed (the worker died, or the parent left);
    :class:`OversizeError` before reading a message announced as larger than ``limit`` bytes."""
    first = b""
    while len(first) < _HEADER.size:  # the header alone: the bytes after a message are the next one's
        _wait(fd, deadline)
        chunk = os.read(fd, _HEADER.size - len(first))
        if not chunk:
            return None
        first += chunk
    (size,) = _HEADER.unpack_from(first)
    if limit is not None and size > limit:
        raise OversizeError
    body = bytearray(size)
    view, got = memoryview(body), 0
    while got < size:
        _wait(fd, deadline)
        count = os.readv(fd, [view[got:]])
        if not count:
            return None
        got += count
    return body


# --- the worker (the child side) ---------------------------------------------------------------


def child_main(
    request_fd: int, answer_fd: int, handler: Handler, memory_bytes: int, parent_pid: int, keep: tuple[int, ...] = ()
) -> NoReturn:
    """The worker's whole life; it never returns into the parent's code (``os._exit`` always).

    ``keep`` are descriptors the store needs (the files of an on-disk store, opened in the parent)."""
    global _soft_limit
    status = 70
    try:
        gc.disable()
        sandbox.reset_signals()
        sandbox.close_fds_except(request_fd, answer_fd, *keep)
        sandbox.hide_rust_backtrace()
        isolated, note = sandbox.isolate_network()
        limit = sandbox.limit_memory(memory_bytes)
        _soft_limit = limit - int(memory_bytes * _MARGIN)
        sandbox.die_with_parent(parent_pid)
        send(answer_fd, marshal.dumps(("hello", (isolated, note), False)))
        _serve(request_fd, answer_fd, handler)
        status = 0
    finally:
        os._exit(status)


def check_memory() -> None:
    """In a worker, MemoryError once the address space is within 10% of its ceiling (elsewhere nothing).

    A handler that gathers a big answer in Python calls this now and then, so that it stops with a
    clean MemoryError instead of at the hard limit, where the allocation that fails may be one pyo3
    makes for a Python object, and pyo3 panics on it instead of raising."""
    if _soft_limit is not None and sandbox.memory_pages()[0] > _soft_limit:
        raise MemoryError


def _serve(request_fd: int, answer_fd: int, handler: Handler) -> None:
    baseline = sandbox.memory_pages()[1]
    while True:
        request = receive(request_fd, None)
        if request is None:
            return
        reply: tuple[str, Any]
        try:
            reply = ("ok", handler(marshal.loads(request)))
        except QueryError as exc:
            reply = ("query", str(exc))
        except StoreError as exc:
            reply = ("store", str(exc))
        except MemoryError:
            reply = ("memory", "")
        except Exception as exc:  # noqa: BLE001 - the parent raises it as a StoreError
            reply = ("error", f"{type(exc).__name__}: {exc}")
        parts: list[Any] = []
        if isinstance(reply[1], Parts):
            reply, parts = ("ok", reply[1].head), reply[1].parts
        retire = reply[0] == "memory" or sandbox.memory_pages()[1] - baseline > RETIRE_GROWTH
        try:
            data = marshal.dumps((*reply, retire, len(parts)))
        except (MemoryError, ValueError):
            data, retire, parts = marshal.dumps(("memory", "", True, 0)), True, []
        send(answer_fd, data)
        while parts:  # each part leaves the worker's heap as it is sent
            send(answer_fd, marshal.dumps(parts.pop(0)))
        if retire:
            return


def death_message(memory_mb: int, wait_status: int | None, cause: str | None) -> str:
    """Why a worker stopped, in words: the memory ceiling, a kill, or a crash."""
    status = wait_status if wait_status is not None and wait_status >= 0 else None  # -1: reaped elsewhere
    signal_number = os.WTERMSIG(status) if status is not None and os.WIFSIGNALED(status) else 0
    if cause == "memory" or signal_number == signal.SIGABRT:
        return (
            f"the query needed more memory than the {memory_mb} MB a query may use "
            "(KG_QUERY_MEMORY_MB), so it was stopped; no result is shown"
        )
    if signal_number:
        name = signal.Signals(signal_number).name
        return f"the query's worker process was stopped by {name} (it crashed or was killed); no result is shown"
    code = os.WEXITSTATUS(status) if status is not None else "?"
    return f"the query's worker process ended unexpectedly (exit status {code}); no result is shown"


# --- the parent's handle on a worker ------------------------------------------------------------


@dataclass
class WorkerProcess:
    """The parent's handle on one worker: its pid, its two pipe ends, the store generation it was forked from."""

    pid: int
    to_child: int
    from_child: int
    generation: int
    status: int | None = None  # the wait status, once reaped

    def alive(self) -> bool:
        """Still running (an idle worker may have been killed meanwhile, e.g. by the OOM killer)."""
        if self.status is not None:
            return False
        try:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:  # reaped by someone else
            pid, status = self.pid, -1
        if pid == 0:
            return True
        self.forget()  # reaped just now: only the pipes are left to close
        self.status = status
        return False

    def forget(self) -> None:
        """Close the pipes and leave the process alone (reaped already, or not ours: in a process
        forked from the owner, the owner's workers are not its children)."""
        for fd in (self.to_child, self.from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        self.status = -1

    def stop(self) -> int:
        """SIGKILL (if still running), reap, close the pipes; the wait status."""
        if self.status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            try:
                self.status = os.waitpid(self.pid, 0)[1]
            except ChildProcessError:  # reaped by someone else
                self.status = -1
            for fd in (self.to_child, self.from_child):
                with contextlib.suppress(OSError):
                    os.close(fd)
        return self.status
