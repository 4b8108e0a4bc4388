"""The path of the data up to the graph: sources -> extraction -> resolution -> evidence.

One step per stage, each timed and reported (``[3/5] extracting and resolving citations``),
filling one :class:`~kg.resolve.extraction.Extraction`; :mod:`kg.graph` turns it into RDF.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from kg.evidence import Evidence, infer
from kg.extract.citations import read_citations
from kg.extract.mentions import extract_mentions
from kg.extract.statistics import extract_statistics
from kg.project import ProjectPaths
from kg.records import Span
from kg.resolve.citations import resolve_citations
from kg.resolve.extraction import Extraction
from kg.resolve.references import report_bibliography
from kg.resolve.statistics import link_statistics
from kg.sources.annotations import check_work_keys, load_annotations
from kg.sources.bibliography import load_references, load_reports_bib
from kg.sources.candidates import check_candidate_works, load_candidates
from kg.sources.gazetteer import load_gazetteers
from kg.sources.text import load_reports, paragraphs, readable, sections, sentences

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


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


def _line_starts(text: str, offsets: list[int]) -> dict[int, int]:
    """The 1-based line of each offset, counted in one pass."""
    lines: dict[int, int] = {}
    line, pos = 1, 0
    for offset in sorted(set(offsets)):
        line += text.count("\n", pos, offset)
        pos = offset
        lines[offset] = line
    return lines


def extract_all(paths: ProjectPaths, progress: Progress = _quiet, with_annotations: bool = True) -> Extraction:
    """Run every stage up to the records the graph needs; raise InputError on bad input."""
    total = 5
    reports = load_reports(paths)
    gazetteer = load_gazetteers([(path, paths.relative(path)) for path in paths.gazetteer_files])
    extraction = Extraction(
        paths=paths,
        reports=reports,
        report_entries={e.key: e for e in load_reports_bib(paths)},
        references=load_references(paths),
        gazetteer=gazetteer.entries,
        gazetteer_graph=gazetteer.graph,
    )
    with _Stage(extraction, progress, 1, total, "reading texts"):
        for report in reports:
            extraction.sentences[report.key] = sentences(report)
            extraction.sections[report.key] = sections(report)
    if with_annotations:
        with _Stage(extraction, progress, 2, total, "loading curated annotations"):
            extraction.annotations = load_annotations(paths, reports)
            check_work_keys(extraction.annotations, {e.key for e in extraction.references})
    listed_spans: dict[str, list[Span]] = {}
    with _Stage(extraction, progress, 3, total, "extracting and resolving citations and reference lists"):
        for report in reports:
            read = read_citations(report.text, report.key, report.layout)
            lines = _line_starts(report.text, [r.span.start for r in read.references])
            own = report_bibliography(
                report.key, read.references, extraction.references, paths.relative(report.path), lines
            )
            extraction.extracted_works += own.works
            extraction.listed[report.key] = own.listed
            listed_spans[report.key] = read.citing + [c.span for c in read.citations]
            entries = extraction.references + own.works
            extraction.citations[report.key] = resolve_citations(read.citations, entries, report.key, own.numbered)
        if with_annotations:  # candidate sources name works, the reports' own lists' included
            extraction.candidates = load_candidates(paths)
            check_candidate_works(extraction.candidates, {e.key for e in extraction.works})
    with _Stage(extraction, progress, 4, total, "extracting statistics"):
        for report in reports:
            stats = extract_statistics(report, extraction.sentences[report.key], listed_spans[report.key])
            studies = [s for s in extraction.studies if s.report == report.key]
            laid_out = report.layout is not None
            paras = [Span(report.key, p.start, p.end) for p in paragraphs(readable(report), laid_out=laid_out)]
            extraction.statistics[report.key] = link_statistics(
                stats, extraction.citations[report.key], extraction.sentences[report.key], studies, paras
            )
    with _Stage(extraction, progress, 5, total, "finding platform and agency mentions"):
        for report in reports:
            extraction.mentions[report.key] = extract_mentions(report.text, report.key, extraction.gazetteer)
    return extraction


def infer_evidence(extraction: Extraction, progress: Progress = _quiet) -> Evidence:
    """The evidence stage over a whole extraction: entities, flags, chains, claim kinds, measures, pairings."""
    started = time.perf_counter()
    progress("[evidence] inferring entities, flags, chains, claim kinds, measures and pairings ...")
    evidence = infer(extraction)
    extraction.timings["evidence"] = elapsed = time.perf_counter() - started
    progress(f"[evidence] done in {elapsed:.2f} s")
    return evidence
