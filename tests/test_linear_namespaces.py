"""SHACL's node names (kg.validate.namespaces): rdflib's names, at a cost that does not grow with the graph."""

from __future__ import annotations

import time

from rdflib import Graph, URIRef
from rdflib.namespace import NamespaceManager

from kg.validate.namespaces import LinearNamespaceManager, linear_namespaces

RES = "https://w3id.org/evidence-kg/resource/"
IRIS = [
    f"{RES}anchor/usc2012/120-135/position",
    f"{RES}claim/usc2012/44098-44198",
    f"{RES}report/usc2012",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2001/XMLSchema#date",
    "https://w3id.org/evidence-kg/ontology#Claim",
    "urn:isbn:0451450523",
    "http://example.org/",
]


def test_the_names_are_rdflibs():
    graph = Graph()
    graph.bind("ekg", "https://w3id.org/evidence-kg/ontology#")
    linear = LinearNamespaceManager(graph, bind_namespaces="none")
    plain = NamespaceManager(graph, bind_namespaces="none")
    assert [URIRef(i).n3(linear) for i in IRIS] == [URIRef(i).n3(plain) for i in IRIS]
    assert URIRef(IRIS[3]).n3(linear) == "rdf:type"
    assert URIRef(IRIS[5]).n3(linear) == "ekg:Claim"


def test_naming_many_namespaces_is_linear():
    """50,000 IRIs each in a namespace of its own (as anchors' positions are): rdflib alone scans every
    namespace filed before for each new one (about 1.25e9 comparisons here)."""
    graph = Graph()
    manager = LinearNamespaceManager(graph, bind_namespaces="none")
    started = time.process_time()
    names = [URIRef(f"{RES}anchor/r/{i}-{i + 9}/position").n3(manager) for i in range(50_000)]
    assert time.process_time() - started < 5
    assert names[7] == f"<{RES}anchor/r/7-16/position>"


def test_the_graphs_own_manager_comes_back():
    graph = Graph()
    before = graph.namespace_manager
    with linear_namespaces(graph):
        assert isinstance(graph.namespace_manager, LinearNamespaceManager)
    assert graph.namespace_manager is before
