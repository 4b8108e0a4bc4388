"""The works behind a claim or statistic, in the formats researchers cite with.

The keys come from the graph (the canned query ``export-bibtex``, so it works on the embedded
store and a remote endpoint alike); the entries themselves from the project's ``.bib`` files. Each
format is written by the sources stage, from the same entries: BibTeX with standard entry types and
fields (:mod:`kg.sources.bibtex_standard`), CSL-JSON (:mod:`kg.sources.csl`), RIS
(:mod:`kg.sources.ris`), and references formatted by citeproc-py (:mod:`kg.sources.references`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kg.errors import ExportError
from kg.project import ProjectPaths
from kg.query import run_query
from kg.records import BibEntry
from kg.sources.bibliography import load_references, load_reports_bib
from kg.sources.bibtex_standard import standard_bibtex
from kg.sources.csl import csl_json
from kg.sources.references import DEFAULT_STYLE, STYLES, format_reference
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


def _bibliography(paths: ProjectPaths, with_reports: bool) -> dict[str, BibEntry]:
    entries = {e.key: e for e in load_references(paths)}
    if with_reports:
        entries.update({e.key: e for e in load_reports_bib(paths)})
    return entries


def works_for_item(store: Store, paths: ProjectPaths, item: str, *, with_report: bool = False) -> WorksExport:
    """The bibliography entries of every work a claim or statistic rests on."""
    keys = bibtex_keys(store, item, with_report=with_report, paths=paths)
    entries = _bibliography(paths, with_report)
    return WorksExport(tuple(entries[k] for k in keys if k in entries), tuple(k for k in keys if k not in entries))


def all_works(paths: ProjectPaths, *, with_reports: bool = False) -> WorksExport:
    """Every work of the project's bibliography (and the reports themselves if asked), by key."""
    entries = _bibliography(paths, with_reports)
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
