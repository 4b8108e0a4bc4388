"""What a built graph holds, counted for ``kg build``'s summary and ``summary.json``.

:func:`count_graph` counts an rdflib graph; the build counts its lines instead
(:func:`kg.pipeline.line_reasoning.count_lines`), the same figures from :data:`COUNTED`.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from kg.vocab import EKG

#: The summary's figures: instances of each class or of its subclasses (as the graph declares them).
COUNTED: dict[str, URIRef] = {
    "reports": EKG.Report,
    "claims": EKG.Claim,
    "curated claims": EKG.CuratedClaim,
    "statistics": EKG.Statistic,
    "citation occurrences": EKG.CitationOccurrence,
    "works": EKG.CitedWork,
    "platforms": EKG.Platform,
    "agencies": EKG.Agency,
    "organizations": EKG.Organization,
    "mentions": EKG.Mention,
}


def _instances(graph: Graph, cls: URIRef) -> int:
    """Instances of a class or of its subclasses (as the ontology declares them)."""
    classes = set(graph.transitive_subjects(RDFS.subClassOf, cls))
    return len({s for c in classes for s in graph.subjects(RDF.type, c)})


def count_graph(graph: Graph) -> dict[str, int]:
    counts = {name: _instances(graph, cls) for name, cls in COUNTED.items()}
    counts["triples"] = len(graph)
    return counts
