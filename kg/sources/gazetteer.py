"""The gazetteer: platforms, agencies and organisations, with every name they go by.

The default gazetteer (``ontology/gazetteer.ttl``, shipped with the package) holds one
individual per entity, typed with a kind class of the ontology and named with SKOS labels
(pref, alt, hidden); a project's own ``gazetteer.ttl`` extends it (more entities, or more
labels for the same IRIs). This module reads them into ``GazetteerEntry`` records for the
mention extractor, which never sees RDF. Errors name the file and the line: a Turtle
syntax error, an entity without a preferred label, a kind the ontology does not know, or a
label that two entities share.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from kg.errors import InputError
from kg.records import GazetteerEntry
from kg.sources.rdf import parse_triples, read_bytes, to_rdflib
from kg.vocab import EKG, RES

#: Kind classes of the ontology, by category. The category is what the app groups by.
PLATFORM_KINDS = frozenset(
    {
        "Platform",
        "ClassifiedAdSite",
        "AdultSite",
        "SocialNetwork",
        "DatingApp",
        "GamingNetwork",
        "MessagingApp",
        "VideoSharingSite",
        "SearchEngine",
        "WebAnalyticsService",
        "DarknetMarket",
    }
)
AGENCY_KINDS = frozenset({"Agency", "LawEnforcementAgency", "GovernmentAgency"})
ORGANIZATION_KINDS = frozenset(
    {
        "Organization",
        "NonGovernmentalOrganization",
        "Company",
        "Carrier",
        "NewsOrganization",
        "ResearchInstitution",
        "InternationalOrganization",
    }
)
KINDS = PLATFORM_KINDS | AGENCY_KINDS | ORGANIZATION_KINDS
#: The general classes: an entity typed with one of these and a narrower one takes the narrower.
_GENERAL_KINDS = frozenset({"Platform", "Agency", "Organization"})

Category = Literal["platform", "agency", "organization"]

#: IRI folders, by category: ``res:platform/{slug}`` and ``res:org/{slug}``.
_FOLDERS: dict[Category, str] = {"platform": "platform", "agency": "org", "organization": "org"}


@dataclass(frozen=True)
class Gazetteer:
    """The entities, sorted by slug, and the triples they were read from (the graph holds them too)."""

    entries: list[GazetteerEntry]
    graph: Graph


def load_gazetteer(path: Path | str, shown: str | None = None) -> list[GazetteerEntry]:
    """Every entity of one gazetteer file, sorted by slug (``shown``: its name in messages)."""
    return load_gazetteers([(Path(path), shown or str(path))]).entries


def load_gazetteers(files: list[tuple[Path, str]]) -> Gazetteer:
    """The entities of the gazetteer files (each ``(path, name in messages)``), merged by IRI.

    A later file extends the earlier ones: it may add entities, or labels to an entity by its IRI.
    Raises ``InputError(file, line, message)`` for anything a curator must fix.
    """
    graph = Graph()
    texts: list[tuple[str, str]] = []
    for path, shown in files:
        data = read_bytes(path, shown)
        to_rdflib(parse_triples(data, shown, ox.RdfFormat.TURTLE, base_iri=str(RES)), graph)
        texts.append((data.decode("utf-8", errors="replace"), shown))

    def where(subject: URIRef) -> tuple[str, int]:
        for text, shown in reversed(texts):
            line = _line_of(text, subject)
            if line:
                return shown, line
        return texts[-1][1] if texts else "gazetteer", 0

    named = sorted(set(graph.subjects(SKOS.prefLabel, None)), key=str)
    entries = [_entry(graph, subject, where) for subject in named]
    for subject in sorted(set(graph.subjects(RDF.type, None)), key=str):
        if isinstance(subject, URIRef) and _kind_names(graph, subject) and graph.value(subject, SKOS.prefLabel) is None:
            raise InputError(*where(subject), f"{_short(subject)} has no skos:prefLabel")
    for subject in sorted(set(graph.subjects()), key=str):
        if (
            isinstance(subject, URIRef)
            and graph.value(subject, SKOS.prefLabel) is None
            and not _kind_names(graph, subject)
        ):
            raise InputError(
                *where(subject), f"{_short(subject)} is not an entity of the gazetteer (no kind, no label)"
            )
    _check_unique_labels(entries, where)
    return Gazetteer(sorted(entries, key=lambda e: e.slug), graph)


def _entry(graph: Graph, subject: object, where: Callable[[URIRef], tuple[str, int]]) -> GazetteerEntry:
    if not isinstance(subject, URIRef):
        raise InputError("gazetteer", 0, "a gazetteer entity must have an IRI, not a blank node")
    shown, line = where(subject)
    prefs = sorted(str(label) for label in graph.objects(subject, SKOS.prefLabel))
    if len(prefs) != 1:
        raise InputError(shown, line, f"{_short(subject)} has {len(prefs)} skos:prefLabel values; give exactly one")
    kinds = _kind_names(graph, subject)
    if not kinds:
        raise InputError(
            shown, line, f"{_short(subject)} has no kind: type it with one of {', '.join(sorted(KINDS))} (ekg:)"
        )
    kind = _most_specific(kinds)
    category: Category = "platform" if kind in PLATFORM_KINDS else "agency" if kind in AGENCY_KINDS else "organization"
    folder = _FOLDERS[category]
    iri = str(subject)
    prefix = f"{RES}{folder}/"
    if not iri.startswith(prefix) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", iri[len(prefix) :]):
        raise InputError(
            shown, line, f"{_short(subject)} is a {kind}: its IRI must be {prefix}{{slug}} (lowercase, digits, hyphens)"
        )
    alt = tuple(sorted(str(label) for label in graph.objects(subject, SKOS.altLabel)))
    hidden = tuple(sorted(str(label) for label in graph.objects(subject, SKOS.hiddenLabel)))
    return GazetteerEntry(
        iri=iri,
        slug=iri[len(prefix) :],
        kind=kind,
        pref_label=prefs[0],
        alt_labels=alt,
        hidden_labels=hidden,
        category=category,
    )


def _kind_names(graph: Graph, subject: URIRef) -> list[str]:
    """The local names of the subject's types that are gazetteer kinds; raises nothing."""
    names = []
    for cls in graph.objects(subject, RDF.type):
        if isinstance(cls, URIRef) and str(cls).startswith(str(EKG)):
            name = str(cls)[len(str(EKG)) :]
            if name in KINDS:
                names.append(name)
    return sorted(names)


def _most_specific(kinds: list[str]) -> str:
    narrow = [k for k in kinds if k not in _GENERAL_KINDS]
    return (narrow or kinds)[0]


def _check_unique_labels(entries: list[GazetteerEntry], where: Callable[[URIRef], tuple[str, int]]) -> None:
    """A label (ignoring case and apostrophe style) names one entity only, or mentions would be ambiguous."""
    owner: dict[str, str] = {}
    for entry in entries:
        for label in {entry.pref_label, *entry.alt_labels, *entry.hidden_labels}:
            key = " ".join(label.replace("’", "'").casefold().split())
            other = owner.setdefault(key, entry.slug)
            if other != entry.slug:
                raise InputError(*where(URIRef(entry.iri)), f"label '{label}' names both '{other}' and '{entry.slug}'")


def _short(subject: URIRef) -> str:
    iri = str(subject)
    return iri[len(str(RES)) :] if iri.startswith(str(RES)) else iri


def _line_of(text: str, subject: URIRef) -> int:
    """The line where the subject's description starts (prefixed name or full IRI), 0 if not found."""
    iri = str(subject)
    folder, _, slug = _short(subject).partition("/")
    candidates = [f"<{iri}>"]
    if slug:
        candidates += [f"{prefix}:{slug}" for prefix in ("plat", "org", folder)]
    best = -1
    for candidate in candidates:
        match = re.search(rf"^[ \t]*{re.escape(candidate)}(?=[\s;,.])", text, flags=re.MULTILINE)
        if match and (best < 0 or match.start() < best):
            best = match.start()
    return text.count("\n", 0, best) + 1 if best >= 0 else 0
