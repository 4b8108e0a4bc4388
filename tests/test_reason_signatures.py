"""Lone nodes (pairings, flags, chains, candidates) reasoned once per signature: the parts stay the
same when pairings come and go. That the inferences are HermiT's is tests/test_reason_parts.py's."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import OWL, RDF

from kg.pipeline.reasoning import by_signature, ntriples_of, split
from kg.validate.reasoner import reasoning_input
from kg.vocab import EKG, RES


def test_pairings_are_stood_in_for_and_new_ones_leave_the_parts_unchanged(built):
    data = list(reasoning_input(built.graph, Graph()))
    out, stands_for = by_signature(data)
    lone = {node for nodes in stands_for.values() for node in nodes}
    pairings = set(built.graph.subjects(RDF.type, EKG.Pairing))
    assert pairings and pairings <= lone
    assert not lone & set(built.graph.subjects(RDF.type, EKG.Claim)), "a claim has edges: never lone"
    assert not lone & set(built.graph.subjects(RDF.type, EKG.CitedWork)), "a cited work is pointed at"
    assert len(stands_for) < 100 < len(lone)
    assert {t[0] for t in out}.isdisjoint(lone)
    more = [*data]
    for n in range(50):
        node = RES[f"pairing/claim/a{n}/x/b{n}/y"]
        more += [
            (node, RDF.type, EKG.Pairing),
            (node, RDF.type, OWL.NamedIndividual),
            (node, EKG.origin, EKG.Suggested),
        ]
    again, _ = by_signature(more)
    assert [ntriples_of(p) for p in split(again)] == [ntriples_of(p) for p in split(out)]
