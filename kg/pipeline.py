"""The path of the data up to the graph: sources -> extraction -> resolution -> linking.

One function per stage, each reporting progress, all returning the typed records of
``kg.records``; ``kg.graph`` turns the result into RDF.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.add import load_references
from kg.annotations import Annotations, check_work_keys, load_annotations
from kg.bibliography import load_bibtex
from kg.extract.citations import extract_citations
from kg.extract.mentions import extract_mentions
from kg.extract.statistics import extract_statistics
from kg.gazetteer import load_gazetteer
from kg.link import link_statistics
from kg.paths import ProjectPaths
from kg.records import (
    BibEntry,
    GazetteerEntry,
    MentionRecord,
    Report,
    ResolvedCitation,
    Section,
    Sentence,
    Span,
    StatisticSource,
    StudyRecord,
)
from kg.resolve import resolve_citations
from kg.sources import load_reports, paragraphs, sections, sentences

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


@dataclass
class Extraction:
    """Everything the graph is built from, per report where it belongs to one."""

    paths: ProjectPaths
    reports: list[Report]
    report_entries: dict[str, BibEntry]
    references: list[BibEntry]
    gazetteer: list[GazetteerEntry]
    sentences: dict[str, list[Sentence]] = field(default_factory=dict)
    sections: dict[str, list[Section]] = field(default_factory=dict)
    citations: dict[str, list[ResolvedCitation]] = field(default_factory=dict)
    statistics: dict[str, list[StatisticSource]] = field(default_factory=dict)
    mentions: dict[str, list[MentionRecord]] = field(default_factory=dict)
    annotations: Annotations | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def studies(self) -> list[StudyRecord]:
        return list(self.annotations.studies) if self.annotations else []


class _Stage:
    """Times a stage and reports it: ``[2/6] extracting citations ... 0.12 s``."""

    def __init__(self, extraction: Extraction, progress: Progress, number: int, total: int, name: str) -> None:
        self.extraction, self.progress, self.name = extraction, progress, name
        self.label = f"[{number}/{total}] {name}"

    def __enter__(self) -> _Stage:
        self.started = time.perf_counter()
        self.progress(f"{self.label} ...")
        return self

    def __exit__(self, *exc: object) -> None:
        elapsed = time.perf_counter() - self.started
        self.extraction.timings[self.name] = elapsed
        if exc[0] is None:
            self.progress(f"{self.label}: done in {elapsed:.2f} s")


def extract_all(paths: ProjectPaths, progress: Progress = _quiet, with_annotations: bool = True) -> Extraction:
    """Run every stage up to the records the graph needs; raise InputError on bad input."""
    total = 5
    reports = load_reports(paths)
    extraction = Extraction(
        paths=paths,
        reports=reports,
        report_entries={e.key: e for e in load_bibtex(paths.reports_bib, paths.relative(paths.reports_bib))},
        references=load_references(paths),
        gazetteer=load_gazetteer(paths.gazetteer_file),
    )
    with _Stage(extraction, progress, 1, total, "reading texts"):
        for report in reports:
            extraction.sentences[report.key] = sentences(report)
            extraction.sections[report.key] = sections(report)
    if with_annotations:
        with _Stage(extraction, progress, 2, total, "loading curated annotations"):
            extraction.annotations = load_annotations(paths, reports)
            check_work_keys(extraction.annotations, {e.key for e in extraction.references})
    with _Stage(extraction, progress, 3, total, "extracting and resolving citations"):
        for report in reports:
            found = extract_citations(report.text, report.key)
            extraction.citations[report.key] = resolve_citations(found, extraction.references, report.key)
    with _Stage(extraction, progress, 4, total, "extracting statistics"):
        for report in reports:
            stats = extract_statistics(report, extraction.sentences[report.key])
            studies = [s for s in extraction.studies if s.report == report.key]
            paras = [Span(report.key, p.start, p.end) for p in paragraphs(report.text)]
            extraction.statistics[report.key] = link_statistics(
                stats, extraction.citations[report.key], extraction.sentences[report.key], studies, paras
            )
    with _Stage(extraction, progress, 5, total, "finding platform and agency mentions"):
        for report in reports:
            extraction.mentions[report.key] = extract_mentions(report.text, report.key, extraction.gazetteer)
    return extraction
