"""Records -> RDF. The only stage that knows the ontology's terms.

``build_graph`` assembles the whole graph: the ontology and gazetteer (so the graph is
self-describing), then per report its works, citation occurrences, extracted claims,
statistics and mentions, then the curated layer.
"""

from __future__ import annotations

from rdflib import Graph, URIRef

from kg.graph import curated, extracted
from kg.graph.terms import span_iri
from kg.graph.vocabulary import new_graph, vocabulary
from kg.records import ReferenceRecord, Report, Sentence, Span
from kg.resolve.extraction import Extraction
from kg.sources.text import sentence_at
from kg.vocab import EKG


def add_report_layer(graph: Graph, extraction: Extraction, report: Report) -> None:
    """One report's extracted layer: the report, its citation occurrences, sentence claims, statistics, mentions.

    Public so that a generator of synthetic corpora (``scripts/synthetic_corpus.py``) writes the
    same RDF the build writes, one report at a time."""
    key = report.key
    paths = extraction.paths
    extracted.add_report(graph, report, extraction.report_entries[key], paths.relative(report.path))
    works_at = extracted.add_citations(graph, report, extraction.citations.get(key, []))
    report_sentences = extraction.sentences[key]

    def find(offset: int) -> Sentence | None:
        return sentence_at(report_sentences, offset)

    claims: dict[Span, URIRef] = {}

    def claim_for(offset: int) -> URIRef | None:
        sentence = find(offset)
        if sentence is None:
            return None
        if sentence.span not in claims:
            claims[sentence.span] = extracted.add_sentence_claim(graph, report, sentence)
        return claims[sentence.span]

    for listed in extraction.listed.get(key, []):
        extracted.add_listed(graph, report, listed.record, listed.key)
    for span, works in works_at.items():
        claim = claim_for(span.start)
        if claim is not None:
            for work in works:
                graph.add((claim, EKG.restsOn, work))
    for source in extraction.statistics.get(key, []):
        claim = claim_for(source.statistic.span.start)
        if claim is None:
            claim = extracted.add_sentence_claim(
                graph, report, Sentence(source.statistic.span, source.statistic.text, "")
            )
        extracted.add_statistic(graph, report, source, claim)

    entities = {e.slug: e for e in extraction.gazetteer}
    for mention in extraction.mentions.get(key, []):
        entity = entities[mention.entity]
        extracted.add_mention(graph, report, mention, entity)
        sentence = find(mention.span.start)
        if sentence is not None and sentence.span in claims:
            graph.add((claims[sentence.span], EKG.mentions, URIRef(entity.iri)))


def build_graph(extraction: Extraction) -> Graph:
    """The whole evidence graph for an extraction (ontology and gazetteer included)."""
    graph = vocabulary(extraction.gazetteer_graph)
    cited = {r.key for rs in extraction.citations.values() for r in rs if r.key}
    # a work the curated layer names (a flag note's source) is a node even if no report cites it
    named = extraction.annotations.work_keys if extraction.annotations is not None else set()
    listed: dict[str, ReferenceRecord] = {}
    for entries in extraction.listed.values():
        for item in entries:
            listed.setdefault(item.key, item.record)
    for entry in extraction.works:
        if entry.key in cited or entry.key in named or entry.fields.get("citedin"):
            extracted.add_work(graph, entry, listed.get(entry.key) if entry.origin == "extracted" else None)
    for report in extraction.reports:
        add_report_layer(graph, extraction, report)
    if extraction.annotations is not None:
        curated.add_curated(graph, extraction)
    return graph


__all__ = ["add_report_layer", "build_graph", "new_graph", "span_iri"]
