"""SHACL part by part, with self-contained nodes (pairings, selectors, mentions) in parts of their own
triples and each part judging only its seeds: the violations are still exactly the whole graph's."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from kg.pipeline.pool import Runner
from kg.pipeline.validation import _self_contained, shacl_in_parts
from kg.validate.shacl import run_shacl, shapes
from kg.vocab import EKG, OA


def test_pairings_and_selectors_are_self_contained_claims_and_works_are_not(built):
    alone = _self_contained(built.graph)
    for cls, expected in ((EKG.Pairing, True), (OA.TextQuoteSelector, True), (EKG.Claim, False)):
        assert alone([(EKG.x, RDF.type, cls)]) is expected, cls
    assert alone([(EKG.x, RDF.type, EKG.CitedWork)]) is False, "a work's shape reads other nodes (sh:class)"
    assert alone([(EKG.x, EKG.pairedA, EKG.y)]) is False, "a node no shape targets stays with its report"


@pytest.mark.slow
def test_a_broken_pairing_and_a_broken_selector_are_found_part_by_part_as_in_the_whole_graph(built):
    graph = Graph()
    for triple in built.graph:
        graph.add(triple)
    pairing = sorted(graph.subjects(RDF.type, EKG.Pairing))[0]
    graph.remove((pairing, EKG.pairedA, None))
    selector = sorted(graph.subjects(RDF.type, OA.TextQuoteSelector))[0]
    graph.remove((selector, OA.exact, None))
    graph.add((selector, OA.start, Literal("not a number")))
    whole = run_shacl(graph, shapes(), None)
    parted = shacl_in_parts(graph, None, Runner(jobs=1), every=1, shared_every=64)
    assert {v.node for v in whole.violations} >= {str(pairing)}
    assert len(whole.violations) >= 2
    assert [str(v) for v in parted.violations] == [str(v) for v in whole.violations]
