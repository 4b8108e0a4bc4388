"""The project's bibliography: ``bib/references.bib`` plus the works of reports added with ``kg add``.

Every stage that needs the works a report cites (the pipeline, the exports, the app's downloads)
reads them through :func:`load_references`, so an added report's works are never forgotten.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kg.errors import InputError
from kg.project import ProjectPaths
from kg.records import BibEntry
from kg.sources.bibtex import load_bibtex


def added_bib_files(paths: ProjectPaths) -> list[Path]:
    """``bib/added/ID.bib``, one per report added with ``kg add``, in name order."""
    folder = paths.added_bib
    return sorted(folder.glob("*.bib")) if folder.is_dir() else []


def load_reports_bib(paths: ProjectPaths) -> list[BibEntry]:
    """The entries of ``bib/reports.bib``: one per report of the corpus."""
    return load_bibtex(paths.reports_bib, paths.relative(paths.reports_bib))


def load_references(paths: ProjectPaths) -> list[BibEntry]:
    """``bib/references.bib`` plus the bibliographies of added reports (scoped to them).

    An entry of ``bib/added/ID.bib`` without a ``citedin`` field is cited by report ID.
    A key defined twice across the files is an error naming both places.
    """
    entries = (
        load_bibtex(paths.references_bib, paths.relative(paths.references_bib))
        if paths.references_bib.is_file()
        else []
    )
    for path in added_bib_files(paths):
        report_id = path.stem
        for entry in load_bibtex(path, paths.relative(path)):
            if "citedin" not in entry.fields:
                entry = replace(entry, fields=dict(entry.fields, citedin=report_id))
            entries.append(entry)
    seen: dict[str, BibEntry] = {}
    for entry in entries:
        if entry.key in seen:
            first = seen[entry.key]
            raise InputError(
                entry.file, entry.line, f"key '{entry.key}' is already defined at {first.file}:{first.line}"
            )
        seen[entry.key] = entry
    return entries
