"""The works behind a claim or statistic, in the formats researchers cite with.

The keys come from the graph (the canned query ``export-bibtex``, so it works on the embedded
store and a remote endpoint alike); the entries themselves from the project's ``.bib`` files and,
for works read from a report's own reference list, from the build's ``works.bib``. Each
format is written by the sources stage, from the same entries: BibTeX with standard entry types and
fields (:mod:`kg.sources.bibtex_standard`), CSL-JSON (:mod:`kg.sources.csl`), RIS
(:mod:`kg.sources.ris`), and references formatted by citeproc-py (:mod:`kg.sources.references`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from kg.errors import ExportError
from kg.pipeline.outputs import WORKS_BIB
from kg.project import ProjectPaths
from kg.query import run_query
from kg.records import BibEntry
from kg.sources.bibliography import load_references, load_reports_bib
from kg.sources.bibtex import VERBATIM_FIELDS, load_bibtex
from kg.sources.bibtex_standard import standard_bibtex
from kg.sources.candidates import Candidate, load_candidates
from kg.sources.csl import csl_json
from kg.sources.references import DEFAULT_STYLE, STYLES, format_reference
from kg.sources.report_entry import bibtex_value
from kg.sources.ris import to_ris
from kg.store import Store

#: The formats of ``kg export``, by name: what each is called and the file suffix it takes.
FORMATS = {"bibtex": "BibTeX entries", "csl-json": "CSL-JSON items", "ris": "RIS records", "references": "references"}


@dataclass(frozen=True)
class WorksExport:
    """The works found, and keys the graph names but no ``.bib`` file defines."""

    entries: tuple[BibEntry, ...]
    missing: tuple[str, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(e.key for e in self.entries)


def bibtex_keys(store: Store, item: str, *, with_report: bool = False, paths: ProjectPaths | None = None) -> list[str]:
    """Keys of the works ``item`` rests on (directly or through a chain), and its report's if asked.

    An IRI that is neither a claim nor a statistic of the graph is an error, not an empty answer:
    a typo must not look like a claim that rests on nothing.
    """
    rows = run_query(store, "export-bibtex", {"item": item}, paths=paths, limit=None).records()
    if not rows:
        raise ExportError(f"{item} is not a claim or statistic of the graph (see `kg query claims`)")
    wanted = {"source", "report"} if with_report else {"source"}
    return sorted({r["key"] for r in rows if r["role"] in wanted})


def extracted_works(build_dir: Path | None) -> list[BibEntry]:
    """The works the last build read from the reports' own lists (``works.bib``; none without a build)."""
    works = build_dir / WORKS_BIB if build_dir is not None else None
    if works is None or not works.is_file():
        return []
    return load_bibtex(works, str(works))


def bibliography(paths: ProjectPaths, with_reports: bool, build_dir: Path | None = None) -> dict[str, BibEntry]:
    """Every entry a key of the graph may name: ``bib/`` first, then the build's extracted works,
    each completed from its candidate source where it lacks a title, URL or DOI (:func:`with_candidate`)."""
    entries = {e.key: e for e in extracted_works(build_dir)}
    entries.update({e.key: e for e in load_references(paths)})
    best = best_candidates(load_candidates(paths))
    entries = {key: with_candidate(entry, best.get(key)) for key, entry in entries.items()}
    if with_reports:
        entries.update({e.key: e for e in load_reports_bib(paths)})
    return entries


def best_candidates(candidates: list[Candidate]) -> dict[str, Candidate]:
    """Per work, the candidate a reader is given: the curated one if it found the work, else kg enrich's."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:  # curated first, then enrichment (load_candidates' order)
        if candidate.status == "found" and candidate.work not in best:
            best[candidate.work] = candidate
    return best


def with_candidate(entry: BibEntry, candidate: Candidate | None) -> BibEntry:
    """The entry with the title, URL and DOI it lacks taken from its candidate, and a note that says so.

    A reference manager then finds the work; the note (``candidatenote``, written as BibTeX ``note``,
    CSL and RIS notes) says these fields are a candidate's, not the citing report's."""
    if candidate is None:
        return entry
    added = {}
    if candidate.title and not entry.fields.get("title"):
        added["title"] = candidate.title
    if candidate.doi and not entry.fields.get("doi"):
        added["doi"] = candidate.doi
    if candidate.url and not entry.fields.get("url") and not entry.fields.get("doi"):
        added["url"] = candidate.url
    if not added:
        return entry
    where = "bib/candidates.yaml, curated" if candidate.origin == "curated" else f"kg enrich, {candidate.service}"
    evidence = f"; evidence: {candidate.evidence_url}" if candidate.evidence_url else ""
    named = ", ".join({"title": "title", "doi": "DOI", "url": "URL"}[k] for k in added)
    note = f"{named[0].upper()}{named[1:]} from a candidate source ({where}{evidence}), not from the citing report"
    added["candidatenote"] = note
    raw = {**entry.raw, **{k: v if k in VERBATIM_FIELDS else bibtex_value(v) for k, v in added.items()}}
    return replace(entry, raw=raw, fields={**entry.fields, **added})


def works_for_item(
    store: Store, paths: ProjectPaths, item: str, *, with_report: bool = False, build_dir: Path | None = None
) -> WorksExport:
    """The bibliography entries of every work a claim or statistic rests on."""
    keys = bibtex_keys(store, item, with_report=with_report, paths=paths)
    entries = bibliography(paths, with_report, build_dir)
    return WorksExport(tuple(entries[k] for k in keys if k in entries), tuple(k for k in keys if k not in entries))


def all_works(paths: ProjectPaths, *, with_reports: bool = False, build_dir: Path | None = None) -> WorksExport:
    """Every work of the project's bibliography, the build's extracted works (and the reports if asked), by key."""
    entries = bibliography(paths, with_reports, build_dir)
    return WorksExport(tuple(entries[k] for k in sorted(entries)), ())


def render(entries: tuple[BibEntry, ...] | list[BibEntry], fmt: str, style: str = DEFAULT_STYLE) -> str:
    """The entries in one of :data:`FORMATS` (``style`` for ``references``: one of the citation styles)."""
    if fmt == "bibtex":
        return standard_bibtex(entries)
    if fmt == "csl-json":
        return json.dumps(csl_json(list(entries)), indent=2, ensure_ascii=False) + "\n"
    if fmt == "ris":
        return to_ris(entries)
    if fmt == "references":
        if style not in STYLES:
            raise ExportError(f"unknown citation style '{style}'; expected one of {', '.join(STYLES)}")
        lines = sorted(format_reference(e, style) for e in entries)
        return "".join(line + "\n" for line in lines)
    raise ExportError(f"unknown export format '{fmt}'; expected one of {', '.join(FORMATS)}")
