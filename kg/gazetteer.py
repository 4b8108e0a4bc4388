"""The gazetteer: platforms, agencies and organisations, with every name they go by.

``ontology/gazetteer.ttl`` holds one individual per entity, typed with a kind class of the
ontology and named with SKOS labels (pref, alt, hidden). This module reads it into
``GazetteerEntry`` records for the mention extractor, which never sees RDF.
Errors name the file and the line: a Turtle syntax error, an entity without a preferred
label, a kind the ontology does not know, or a label that two entities share.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.errors import InputError
from kg.records import GazetteerEntry
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


def load_gazetteer(path: Path | str, shown: str | None = None) -> list[GazetteerEntry]:
    """Every entity of the gazetteer file at ``path``, sorted by slug.

    ``shown`` is the file name used in error messages (default: ``path`` as given).
    Raises ``InputError(file, line, message)`` for anything a curator must fix.
    """
    path = Path(path)
    shown = shown or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(shown, 0, f"cannot read the gazetteer: {exc.strerror or exc}") from exc
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle", publicID=str(RES))
    except BadSyntax as exc:
        raise InputError(shown, exc.lines + 1, f"Turtle syntax error: {exc._why}") from exc
    except Exception as exc:  # rdflib raises plain exceptions for some lexical errors
        raise InputError(shown, _line_in_message(str(exc)), f"Turtle syntax error: {exc}") from exc

    named = sorted(set(graph.subjects(SKOS.prefLabel, None)), key=str)
    entries = [_entry(graph, subject, text, shown) for subject in named]
    for subject in sorted(set(graph.subjects(RDF.type, None)), key=str):
        if isinstance(subject, URIRef) and _kind_names(graph, subject) and graph.value(subject, SKOS.prefLabel) is None:
            raise InputError(shown, _line_of(text, subject), f"{_short(subject)} has no skos:prefLabel")
    _check_unique_labels(entries, text, shown)
    return sorted(entries, key=lambda e: e.slug)


def _entry(graph: Graph, subject: object, text: str, shown: str) -> GazetteerEntry:
    if not isinstance(subject, URIRef):
        raise InputError(shown, 0, "a gazetteer entity must have an IRI, not a blank node")
    line = _line_of(text, subject)
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


def _check_unique_labels(entries: list[GazetteerEntry], text: str, shown: str) -> None:
    """A label (ignoring case and apostrophe style) names one entity only, or mentions would be ambiguous."""
    owner: dict[str, str] = {}
    for entry in entries:
        for label in {entry.pref_label, *entry.alt_labels, *entry.hidden_labels}:
            key = " ".join(label.replace("’", "'").casefold().split())
            other = owner.setdefault(key, entry.slug)
            if other != entry.slug:
                raise InputError(
                    shown, _line_of(text, URIRef(entry.iri)), f"label '{label}' names both '{other}' and '{entry.slug}'"
                )


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


def _line_in_message(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 0
