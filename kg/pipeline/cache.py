"""The build cache: per-report records and reasoning results, filed by content key in the build folder.

``DIR/.kg-cache/<kind>/<key>.pickle`` holds what one task computed for one content key (a report's
extraction, one reasoning part's inferences). The key is a digest of everything the task reads and
of the tool's code (:func:`code_digest`), so an entry is never stale: it is either the answer for
those inputs or absent. A build reads what it finds, computes the rest, and writes the new entries
only once its outputs are written (:meth:`BuildCache.commit`, under the build lock, each file
written beside its target and renamed); it then removes the entries it did not use, so the cache
holds the current corpus only. A failed build therefore leaves the previous cache as it was, and a
build with an empty cache computes the same records, so the outputs are byte-identical.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import working_file_error

CACHE_DIR = ".kg-cache"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the tool's own code and data (every file of the ``kg`` package and its ontology).

    Stands for "the tool's version" in every content key: a changed rule, shape or axiom is a new
    key, even in a development checkout whose version number did not move."""
    import kg
    from kg.project import data

    digest = hashlib.sha256()
    roots = [Path(kg.__file__).parent, data.ONTOLOGY.parent]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


class BuildCache:
    """The cache of one output folder (``None`` folder: no cache, every task computed)."""

    def __init__(self, out_dir: Path | None) -> None:
        self.root = out_dir / CACHE_DIR if out_dir is not None else None
        self.used: dict[str, set[str]] = {}
        self.new: dict[tuple[str, str], Path] = {}
        self.staging: Path | None = None
        self.hits = 0
        self.misses = 0

    @property
    def salt(self) -> str:
        """The tool's code digest, part of every key (graph fragments take it from here)."""
        return code_digest()

    def _path(self, kind: str, key: str) -> Path:
        assert self.root is not None
        return self.root / kind / f"{key}.pickle"

    def get(self, kind: str, key: str) -> Any | None:
        """The cached value for ``key``, or None (also for an entry that cannot be read)."""
        self.used.setdefault(kind, set()).add(key)
        if self.root is None:
            return None
        path = self._path(kind, key)
        try:
            fresh = self.new.get((kind, key))  # made by this build (in a worker: kg.pipeline.warm), staged
            value = pickle.loads((fresh if fresh is not None else path).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def lists(self, kind: str, keys: list[str]) -> tuple[dict[int, list[Any]], list[int]]:
        """The cached lists for ``keys`` by position, and the positions with none (to compute)."""
        found: dict[int, list[Any]] = {}
        missing: list[int] = []
        for index, key in enumerate(keys):
            cached = self.get(kind, key)
            if isinstance(cached, list):
                found[index] = cached
            else:
                missing.append(index)
        return found, missing

    def put(self, kind: str, key: str, value: Any) -> None:
        """Keep a new entry, moved into place by :meth:`commit` once the build has succeeded.

        The entry waits in a staging folder of the cache (``.staging-*``), not in memory: a build of
        a thousand reports files some gigabytes of entries."""
        if self.root is not None:
            self.put_pickled(kind, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        self.used.setdefault(kind, set()).add(key)

    def discard(self) -> None:
        """Drop the entries not committed (a failed build's): the cache stays as it was."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        self.new.clear()

    def put_pickled(self, kind: str, key: str, data: bytes) -> None:
        """:meth:`put` of a value pickled already (by the worker that made it), read back by :meth:`get`."""
        self.used.setdefault(kind, set()).add(key)
        if self.root is not None:
            if self.staging is None:
                self.root.mkdir(parents=True, exist_ok=True)
                self.staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.root))
            staged = self.staging / f"{kind}-{key}.staged"
            try:
                staged.write_bytes(data)
            except OSError as exc:  # a full disk, a file-size limit: the staged file named, the cache as it was
                raise working_file_error(staged, exc) from exc
            self.new[(kind, key)] = staged

    def has(self, kind: str, key: str) -> bool:
        """Whether an entry for ``key`` is there (filed by this build, or on disk), without reading it."""
        return self.root is not None and ((kind, key) in self.new or self._path(kind, key).is_file())

    def commit(self) -> None:
        """Write the new entries atomically and remove those this build did not use."""
        if self.root is None:
            return
        for (kind, key), staged in sorted(self.new.items()):
            path = self._path(kind, key)
            path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, path)  # one file system: a rename, atomic
        self.new.clear()
        self.staging = None
        for folder in self.root.iterdir() if self.root.is_dir() else ():
            if folder.name.startswith(".staging-"):  # this build's (now empty) or one a killed build left
                shutil.rmtree(folder, ignore_errors=True)
                continue
            keep = self.used.get(folder.name, set())
            for entry in folder.iterdir():
                if entry.name.endswith(".tmp") or entry.stem not in keep:
                    entry.unlink(missing_ok=True)
