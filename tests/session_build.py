"""The session's build of the real corpus, kept between runs under a key that covers everything it reads.

Most tests only read the graph of the repository's own project (SHACL and the reasoner included).
Building it is the largest single cost of a run, and a developer's next run usually has the same
inputs and code. So the build is written to ``.cache/test-build/<key>/`` and reused while the key is
the same. The key is a digest of every file the build reads (the project's inputs, the ``kg``
package, the ontology and the canned queries), of the interpreter and every installed distribution
with its version, of the Java the reasoner starts, and of every ``KG_*`` setting; a change to any of
them is another key and a fresh build. A digest of the outputs is kept beside them and checked on
reuse, so a test that wrote into the shared folder by mistake costs a rebuild, never a wrong answer.
``pytest --fresh-build`` (or a clean clone) builds anew.

Under pytest-xdist every worker is a session of its own: the first to get here builds (under a file
lock) and the others wait on the lock and read the pickled result, so a run builds at most once.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import shutil
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

#: What the session's build reads: a change to any of these is a different build.
BUILD_INPUTS = ("corpus", "bib", "annotations", "gazetteer.ttl", "ontology", "queries", "kg")
#: How many keys' builds are kept (the newest), so that switching branches back and forth reuses them.
KEEP = 3


def _java_identity() -> str:
    """The Java the reasoner would start (``KG_JAVA`` or ``java`` on PATH): its real path, size and time."""
    found = shutil.which(os.environ.get("KG_JAVA", "java"))
    if found is None:
        return "no java"
    real = Path(found).resolve()
    stat = real.stat()
    return f"{real}:{stat.st_size}:{stat.st_mtime_ns}"


def environment_digest() -> str:
    """The interpreter, every installed distribution and version, the Java, and the ``KG_*`` settings."""
    parts = [sys.version, _java_identity()]
    # A set: under xdist the checkout is on sys.path too, so its egg-info shows the project a second time.
    parts += sorted({f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()})
    parts += sorted(f"{k}={v}" for k, v in os.environ.items() if k.startswith("KG_"))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def inputs_digest(root: Path) -> str:
    """A digest of every file the build reads (the project's inputs and the code) and of its environment."""
    digest = hashlib.sha256(environment_digest().encode())
    for name in BUILD_INPUTS:
        top = root / name
        found = [top] if top.is_file() else sorted(top.rglob("*"))
        files = [path for path in found if path.is_file() and "__pycache__" not in path.parts]
        for path in files:
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def outputs_digest(out: Path) -> str:
    """A digest of the build's output files (the cache and the lock aside), to see they were not changed."""
    digest = hashlib.sha256()
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out)
        if path.is_file() and relative.parts[0] not in (".kg-cache", ".kg-build.lock"):
            digest.update(str(relative).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _load(folder: Path) -> Any | None:
    """The kept result, or None when there is none or its outputs are not the ones it wrote."""
    pickled = folder / "result.pickle"
    if not pickled.is_file():
        return None
    try:
        digest, result = pickle.loads(pickled.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return result if digest == outputs_digest(folder / "out") else None


#: The open ``in-use`` files of the builds this process reads (a shared lock each, held while the process lives).
_IN_USE: list[Any] = []


def _hold(folder: Path) -> None:
    """Marks ``folder`` as read by this process until it ends: pruning skips it (another run's build, of other
    inputs, removed the one a run was still reading, and that run's later tests failed on missing files)."""
    handle = (folder / "in-use").open("a+")
    fcntl.flock(handle, fcntl.LOCK_SH)
    _IN_USE.append(handle)


def _in_use(folder: Path) -> bool:
    """Whether a running process reads ``folder`` (holds its ``in-use`` file's lock)."""
    try:
        with (folder / "in-use").open("a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    return False


def shared_build(root: Path, paths: Any, fresh: bool) -> Any:
    """The project's build result: the one kept for the current key, or a new one (``fresh``: always new)."""
    from kg.pipeline import build

    top = root / ".cache" / "test-build"
    top.mkdir(parents=True, exist_ok=True)
    folder = top / inputs_digest(root)
    with (top / "lock").open("a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            marker = folder / f"built-by-{os.environ.get('PYTEST_XDIST_TESTRUNUID', os.getpid())}"
            if not (fresh and not marker.exists()):  # a fresh run builds once, then its workers share it
                found = _load(folder)
                if found is not None:
                    os.utime(folder)
                    _hold(folder)
                    return found
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            result = build(paths, folder / "out", progress=lambda _: None)
            partial = folder / "result.partial"
            kept = (outputs_digest(folder / "out"), result)
            partial.write_bytes(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
            partial.replace(folder / "result.pickle")
            marker.touch()
            _hold(folder)
            kept_folders = sorted((p for p in top.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
            for old in kept_folders[:-KEEP]:
                if not _in_use(old):
                    shutil.rmtree(old, ignore_errors=True)
            return result
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
