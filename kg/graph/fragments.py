"""Graph fragments cached by content: the triples one work or one report adds, computed once.

Building a work's triples formats its reference with citeproc (tens of milliseconds a work), and a
report's layer walks its sentences, citations and statistics; on a rebuild of a large project most
of them did not change. A fragment is filed under a digest of everything its builder reads (the
records, as ``repr`` of frozen dataclasses: exact and stable across processes) and of the tool's
code (the cache's ``salt``), so a cached fragment is the fragment those inputs give, or absent.

Each fragment is also kept as its *run*: its triples as sorted, canonical N-Triples lines, the lines
``kg.nt`` holds. The build writes ``kg.nt`` by merging the runs (:mod:`kg.pipeline.outputs`), so no
serialisation of the whole graph is needed and a cached fragment is never serialised again. What the
build adds outside fragments (the vocabulary, entities, the curated layer, candidates, pairings,
inferences) is recorded by a :class:`RecordingGraph`, with what it removes from a fragment (a curated
chain restates a figure's status), and becomes runs of its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from kg.graph.runs import run_lines

Triple = tuple[Node, Node, Node]
T = TypeVar("T")


class FragmentStore(Protocol):
    """What a fragment cache offers (:class:`kg.pipeline.cache.BuildCache` is one)."""

    @property
    def salt(self) -> str: ...

    def get(self, kind: str, key: str) -> Any | None: ...

    def put(self, kind: str, key: str, value: Any) -> None: ...


def _serialize(triples: Iterable[ox.Triple]) -> bytes:
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert data is not None
    return data


def sorted_ntriples(graph: Graph | Iterable[Triple]) -> bytes:
    """Canonical N-Triples, one triple a line, sorted and unique: byte-identical for identical graphs.

    rdflib writes the triples, pyoxigraph reads and writes them again (its escaping is the canonical
    one), so a triple has the same line in every run. Instance data has no blank nodes; the ontology's
    OWL class expressions do, and their labels are made stable with RDF Dataset Canonicalization
    (RDFC-1.0): a run with blank nodes must hold every triple that names them (the vocabulary's)."""
    if not isinstance(graph, Graph):
        own = Graph()
        for triple in graph:
            own.add(triple)
        graph = own
    raw = graph.serialize(format="nt", encoding="utf-8")
    plain: list[ox.Triple] = []
    with_blanks = ox.Dataset()
    for triple in ox.parse(raw, format=ox.RdfFormat.N_TRIPLES):
        if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
            with_blanks.add(ox.Quad(triple.subject, triple.predicate, triple.object))
        else:
            plain.append(triple)
    canonical = _serialize(plain)
    if len(with_blanks):
        with_blanks.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        canonical += _serialize(q.triple for q in with_blanks)
    lines = sorted(set(canonical.splitlines()))
    return b"\n".join(lines) + b"\n" if lines else b""


class RecordingGraph(Graph):
    """An rdflib graph that, while ``recording``, notes the triples added and removed through it.

    The build adds the fragments with recording off (they are runs already) and everything else with
    it on: :meth:`runs` then gives the added triples as a run and the removed ones (which may be a
    fragment's lines) as the lines to leave out of the merge."""

    def __init__(self) -> None:
        super().__init__()
        self.recording = False
        self.added: set[Triple] = set()
        self.removed: set[Triple] = set()
        self.flushed: list[bytes] = []

    def add(self, triple: Triple) -> RecordingGraph:
        if self.recording:
            self.added.add(triple)
            self.removed.discard(triple)
        super().add(triple)
        return self

    def addN(self, quads: Iterable[Any]) -> RecordingGraph:  # noqa: N802
        quads = list(quads)
        if self.recording:
            for s, p, o, _ in quads:
                self.added.add((s, p, o))
                self.removed.discard((s, p, o))
        super().addN(quads)
        return self

    def remove(self, triple: Any) -> RecordingGraph:
        if self.recording:
            for found in list(self.triples(triple)):
                self.added.discard(found)
                self.removed.add(found)
        super().remove(triple)
        return self

    def runs(self) -> tuple[list[bytes], set[bytes]]:
        """The recorded additions as runs, and the recorded removals as lines.

        The additions since the last call become a run of their own (those before were serialised
        then): a removal after that is still among the removed lines, and a re-addition takes it
        out of them again, so the merge of the runs less the removed lines is the graph."""
        if self.added:
            self.flushed.append(sorted_ntriples(self.added))
            self.added = set()
        removed = set(run_lines(sorted_ntriples(self.removed))) if self.removed else set()
        return list(self.flushed), removed


def fragment_key(salt: str, parts: object) -> str:
    """The content key of a fragment: the code's digest and the exact ``repr`` of its inputs."""
    digest = hashlib.sha256(salt.encode())
    digest.update(repr(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def cached_fragment(
    graph: Graph,
    store: FragmentStore | None,
    kind: str,
    parts: object,
    make: Callable[[Graph], T],
    runs: Any = None,
    keep: Callable[[bytes], None] | None = None,
) -> T:
    """Add the fragment ``make`` builds from ``parts`` to ``graph``, from ``store`` when it has it, and
    its run to ``runs`` (when given: anything with ``append``, a list or a
    :class:`~kg.graph.runs.RunStore`), and give the run to ``keep`` (when given).

    A graph that does not hold fragments (:class:`~kg.graph.layered.LayeredGraph`) is given none of
    their triples: the run is the fragment. The store keeps the run and what ``make`` returns, not the
    triples (a graph that holds fragments reads them back from the run).

    ``make`` adds its triples to the graph it is given and returns what the caller needs besides
    (picklable); it must read nothing but ``parts`` (and the code), or a stale fragment is served."""
    if store is None and runs is None:
        return make(graph)
    holds = getattr(graph, "holds_fragments", True)
    found = store.get(kind, key := fragment_key(store.salt, parts)) if store is not None else None
    own: Graph | None = None
    if isinstance(found, tuple) and len(found) == 2 and isinstance(found[1], bytes):
        extra, run = found
    else:
        own = Graph()
        extra = make(own)
        run = sorted_ntriples(own)
        if store is not None:
            store.put(kind, key, (extra, run))
    if holds:
        if own is None:
            own = Graph()
            if run:
                own.parse(data=run.decode("utf-8"), format="nt")
        recording = getattr(graph, "recording", False)
        if isinstance(graph, RecordingGraph):
            graph.recording = False
        for triple in own:
            graph.add(triple)
        if isinstance(graph, RecordingGraph):
            graph.recording = recording
    if runs is not None:
        runs.append(run)
    if keep is not None:
        keep(run)
    return extra
