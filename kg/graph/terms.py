"""Deterministic IRIs and the W3C Web Annotation anchors every quoted thing carries.

IRIs come from the report key and the span, or from a BibTeX key or a slug: the same
inputs always give the same IRIs, and a claim's IRI is something a student can cite.
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from kg.records import Report, SourceLocation, Span
from kg.vocab import EKG, OA, RES

CONTEXT_CHARS = 32
#: What a page fragment of a PDF conforms to: RFC 3778, the application/pdf media type (``page=N``).
RFC3778 = URIRef("http://tools.ietf.org/rfc/rfc3778")


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphens: a stable piece of an IRI made from a name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def report_iri(key: str) -> URIRef:
    return RES[f"report/{key}"]


def work_iri(key: str) -> URIRef:
    return RES[f"work/{key}"]


def reference_iri(report: str, key: str) -> URIRef:
    """The entry of ``key`` in ``report``'s bibliography (a biro:BibliographicReference)."""
    return RES[f"ref/{report}/{key}"]


def span_iri(kind: str, span: Span, suffix: str = "") -> URIRef:
    tail = f"/{suffix}" if suffix else ""
    return RES[f"{kind}/{span.report}/{span.slug}{tail}"]


def study_iri(report: str, study_id: str) -> URIRef:
    return RES[f"study/{report}/{study_id}"]


def anchor_iri(span: Span) -> URIRef:
    return span_iri("anchor", span)


def add_anchor(graph: Graph, report: Report, span: Span) -> URIRef:
    """Add the anchor of a span (quote and position selectors) and return its IRI.

    Anchors are shared: two things quoting the same words share one anchor node. A report read
    from a PDF also gets a fragment selector naming the page the span starts on (``page=N``).
    """
    anchor = anchor_iri(span)
    quote_sel = URIRef(f"{anchor}/quote")
    pos_sel = URIRef(f"{anchor}/position")
    text = report.text
    graph.add((anchor, RDF.type, EKG.Anchor))
    graph.add((anchor, RDF.type, OA.SpecificResource))
    graph.add((anchor, OA.hasSource, report_iri(report.key)))
    graph.add((anchor, OA.hasSelector, quote_sel))
    graph.add((anchor, OA.hasSelector, pos_sel))
    graph.add((quote_sel, RDF.type, OA.TextQuoteSelector))
    graph.add((quote_sel, OA.exact, Literal(text[span.start : span.end])))
    graph.add((quote_sel, OA.prefix, Literal(text[max(0, span.start - CONTEXT_CHARS) : span.start])))
    graph.add((quote_sel, OA.suffix, Literal(text[span.end : span.end + CONTEXT_CHARS])))
    graph.add((pos_sel, RDF.type, OA.TextPositionSelector))
    graph.add((pos_sel, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
    graph.add((pos_sel, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
    if report.layout is not None:
        page_sel = URIRef(f"{anchor}/page")
        graph.add((anchor, OA.hasSelector, page_sel))
        graph.add((page_sel, RDF.type, OA.FragmentSelector))
        graph.add((page_sel, DCTERMS.conformsTo, RFC3778))
        graph.add((page_sel, RDF.value, Literal(f"page={report.layout.page_of(span.start)}")))
    return anchor


def add_flag_node(graph: Graph, report: Report, local_id: str, kind: str, rationale: str) -> URIRef:
    """A quality flag's node in one report, with what every flag states: its id, kind and rationale.

    Curated flags, the rules' suggested ones and those a candidate source raises share this shape;
    each caller adds its origin, anchors and what the flag is on."""
    node = RES[f"flag/{report.key}/{local_id}"]
    graph.add((node, RDF.type, EKG.QualityFlag))
    graph.add((node, EKG.localId, Literal(local_id)))
    graph.add((node, EKG.flagKind, Literal(kind)))
    graph.add((node, EKG.rationale, Literal(rationale)))
    graph.add((node, EKG.inReport, report_iri(report.key)))
    return node


def add_location(graph: Graph, node: URIRef, location: SourceLocation) -> None:
    """Record where a node was declared, so validation errors can point at file and line."""
    graph.add((node, EKG.declaredAt, Literal(str(location))))


def year_literal(year: str) -> Literal | None:
    """An ``xsd:gYear`` for a four-digit year (``2019a`` counts as 2019); None otherwise."""
    match = re.match(r"^(\d{4})", year.strip())
    return Literal(match.group(1), datatype=XSD.gYear) if match else None
