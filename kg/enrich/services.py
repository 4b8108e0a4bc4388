"""The two open metadata services asked about a cited work: Crossref and OpenAlex REST APIs.

Each service is a query (what to send for a work: its authors' family names, its year, any title
words the report gives) and a reader (its documented JSON, into :class:`Found` records). Crossref's
``/works`` answers ``{"message": {"items": [...]}}`` with CSL-like items (``title`` and
``container-title`` lists, ``author`` with ``family``, ``issued.date-parts``, ``DOI``, ``URL``,
``score``); OpenAlex's ``/works`` answers ``{"results": [...]}`` (``display_name``,
``publication_year``, ``authorships[].author.display_name``, ``doi`` as a link,
``primary_location``, ``relevance_score``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.records import BibEntry

CROSSREF = "https://api.crossref.org"
OPENALEX = "https://api.openalex.org"
#: How many works each service returns for one cited work: enough to see whether the best is clear.
ROWS = 5


@dataclass(frozen=True)
class Found:
    """One work a service returned, in the few fields a match and a reader need."""

    service: str
    title: str
    container: str
    year: str
    authors: tuple[str, ...]
    doi: str
    url: str
    service_score: float | None


def title_words(entry: BibEntry) -> str:
    return " ".join(entry.fields.get("title", "").replace("{", "").replace("}", "").split())


def _year_filter(entry: BibEntry) -> str:
    return entry.year if entry.year.isdigit() else ""


@dataclass(frozen=True)
class Service:
    """A service's name, base URL and how it is asked and read."""

    name: str
    base: str

    def request(self, entry: BibEntry) -> tuple[str, dict[str, str]]:
        """The path and parameters that ask this service about ``entry``."""
        authors = " ".join(entry.family_names or entry.authors)
        year = _year_filter(entry)
        title = title_words(entry)
        if self.name == "crossref":
            params = {"rows": str(ROWS), "select": "DOI,title,container-title,author,issued,URL,type,score"}
            if authors:
                params["query.author"] = authors
            if title:
                params["query.bibliographic"] = f"{title} {year}".strip()
            if year:
                params["filter"] = f"from-pub-date:{year},until-pub-date:{year}"
            return "/works", params
        params = {"per_page": str(ROWS), "search": " ".join(p for p in (authors, title) if p)}
        if year:
            params["filter"] = f"publication_year:{year}"
        return "/works", params

    def read(self, answer: object) -> list[Found]:
        """The works of one answer; an answer of another shape reads as none."""
        if not isinstance(answer, dict):
            return []
        if self.name == "crossref":
            message = answer.get("message")
            items = message.get("items", []) if isinstance(message, dict) else []
            return [_crossref(item) for item in items if isinstance(item, dict)]
        results = answer.get("results", [])
        return [_openalex(item) for item in results if isinstance(item, dict)] if isinstance(results, list) else []


def _first(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value).split()) if value else ""


def _crossref(item: dict[str, Any]) -> Found:
    parts = (item.get("issued") or {}).get("date-parts") or [[None]]
    year = parts[0][0] if parts and parts[0] else None
    authors = tuple(
        str(a.get("family") or a.get("name") or "") for a in item.get("author", []) or [] if isinstance(a, dict)
    )
    score = item.get("score")
    return Found(
        service="crossref",
        title=_first(item.get("title")),
        container=_first(item.get("container-title")),
        year=str(year) if year else "",
        authors=tuple(a for a in authors if a),
        doi=str(item.get("DOI") or "").lower(),
        url=str(item.get("URL") or ""),
        service_score=float(score) if isinstance(score, int | float) else None,
    )


def _openalex(item: dict[str, Any]) -> Found:
    doi = str(item.get("doi") or "")
    doi = doi.split("doi.org/", 1)[1] if "doi.org/" in doi else doi
    location = item.get("primary_location") or {}
    source = location.get("source") or {}
    authors = tuple(
        str((a.get("author") or {}).get("display_name") or "")
        for a in item.get("authorships", []) or []
        if isinstance(a, dict)
    )
    score = item.get("relevance_score")
    year = item.get("publication_year")
    return Found(
        service="openalex",
        title=_first(item.get("display_name") or item.get("title")),
        container=_first(source.get("display_name")),
        year=str(year) if year else "",
        authors=tuple(a for a in authors if a),
        doi=doi.lower(),
        url=str(location.get("landing_page_url") or (f"https://doi.org/{doi}" if doi else item.get("id") or "")),
        service_score=float(score) if isinstance(score, int | float) else None,
    )


def services(crossref: str = CROSSREF, openalex: str = OPENALEX, only: tuple[str, ...] = ()) -> list[Service]:
    """The services to ask, at their base URLs (a mirror's, or a local replay's in the tests)."""
    every = [Service("crossref", crossref), Service("openalex", openalex)]
    return [s for s in every if not only or s.name in only]
