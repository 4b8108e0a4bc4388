"""How a reader reaches each cited work: the link its own entry gives, else a candidate's, always labelled.

A link from the report's own entry (its text, or its parsed reference list) is the report's; a link
from a candidate source is what public material suggests the work is, so the app always says
"candidate" beside it (curated: checked by a person against a page that names the author, year and
subject; suggested: proposed by ``kg enrich`` from Crossref or OpenAlex, with its score).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from kg.appdata.settings import all_rows
from kg.store import Store


@dataclass(frozen=True)
class CandidateInfo:
    """One candidate source of a work, as the app shows it."""

    origin: str  # "curated" or "suggested"
    status: str  # "found" or "not found"
    title: str
    container: str
    year: str
    link: str
    evidence: str
    evidence_text: str
    checked: str
    figure_as_cited: str
    figure_in_source: str
    figure_matches: str
    service: str
    score: str
    reasons: str
    note: str

    @property
    def label(self) -> str:
        """The words beside a candidate's link."""
        if self.origin == "curated":
            return "a candidate a curator found"
        return f"a candidate suggested by {self.service or 'enrichment'}, score {self.score}"


@dataclass(frozen=True)
class WorkLinks:
    """A work's own link (the report's) and its candidates; ``best`` is what a reader opens first."""

    own_link: str
    own_from: str  # "the report's reference list" or "the report's text"
    candidates: tuple[CandidateInfo, ...]

    @property
    def best(self) -> tuple[str, str]:
        """The link to open and its label: the report's own, else the curated candidate's, else a suggestion's."""
        if self.own_link:
            return self.own_link, f"from {self.own_from}"
        for origin in ("curated", "suggested"):
            for c in self.candidates:
                if c.origin == origin and c.link:
                    return c.link, c.label
        return "", ""

    @property
    def not_found(self) -> bool:
        """A curated search found nothing and nothing else gives a link: the work stays a stub."""
        return not self.best[0] and any(c.status == "not found" for c in self.candidates)


#: A work with no link and no candidate.
NO_LINKS = WorkLinks("", "", ())


def _link(url: str, doi: str) -> str:
    """The address to open: the URL, else the DOI as a link; "" for anything but http(s) (a ``javascript:``
    address from a reference list or a metadata service is never offered)."""
    link = url or (f"https://doi.org/{doi}" if doi else "")
    return link if urlsplit(link).scheme in ("http", "https") else ""


def work_links(store: Store) -> dict[str, WorkLinks]:
    """Every cited work's links, by work IRI."""
    own: dict[str, tuple[str, str]] = {}
    found: dict[str, list[CandidateInfo]] = {}
    for r in all_rows(store, "app-work-links"):
        listed = "the report's reference list" if r["listed"] == "true" else "the report's text"
        own.setdefault(r["work"], (_link(r["url"], r["doi"]), listed))
        if r["candidate"]:
            found.setdefault(r["work"], []).append(
                CandidateInfo(
                    origin=r["origin"],
                    status=r["status"],
                    title=r["title"],
                    container=r["container"],
                    year=r["year"],
                    link=_link(r["candidateUrl"], r["candidateDoi"]),
                    evidence=r["evidence"],
                    evidence_text=r["evidenceText"],
                    checked=r["checked"],
                    figure_as_cited=r["figureAsCited"],
                    figure_in_source=r["figureInSource"],
                    figure_matches=r["figureMatches"],
                    service=r["service"],
                    score=r["score"],
                    reasons=r["reasons"],
                    note=r["note"],
                )
            )
    return {w: WorkLinks(link, where, tuple(found.get(w, ()))) for w, (link, where) in own.items()}
