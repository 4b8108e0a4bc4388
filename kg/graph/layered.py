"""The graph a build assembles without holding its fragments: what was added besides, and a few layers.

:func:`kg.graph.build_graph` with a :class:`LayeredGraph` gives each work's triples and each report's
layer as runs only (:mod:`kg.graph.runs`: files, not rdflib terms), and this graph holds the rest: the
vocabulary, the entities, the curated layer, the candidates and the pairings (recorded, as by
:class:`~kg.graph.fragments.RecordingGraph`). That is a few triples a report where the whole graph
was some 30,000 (~2.7 KB each in rdflib).

Two things of the curated layer read the report layers: it finds the claims and statistics a curated
passage overlaps (:class:`kg.graph.curated.SpanIndex`), and a relayed figure's chain replaces the
statistic's ``ekg:evidenceStatus``. Both concern the reports the annotations name, so their layers
are kept (``kept``, as runs, parsed when first read): a removal of a triple of a kept layer is
recorded as the fragments' removed line; a removal aimed at any other report's node cannot see its
layer, and is refused (an error, never a silently different graph).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.evidence.records import Pairing
from kg.graph.evidence import add_pairing
from kg.graph.fragments import RecordingGraph, sorted_ntriples
from kg.records import Span
from kg.resolve.extraction import Extraction
from kg.vocab import RES


def report_of(node: object) -> str | None:
    """The report a ``res:KIND/REPORT/...`` node names (None for any other node)."""
    text = str(node)
    base = str(RES)
    if not (isinstance(node, URIRef) and text.startswith(base)):
        return None
    parts = text[len(base) :].split("/")
    return parts[1] if len(parts) >= 3 else None


class LayeredGraph(RecordingGraph):
    """A :class:`RecordingGraph` without the fragments' triples, with the layers of ``kept`` reports."""

    holds_fragments = False

    def __init__(self, kept: set[str]) -> None:
        super().__init__()
        self.kept = kept
        self.layers: dict[str, bytes] = {}
        self._parsed: dict[str, Graph] = {}

    def keep_layer(self, report: str, run: bytes) -> None:
        """Note a report's layer run, when the curated layer may read it."""
        if report in self.kept:
            self.layers[report] = run
            self._parsed.pop(report, None)

    def layer(self, report: str) -> Graph:
        """A kept report's layer as an rdflib graph (parsed once)."""
        if report not in self._parsed:
            graph = Graph()
            run = self.layers.get(report, b"")
            if run:
                graph.parse(data=run.decode("utf-8"), format="nt")
            self._parsed[report] = graph
        return self._parsed[report]

    def remove(self, triple: Any) -> LayeredGraph:
        report = report_of(triple[0])
        if self.recording and report is not None:
            if report not in self.kept:
                raise AssertionError(f"a removal from report {report}'s layer, which the build did not keep")
            for found in list(self.layer(report).triples(triple)):
                self.added.discard(found)
                self.removed.add(found)
        super().remove(triple)
        return self

    def typed_subjects(self) -> set[Any]:
        """Every typed subject: this graph's and the kept layers'."""
        found = set(self.subjects(RDF.type, None))
        for report in self.layers:
            found |= set(self.layer(report).subjects(RDF.type, None))
        return found


def typed_subjects(graph: Graph) -> set[Any]:
    """The typed subjects of a graph, its kept layers' included when it is a :class:`LayeredGraph`."""
    if isinstance(graph, LayeredGraph):
        return graph.typed_subjects()
    return set(graph.subjects(RDF.type, None))


def annotated_reports(extraction: Extraction) -> set[str]:
    """The reports the curated layer names (whose layers it reads: :mod:`kg.graph.layered`)."""
    annotations = extraction.annotations
    if annotations is None:
        return set()
    named = {item.report for item in annotations.claims} | {item.report for item in annotations.interviews}
    named |= {item.report for item in annotations.studies} | {item.report for item in annotations.chains}
    named |= {item.report for item in annotations.flags} | {item.report for item in annotations.tables}
    named |= {r for relation in annotations.relations for r in (relation.report_a, relation.report_b)}
    return named


#: Pairings serialised together as one run (a build with a layered graph holds none of them).
PAIRINGS_A_RUN = 4096


def pairing_runs(pairings: list[Pairing], item: Callable[[str, Span], URIRef], runs: Any) -> None:
    """The pairings' triples (:func:`kg.graph.evidence.add_pairing`) as runs of :data:`PAIRINGS_A_RUN`."""
    for start in range(0, len(pairings), PAIRINGS_A_RUN):
        chunk = Graph()
        for pairing in pairings[start : start + PAIRINGS_A_RUN]:
            add_pairing(chunk, pairing, item)
        runs.append(sorted_ntriples(chunk))
