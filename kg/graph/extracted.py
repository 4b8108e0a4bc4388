"""RDF for what the code extracts: reports, works, citation occurrences, statistics, mentions.

Every sentence that carries a citation or a statistic becomes an extracted claim (the
statement the report makes there), so each statistic is stated in a claim and each
claim rests on the works its sentence cites.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.graph.terms import (
    add_anchor,
    add_location,
    reference_iri,
    report_iri,
    span_iri,
    study_iri,
    work_iri,
    year_literal,
)
from kg.records import (
    BibEntry,
    GazetteerEntry,
    MentionRecord,
    ReferenceRecord,
    Report,
    ResolvedCitation,
    Sentence,
    SourceLocation,
    Span,
    StatisticSource,
)
from kg.sources.references import format_reference
from kg.vocab import BIRO, C4O, CITO, EKG, EVIDENCE, PRISM, RESOLUTION, SOURCE_CLASSES, UNITS, WORK_CLASSES

#: What a work read from a report's own list says of where it appeared, as PRISM names it.
_PRISM = (
    ("container", PRISM.publicationName),
    ("volume", PRISM.volume),
    ("issue", PRISM.number),
    ("pages", PRISM.pageRange),
    ("doi", PRISM.doi),
    ("url", PRISM.url),
)


def add_report(graph: Graph, report: Report, entry: BibEntry, relative_file: str) -> URIRef:
    node = report_iri(report.key)
    graph.add((node, RDF.type, EKG.Report))
    graph.add((node, RDF.type, WORK_CLASSES[report.kind]))
    graph.add((node, EKG.bibtexKey, Literal(report.key)))
    graph.add((node, DCTERMS.title, Literal(report.title)))
    year = year_literal(report.year)
    if year is not None:
        graph.add((node, DCTERMS.issued, year))
    graph.add((node, EKG.kind, Literal(report.kind)))
    graph.add((node, EKG.textFile, Literal(relative_file)))
    graph.add((node, EKG.textSha256, Literal(report.sha256)))
    graph.add((node, DCTERMS.bibliographicCitation, Literal(format_reference(entry))))
    add_location(graph, node, SourceLocation(entry.file, entry.line))
    return node


def add_work(graph: Graph, entry: BibEntry, record: ReferenceRecord | None = None) -> URIRef:
    """A cited work from its BibTeX entry: only the facts the entry holds.

    A work read from a report's own list (``record``, an extracted entry) is labelled extracted and
    also says where it appeared (PRISM: container, volume, issue, pages, DOI, URL) and who published it.
    """
    node = work_iri(entry.key)
    graph.add((node, RDF.type, EKG.CitedWork))
    if entry.origin == "extracted":
        graph.add((node, EKG.origin, EKG.Extracted))
    if record is not None:
        for name, term in _PRISM:
            if getattr(record, name):
                graph.add((node, term, Literal(getattr(record, name))))
        if record.publisher:
            graph.add((node, DCTERMS.publisher, Literal(record.publisher)))
        if record.accessed:
            graph.add((node, EKG.accessed, Literal(record.accessed)))
    graph.add((node, RDF.type, WORK_CLASSES[entry.kind]))
    if entry.kind in SOURCE_CLASSES:
        graph.add((node, RDF.type, SOURCE_CLASSES[entry.kind]))
    graph.add((node, EKG.bibtexKey, Literal(entry.key)))
    graph.add((node, EKG.kind, Literal(entry.kind)))
    if entry.title:
        graph.add((node, DCTERMS.title, Literal(entry.title)))
    year = year_literal(entry.year)
    if year is not None:
        graph.add((node, DCTERMS.issued, year))
    else:
        graph.add((node, EKG.undated, Literal(True)))
    add_date(graph, node, entry.fields.get("date", ""))
    if entry.first_author:
        graph.add((node, EKG.firstAuthor, Literal(entry.first_author)))
    if entry.authors:
        graph.add((node, EKG.authorList, Literal("; ".join(entry.authors))))
    for variant in _split_list(entry.fields.get("variants", "")):
        graph.add((node, SKOS.hiddenLabel, Literal(variant)))
    if entry.fields.get("note"):
        graph.add((node, RDFS.comment, Literal(entry.fields["note"])))
    graph.add((node, DCTERMS.bibliographicCitation, Literal(format_reference(entry))))
    add_location(graph, node, SourceLocation(entry.file, entry.line))
    return node


def add_date(graph: Graph, node: URIRef, date: str) -> None:
    """A full date (``YYYY-MM-DD``) as ``xsd:date`` when it is one of the calendar's; else as written.

    A source may give a day that does not exist (``June 31, 2012`` read as ``2012-06-31``): it is
    kept as text (``ekg:statedDate``) with the flag ``ekg:dateNotOnCalendar``, never typed
    ``xsd:date``, which would be an ill-formed literal (rdflib printed a traceback for each).
    """
    if len(date) != 10:
        return
    try:
        datetime.date.fromisoformat(date)
    except ValueError:
        graph.add((node, EKG.statedDate, Literal(date)))
        graph.add((node, EKG.dateNotOnCalendar, Literal(True)))
        return
    graph.add((node, EKG.issuedDate, Literal(date, datatype=XSD.date)))


def _split_list(raw: str) -> list[str]:
    return [part.strip() for part in raw.replace(",", ";").split(";") if part.strip()] if raw else []


def add_citations(graph: Graph, report: Report, citations: Iterable[ResolvedCitation]) -> dict[Span, list[URIRef]]:
    """Citation occurrences of one report; returns the works each occurrence span resolves to."""
    by_span: dict[Span, list[ResolvedCitation]] = defaultdict(list)
    for resolved in citations:
        by_span[resolved.citation.span].append(resolved)
    works_at: dict[Span, list[URIRef]] = {}
    rep = report_iri(report.key)
    for span, items in sorted(by_span.items()):
        anchor = add_anchor(graph, report, span)
        works_at[span] = []
        for index, resolved in enumerate(items):
            cite = resolved.citation
            suffix = resolved.key if len(items) > 1 and resolved.key else (str(index) if len(items) > 1 else "")
            node = span_iri("cite", span, suffix)
            graph.add((node, RDF.type, EKG.CitationOccurrence))
            graph.add((node, RDF.type, C4O.InTextReferencePointer))
            graph.add((node, C4O.hasContent, Literal(cite.text)))
            graph.add((node, EKG.hasAnchor, anchor))
            graph.add((node, EKG.inReport, rep))
            graph.add((node, EKG.origin, EKG.Extracted))
            graph.add((node, EKG.resolution, RESOLUTION[resolved.status]))
            graph.add((node, EKG.citationForm, Literal(cite.form)))
            if cite.authors:
                graph.add((node, EKG.citedAuthors, Literal(" ".join(cite.authors.split()))))
            if cite.year:
                graph.add((node, EKG.citedYear, Literal(cite.year)))
            if cite.locator:
                graph.add((node, EKG.locator, Literal(cite.locator)))
            if cite.marker is not None:
                graph.add((node, EKG.endnoteNumber, Literal(cite.marker)))
            if cite.endnote_text:
                graph.add((node, EKG.endnoteText, Literal(cite.endnote_text)))
            if resolved.note:
                graph.add((node, EKG.variantNote, Literal(resolved.note)))
            if resolved.key:
                work = work_iri(resolved.key)
                ref = reference_iri(report.key, resolved.key)
                graph.add((ref, RDF.type, BIRO.BibliographicReference))
                graph.add((ref, BIRO.references, work))
                graph.add((node, C4O.denotes, ref))
                graph.add((node, EKG.resolvesTo, work))
                graph.add((rep, CITO.cites, work))
                works_at[span].append(work)
    return works_at


def add_listed(graph: Graph, report: Report, record: ReferenceRecord, key: str) -> URIRef:
    """An entry of the report's own reference list or notes: where it stands, and the work it stands for."""
    ref = reference_iri(report.key, key)
    rep = report_iri(report.key)
    graph.add((ref, RDF.type, BIRO.BibliographicReference))
    graph.add((ref, BIRO.references, work_iri(key)))
    graph.add((ref, EKG.hasAnchor, add_anchor(graph, report, record.span)))
    graph.add((ref, EKG.inReport, rep))
    graph.add((ref, EKG.origin, EKG.Extracted))
    graph.add((rep, CITO.cites, work_iri(key)))
    return ref


def add_sentence_claim(graph: Graph, report: Report, sentence: Sentence) -> URIRef:
    """The statement a report makes in one sentence, as an extracted claim."""
    node = span_iri("claim", sentence.span)
    graph.add((node, RDF.type, EKG.Claim))
    graph.add((node, RDF.type, EKG.ExtractedClaim))
    graph.add((node, EKG.statedIn, report_iri(report.key)))
    graph.add((node, EKG.hasAnchor, add_anchor(graph, report, sentence.span)))
    graph.add((node, EKG.origin, EKG.Extracted))
    if sentence.section:
        graph.add((node, EKG.section, Literal(sentence.section)))
    return node


def add_statistic(graph: Graph, report: Report, source: StatisticSource, claim: URIRef) -> URIRef:
    stat = source.statistic
    node = span_iri("stat", stat.span)
    graph.add((node, RDF.type, EKG.Statistic))
    graph.add((node, EKG.statedIn, claim))
    graph.add((node, EKG.hasAnchor, add_anchor(graph, report, stat.span)))
    graph.add((node, EKG.origin, EKG.Extracted))
    graph.add((node, EKG.value, Literal(stat.value, datatype=XSD.decimal)))
    if stat.upper is not None:
        graph.add((node, EKG.upperValue, Literal(stat.upper, datatype=XSD.decimal)))
    graph.add((node, EKG.unit, UNITS[stat.unit]))
    graph.add((node, EKG.statisticKind, Literal(stat.kind)))
    if stat.measure:
        graph.add((node, EKG.measures, Literal(stat.measure)))
    year = year_literal(stat.year or "")
    if year is not None:
        graph.add((node, EKG.refersToYear, year))
    if stat.period and stat.period.startswith("P"):  # how often it recurs: an ISO 8601 duration
        graph.add((node, EKG.perPeriod, Literal(stat.period)))
    elif stat.period:  # the span of time it covers: an ISO 8601 interval
        graph.add((node, EKG.period, Literal(stat.period)))
    graph.add((node, EKG.evidenceStatus, EVIDENCE[source.status]))
    for key in source.keys:
        graph.add((node, EKG.restsOn, work_iri(key)))
    if source.study:
        graph.add((node, EKG.restsOn, study_iri(stat.span.report, source.study)))
    return node


def add_mention(graph: Graph, report: Report, mention: MentionRecord, entity: GazetteerEntry) -> URIRef:
    node = span_iri("mention", mention.span)
    graph.add((node, RDF.type, EKG.Mention))
    graph.add((node, EKG.mentionOf, URIRef(entity.iri)))
    graph.add((node, EKG.hasAnchor, add_anchor(graph, report, mention.span)))
    graph.add((node, EKG.inReport, report_iri(report.key)))
    graph.add((node, EKG.origin, EKG.Extracted))
    return node
