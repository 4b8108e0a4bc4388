"""RDF for the curated layer: claims, interview excerpts, studies, chains, flags, relations.

Everything here is labelled ``ekg:origin ekg:Curated`` and carries ``ekg:declaredAt``
(the YAML file and line), so a reader always knows it was written by a person.
A curated claim rests on the works it names, on every work cited by a citation
occurrence inside its quote, on interview excerpts and on studies; any claim that carries
an excerpt's endnote marker rests on that excerpt.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.graph.layered import typed_subjects
from kg.graph.tables import add_table
from kg.graph.terms import add_anchor, add_flag_node, add_location, report_iri, slugify, span_iri, study_iri, work_iri
from kg.records import GazetteerEntry, Report, Span, StudyRecord
from kg.resolve.extraction import Extraction
from kg.sources.annotations import Annotations, Chain, CrossRelation, CuratedClaim, Flag, FlagNote, InterviewExcerpt
from kg.vocab import CLAIM_KINDS, EKG, EVIDENCE, RELATION_PROPERTIES, RES


def _curated(graph: Graph, node: URIRef, location: object) -> None:
    graph.add((node, EKG.origin, EKG.Curated))
    if getattr(location, "file", ""):
        add_location(graph, node, location)  # type: ignore[arg-type]


def add_study(graph: Graph, report: Report | None, study: StudyRecord, location: object) -> URIRef:
    node = study_iri(study.report, study.id)
    graph.add((node, RDF.type, EKG.Study))
    graph.add((node, RDFS.label, Literal(study.label)))
    graph.add((node, EKG.localId, Literal(study.id)))
    graph.add((node, EKG.inReport, report_iri(study.report)))
    if study.own:
        graph.add((node, RDF.type, EKG.PrimaryData))
        data_class = EKG.InterviewSet if "interview" in (study.method + study.label).lower() else EKG.DataSet
        graph.add((node, RDF.type, data_class))
    for name, value in (
        ("method", study.method),
        ("population", study.population),
        ("place", study.place),
        ("period", study.period),
    ):
        if value:
            graph.add((node, EKG[name], Literal(value)))
    if study.sample_size is not None:
        graph.add((node, EKG.sampleSize, Literal(study.sample_size)))
    for key in study.works:
        graph.add((node, EKG.restsOn, work_iri(key)))
        graph.add((work_iri(key), EKG.describesStudy, node))
    if study.anchor is not None and report is not None:
        graph.add((node, EKG.hasAnchor, add_anchor(graph, report, study.anchor)))
    _curated(graph, node, location)
    return node


def add_excerpt(graph: Graph, report: Report, excerpt: InterviewExcerpt) -> URIRef:
    node = span_iri("excerpt", excerpt.span)
    graph.add((node, RDF.type, EKG.InterviewExcerpt))
    graph.add((node, EKG.hasAnchor, add_anchor(graph, report, excerpt.span)))
    graph.add((node, EKG.localId, Literal(excerpt.id)))
    graph.add((node, EKG.inReport, report_iri(report.key)))
    graph.add((node, EKG.speakerRole, Literal(excerpt.role)))
    graph.add((node, EKG.section, Literal(excerpt.section)))
    respondent = RES[f"respondent/{report.key}/{excerpt.id}"]
    graph.add((respondent, RDF.type, EKG.Respondent))
    graph.add((respondent, RDFS.label, Literal(f"an anonymous {excerpt.role}")))
    graph.add((respondent, EKG.speakerRole, Literal(excerpt.role)))
    graph.add((node, EKG.spokenBy, respondent))
    if excerpt.study:
        graph.add((node, EKG.partOfStudy, study_iri(report.key, excerpt.study)))
        graph.add((node, EKG.restsOn, study_iri(report.key, excerpt.study)))
    if excerpt.dated_by:
        graph.add((node, EKG.datedBy, work_iri(excerpt.dated_by)))
        graph.add((node, EKG.restsOn, work_iri(excerpt.dated_by)))
    if excerpt.endnote is not None:
        graph.add((node, EKG.endnoteNumber, Literal(excerpt.endnote)))
    if excerpt.note:
        graph.add((node, RDFS.comment, Literal(excerpt.note)))
    _curated(graph, node, excerpt.location)
    return node


def _works_cited_inside(extraction: Extraction, span: Span) -> list[str]:
    keys = []
    for resolved in extraction.citations.get(span.report, []):
        if resolved.key and span.contains(resolved.citation.span):
            keys.append(resolved.key)
    return sorted(set(keys))


def add_claim(graph: Graph, extraction: Extraction, report: Report, claim: CuratedClaim) -> URIRef:
    node = span_iri("claim", claim.span)
    graph.add((node, RDF.type, EKG.Claim))
    graph.add((node, RDF.type, EKG.CuratedClaim))
    graph.add((node, EKG.statedIn, report_iri(report.key)))
    graph.add((node, EKG.hasAnchor, add_anchor(graph, report, claim.span)))
    graph.add((node, EKG.localId, Literal(claim.id)))
    graph.add((node, EKG.section, Literal(claim.section)))
    graph.add((node, EKG.claimKind, CLAIM_KINDS[claim.kind]))
    evidence: set[str] = set()
    for key in sorted(set(claim.works) | set(_works_cited_inside(extraction, claim.span))):
        graph.add((node, EKG.restsOn, work_iri(key)))
        evidence.add("cited-work")
    for excerpt_id in claim.interviews:
        excerpt = extraction.annotations.interview(report.key, excerpt_id) if extraction.annotations else None
        if excerpt is not None:
            graph.add((node, EKG.restsOn, span_iri("excerpt", excerpt.span)))
            evidence.add("interview")
    for study_id in claim.studies:
        graph.add((node, EKG.restsOn, study_iri(report.key, study_id)))
        own = extraction.annotations.study(report.key, study_id).own if extraction.annotations else False
        evidence.add("own-data" if own else "study")
    if not evidence:
        evidence.add("no-source-given")
        graph.add((node, EKG.evidenceStatus, EVIDENCE["no-source-given"]))
    for kind in sorted(evidence):
        graph.add((node, EKG.evidenceKind, Literal(kind)))
    if claim.note:
        graph.add((node, RDFS.comment, Literal(claim.note)))
    for mention in extraction.mentions.get(report.key, []):
        if claim.span.contains(mention.span):
            entity = _entity(extraction, mention.entity)
            if entity is not None:
                graph.add((node, EKG.mentions, URIRef(entity.iri)))
    for source in extraction.statistics.get(report.key, []):
        if claim.span.contains(source.statistic.span):
            graph.add((span_iri("stat", source.statistic.span), EKG.statedIn, node))
    _curated(graph, node, claim.location)
    return node


def _entity(extraction: Extraction, slug: str) -> GazetteerEntry | None:
    for entry in extraction.gazetteer:
        if entry.slug == slug:
            return entry
    return None


def originator_iri(graph: Graph, extraction: Extraction, name: str) -> URIRef:
    """The gazetteer entry with this name (any label), or a new curated organisation or person."""
    wanted = " ".join(name.lower().split())
    for entry in extraction.gazetteer:
        labels = {entry.pref_label, *entry.alt_labels, *entry.hidden_labels}
        if wanted in {" ".join(label.lower().split()) for label in labels}:
            return URIRef(entry.iri)
    node = RES[f"originator/{slugify(name)}"]
    graph.add((node, RDF.type, PROV.Agent))
    graph.add((node, SKOS.prefLabel, Literal(name, lang="en")))
    graph.add((node, RDFS.label, Literal(name)))
    graph.add((node, EKG.origin, EKG.Curated))
    return node


def add_chain(graph: Graph, extraction: Extraction, report: Report, chain: Chain, index: SpanIndex) -> None:
    """A relayed figure or statement: what the report cites, and whose figure it was."""
    origin = originator_iri(graph, extraction, chain.originator)
    for key in chain.works:
        graph.add((work_iri(key), EKG.attributesTo, origin))
    touched = False
    for source in extraction.statistics.get(report.key, []):
        if chain.span.overlaps(source.statistic.span):
            stat = span_iri("stat", source.statistic.span)
            graph.remove((stat, EKG.evidenceStatus, None))
            graph.add((stat, EKG.evidenceStatus, EVIDENCE["relayed"]))
            graph.add((stat, PROV.wasAttributedTo, origin))
            for key in chain.works:
                graph.add((stat, EKG.restsOn, work_iri(key)))
            touched = True
    for claim in index.overlapping("claim", chain.span):
        graph.add((claim, PROV.wasAttributedTo, origin))
        touched = True
    if not touched:
        node = span_iri("claim", chain.span)
        graph.add((node, RDF.type, EKG.Claim))
        graph.add((node, RDF.type, EKG.ExtractedClaim))
        graph.add((node, EKG.statedIn, report_iri(report.key)))
        graph.add((node, EKG.hasAnchor, add_anchor(graph, report, chain.span)))
        graph.add((node, PROV.wasAttributedTo, origin))
        for key in chain.works:
            graph.add((node, EKG.restsOn, work_iri(key)))
        _curated(graph, node, chain.location)


class SpanIndex:
    """The claim and statistic nodes of each report by span, to find what a passage touches."""

    def __init__(self, graph: Graph) -> None:
        self._nodes: dict[tuple[str, str], list[tuple[int, int, URIRef]]] = {}
        for node in typed_subjects(graph):
            text = str(node)
            if not (isinstance(node, URIRef) and text.startswith(str(RES))):
                continue
            parts = text[len(str(RES)) :].split("/")
            if len(parts) == 3 and parts[0] in ("claim", "stat") and "-" in parts[2]:
                start, end = (int(x) for x in parts[2].split("-"))
                self._nodes.setdefault((parts[0], parts[1]), []).append((start, end, node))

    def overlapping(self, kind: str, span: Span) -> list[URIRef]:
        return sorted(n for s, e, n in self._nodes.get((kind, span.report), []) if s < span.end and span.start < e)


def link_endnote_claims(graph: Graph, excerpt: InterviewExcerpt, index: SpanIndex) -> None:
    """Each claim that carries the excerpt's endnote marker rests on the excerpt too.

    The marker (``[19]``) dates the passage it closes: the sentence that carries it rests on the
    endnote's work, and without this link it would never reach the words the respondent said.
    """
    if excerpt.endnote_span is None:
        return
    node = span_iri("excerpt", excerpt.span)
    for claim in index.overlapping("claim", excerpt.endnote_span):
        graph.add((claim, EKG.restsOn, node))


def add_flag(graph: Graph, report: Report, flag: Flag, index: SpanIndex, nodes: _Targets | None = None) -> URIRef:
    node = add_flag_node(graph, report, flag.id, flag.kind, flag.rationale)
    for span in flag.spans:
        graph.add((node, EKG.hasAnchor, add_anchor(graph, report, span)))
    for key in flag.works:
        graph.add((node, EKG.flags, work_iri(key)))
    flagged = [n for span in flag.spans for kind in ("stat", "claim") for n in index.overlapping(kind, span)]
    if nodes is not None:  # the claim each anchor's sentence became, and its statistics when no figure is flagged
        for span in flag.spans:
            flagged += nodes.targets(span) if not index.overlapping("stat", span) else []
    for target in dict.fromkeys(flagged) or [report_iri(report.key)]:
        graph.add((node, EKG.flags, target))
    if flag.note is not None:
        graph.add((node, EKG.hasNote, add_note(graph, RES[f"note/{report.key}/{flag.id}"], flag.note)))
    _curated(graph, node, flag.location)
    return node


def add_note(graph: Graph, node: URIRef, note: FlagNote) -> URIRef:
    """A flag's sourced note as a Web Annotation textual body: its words, its source, labelled curated.

    The text is ``rdf:value`` (as for any ``oa:TextualBody``), the address ``dcterms:source`` and a
    work of the bibliography ``prov:wasDerivedFrom``, so a reader can check the fact outside the report.
    """
    graph.add((node, RDF.type, EKG.SourcedNote))
    graph.add((node, RDF.value, Literal(note.text)))
    if note.url is not None:
        graph.add((node, DCTERMS.source, URIRef(note.url)))
    if note.work is not None:
        graph.add((node, PROV.wasDerivedFrom, work_iri(note.work)))
    _curated(graph, node, note.location)
    return node


def add_relation(graph: Graph, annotations: Annotations, relation: CrossRelation) -> URIRef:
    claim_a = span_iri("claim", annotations.claim(relation.report_a, relation.claim_a).span)
    claim_b = span_iri("claim", annotations.claim(relation.report_b, relation.claim_b).span)
    node = RES[f"relation/{relation.report_a}-{relation.claim_a}/{relation.report_b}-{relation.claim_b}"]
    graph.add((node, RDF.type, EKG.ClaimRelation))
    graph.add((node, EKG.claimA, claim_a))
    graph.add((node, EKG.claimB, claim_b))
    graph.add((node, EKG.relationKind, Literal(relation.relation)))
    graph.add((node, EKG.rationale, Literal(relation.rationale)))
    graph.add((claim_a, RELATION_PROPERTIES[relation.relation], claim_b))
    _curated(graph, node, relation.location)
    return node


class _Targets(Protocol):
    def targets(self, span: Span) -> list[URIRef]: ...


def add_curated(graph: Graph, extraction: Extraction, layers: Mapping[str, _Targets] | None = None) -> None:
    annotations = extraction.annotations
    if annotations is None:
        return
    reports = {r.key: r for r in extraction.reports}
    for study in annotations.studies:
        location = annotations.locations.get(("study", study.report, study.id))
        add_study(graph, reports.get(study.report), study, location)
    for excerpt in annotations.interviews:
        add_excerpt(graph, reports[excerpt.report], excerpt)
    for claim in annotations.claims:
        add_claim(graph, extraction, reports[claim.report], claim)
    index = SpanIndex(graph)
    for excerpt in annotations.interviews:
        link_endnote_claims(graph, excerpt, index)
    for chain in annotations.chains:
        add_chain(graph, extraction, reports[chain.report], chain, index)
    for flag in annotations.flags:
        add_flag(graph, reports[flag.report], flag, index, (layers or {}).get(flag.report))
    for relation in annotations.relations:
        add_relation(graph, annotations, relation)
    for table in annotations.tables:
        add_table(graph, reports[table.report], table, extraction.statistics.get(table.report, []))
