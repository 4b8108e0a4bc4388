"""The graph as sorted N-Triples runs, held in files: memory holds a few megabytes of lines, not the corpus.

The build gives the graph as runs (:mod:`kg.graph.fragments`): one per report's layer, one per
work, one for the vocabulary, one for what the build added besides and one for the inferences.
A :class:`RunStore` keeps the runs appended to it in memory until they pass :data:`SPILL_BYTES`,
then merges them into one sorted file in its folder (an external merge sort's first phase), so a
corpus of a thousand reports is a few dozen files on disk. :meth:`RunStore.lines` reads the graph
back as one sorted, unique stream (``heapq.merge`` over the files and the runs still in memory):
SHACL's cut, the rules reasoner, the counts and ``kg.nt`` each read it so, one line at a time.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from kg.errors import working_file_error

#: Runs held in memory before they are merged into a file (bytes of N-Triples).
SPILL_BYTES = 48 * 2**20


def run_lines(run: bytes) -> Iterator[bytes]:
    """The lines of a run, one by one (without building a list of them)."""
    start, end = 0, len(run)
    while start < end:
        stop = run.find(b"\n", start)
        if stop < 0:
            stop = end
        yield run[start:stop]
        start = stop + 1


def file_lines(path: Path) -> Iterator[bytes]:
    """The lines of a run written to a file, without their newlines."""
    with path.open("rb") as handle:
        for line in handle:
            yield line[:-1] if line.endswith(b"\n") else line


def merge_unique(
    sources: Iterable[Iterator[bytes]], removed: set[bytes] | frozenset[bytes] = frozenset()
) -> Iterator[bytes]:
    """The lines of sorted ``sources``, merged, sorted and unique, less ``removed``."""
    last = None
    for line in heapq.merge(*sources):
        if line != last and line not in removed:
            yield line
        last = line


def write_lines(out: BinaryIO, lines: Iterable[bytes]) -> None:
    """Write lines, each ended by a newline, in batches (one write per 65,536 lines, not one per line)."""
    batch: list[bytes] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= 65536:
            out.write(b"\n".join(batch) + b"\n")
            batch = []
    if batch:
        out.write(b"\n".join(batch) + b"\n")


def _write_lines(path: Path, lines: Iterable[bytes]) -> None:
    """Write sorted lines to a working file; a refusal (a full disk, a file-size limit) names that file."""
    try:
        with path.open("wb") as out:
            write_lines(out, lines)
    except OSError as exc:
        raise working_file_error(path, exc) from exc


class RunStore:
    """Sorted runs, in memory until :data:`SPILL_BYTES` of them, then merged into files in ``folder``
    (``None``: kept in memory, for small graphs and tests)."""

    def __init__(self, folder: Path | None = None, spill_bytes: int = SPILL_BYTES) -> None:
        self.folder = folder
        self.spill_bytes = spill_bytes
        self.pending: list[bytes] = []
        self.pending_bytes = 0
        self.files: list[Path] = []
        self.appended = 0
        self.written = 0

    def append(self, run: bytes) -> None:
        """Add one sorted, unique run (``b""`` for an empty one)."""
        self.appended += 1
        if not run:
            return
        self.pending.append(run)
        self.pending_bytes += len(run)
        if self.folder is not None and self.pending_bytes >= self.spill_bytes:
            self.spill()

    def spill(self) -> None:
        """Merge the runs held in memory into one file of the folder."""
        if not self.pending or self.folder is None:
            return
        path = self.folder / f"run-{self.written:05d}.nt"
        _write_lines(path, merge_unique(run_lines(run) for run in self.pending))
        self.written += 1
        self.files.append(path)
        self.pending, self.pending_bytes = [], 0

    def compact(self) -> None:
        """Merge every run into one file: the passes that follow read one sorted file, not a heap of them."""
        if self.folder is None or len(self.files) + len(self.pending) <= 1:
            return
        path = self.folder / f"run-{self.written:05d}.nt"
        _write_lines(path, self.lines())
        self.written += 1
        for old in self.files:
            old.unlink(missing_ok=True)
        self.files = [path]
        self.pending, self.pending_bytes = [], 0

    def lines(
        self, extra: Iterable[bytes] = (), removed: set[bytes] | frozenset[bytes] = frozenset()
    ) -> Iterator[bytes]:
        """The graph's lines: the union of the runs (and of the ``extra`` runs), sorted and unique, less
        ``removed``."""
        sources = [file_lines(path) for path in self.files]
        sources += [run_lines(run) for run in (*self.pending, *extra)]
        return merge_unique(sources, removed)

    def held_bytes(self) -> int:
        """The bytes of runs in memory now (the rest are in files)."""
        return self.pending_bytes
