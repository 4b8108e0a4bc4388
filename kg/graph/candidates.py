"""RDF for candidate sources: what public material suggests a cited work is, beside the work, never in it.

A candidate is an ``ekg:SourceCandidate`` node that points at the work (``ekg:candidateFor``); the
work's own title, year and authors stay as the report gives them. A curated candidate is labelled
``ekg:origin ekg:Curated`` with the file and line it was written at, and names the page that ties it
to the citation (``dcterms:source``); one proposed by ``kg enrich`` is ``ekg:origin ekg:Suggested``,
with its service, score and reasons. A curated candidate whose page gives another figure than the
report attributes to the work raises a curated flag, "figure not in the cited source (candidate)",
on the statistics that rest on the work and state that figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from kg.graph.terms import add_anchor, add_flag_node, add_location, work_iri, year_literal
from kg.records import Report, SourceLocation, Span, StatisticSource
from kg.sources.candidates import Candidate
from kg.vocab import EKG, PRISM, RES

#: The flag kind a curated candidate raises when its page gives another figure.
FIGURE_FLAG = "figure-not-in-source"
#: A sentence already ends: a full stop, question or exclamation mark or ellipsis, then closing quotes or brackets.
_ENDED = re.compile(r"[.!?\u2026][\"'\u2019\u201d)\]]*$")


def joined_sentences(*parts: str) -> str:
    """Sentences joined by a space, each given a full stop only when it has no end of its own.

    The parts quote curated text that may end with its own full stop ("signed the Act into law in
    2000."): a full stop added after it read "2000.. A candidate" in the app."""
    kept = (part.strip() for part in parts)
    return " ".join(part if _ENDED.search(part) else f"{part}." for part in kept if part)


_TEXT = (
    ("title", DCTERMS.title),
    ("container", PRISM.publicationName),
    ("url", PRISM.url),
    ("doi", PRISM.doi),
    ("evidence_says", EKG.evidenceText),
    ("checked_says", EKG.checkedText),
    ("figure_report", EKG.figureAsCited),
    ("figure_source", EKG.figureInSource),
    ("service", EKG.candidateService),
    ("reasons", EKG.matchReason),
    ("note", RDFS.comment),
)


def candidate_iri(candidate: Candidate) -> URIRef:
    return RES[f"candidate/{candidate.origin}/{candidate.work}"]


def add_candidate(graph: Graph, candidate: Candidate) -> URIRef:
    """One candidate (or "not found" record) for a work already in the graph."""
    node = candidate_iri(candidate)
    graph.add((node, RDF.type, EKG.SourceCandidate))
    graph.add((node, EKG.candidateFor, work_iri(candidate.work)))
    graph.add((node, EKG.lookupResult, Literal(candidate.status)))
    graph.add((node, EKG.origin, EKG.Curated if candidate.origin == "curated" else EKG.Suggested))
    shown = candidate.title or ("not found" if candidate.status == "not found" else candidate.link)
    graph.add((node, RDFS.label, Literal(f"candidate: {shown}")))
    for name, term in _TEXT:
        if getattr(candidate, name):
            graph.add((node, term, Literal(getattr(candidate, name))))
    year = year_literal(candidate.year)
    if year is not None:
        graph.add((node, DCTERMS.issued, year))
    if candidate.authors:
        graph.add((node, EKG.authorList, Literal("; ".join(candidate.authors))))
    if candidate.evidence_url:
        graph.add((node, DCTERMS.source, URIRef(candidate.evidence_url)))
    if candidate.checked_url:
        graph.add((node, EKG.checkedAgainst, URIRef(candidate.checked_url)))
    if candidate.figure_matches is not None:
        graph.add((node, EKG.figureMatches, Literal(candidate.figure_matches)))
    if candidate.score is not None:
        graph.add((node, EKG.matchScore, Literal(f"{candidate.score:.3f}", datatype=XSD.decimal)))
    for query in candidate.searched:
        graph.add((node, EKG.searchedFor, Literal(query)))
    if candidate.file:
        add_location(graph, node, SourceLocation(candidate.file, candidate.line))
    return node


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def stated_figures(candidate: Candidate, statistics: Iterable[StatisticSource]) -> list[StatisticSource]:
    """The statistics resting on the candidate's work whose numbers the curator's "report says" names."""
    wanted = _numbers(candidate.figure_report)
    return [s for s in statistics if candidate.work in s.keys and _numbers(s.statistic.text) & wanted]


def add_figure_flag(
    graph: Graph,
    candidate: Candidate,
    node: URIRef,
    report: Report,
    figures: list[StatisticSource],
    stat_node: Callable[[Span], URIRef | None],
    citing: list[Span],
) -> URIRef:
    """The curated flag of a candidate page that gives another figure than the report attributes to it.

    It is anchored at the statistics that state the figure, or, when the figure is not one the
    extraction reads as a statistic (a date, a claim), at the report's citations of the work."""
    rationale = joined_sentences(
        f"The report attributes this to the cited work: {candidate.figure_report}",
        f"The candidate source ({candidate.title or candidate.link}) shows: {candidate.figure_source}",
        "A candidate, not what the report says.",
    )
    flag = add_flag_node(graph, report, f"candidate-{candidate.work}", FIGURE_FLAG, rationale)
    graph.add((flag, EKG.origin, EKG.Curated))
    graph.add((flag, EKG.flags, node))
    graph.add((flag, EKG.flags, work_iri(candidate.work)))
    for span in [s.statistic.span for s in figures] or citing:
        graph.add((flag, EKG.hasAnchor, add_anchor(graph, report, span)))
        target = stat_node(span)
        if target is not None:
            graph.add((flag, EKG.flags, target))
    if candidate.file:
        add_location(graph, flag, SourceLocation(candidate.file, candidate.line))
    return flag
