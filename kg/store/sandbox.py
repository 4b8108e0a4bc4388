"""What a query worker does to itself right after the fork, before it reads its first query.

Each function here runs in a child freshly forked from a multi-threaded process (the Streamlit
server): only the forking thread exists in the child, and any lock another thread held at the
fork stays held forever. So each step is one plain system call made from Python objects created
before the fork: no imports, no logging, no ``open()`` (buffered I/O has locks), no ``dlsym``
(it takes the dynamic loader's lock; the libc functions are looked up at import time, in the
parent), no ``strerror`` (it may take gettext's lock: errors are named with ``errno.errorcode``).

* **No network**: ``unshare(CLONE_NEWNET)`` moves the worker into a new network namespace that
  has only a loopback interface, and that one is down: nothing, not even 127.0.0.1, can be
  reached, so a ``SERVICE`` clause cannot federate. Without CAP_SYS_ADMIN (not root) a user
  namespace is created first (``CLONE_NEWUSER``), which needs no privilege where the kernel
  allows unprivileged user namespaces. If both fail the worker runs without this isolation and
  says so (the store's ``sandboxed`` and ``description`` report it).
* **A memory ceiling**: ``RLIMIT_AS`` = the address space inherited at the fork + the ceiling.
  The inherited mappings (the graph, shared copy-on-write with the parent) are not counted
  against the query; what the query allocates beyond them is. Past it, malloc fails: Python
  raises MemoryError, Rust aborts the process (SIGABRT); either way the parent reports it.
  The hard limit is lowered too, so nothing in the worker can raise it again.
* **No core dumps** (``RLIMIT_CORE`` = 0): an aborted worker would otherwise dump gigabytes.
* **Death with the parent**: ``PR_SET_PDEATHSIG`` = SIGKILL. The kernel sends it when the *thread*
  that forked the worker ends, hence one long-lived forking thread (see :mod:`kg.store.workers`).
  It is set after ``unshare``, since a change of credentials may clear it, and the parent's pid
  is checked after setting it, in case the parent ended in between.
* **No Rust backtraces**: with ``RUST_BACKTRACE`` set, a panic while memory runs out (pyo3
  panics when Python cannot allocate a str) deadlocks: the panic holds the backtrace lock and the
  allocation-failure hook waits for it (seen with gdb), so the worker hangs instead of aborting.
  The variable is renamed (``_UST_BACKTRACE``) in the worker's own copy of ``environ``, in place:
  ``unsetenv`` would take libc's environment lock, which another thread may have held at the fork.
* **Signals**: SIGINT is ignored (Ctrl+C reaches the whole process group: the parent decides);
  every other signal the parent handles in Python goes back to its default, and the parent's
  wakeup fd is dropped, so a signal to the worker never runs the parent's handlers (Streamlit's
  shutdown code) or wakes the parent's event loop.
* **File descriptors**: all are closed but stdin/stdout/stderr and the worker's two pipes, so a
  worker never keeps the parent's sockets or pipes open (a closed connection must close).
"""

from __future__ import annotations

import ctypes
import errno
import os
import resource
import signal
import sys
from collections.abc import Callable

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
PR_SET_PDEATHSIG = 1

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_MAX_FD = os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 1024


def _libc_function(name: str, *argtypes: type) -> Callable[..., int] | None:
    """A libc function resolved now, in the parent (``None`` off Linux or if libc lacks it)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = getattr(ctypes.CDLL(None, use_errno=True), name)
    except (OSError, AttributeError):
        return None
    function.argtypes = list(argtypes)
    function.restype = ctypes.c_int
    return function


_unshare = _libc_function("unshare", ctypes.c_int)
_HIDDEN = (b"RUST_BACKTRACE=", b"RUST_LIB_BACKTRACE=")


def _environ() -> ctypes.Array[ctypes.c_void_p] | None:
    """libc's ``environ`` variable (its address resolved now: ``dlsym`` is not safe after fork)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.POINTER(ctypes.c_void_p).in_dll(ctypes.CDLL(None), "environ")  # type: ignore[return-value]
    except (OSError, ValueError):
        return None


_ENVIRON = _environ()
_prctl = _libc_function("prctl", ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong)


def _errno_name() -> str:
    code = ctypes.get_errno()
    return errno.errorcode.get(code, str(code))


def isolate_network() -> tuple[bool, str]:
    """Enter a new, empty network namespace: (True, "") or (False, why not)."""
    if _unshare is None:
        return False, "unshare(2) is not available"
    if _unshare(CLONE_NEWNET) == 0:
        return True, ""
    alone = _errno_name()
    if _unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0:
        return True, ""
    return False, f"unshare(CLONE_NEWNET) failed: {alone}; with CLONE_NEWUSER: {_errno_name()}"


def hide_rust_backtrace() -> None:
    """Rename RUST_BACKTRACE in this process's ``environ`` strings, in place, without a libc call."""
    if _ENVIRON is None:
        return
    index = 0
    while entry := _ENVIRON[index]:
        if any(ctypes.string_at(entry, len(name)) == name for name in _HIDDEN):
            ctypes.memset(entry, ord("_"), 1)
        index += 1


def die_with_parent(parent_pid: int) -> None:
    """SIGKILL when the forking thread ends; exit now if the parent is already gone."""
    if _prctl is not None:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:
        os._exit(0)


def memory_pages() -> tuple[int, int]:
    """(address space, resident set) of this process in bytes, from /proc/self/statm (no buffered I/O)."""
    fd = os.open("/proc/self/statm", os.O_RDONLY)
    try:
        fields = os.read(fd, 200).split()
    finally:
        os.close(fd)
    return int(fields[0]) * _PAGE, int(fields[1]) * _PAGE


def limit_memory(ceiling_bytes: int) -> int:
    """Cap the address space at what was inherited plus ``ceiling_bytes``; no core dumps. The limit."""
    limit = memory_pages()[0] + ceiling_bytes
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return limit


def reset_signals() -> None:
    """SIGINT ignored; every signal the parent handled in Python back to its default; no wakeup fd."""
    signal.set_wakeup_fd(-1)
    for number in signal.valid_signals():
        try:
            if callable(signal.getsignal(number)):
                signal.signal(number, signal.SIG_DFL)
        except (OSError, ValueError):  # SIGKILL, SIGSTOP and the signals libc reserves
            continue
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def close_fds_except(*keep: int) -> None:
    """Close every file descriptor but 0, 1, 2 and ``keep`` (close_range(2): a few system calls)."""
    low = 3
    for fd in sorted(set(keep)):
        if fd >= low:
            os.closerange(low, fd)
            low = fd + 1
    os.closerange(low, _MAX_FD)
