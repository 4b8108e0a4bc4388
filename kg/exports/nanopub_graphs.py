"""Curated claims as nanopublications: a head, an assertion, a provenance and a pubinfo graph each.

The quads are made here from plain records (:mod:`kg.exports.nanopubs` reads them from the store,
so the export needs nothing but the graph) and written as TriG. IRIs are derived from
the claim's IRI (``res:claim/R/S-E`` -> ``res:np/claim/R/S-E`` with ``#Head``, ``#assertion``,
``#provenance`` and ``#pubinfo``), so the same graph always gives the same nanopublications.

The provenance graph says loudly that the assertion was curated by hand (``ekg:origin
ekg:Curated``, the YAML file and line, a plain-language comment): a reader must never take a
curated claim for something a machine found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Namespace
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from kg.vocab import EKG, OA, PREFIXES, RES

NP = Namespace("http://www.nanopub.org/nschema#")

#: One triple of a nanopublication graph: no blank nodes, so every subject is an IRI.
Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]

CURATORS = RES["agent/curators"]
EXPORTER = RES["agent/evidence-kg"]

CURATED_NOTE = (
    "CURATED, not extracted: a person read the report and wrote this claim, its exact quote and "
    "what it rests on by hand in the project's annotations (see ekg:declaredAt); the offsets were "
    "computed from the quote against the unchanged report text."
)


@dataclass(frozen=True)
class ClaimRecord:
    """One curated claim as the store holds it: IRIs as strings, the anchor's selectors, its sources."""

    claim: str
    report: str
    report_key: str
    local_id: str
    section: str
    kind: str
    anchor: str
    quote_selector: str
    position_selector: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    declared_at: str
    note: str
    sources: tuple[str, ...]
    evidence_kinds: tuple[str, ...]


@dataclass(frozen=True)
class PublicationInfo:
    """What every nanopublication of one export shares: when, by what, under which licence."""

    created: str  # an xsd:dateTime, e.g. 2026-11-23T09:42:00Z
    creator_label: str
    license: str  # an IRI


def nanopub_iri(claim: str) -> str:
    """The nanopublication of a claim: ``res:np/`` followed by the claim's own path."""
    resource = str(RES)
    if not claim.startswith(resource):
        raise ValueError(f"not a resource IRI of this graph: {claim}")
    return f"{resource}np/{claim[len(resource) :]}"


def _node(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _text(value: str) -> ox.Literal:
    return ox.Literal(value)


def _typed(value: object, datatype: object) -> ox.Literal:
    return ox.Literal(str(value), datatype=_node(datatype))


def _assertion(record: ClaimRecord) -> list[Triple]:
    """The claim as the report makes it: where it is stated, its exact quote and what it rests on."""
    claim, anchor = _node(record.claim), _node(record.anchor)
    quote, position = _node(record.quote_selector), _node(record.position_selector)
    triples: list[Triple] = [
        (claim, _node(RDF.type), _node(EKG.Claim)),
        (claim, _node(RDF.type), _node(EKG.CuratedClaim)),
        (claim, _node(EKG.statedIn), _node(record.report)),
        (claim, _node(EKG.localId), _text(record.local_id)),
        (claim, _node(EKG.hasAnchor), anchor),
        (anchor, _node(RDF.type), _node(EKG.Anchor)),
        (anchor, _node(RDF.type), _node(OA.SpecificResource)),
        (anchor, _node(OA.hasSource), _node(record.report)),
        (anchor, _node(OA.hasSelector), quote),
        (anchor, _node(OA.hasSelector), position),
        (quote, _node(RDF.type), _node(OA.TextQuoteSelector)),
        (quote, _node(OA.exact), _text(record.exact)),
        (quote, _node(OA.prefix), _text(record.prefix)),
        (quote, _node(OA.suffix), _text(record.suffix)),
        (position, _node(RDF.type), _node(OA.TextPositionSelector)),
        (position, _node(OA.start), _typed(record.start, XSD.nonNegativeInteger)),
        (position, _node(OA.end), _typed(record.end, XSD.nonNegativeInteger)),
    ]
    if record.section:
        triples.append((claim, _node(EKG.section), _text(record.section)))
    if record.kind:
        triples.append((claim, _node(EKG.claimKind), _node(record.kind)))
    triples += [(claim, _node(EKG.restsOn), _node(source)) for source in record.sources]
    triples += [(claim, _node(EKG.evidenceKind), _text(kind)) for kind in record.evidence_kinds]
    if not record.sources:
        triples.append((claim, _node(EKG.evidenceStatus), _node(EKG.NoSourceGiven)))
    if record.note:
        triples.append((claim, _node(RDFS.comment), _text(record.note)))
    return triples


def _provenance(record: ClaimRecord, assertion: ox.NamedNode) -> list[Triple]:
    """Where the assertion comes from: the report and the quoted words, and that a person curated it."""
    curators = _node(CURATORS)
    triples: list[Triple] = [
        (assertion, _node(PROV.wasDerivedFrom), _node(record.report)),
        (assertion, _node(PROV.wasDerivedFrom), _node(record.quote_selector)),
        (assertion, _node(PROV.wasAttributedTo), curators),
        (assertion, _node(EKG.origin), _node(EKG.Curated)),
        (assertion, _node(RDFS.comment), _text(CURATED_NOTE)),
        (curators, _node(RDF.type), _node(PROV.Agent)),
        (curators, _node(RDFS.label), _text("the curators of the evidence knowledge graph (hand-written annotations)")),
    ]
    if record.declared_at:
        triples.append((assertion, _node(EKG.declaredAt), _text(record.declared_at)))
    return triples


def _pubinfo(record: ClaimRecord, np: ox.NamedNode, info: PublicationInfo) -> list[Triple]:
    exporter = _node(EXPORTER)
    return [
        (np, _node(DCTERMS.created), _typed(info.created, XSD.dateTime)),
        (np, _node(DCTERMS.creator), exporter),
        (np, _node(DCTERMS.license), _node(info.license)),
        (np, _node(RDFS.label), _text(f"Curated claim '{record.local_id}' of {record.report_key}")),
        (exporter, _node(RDF.type), _node(PROV.SoftwareAgent)),
        (exporter, _node(RDFS.label), _text(info.creator_label)),
    ]


def claim_nanopub(record: ClaimRecord, info: PublicationInfo) -> list[ox.Quad]:
    """The four graphs of one claim's nanopublication, as quads."""
    base = nanopub_iri(record.claim)
    np = _node(base)
    head, assertion = _node(f"{base}#Head"), _node(f"{base}#assertion")
    provenance, pubinfo = _node(f"{base}#provenance"), _node(f"{base}#pubinfo")
    graphs: list[tuple[ox.NamedNode, Iterable[Triple]]] = [
        (
            head,
            [
                (np, _node(RDF.type), _node(NP.Nanopublication)),
                (np, _node(NP.hasAssertion), assertion),
                (np, _node(NP.hasProvenance), provenance),
                (np, _node(NP.hasPublicationInfo), pubinfo),
            ],
        ),
        (assertion, _assertion(record)),
        (provenance, _provenance(record, assertion)),
        (pubinfo, _pubinfo(record, np, info)),
    ]
    return [ox.Quad(s, p, o, graph) for graph, triples in graphs for s, p, o in triples]


def to_trig(quads: Iterable[ox.Quad]) -> bytes:
    """TriG with the project's prefixes, quads sorted by graph then triple: the same input, the same bytes."""
    ordered = sorted(set(quads), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    # No prefix for our resources: their local names hold "/" and "#", which TriG would have to escape.
    prefixes = {p: str(PREFIXES[p]) for p in ("ekg", "oa", "prov", "dcterms", "rdfs", "rdf", "xsd")} | {"np": str(NP)}
    data = ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=prefixes)
    assert data is not None
    return data
