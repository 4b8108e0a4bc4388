"""Writing the build's outputs atomically: each file is written beside its target, then renamed.

A failed or killed build leaves the previous outputs as they were. ``kg.nt`` (the file
the embedded store loads) is renamed last, so a reader never sees a new Turtle file
beside an old graph that it would contradict.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.vocab import PREFIXES

OUTPUT_FILES = ("kg.ttl", "kg.jsonld", "summary.json", "kg.nt")


def _temp_beside(target: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(name)


def _serialize(triples: list[ox.Triple], fmt: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> bytes:
    """Serialise to bytes (pyoxigraph returns bytes when no output file is given)."""
    data = ox.serialize(triples, format=fmt, prefixes=prefixes)
    assert data is not None
    return data


def write_file_atomically(target: Path, data: bytes) -> None:
    """Write beside the target, then rename: a reader sees the old file or the whole new one."""
    temp = _temp_beside(target)
    try:
        temp.write_bytes(data)
        temp.chmod(0o644)  # mkstemp makes it private; an export is meant to be shared
        os.replace(temp, target)
    finally:
        if temp.exists():
            temp.unlink()


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


def write_outputs(graph: Graph, out_dir: Path, summary: dict, progress: Callable[[str], None]) -> dict[str, Path]:
    """Serialise the graph as Turtle, JSON-LD and sorted N-Triples, plus the summary; atomically."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob(".kg.*.tmp"):  # left by a build that was killed mid-write
        stale.unlink()
    for stale in out_dir.glob(".summary.json.*.tmp"):
        stale.unlink()
    nt = sorted_ntriples(graph)
    triples = list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    contents: dict[str, Callable[[], bytes]] = {
        "kg.ttl": lambda: _serialize(triples, ox.RdfFormat.TURTLE, prefixes),
        "kg.jsonld": lambda: _serialize(triples, ox.RdfFormat.JSON_LD, prefixes),
        "summary.json": lambda: json.dumps(summary, indent=2, sort_keys=True).encode("utf-8") + b"\n",
        "kg.nt": lambda: nt,
    }
    temps: dict[str, Path] = {}
    try:
        for name in OUTPUT_FILES:
            temp = _temp_beside(out_dir / name)
            temps[name] = temp
            temp.write_bytes(contents[name]())
            progress(f"      wrote {name} ({temp.stat().st_size:,} bytes)")
        for name in OUTPUT_FILES:
            os.replace(temps[name], out_dir / name)
    finally:
        for temp in temps.values():
            if temp.exists():
                temp.unlink()
    return {name: out_dir / name for name in OUTPUT_FILES}
