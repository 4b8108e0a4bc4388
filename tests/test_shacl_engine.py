"""The build's SHACL engine (pyshacl-turbo, over N-Triples text) reports exactly pySHACL's violations.

The real graph is broken in every way the shapes check (a missing value, a missing report, a second
anchor that does not exist, a node of two disjoint kinds, a pairing without its first item, a
selector whose offset is not a number and whose quote is gone, a curated claim with no anchor, a
statistic whose value is text) and both engines judge it whole; their violations, with places,
paths, messages and severities, must be the same list.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.validate.shacl import native_violations, run_shacl, shapes
from kg.vocab import EKG, OA


def _broken(built) -> tuple[Graph, int]:
    graph = Graph()
    for triple in built.graph:
        graph.add(triple)
    broken = 0
    for report in ("policing2020", "usc2012"):
        stats = sorted(s for s in graph.subjects(RDF.type, EKG.Statistic) if f"/{report}/" in str(s))[:3]
        claims = sorted(s for s in graph.subjects(RDF.type, EKG.Claim) if f"/{report}/" in str(s))[:1]
        for stat in stats[:2]:
            graph.remove((stat, EKG.value, None))
        graph.set((stats[2], EKG.value, Literal("many")))
        graph.remove((claims[0], EKG.statedIn, None))
        anchor = next(graph.objects(claims[0], EKG.hasAnchor))
        graph.add((claims[0], EKG.hasAnchor, URIRef(str(anchor) + "-second")))
        broken += 5
    graph.add((sorted(graph.subjects(RDF.type, EKG.CitedWork))[0], RDF.type, EKG.Statistic))
    graph.remove((sorted(graph.subjects(RDF.type, EKG.Pairing))[0], EKG.pairedA, None))
    selector = sorted(graph.subjects(RDF.type, OA.TextQuoteSelector))[0]
    graph.remove((selector, OA.exact, None))
    graph.add((selector, OA.start, Literal("not a number")))
    graph.remove((next(iter(graph.subjects(RDF.type, EKG.CuratedClaim))), EKG.hasAnchor, None))
    return graph, broken + 4


def test_the_native_engine_reports_pyshacls_violations_on_a_broken_real_graph(built, paths):
    graph, broken = _broken(built)
    reference = run_shacl(graph, shapes(), paths.root)
    native = native_violations(graph.serialize(format="nt"), None, paths.root)
    assert not reference.conforms and len(reference.violations) >= broken
    assert [(str(v), v.severity) for v in native] == [(str(v), v.severity) for v in reference.violations]
    assert any(v.location.startswith("corpus/") for v in native), "the violations are located in the texts"


def test_the_native_engine_finds_nothing_in_the_built_graph_and_judges_only_the_focus(built, paths):
    assert native_violations(built.graph.serialize(format="nt"), None, paths.root) == []
    graph, _ = _broken(built)
    text = graph.serialize(format="nt")
    every = native_violations(text, None, paths.root)
    focus = sorted({v.node for v in every if "/stat/" in v.node})[:2]  # typed nodes a shape targets
    judged = native_violations(text, focus, paths.root)
    assert judged and {v.node for v in judged} <= set(focus)
    assert [str(v) for v in judged] == [str(v) for v in every if v.node in focus]
