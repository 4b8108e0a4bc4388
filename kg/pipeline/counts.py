"""What a built graph holds, counted for ``kg build``'s summary and ``summary.json``."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from kg.vocab import EKG


def _instances(graph: Graph, cls: URIRef) -> int:
    """Instances of a class or of its subclasses (as the ontology declares them)."""
    classes = set(graph.transitive_subjects(RDFS.subClassOf, cls))
    return len({s for c in classes for s in graph.subjects(RDF.type, c)})


def count_graph(graph: Graph) -> dict[str, int]:
    return {
        "reports": _instances(graph, EKG.Report),
        "claims": _instances(graph, EKG.Claim),
        "curated claims": _instances(graph, EKG.CuratedClaim),
        "statistics": _instances(graph, EKG.Statistic),
        "citation occurrences": _instances(graph, EKG.CitationOccurrence),
        "works": _instances(graph, EKG.CitedWork),
        "platforms": _instances(graph, EKG.Platform),
        "agencies": _instances(graph, EKG.Agency),
        "organizations": _instances(graph, EKG.Organization),
        "mentions": _instances(graph, EKG.Mention),
        "triples": len(graph),
    }
