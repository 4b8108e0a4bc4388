"""Writing the build's outputs atomically: each file is written beside its target, then renamed.

A failed or killed build leaves the previous outputs as they were. ``kg.nt`` (the file
the embedded store loads) is renamed last, so a reader never sees a new Turtle file
beside an old graph that it would contradict. The serialisations are pyoxigraph's
(Turtle, JSON-LD, N-Triples), from one canonical, sorted N-Triples text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import OutputError, os_error_message
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


def _serialize(triples: list[ox.Triple], fmt: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> bytes:
    """Serialise to bytes (pyoxigraph returns bytes when no output file is given)."""
    data = ox.serialize(triples, format=fmt, prefixes=prefixes)
    assert data is not None
    return data


def sorted_ntriples(graph: Graph) -> bytes:
    """Canonical N-Triples, one triple a line, sorted: byte-identical for identical graphs.

    Instance data has no blank nodes; the ontology's OWL class expressions do, and their
    labels are made stable with RDF Dataset Canonicalization (RDFC-1.0).
    """
    raw = graph.serialize(format="nt", encoding="utf-8")
    plain: list[ox.Triple] = []
    with_blanks = ox.Dataset()
    for triple in ox.parse(raw, format=ox.RdfFormat.N_TRIPLES):
        if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
            with_blanks.add(ox.Quad(triple.subject, triple.predicate, triple.object))
        else:
            plain.append(triple)
    with_blanks.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    canonical = _serialize(plain, ox.RdfFormat.N_TRIPLES) + _serialize(
        [q.triple for q in with_blanks], ox.RdfFormat.N_TRIPLES
    )
    lines = sorted(set(canonical.splitlines()))
    return b"\n".join(lines) + b"\n"


def write_outputs(
    graph: Graph, out_dir: Path, summary: dict, progress: Callable[[str], None], works_bib: str = ""
) -> dict[str, Path]:
    """Serialise the graph as Turtle, JSON-LD and sorted N-Triples, plus the summary and the extracted
    works (``works_bib``, BibTeX); atomically. When the system refuses a write (a full disk, a read-only
    folder, a file-size limit) an :class:`OutputError` names the file, and the previous outputs stay."""
    at = [""]  # the output being written, for the message
    try:
        return _write_outputs(graph, out_dir, summary, progress, works_bib, at)
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


def _write_outputs(
    graph: Graph, out_dir: Path, summary: dict, progress: Callable[[str], None], works_bib: str, at: list[str]
) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in OUTPUT_FILES:  # left by a build killed mid-write; safe to remove under the build lock
        for stale in out_dir.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)
    nt = sorted_ntriples(graph)
    triples = list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    contents: dict[str, Callable[[], bytes]] = {
        "kg.ttl": lambda: _serialize(triples, ox.RdfFormat.TURTLE, prefixes),
        "kg.jsonld": lambda: _serialize(triples, ox.RdfFormat.JSON_LD, prefixes),
        "summary.json": lambda: json.dumps(summary, indent=2, sort_keys=True).encode("utf-8") + b"\n",
        WORKS_BIB: lambda: (_WORKS_HEADER + works_bib).encode("utf-8"),
        "kg.nt": lambda: nt,
    }
    temps: dict[str, Path] = {}
    try:
        for name in OUTPUT_FILES:
            at[0] = name
            temp = temp_beside(out_dir / name)
            temps[name] = temp
            temp.write_bytes(contents[name]())
            progress(f"      wrote {name} ({temp.stat().st_size:,} bytes)")
        for name in OUTPUT_FILES:
            at[0] = name
            os.replace(temps[name], out_dir / name)
        at[0] = "kg.store"
        write_store(out_dir, nt, progress)
    finally:
        for temp in temps.values():
            if temp.exists():
                temp.unlink()
    return {name: out_dir / name for name in OUTPUT_FILES}
