"""RDF for what the evidence stage infers: found entities and their mentions, claim kinds, measures,
suggested flags, chains of custody and cross-report pairings.

Labels keep the tool's work apart from the curators': entities, mentions, kinds and measures read
off the text are ``ekg:origin ekg:Extracted``; flags, chains and pairings, which are judgements,
are ``ekg:origin ekg:Suggested``. Nothing here is typed ``ekg:CuratedClaim`` or
``ekg:ClaimRelation``, and a curated claim's kind is never replaced: the rule's kind is kept
beside it as ``ekg:extractedClaimKind``.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.evidence.records import ClaimKindGuess, Evidence, FoundEntity, Pairing, SuggestedChain, SuggestedFlag
from kg.graph.terms import add_anchor, add_flag_node, report_iri, slugify, span_iri, work_iri
from kg.records import GazetteerEntry, Report, Span, StatisticRecord
from kg.vocab import CLAIM_KINDS, EKG, RES

#: The general class each found kind also takes, so that queries need no reasoner (as the gazetteer does).
_GENERAL = {
    "Organization": (),
    "GovernmentAgency": ("Agency", "Organization"),
    "LawEnforcementAgency": ("Agency", "Organization"),
    "Court": ("GovernmentAgency", "Agency", "Organization"),
    "Company": ("Organization",),
    "ResearchInstitution": ("Organization",),
    "NonGovernmentalOrganization": ("Organization",),
    "NewsOrganization": ("Organization",),
    "Platform": (),
    "Legislation": (),
    "Program": ("ProgramOrOperation",),
    "Operation": ("ProgramOrOperation",),
    "LegalCase": (),
}

ClaimOf = Callable[[Span], URIRef | None]


def entity_iri(key: str) -> URIRef:
    """A found entity: ``res:entity/{slug}``, a folder the gazetteer never uses."""
    return RES[f"entity/{key}"]


class EntityIris:
    """The IRI of an entity the evidence records name: a gazetteer slug or a found entity's key."""

    def __init__(self, gazetteer: list[GazetteerEntry]) -> None:
        self.gazetteer = {e.slug: URIRef(e.iri) for e in gazetteer}

    def __call__(self, key: str, gazetteer: bool) -> URIRef:
        return self.gazetteer[key] if gazetteer else entity_iri(key)


def add_entities(graph: Graph, entities: list[FoundEntity]) -> None:
    for found in entities:
        node = entity_iri(found.key)
        for kind in (found.kind, *_GENERAL[found.kind]):
            graph.add((node, RDF.type, EKG[kind]))
        graph.add((node, SKOS.prefLabel, Literal(found.name, lang="en")))
        for label in found.labels:
            graph.add((node, SKOS.altLabel, Literal(label, lang="en")))
        graph.add((node, EKG.origin, EKG.Extracted))
        for rule in found.rules:
            graph.add((node, EKG.foundBy, Literal(rule)))


def add_mentions(graph: Graph, report: Report, evidence: Evidence, iris: EntityIris, claim_of: ClaimOf) -> None:
    for mention in evidence.mentions.get(report.key, []):
        node = span_iri("mention", mention.span)
        entity = iris(mention.entity, mention.gazetteer)
        graph.add((node, RDF.type, EKG.Mention))
        graph.add((node, EKG.mentionOf, entity))
        graph.add((node, EKG.hasAnchor, add_anchor(graph, report, mention.span)))
        graph.add((node, EKG.inReport, report_iri(report.key)))
        graph.add((node, EKG.origin, EKG.Extracted))
        graph.add((node, EKG.foundBy, Literal(mention.rule)))
        claim = claim_of(mention.span)
        if claim is not None:
            graph.add((claim, EKG.mentions, entity))


def add_claim_kinds(graph: Graph, guesses: list[ClaimKindGuess], node_of: ClaimOf, curated: set[URIRef]) -> None:
    """The rule's kind on every claim sentence's node; also its ``ekg:claimKind`` unless a curator gave one."""
    done: set[URIRef] = set()
    for guess in guesses:
        node = node_of(guess.span)
        if node is None or node in done:
            continue
        done.add(node)
        graph.add((node, EKG.extractedClaimKind, CLAIM_KINDS[guess.kind]))
        graph.add((node, EKG.kindCue, Literal(guess.cue)))
        if node not in curated:
            graph.add((node, EKG.claimKind, CLAIM_KINDS[guess.kind]))


def add_measures(graph: Graph, evidence: Evidence, stats: list[StatisticRecord], iris: EntityIris) -> None:
    """What each figure measures, replacing the context window (kept as ``ekg:context``)."""
    for stat in stats:
        measure = evidence.measures.get(stat.span)
        node = span_iri("stat", stat.span)
        if stat.measure:
            graph.add((node, EKG.context, Literal(stat.measure)))
        if measure is None:
            continue
        graph.remove((node, EKG.measures, None))
        if measure.phrase:  # no phrase: the figure measures nothing its words name (pages show "—")
            graph.add((node, EKG.measures, Literal(measure.phrase)))
        if measure.subject:
            graph.add((node, EKG.subjectText, Literal(measure.subject)))
        if measure.subject_entity:
            graph.add((node, EKG.subjectEntity, iris(measure.subject_entity, measure.subject_gazetteer)))
        if measure.place:
            graph.add((node, EKG.place, Literal(measure.place)))


def add_flag(graph: Graph, report: Report, flag: SuggestedFlag, targets: Callable[[Span], list[URIRef]]) -> URIRef:
    node = add_flag_node(graph, report, flag.id, flag.kind, flag.rationale)
    graph.add((node, EKG.origin, EKG.Suggested))
    for span in flag.spans:
        graph.add((node, EKG.hasAnchor, add_anchor(graph, report, span)))
    for key in flag.works:
        graph.add((node, EKG.flags, work_iri(key)))
    flagged = [t for span in flag.targets for t in targets(span)]
    for target in flagged or ([] if flag.works else [report_iri(report.key)]):
        graph.add((node, EKG.flags, target))
    if flag.works and not flagged:
        graph.add((node, EKG.flags, report_iri(report.key)))
    return node


def originator_iri(graph: Graph, chain: SuggestedChain, iris: EntityIris) -> URIRef:
    if chain.originator_entity is not None:
        return iris(chain.originator_entity, chain.originator_gazetteer)
    node = RES[f"entity/{slugify(chain.originator)}"]
    graph.add((node, RDF.type, PROV.Agent))
    graph.add((node, SKOS.prefLabel, Literal(chain.originator, lang="en")))
    graph.add((node, RDFS.label, Literal(chain.originator)))
    graph.add((node, EKG.origin, EKG.Extracted))
    return node


def add_chain(graph: Graph, report: Report, chain: SuggestedChain, iris: EntityIris, claim_of: ClaimOf) -> URIRef:
    node = span_iri("chain", chain.span)
    graph.add((node, RDF.type, EKG.CustodyChain))
    graph.add((node, EKG.hasAnchor, add_anchor(graph, report, chain.span)))
    graph.add((node, EKG.inReport, report_iri(report.key)))
    graph.add((node, EKG.origin, EKG.Suggested))
    graph.add((node, EKG.originatorName, Literal(chain.originator)))
    graph.add((node, EKG.chainOriginator, originator_iri(graph, chain, iris)))
    for key in chain.works:
        graph.add((node, EKG.chainVia, work_iri(key)))
    for item in chain.items:
        graph.add((node, EKG.chainItem, span_iri("stat", item)))
    claim = claim_of(chain.sentence)
    if claim is not None:
        graph.add((node, EKG.chainItem, claim))
    return node


def add_pairing(graph: Graph, pairing: Pairing, item: Callable[[str, Span], URIRef]) -> URIRef:
    a, b = pairing.a, pairing.b
    node = RES[f"pairing/{pairing.kind}/{a.report}/{a.slug}/{b.report}/{b.slug}"]
    graph.add((node, RDF.type, EKG.Pairing))
    graph.add((node, EKG.pairedA, item(pairing.kind, a)))
    graph.add((node, EKG.pairedB, item(pairing.kind, b)))
    graph.add((node, EKG.pairingKind, Literal(pairing.kind)))
    graph.add((node, EKG.suggestedRelation, Literal(pairing.relation)))
    graph.add((node, EKG.similarity, Literal(Decimal(str(pairing.score)), datatype=XSD.decimal)))
    graph.add((node, EKG.basis, Literal(pairing.basis)))
    graph.add((node, EKG.origin, EKG.Suggested))
    return node
