"""One ``kg add`` writing a project at a time: a lock file in the project that a second add waits on.

``kg add`` reads ``bib/reports.bib``, appends the new report's entry and writes the file back
(atomically). Two adds at once would each write back what they read plus their own entry, and the
one renamed last would drop the other's, though both said they succeeded (four adds at once,
fifteen times, lost 2 of 60 entries). So the check that the id is free and every write are made
under an exclusive ``flock`` on ``.kg-add.lock`` in the project's folder; reading the report (the
slow part: a PDF's text layer) is not, so adds still read their files side by side. The kernel
drops the lock when its holder dies, so a killed add never leaves the project locked.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK_NAME = ".kg-add.lock"


@contextlib.contextmanager
def add_lock(root: Path, progress: Callable[[str], None]) -> Iterator[None]:
    """Hold the project's add lock for the block, waiting for another ``kg add`` to finish first."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Linux or macOS: adds are not serialised
        yield
        return
    with (root / LOCK_NAME).open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            progress(f"[lock] another kg add is writing {root}; waiting for it ...")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}\n")
            handle.flush()
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
