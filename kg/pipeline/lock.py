"""One build at a time per output folder: a lock file that a second build waits on.

Two builds writing one folder would delete each other's temporary files and mix their
outputs. Each build holds an exclusive ``flock`` on ``DIR/.kg-build.lock`` from start to end;
a second one says it is waiting and waits. The kernel drops the lock when the holder dies, so
a killed build never leaves the folder locked. (Where ``fcntl`` is missing, builds are not
serialised, and the docstring of :func:`build_lock` is the only warning.)
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK_NAME = ".kg-build.lock"


@contextlib.contextmanager
def build_lock(out_dir: Path, progress: Callable[[str], None]) -> Iterator[None]:
    """Hold the folder's build lock for the block, waiting for another build to finish first."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Linux or macOS
        yield
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_NAME
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            progress(f"[lock] another build is writing {out_dir} ({holder}); waiting for it to finish ...")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
