"""The reasoner's answer by rules read from the ontology: HermiT's inferences at a cost linear in the graph.

The build keeps what HermiT (through owlready2) reports, completed by
:func:`~kg.validate.reasoner.complete_entailments`. This module computes the same triples without
Java, from the ontology's axioms (:mod:`kg.validate.tbox`) applied to the same input
(:func:`~kg.validate.reasoner.reasoning_input`), each rule one pass over an index:

- an edge ``p(a, b)`` entails ``q(a, b)`` for every super-property ``q`` of ``p``, ``q(b, a)`` for an
  inverse ``q`` and ``p(b, a)`` for a symmetric ``p`` (``rdfs:subPropertyOf``, ``owl:inverseOf``,
  ``owl:SymmetricProperty``): a table per predicate, computed once from the ontology;
- a transitive property's edges are closed (``owl:TransitiveProperty``): a walk from each node, whose
  cost is the closure's size (the triples written), and the closure's edges entail as above;
- a node has the domain's classes of its edges and the range's of the edges it is the object of,
  and every superclass of each of its classes (``rdfs:domain``, ``rdfs:range``, ``rdfs:subClassOf``,
  named ``owl:equivalentClass``);
- a node of class ``A`` with a ``p`` edge to a node of class ``F`` (or to the individual ``v``) is a
  ``D`` for each defined class ``D ≡ A ⊓ ∃p.F`` (``owl:someValuesFrom`` / ``owl:hasValue``), repeated
  until nothing is added (as often as defined classes build on each other: twice here);
- two disjoint classes on one node (``owl:disjointWith``) are a clash:
  :class:`~kg.validate.reasoner.InconsistentOntologyError`, as HermiT's "no model".

What is *reported* is what owlready2 reports of HermiT's answer: the direct (most specific) classes of
each ``res:`` node and, for each pair, the most specific properties relating it, less what the input
asserts; then :func:`complete_entailments`. tests/test_reason_rules.py proves the triples equal to
HermiT's on the real corpus and on a 20-report corpus, and that each rule is needed.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

from kg.validate.reasoner import (
    InconsistentOntologyError,
    ReasoningResult,
    complete_entailments,
    reasoning_triples,
)
from kg.validate.tbox import TBox, read_tbox
from kg.vocab import RES

Triple = tuple[Node, Node, Node]
Pairs = dict[Node, set[tuple[Node, Node]]]


def edges_of(tbox: TBox, data: Iterable[Triple]) -> Pairs:
    """Every property's entailed pairs: sub-properties, inverses, symmetry, then transitive closure."""
    edges: Pairs = defaultdict(set)
    for s, p, o in data:
        if p != RDF.type:
            for q, forward in tbox.entails.get(p, {(p, True)}):
                edges[q].add((s, o) if forward else (o, s))
    changed = True
    while changed:  # a closure's new edges may feed another transitive property
        changed = False
        for t in tbox.transitive:
            for a, b in closure(edges.get(t, set())) - edges.get(t, set()):
                for q, forward in tbox.entails.get(t, {(t, True)}):
                    pair = (a, b) if forward else (b, a)
                    if pair not in edges[q]:
                        edges[q].add(pair)
                        changed = True
    return edges


def closure(pairs: set[tuple[Node, Node]]) -> set[tuple[Node, Node]]:
    """The transitive closure of a relation: a walk from each node that has an edge."""
    out: dict[Node, list[Node]] = defaultdict(list)
    for a, b in pairs:
        out[a].append(b)
    found: set[tuple[Node, Node]] = set()
    for start in out:
        seen: set[Node] = set()
        todo = list(out[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(out.get(node, ()))
        found.update((start, node) for node in seen)
    return found


def types_of(tbox: TBox, data: Iterable[Triple], edges: Pairs) -> dict[Node, set[Node]]:
    """Every node's classes: asserted, from domains and ranges, superclasses, then defined classes."""
    types: dict[Node, set[Node]] = defaultdict(set)
    for node, classes in tbox.individuals.items():
        types[node] |= classes
    for s, p, o in data:
        if p == RDF.type:
            types[s] |= tbox.classes_of(o)
    for p, pairs in edges.items():
        domain = {c for d in tbox.domain.get(p, ()) for c in tbox.classes_of(d)}
        range_ = {c for r in tbox.range.get(p, ()) for c in tbox.classes_of(r)}
        for a, b in pairs:
            types[a] |= domain
            types[b] |= range_
    changed = True
    while changed:
        changed = False
        for d in tbox.defined:
            for a, b in edges.get(d.prop, ()):
                if d.cls in types[a] or (d.base != OWL.Thing and d.base not in types[a]):
                    continue
                if d.filler == OWL.Thing or (b == d.filler if d.value else d.filler in types[b]):
                    types[a] |= tbox.classes_of(d.cls)
                    changed = True
    return types


def check_disjoint(tbox: TBox, types: dict[Node, set[Node]]) -> None:
    """A node in two disjoint classes (or in ``owl:Nothing``) has no model: the build stops."""
    for node, classes in types.items():
        clash = OWL.Nothing in classes or any(a in classes and b in classes for a, b in tbox.disjoint)
        if clash:
            raise InconsistentOntologyError(
                "the ontology and the data are inconsistent (no model: "
                f"{node.n3()} is in two disjoint classes); check disjoint classes and property ranges against the data"
            )


def reported(tbox: TBox, data: list[Triple], edges: Pairs, types: dict[Node, set[Node]]) -> list[Triple]:
    """What owlready2 reports of the entailments: each ``res:`` node's direct classes and the most
    specific properties of each pair, less the input's own triples."""
    asserted = set(data)
    base = str(RES)
    out: list[Triple] = []
    direct: dict[frozenset[Node], list[Node]] = {}  # nodes share a few dozen sets of classes
    for node, classes in types.items():
        if not (isinstance(node, URIRef) and str(node).startswith(base)):
            continue
        key = frozenset(classes)
        if key not in direct:
            named = classes - {OWL.Thing}
            direct[key] = [
                cls
                for cls in named
                if not any(cls in tbox.classes_of(other) and other not in tbox.classes_of(cls) for other in named)
            ]
        out.extend((node, RDF.type, cls) for cls in direct[key] if (node, RDF.type, cls) not in asserted)
    for p, pairs in edges.items():
        narrower = [edges.get(q, set()) for q in tbox.sub_properties.get(p, ())]
        for a, b in pairs:
            if not (isinstance(a, URIRef) and str(a).startswith(base)) or (a, p, b) in asserted:
                continue
            if not any((a, b) in sub for sub in narrower):
                out.append((a, p, b))
    return out


def rule_inferences(data: list[Triple], ontology: Graph) -> list[Triple]:
    """The rules' answer over the reasoner's input (before :func:`complete_entailments`)."""
    tbox = read_tbox(ontology)
    edges = edges_of(tbox, data)
    types = types_of(tbox, data, edges)
    check_disjoint(tbox, types)
    return reported(tbox, data, edges, types)


def reason_with_rules(graph: Graph, ontology: Graph, workdir: object = None) -> tuple[ReasoningResult, Graph]:
    """The reasoning stage by rules: the same verdict and inferred triples as HermiT's, no Java.

    ``workdir`` is unused (the signature is :data:`kg.validate.verdict.Reasoner`'s)."""
    started = time.perf_counter()
    data = reasoning_triples(graph)
    inferred = Graph()
    for triple in rule_inferences(data, ontology):
        if triple not in graph:
            inferred.add(triple)
    complete_entailments(graph, ontology, inferred)
    seconds = time.perf_counter() - started
    return ReasoningResult("consistent", inferred=len(inferred), seconds=seconds, engine="rules"), inferred


__all__ = ["reason_with_rules", "rule_inferences"]
