"""Candidate sources: what public material suggests a cited work is, kept apart from what the report says.

A report that cites "Castells (2000)" gives an author and a year; finding the work is a judgement made
outside the report. Two files hold those judgements, each candidate labelled with where it came from:

``bib/candidates.yaml`` (curated, reviewed by a person)::

    candidates:
      - work: KEY                 # the cited work's key
        status: found | not found
        title, container, year, authors, url, doi       # the candidate, as the evidence page gives it
        evidence: {url, says}     # the public page that ties it to the citation (author, year, subject)
        checked_against: {url, says}   # optional second, independent page
        figure: {report_says, source_says, matches}  # optional: what the page shows for the cited figure
        searched: [query, ...]    # what was searched (the record of a "not found")
        note: ...

``bib/enrichment.json`` (written by ``kg enrich`` from Crossref and OpenAlex; a suggestion, never curated).

Neither ever changes a work's own title, date or authors: the graph states a candidate as a node of its
own (``ekg:SourceCandidate``) that points at the work.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from kg.errors import InputError
from kg.project import ProjectPaths
from kg.sources.annotations.schema import Text, Url, WorkKey, _Record, validate_file
from kg.sources.annotations.yamlfile import Sequence, read_yaml

#: The curated file, relative to the project's ``bib/``.
CURATED_FILE = "candidates.yaml"
#: What ``kg enrich`` writes, relative to the project's ``bib/``.
ENRICHMENT_FILE = "enrichment.json"

Doi = Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")]


@dataclass(frozen=True)
class Candidate:
    """One candidate for a cited work, or the record that none was found.

    ``origin`` is ``curated`` (``bib/candidates.yaml``) or ``enrichment`` (``kg enrich``). For an
    enrichment candidate ``service`` names the service, ``score`` the match score (0-1) and ``reasons``
    why it matches; for a curated one ``evidence_url`` is the page that ties it to the citation.
    """

    work: str
    origin: Literal["curated", "enrichment"]
    status: Literal["found", "not found"]
    file: str
    line: int
    title: str = ""
    container: str = ""
    year: str = ""
    authors: tuple[str, ...] = ()
    url: str = ""
    doi: str = ""
    service: str = ""
    score: float | None = None
    reasons: str = ""
    evidence_url: str = ""
    evidence_says: str = ""
    checked_url: str = ""
    checked_says: str = ""
    figure_report: str = ""
    figure_source: str = ""
    figure_matches: bool | None = None
    searched: tuple[str, ...] = field(default=(), compare=False)
    note: str = ""

    @property
    def link(self) -> str:
        """Where a reader opens the work: its URL, else its DOI as a link."""
        return self.url or (f"https://doi.org/{self.doi}" if self.doi else "")


class _PageModel(_Record):
    url: Url
    says: Text


class _FigureModel(_Record):
    report_says: Text
    source_says: Text
    matches: bool


class _CandidateModel(_Record):
    work: WorkKey
    status: Literal["found", "not found"]
    title: Text | None = None
    container: Text | None = None
    year: Annotated[int, Field(ge=1000, le=2999)] | None = None
    authors: list[Text] = []
    url: Url | None = None
    doi: Doi | None = None
    evidence: _PageModel | None = None
    checked_against: _PageModel | None = None
    figure: _FigureModel | None = None
    searched: list[Text] = []
    note: Text | None = None


class _FileModel(_Record):
    candidates: list[_CandidateModel]


def _check(item: _CandidateModel, shown: str, line: int) -> None:
    """What the schema cannot say: a found candidate is sourced, a stub has nothing to open."""
    if item.status == "found":
        if item.evidence is None:
            raise InputError(shown, line, f"candidate for '{item.work}' is found but has no 'evidence' page")
        if not (item.title or item.url or item.doi):
            raise InputError(shown, line, f"candidate for '{item.work}' is found but has no title, url or doi")
    elif item.title or item.url or item.doi or item.figure:
        raise InputError(shown, line, f"'{item.work}' is 'not found' but gives a title, url, doi or figure")
    elif not item.searched and not item.note:
        raise InputError(
            shown, line, f"'{item.work}' is 'not found': list what was searched ('searched') or say why not ('note')"
        )


def load_curated(paths: ProjectPaths) -> list[Candidate]:
    """The reviewed candidates of ``bib/candidates.yaml`` (none when the file is absent)."""
    path = paths.bib / CURATED_FILE
    if not path.is_file():
        return []
    shown = paths.relative(path)
    data = read_yaml(path, shown)
    model = validate_file(_FileModel, data, shown)
    items = data.get("candidates")
    lines = items.lines if isinstance(items, Sequence) else [0] * len(model.candidates)
    found: list[Candidate] = []
    seen: dict[str, int] = {}
    for item, line in zip(model.candidates, lines, strict=True):
        _check(item, shown, line)
        if item.work in seen:
            raise InputError(
                shown, line, f"a second candidate for '{item.work}' (the first is on line {seen[item.work]})"
            )
        seen[item.work] = line
        found.append(_from_model(item, shown, line))
    return found


def _from_model(item: _CandidateModel, shown: str, line: int) -> Candidate:
    evidence, checked, figure = item.evidence, item.checked_against, item.figure
    return Candidate(
        work=item.work,
        origin="curated",
        status=item.status,
        file=shown,
        line=line,
        title=item.title or "",
        container=item.container or "",
        year=str(item.year) if item.year else "",
        authors=tuple(item.authors),
        url=item.url or "",
        doi=item.doi or "",
        evidence_url=evidence.url if evidence else "",
        evidence_says=evidence.says if evidence else "",
        checked_url=checked.url if checked else "",
        checked_says=checked.says if checked else "",
        figure_report=figure.report_says if figure else "",
        figure_source=figure.source_says if figure else "",
        figure_matches=figure.matches if figure else None,
        searched=tuple(item.searched),
        note=item.note or "",
    )


def load_enrichment(paths: ProjectPaths) -> list[Candidate]:
    """The candidates ``kg enrich`` proposed (``bib/enrichment.json``; none when absent)."""
    path = paths.bib / ENRICHMENT_FILE
    if not path.is_file():
        return []
    shown = paths.relative(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        proposed = data["proposed"]
        return [candidate_from_json(item, shown) for item in proposed]
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(shown, 0, f"not an enrichment file written by `kg enrich` ({exc}); run `kg enrich` again")


def candidate_from_json(item: dict[str, object], shown: str = "") -> Candidate:
    """A proposed candidate as ``bib/enrichment.json`` stores it (:func:`candidate_json`'s inverse)."""
    values = {k: v for k, v in item.items() if k in Candidate.__dataclass_fields__}
    values.update(origin="enrichment", status="found", file=shown, line=0)
    for name in ("authors", "searched"):
        values[name] = tuple(values.get(name, ()))  # type: ignore[arg-type]
    return Candidate(**values)  # type: ignore[arg-type]


def candidate_json(candidate: Candidate) -> dict[str, object]:
    """A proposed candidate as ``bib/enrichment.json`` stores it (empty fields left out)."""
    skip = {"origin", "status", "file", "line"}
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(candidate).items() if k not in skip and v}


def load_candidates(paths: ProjectPaths) -> list[Candidate]:
    """Every candidate: the curated ones, then what ``kg enrich`` proposed."""
    return load_curated(paths) + load_enrichment(paths)


def check_candidate_works(candidates: list[Candidate], keys: set[str]) -> None:
    """A candidate for a work no bibliography holds is an error at its line, not a silent orphan."""
    for candidate in candidates:
        if candidate.work not in keys:
            raise InputError(candidate.file, candidate.line, f"no cited work has the key '{candidate.work}'")


__all__ = [
    "CURATED_FILE",
    "ENRICHMENT_FILE",
    "Candidate",
    "candidate_from_json",
    "candidate_json",
    "check_candidate_works",
    "load_candidates",
    "load_curated",
    "load_enrichment",
]
