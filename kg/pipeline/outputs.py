"""Writing the build's outputs atomically: each file is written beside its target, then renamed.

A failed or killed build leaves the previous outputs as they were. ``kg.nt`` (the file
the embedded store loads) is renamed last, so a reader never sees a new Turtle file
beside an old graph that it would contradict. The serialisations are pyoxigraph's
(Turtle, JSON-LD, N-Triples), from one canonical, sorted N-Triples file.

``kg.nt`` is written by merging sorted runs of N-Triples lines (``heapq.merge``): the build gives
one run per graph fragment (each report's layer, each work, cached with the fragment), one for
the vocabulary and one for what it added besides (:mod:`kg.graph.fragments`), so the whole graph
is never serialised at once. Turtle and JSON-LD are then written by pyoxigraph's serialisers as it
reads that file, and the on-disk store bulk-loads it (:mod:`kg.project.graph_store`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import OutputError, os_error_message
from kg.graph.fragments import sorted_ntriples
from kg.graph.runs import RunStore, merge_unique, run_lines, write_lines
from kg.project.files import temp_beside
from kg.project.graph_store import write_store
from kg.vocab import PREFIXES

OUTPUT_FILES = ("kg.ttl", "kg.jsonld", "summary.json", "works.bib", "kg.nt")

#: The works the build read from the reports' own reference lists, as BibTeX: ``kg export`` and the
#: app's downloads give them beside ``bib/``'s, so a report added without BibTeX can be cited too.
WORKS_BIB = "works.bib"
_WORKS_HEADER = (
    "% The works read from the reports' own reference lists by the last build (labelled extracted in\n"
    "% the graph). Written by kg build; edit bib/ instead: an entry there with the same key wins.\n\n"
)


def write_outputs(
    graph: Graph | None,
    out_dir: Path,
    summary: dict,
    progress: Callable[[str], None],
    works_bib: str = "",
    runs: list[bytes] | RunStore | None = None,
    removed: set[bytes] | None = None,
) -> dict[str, Path]:
    """Serialise the graph as Turtle, JSON-LD and sorted N-Triples, plus the summary and the extracted
    works (``works_bib``, BibTeX); atomically. When the system refuses a write (a full disk, a read-only
    folder, a file-size limit) an :class:`OutputError` names the file, and the previous outputs stay.

    The graph is given as ``runs`` (sorted N-Triples runs whose union it is, or a
    :class:`~kg.graph.runs.RunStore` of them) less the lines ``removed``, or as an rdflib ``graph``
    (one run)."""
    at = [""]  # the output being written, for the message
    if runs is None:
        assert graph is not None
        runs = [sorted_ntriples(graph)]
    try:
        return _write_outputs(runs, removed or set(), out_dir, summary, progress, works_bib, at)
    except OSError as exc:
        raise _output_error(exc, out_dir, at[0]) from exc


def _output_error(exc: OSError, out_dir: Path, name: str) -> OutputError:
    why = os_error_message(exc).removeprefix(f"{exc.filename}: ") if exc.filename else os_error_message(exc)
    if name == "kg.store":  # the graph's files are in place; the store is checked against kg.nt when opened
        return OutputError(
            str(out_dir / name),
            f"cannot write the on-disk store: {why}; the graph files were written, and queries read kg.nt "
            "until a build writes the store",
        )
    what = "cannot write it" if name else "cannot write the outputs"
    return OutputError(
        str(out_dir / name) if name else str(out_dir), f"{what}: {why}; the previous outputs were left as they were"
    )


def _serialize_file(fmt: ox.RdfFormat, source: Path, target: Path, prefixes: dict[str, str]) -> None:
    """Write the N-Triples file ``source`` as ``fmt`` to ``target``: pyoxigraph's serialiser reads the
    parser's triples as they come, so neither the text nor the triples are held whole."""
    ox.serialize(ox.parse(path=source, format=ox.RdfFormat.N_TRIPLES), target, fmt, prefixes=prefixes)


def merged_lines(runs: list[bytes], removed: set[bytes]) -> Iterator[bytes]:
    """The lines of the union of sorted ``runs``, sorted and unique, less ``removed``."""
    return merge_unique((run_lines(run) for run in runs), removed)


def _write_ntriples(runs: list[bytes] | RunStore, removed: set[bytes], path: Path) -> None:
    lines = runs.lines((), removed) if isinstance(runs, RunStore) else merged_lines(runs, removed)
    with path.open("wb") as out:
        write_lines(out, lines)


def _write_outputs(
    runs: list[bytes] | RunStore,
    removed: set[bytes],
    out_dir: Path,
    summary: dict,
    progress: Callable[[str], None],
    works_bib: str,
    at: list[str],
) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in OUTPUT_FILES:  # left by a build killed mid-write; safe to remove under the build lock
        for stale in out_dir.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    temps: dict[str, Path] = {}

    def rdf(fmt: ox.RdfFormat) -> Callable[[Path], None]:
        def write(path: Path) -> None:  # read back from kg.nt's temporary file, written first
            _serialize_file(fmt, temps["kg.nt"], path, prefixes)

        return write

    writers: dict[str, Callable[[Path], object]] = {
        "kg.nt": lambda path: _write_ntriples(runs, removed, path),
        "kg.ttl": rdf(ox.RdfFormat.TURTLE),
        "kg.jsonld": rdf(ox.RdfFormat.JSON_LD),
        "summary.json": lambda path: path.write_bytes(
            json.dumps(summary, indent=2, sort_keys=True).encode("utf-8") + b"\n"
        ),
        WORKS_BIB: lambda path: path.write_bytes((_WORKS_HEADER + works_bib).encode("utf-8")),
    }
    order = ("kg.nt", *(name for name in OUTPUT_FILES if name != "kg.nt"))
    try:
        for name in order:
            at[0] = name
            temp = temp_beside(out_dir / name)
            temps[name] = temp
            writers[name](temp)
            progress(f"      wrote {name} ({temp.stat().st_size:,} bytes)")
        for name in OUTPUT_FILES:
            at[0] = name
            os.replace(temps[name], out_dir / name)
        at[0] = "kg.store"
        write_store(out_dir, out_dir / "kg.nt", progress)
    finally:
        for temp in temps.values():
            if temp.exists():
                temp.unlink()
    return {name: out_dir / name for name in OUTPUT_FILES}
