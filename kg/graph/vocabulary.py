"""The ontology, parsed once per process, and the vocabulary every built graph starts from.

Every stage that needs the ontology (the graph, which carries it so that it describes itself, and
the reasoner) takes it from :func:`ontology`, read from the package's ``evidence-kg.ttl`` through
:mod:`kg.sources.rdf` (offline, with ``file:line`` errors).
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph

from kg.project import data
from kg.sources.rdf import parse_triples, read_bytes, to_rdflib
from kg.vocab import PREFIXES


@lru_cache(maxsize=1)
def _ontology_triples() -> tuple[ox.Triple, ...]:
    shown = "ontology/" + data.ONTOLOGY.name
    return tuple(parse_triples(read_bytes(data.ONTOLOGY, shown), shown, ox.RdfFormat.TURTLE))


def new_graph() -> Graph:
    """An empty rdflib graph with the project's prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def ontology() -> Graph:
    """A fresh graph holding the ontology (the parse itself is done once per process)."""
    return to_rdflib(list(_ontology_triples()), new_graph())


def vocabulary(gazetteer: Graph) -> Graph:
    """The ontology and the gazetteer's triples: what every built graph starts from."""
    graph = ontology()
    for triple in gazetteer:
        graph.add(triple)
    return graph
