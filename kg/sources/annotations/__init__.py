"""The curated layer: claims, interview excerpts, studies, citation chains, flags, tables and
cross-report relations, written by hand in ``annotations/*.yaml`` and loaded strictly.

Curated data is never disguised as extraction: every record comes from a file a person wrote,
and the graph labels it ``ekg:origin ekg:Curated``. What a curator types is the text's own
words; every anchor is computed from them (:mod:`~kg.sources.annotations.anchoring`), never
typed by hand, so a quote that is not in the text, or is ambiguous, is an error naming the file
and line. The files' shape is declared in :mod:`~kg.sources.annotations.schema`.

Files
-----
``annotations/<report key>.yaml`` (one per report)::

    report: REPORT
    studies:    [{id, label, own, method, sample_size, population, place, period,
                  sections, cues, works, quote, occurrence}]
    interviews: [{id, quote, occurrence, role, study, dated_by, endnote, note}]
    claims:     [{id, quote, occurrence, section, kind,
                  evidence: {works, interviews, studies, none, note}}]
    chains:     [{id, quote, occurrence, works, originator, note}]
    flags:      [{id, kind, quotes: [quote | {quote, occurrence}], rationale, works,
                  note: {text, source: {url, work}}}]
    tables:     [{id, caption, columns, quote, occurrence, note,
                  rows: [{label: quote | null, cells: [quote | null]}]}]

``annotations/cross-report.yaml`` (any file with ``relations``)::

    report_a: REPORT-A
    report_b: REPORT-B
    relations:  [{claim_a, claim_b, relation, rationale}]

Whitespace in a quote matches any whitespace run in the text; ``occurrence`` (1-based) is
required when, and only when, the quote occurs more than once. A table's row labels and cells
are quotes found in order inside the table's own quote; ``null`` is a figure the text leaves out.
A flag's ``note`` is what a careful reader knows from outside the text; it needs a ``source``:
``url`` (an http(s) address) and/or ``work`` (a bibliography key), so no fact stands unsourced.
"""

from __future__ import annotations

from kg.errors import InputError
from kg.project import ProjectPaths
from kg.records import Report
from kg.sources.annotations import schema
from kg.sources.annotations.anchoring import ReportText
from kg.sources.annotations.cross import load_cross
from kg.sources.annotations.records import (
    Annotations,
    Chain,
    CrossRelation,
    CuratedClaim,
    CuratedTable,
    Flag,
    FlagNote,
    InterviewExcerpt,
    TableCell,
    TableRow,
    WorkRef,
)
from kg.sources.annotations.report_file import ReportFile, check_known_report
from kg.sources.annotations.yamlfile import Mapping, read_yaml

__all__ = [
    "Annotations",
    "Chain",
    "CrossRelation",
    "CuratedClaim",
    "CuratedTable",
    "Flag",
    "FlagNote",
    "InterviewExcerpt",
    "TableCell",
    "TableRow",
    "WorkRef",
    "check_work_keys",
    "load_annotations",
    "unknown_work_keys",
]


def load_annotations(paths: ProjectPaths, reports: list[Report]) -> Annotations:
    """Load and validate every ``annotations/*.yaml`` against the report texts.

    Report files (with ``report:``) are read first, then files with ``relations:``, whose
    claim ids must name claims of the report files. Raises :class:`InputError` on the
    first problem, naming the file and the line.
    """
    out = Annotations()
    by_key = {r.key: r for r in reports}
    files = sorted(paths.annotations.glob("*.yaml")) if paths.annotations.is_dir() else []
    loaded: list[tuple[str, Mapping]] = [(paths.relative(p), read_yaml(p, paths.relative(p))) for p in files]
    seen: dict[str, str] = {}
    cross = []
    for shown, data in loaded:
        if "report" in data:
            key = check_known_report(shown, data, dict(by_key), seen)
            model = schema.validate_file(schema.ReportFileModel, data, shown)
            ReportFile(shown, data, model, ReportText(by_key[key]), out).load()
            out.files.append(shown)
        elif "relations" in data:
            cross.append((shown, data))
        else:
            raise InputError(shown, 1, "an annotation file starts with 'report: <key>' or holds 'relations'")
    for shown, data in cross:
        load_cross(shown, data, schema.validate_file(schema.CrossFileModel, data, shown), out, set(by_key))
        out.files.append(shown)
    return out


def check_work_keys(annotations: Annotations, keys: set[str]) -> None:
    """Raise :class:`InputError` (file:line) for the first work key not among ``keys``."""
    for ref in annotations.work_refs:
        if ref.key not in keys:
            raise InputError(
                ref.location.file,
                ref.location.line,
                f"{ref.owner.replace(':', ' ', 1)}: unknown bibliography key '{ref.key}'",
            )


def unknown_work_keys(annotations: Annotations, keys: set[str]) -> list[WorkRef]:
    """Every use of a work key not among ``keys`` (for reports that list them all)."""
    return [ref for ref in annotations.work_refs if ref.key not in keys]
