"""The reports of a project: each text loaded unchanged and checked against its checksum, with its pages.

``bib/reports.bib`` lists the reports; each entry names the text file (and its SHA-256, which must
still hold) and, for a report read from a PDF, its page map (``corpus/ID.pages.json``, checksum
recorded too). A text with form feeds has pages too. The layout of the pages
(:mod:`kg.sources.layout`) comes with the report, and :func:`readable` is the text as paragraphs and
sentences are found in it: the same text, its running heads and page numbers blanked.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.errors import InputError
from kg.project import ProjectPaths
from kg.records import BibEntry, PageLayout, Report
from kg.sources.bibtex import load_bibtex
from kg.sources.layout import blank_furniture, form_feed_pages, load_layout, recognise_layout


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_reports(paths: ProjectPaths) -> list[Report]:
    """Every report listed in ``bib/reports.bib``, its text checked against its checksum."""
    shown = paths.relative(paths.reports_bib)
    reports = []
    for entry in load_bibtex(paths.reports_bib, shown):
        file_field = entry.fields.get("file")
        if not file_field:
            raise InputError(shown, entry.line, f"report '{entry.key}' has no 'file' field naming its text")
        text_path = paths.root / file_field
        if not text_path.is_file():
            raise InputError(shown, entry.line, f"report '{entry.key}': text file '{file_field}' not found")
        raw = text_path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        expected = entry.fields.get("sha256")
        if expected and expected != digest:
            raise InputError(
                shown,
                entry.line,
                f"report '{entry.key}': '{file_field}' has SHA-256 {digest}, the entry records {expected}; "
                "the corpus texts must stay unchanged",
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(file_field, 0, f"not UTF-8 text: {exc}") from exc
        reports.append(
            Report(
                key=entry.key,
                path=text_path,
                text=text,
                sha256=digest,
                title=entry.title,
                year=entry.year,
                kind=entry.kind,
                fields=dict(entry.fields),
                layout=_layout(paths, entry, text, digest, shown),
            )
        )
    return reports


def _layout(paths: ProjectPaths, entry: BibEntry, text: str, digest: str, shown: str) -> PageLayout | None:
    """The report's pages: from its page map (a text read from a PDF), else from form feeds, else none."""
    map_field = entry.fields.get("pagemap")
    if map_field:
        map_path = paths.root / map_field
        if not map_path.is_file():
            raise InputError(shown, entry.line, f"report '{entry.key}': page map '{map_field}' not found")
        recorded = entry.fields.get("pagemapsha256")
        if recorded and recorded != sha256_of(map_path):
            raise InputError(
                shown, entry.line, f"report '{entry.key}': '{map_field}' differs from the checksum the entry records"
            )
        return load_layout(map_path, map_field, text, digest)
    if "\f" in text:
        return recognise_layout(text, form_feed_pages(text))
    return None


def readable(report: Report) -> str:
    """The text paragraphs and sentences are found in: the report's own, its page furniture blanked."""
    return blank_furniture(report.text, report.layout)
