"""kg.nt from merged runs: the union of the fragments' sorted lines and what was recorded besides,
less what was removed, is the graph's own sorted N-Triples, byte for byte."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.graph.fragments import RecordingGraph, cached_fragment, sorted_ntriples
from kg.pipeline.outputs import merged_lines
from kg.vocab import EKG, RES


def _fragment(into: Graph, name: str) -> str:
    node = RES[f"stat/{name}/0-4"]
    into.add((node, RDF.type, EKG.Statistic))
    into.add((node, EKG.evidenceStatus, URIRef(str(EKG) + "stated")))
    into.add((node, EKG.value, Literal('12 "quoted" \u00e9')))
    return name


def test_merged_runs_are_the_graphs_sorted_ntriples_with_removals_and_readditions():
    graph = RecordingGraph()
    runs: list[bytes] = []
    for name in ("b", "a"):
        assert cached_fragment(graph, None, "layer", name, lambda into, name=name: _fragment(into, name), runs) == name
    graph.recording = True
    a, b = RES["stat/a/0-4"], RES["stat/b/0-4"]
    graph.remove((a, EKG.evidenceStatus, None))  # a curated chain restates a figure's status
    graph.add((a, EKG.evidenceStatus, URIRef(str(EKG) + "relayed")))
    graph.remove((b, EKG.value, None))
    graph.add((b, EKG.value, Literal('12 "quoted" \u00e9')))  # removed, then added again: kept
    graph.add((RES["pairing/x"], RDF.type, EKG.Pairing))
    added, removed = graph.runs()
    merged = b"".join(line + b"\n" for line in merged_lines([*runs, *added], removed))
    assert merged == sorted_ntriples(graph)
    graph.remove((RES["pairing/x"], RDF.type, None))  # after a flush: a removal from a recorded run
    graph.add((RES["pairing/y"], RDF.type, EKG.Pairing))  # and an inference
    added, removed = graph.runs()
    assert len(added) == 2
    again = b"".join(line + b"\n" for line in merged_lines([*runs, *added], removed))
    assert again == sorted_ntriples(graph) and b"pairing/x" not in again
    assert b"stated" in merged and merged.count(b"evidenceStatus") == 2
    assert all(run == b"".join(sorted(set(run.splitlines(keepends=True)))) for run in runs), "runs are sorted"
