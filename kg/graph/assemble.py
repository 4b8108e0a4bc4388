"""The whole graph assembled.

Per report its extracted and inferred layers, then the curated layer and the candidates.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.evidence.records import Evidence
from kg.graph import candidates, curated, extracted
from kg.graph import evidence as inferred
from kg.graph.fragments import FragmentStore, RecordingGraph, cached_fragment, fragment_key, sorted_ntriples
from kg.graph.layered import LayeredGraph, annotated_reports, pairing_runs
from kg.graph.notes import add_notes
from kg.graph.terms import span_iri
from kg.graph.vocabulary import new_graph, vocabulary
from kg.records import BibEntry, ReferenceRecord, Report, Sentence, Span
from kg.resolve.extraction import Extraction
from kg.sources.text import sentence_at
from kg.vocab import EKG

#: The build cache's folders for the works' triples and the reports' layers (triples and nodes).
WORK_KIND = "work"
REPORT_KIND = "layer"


class ReportNodes:
    """The claim and statistic nodes of one report's extracted layer, by the sentence they stand in.

    Curated flags read it to reach the claim a sentence became (one claim per sentence span, the
    curated one where a curator described it) and the statistics stated in that claim.
    """

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self.claims: dict[Span, URIRef] = {}
        self.stats_of: dict[URIRef, list[URIRef]] = {}
        self.stat_spans: dict[Span, URIRef] = {}

    def claim_holding(self, span: Span) -> URIRef | None:
        sentence = sentence_at(self.sentences, span.start)
        return self.claims.get(sentence.span) if sentence is not None else None

    def targets(self, span: Span) -> list[URIRef]:
        """A flag anchored at ``span``: the statistic there, or the claim of its sentence and its statistics."""
        if span in self.stat_spans:
            return [self.stat_spans[span]]
        claim = self.claims.get(span) or self.claim_holding(span)
        return [claim, *self.stats_of.get(claim, [])] if claim is not None else []


def add_report_layer(
    graph: Graph, extraction: Extraction, report: Report, evidence: Evidence | None = None
) -> ReportNodes:
    """One report's extracted layer: the report, its citation occurrences, sentence claims, statistics, mentions,
    and what the evidence stage inferred (when ``evidence`` is given).

    A sentence a curated claim stands for (``evidence.claim_nodes``) is that claim: one node, labelled
    both curated and extracted. Public so that a generator of synthetic corpora
    (``scripts/synthetic_corpus.py``) writes the same RDF the build writes, one report at a time."""
    key = report.key
    paths = extraction.paths
    extracted.add_report(graph, report, extraction.report_entries[key], paths.relative(report.path))
    works_at = extracted.add_citations(graph, report, extraction.citations.get(key, []))
    add_notes(graph, report, extraction.notes.get(key, []), works_at)
    report_sentences = extraction.sentences[key]
    nodes = ReportNodes(report_sentences)
    merged = evidence.claim_nodes if evidence is not None else {}

    def find(offset: int) -> Sentence | None:
        return sentence_at(report_sentences, offset)

    claims = nodes.claims

    def claim_of_sentence(sentence: Sentence) -> URIRef:
        if sentence.span not in claims:
            if sentence.span in merged:
                node = span_iri("claim", merged[sentence.span])
                graph.add((node, RDF.type, EKG.Claim))
                graph.add((node, RDF.type, EKG.ExtractedClaim))
                graph.add((node, EKG.origin, EKG.Extracted))
                claims[sentence.span] = node
            else:
                claims[sentence.span] = extracted.add_sentence_claim(graph, report, sentence)
        return claims[sentence.span]

    def claim_for(offset: int) -> URIRef | None:
        sentence = find(offset)
        return claim_of_sentence(sentence) if sentence is not None else None

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
        stat = extracted.add_statistic(graph, report, source, claim)
        nodes.stats_of.setdefault(claim, []).append(stat)
        nodes.stat_spans[source.statistic.span] = stat
    if evidence is not None:
        by_span = {s.span: s for s in report_sentences}
        for guess in evidence.claims.get(key, []):
            if guess.span in by_span:
                claim_of_sentence(by_span[guess.span])

    entities = {e.slug: e for e in extraction.gazetteer}
    for mention in extraction.mentions.get(key, []):
        entity = entities[mention.entity]
        extracted.add_mention(graph, report, mention, entity)
        sentence = find(mention.span.start)
        if sentence is not None and sentence.span in claims:
            graph.add((claims[sentence.span], EKG.mentions, URIRef(entity.iri)))
    if evidence is not None:
        add_evidence_layer(graph, extraction, report, evidence, nodes)
    return nodes


def add_evidence_layer(
    graph: Graph, extraction: Extraction, report: Report, evidence: Evidence, nodes: ReportNodes
) -> None:
    """One report's inferred layer: found mentions, claim kinds, measures, suggested flags and chains."""
    key = report.key
    iris = inferred.EntityIris(extraction.gazetteer)
    curated_nodes = {span_iri("claim", span) for span in evidence.claim_nodes.values()}
    inferred.add_mentions(graph, report, evidence, iris, nodes.claim_holding)
    inferred.add_claim_kinds(graph, evidence.claims.get(key, []), lambda span: nodes.claims.get(span), curated_nodes)
    inferred.add_measures(graph, evidence, [s.statistic for s in extraction.statistics.get(key, [])], iris)
    for flag in evidence.flags.get(key, []):
        inferred.add_flag(graph, report, flag, nodes.targets)
    for chain in evidence.chains.get(key, []):
        inferred.add_chain(graph, report, chain, iris, lambda span: nodes.claims.get(span))


def _own(extraction: Extraction, report: Report, evidence: Evidence | None, gazetteer: str) -> tuple:
    """What one report's layer reads of the extraction and the evidence: its records only (a found
    entity's IRI is its key, so the evidence's entity list is not read); ``gazetteer`` stands for the
    gazetteer's entries (a digest, the same for every report)."""
    key = report.key
    stats = extraction.statistics.get(key, [])
    own = (
        replace(report, path=Path(extraction.paths.relative(report.path))),
        extraction.report_entries[key],
        extraction.sentences[key],
        extraction.citations.get(key, []),
        extraction.listed.get(key, []),
        stats,
        extraction.mentions.get(key, []),
        extraction.notes.get(key, []),
        gazetteer,
    )
    if evidence is None:
        return own
    spans = {s.statistic.span for s in stats}
    mine = Evidence(
        mentions={key: evidence.mentions.get(key, [])},
        claims={key: evidence.claims.get(key, [])},
        claim_nodes={a: b for a, b in evidence.claim_nodes.items() if a.report == key or b.report == key},
        flags={key: evidence.flags.get(key, [])},
        chains={key: evidence.chains.get(key, [])},
        measures={span: m for span, m in evidence.measures.items() if span in spans},
    )
    return (*own, mine)


def cached_layer(
    graph: Graph,
    extraction: Extraction,
    report: Report,
    evidence: Evidence | None,
    store: FragmentStore | None,
    gazetteer: str = "",
    runs: Any = None,
) -> ReportNodes:
    """:func:`add_report_layer`, its triples and nodes filed by the digest of what it reads (:func:`_own`);
    ``gazetteer`` is the digest of the gazetteer's entries."""
    if store is None and runs is None:
        return add_report_layer(graph, extraction, report, evidence)
    parts = _own(extraction, report, evidence, gazetteer)
    view = replace(
        extraction,
        report_entries={report.key: parts[1]},
        sentences={report.key: parts[2]},
        citations={report.key: parts[3]},
        listed={report.key: parts[4]},
        statistics={report.key: parts[5]},
        mentions={report.key: parts[6]},
        notes={report.key: parts[7]},
    )
    mine = parts[9] if evidence is not None else None

    def layer(into: Graph) -> ReportNodes:
        return add_report_layer(into, view, report, mine)

    keep = (lambda run: graph.keep_layer(report.key, run)) if isinstance(graph, LayeredGraph) else None
    return cached_fragment(graph, store, REPORT_KIND, parts, layer, runs, keep)


def build_graph(
    extraction: Extraction,
    evidence: Evidence | None = None,
    store: FragmentStore | None = None,
    runs: Any = None,
    layered: bool = False,
) -> Graph:
    """The whole evidence graph for an extraction (ontology and gazetteer included), with the layer the
    evidence stage inferred when ``evidence`` is given; each work's triples and each report's layer
    from ``store`` (by content key) when it has them.

    With ``runs``, the graph's triples are also given as sorted N-Triples runs (one per fragment,
    one for the vocabulary; see :mod:`kg.graph.fragments`), and the graph returned is a
    :class:`~kg.graph.fragments.RecordingGraph` recording what is added outside the fragments (from
    here on, the inferences included), for :func:`graph_runs` to give; with ``layered``, a
    :class:`~kg.graph.layered.LayeredGraph` (no fragment's triples; the pairings as runs too)."""
    graph = vocabulary(extraction.gazetteer_graph)
    if runs is not None:
        runs.append(sorted_ntriples(graph))
        recorded = LayeredGraph(annotated_reports(extraction)) if layered else RecordingGraph()
        recorded += graph
        graph = recorded
    listed: dict[str, ReferenceRecord] = {}
    for entries in extraction.listed.values():
        for item in entries:
            listed.setdefault(item.key, item.record)
    for entry in extraction.graph_works:
        record = listed.get(entry.key) if entry.origin == "extracted" else None

        def work(into: Graph, entry: BibEntry = entry, record: ReferenceRecord | None = record) -> None:
            extracted.add_work(into, entry, record)

        cached_fragment(graph, store, WORK_KIND, (entry, record), work, runs)
    if isinstance(graph, RecordingGraph):
        graph.recording = True
    if evidence is not None:
        inferred.add_entities(graph, evidence.entities)
    gazetteer = fragment_key("", extraction.gazetteer) if store is not None or runs is not None else ""
    layers = {r.key: cached_layer(graph, extraction, r, evidence, store, gazetteer, runs) for r in extraction.reports}
    if extraction.annotations is not None:
        curated.add_curated(graph, extraction, layers)
    add_candidates(graph, extraction, layers)
    if evidence is not None:

        def paired(kind: str, span: Span) -> URIRef:
            return _item(layers, evidence, kind, span)

        if isinstance(graph, LayeredGraph):  # the pairings (~3 a claim) as runs, not held in the graph
            pairing_runs(evidence.pairings, paired, runs)
        else:
            for pairing in evidence.pairings:
                inferred.add_pairing(graph, pairing, paired)
    return graph


def add_candidates(graph: Graph, extraction: Extraction, layers: dict[str, ReportNodes]) -> None:
    """Candidate sources for the works in the graph, and the flags of curated ones whose page gives another figure."""
    in_graph = {e.key for e in extraction.graph_works}
    by_key = {e.key: e for e in extraction.works}
    reports = {r.key: r for r in extraction.reports}
    for candidate in extraction.candidates:
        if candidate.work not in in_graph:
            continue
        node = candidates.add_candidate(graph, candidate)
        if candidate.figure_matches is not False:
            continue
        cited_in = by_key[candidate.work].fields.get("citedin", "").replace(",", " ").split() or list(reports)
        for key in (k for k in cited_in if k in reports):
            figures = candidates.stated_figures(candidate, extraction.statistics.get(key, []))
            citing = [r.citation.span for r in extraction.citations.get(key, []) if r.key == candidate.work]
            if figures or citing:
                nodes = layers[key]

                def target(span: Span, nodes: ReportNodes = nodes) -> URIRef | None:
                    return nodes.stat_spans.get(span) or nodes.claim_holding(span)

                candidates.add_figure_flag(graph, candidate, node, reports[key], figures, target, citing)


def _item(layers: dict[str, ReportNodes], evidence: Evidence, kind: str, span: Span) -> URIRef:
    if kind == "figure":
        return layers[span.report].stat_spans.get(span) or span_iri("stat", span)
    return span_iri("claim", span)


__all__ = ["ReportNodes", "add_evidence_layer", "add_report_layer", "build_graph", "new_graph", "span_iri"]
