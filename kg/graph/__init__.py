"""Records -> RDF. The only stage that knows the ontology's terms.

``build_graph`` assembles the whole graph: the ontology and gazetteer (so the graph is
self-describing), then per report its works, citation occurrences, extracted claims,
statistics and mentions and what the evidence stage inferred (entities, kinds, measures,
suggested flags and chains), then the curated layer, then the suggested cross-report pairings.
"""

from kg.graph.assemble import ReportNodes, add_candidates, add_evidence_layer, add_report_layer, build_graph

__all__ = ["add_candidates", "add_evidence_layer", "add_report_layer", "build_graph", "ReportNodes"]
