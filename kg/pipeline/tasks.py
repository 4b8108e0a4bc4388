"""One report's extraction as a task: pure, picklable, keyed by its content.

:func:`extract_report` runs the per-report stages (sentences and sections, citations and the
report's own reference list, statistics, gazetteer mentions) on one :class:`ReportInputs` and
nothing else, so the same inputs give the same record in this process, in a worker of a process
pool or on a Dask worker. :func:`inputs_key` is the content key the build cache files it under:
a digest of the inputs (text, page map, the BibTeX and curated entries it reads, the gazetteer)
and of the tool's own code, so a changed report, entry or rule recomputes exactly what it touches.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import replace
from pathlib import Path

from kg.extract.citations import read_citations
from kg.extract.mentions import extract_mentions
from kg.extract.statistics import extract_statistics
from kg.pipeline.cache import code_digest
from kg.records import Span
from kg.resolve.citations import resolve_citations
from kg.resolve.extraction import ReportExtraction, ReportInputs
from kg.resolve.references import report_bibliography
from kg.resolve.statistics import link_statistics
from kg.sources.text import paragraphs, readable, sections, sentences

#: The per-report stages, in order, as the progress lines name them.
STAGES = ("reading texts", "citations and reference lists", "statistics", "platform and agency mentions")


def inputs_key(inputs: ReportInputs) -> str:
    """The content key of one report's extraction: the same inputs and code, the same record.

    ``repr`` of the frozen records is exact (every field, dicts in their file order) and stable
    across processes, unlike ``hash``; the code digest makes a changed rule a changed key. The report's
    path is taken relative to the project (the task reads its text, never its place), so a project
    moved or copied elsewhere keeps its cache."""
    placed = replace(inputs, report=replace(inputs.report, path=Path(inputs.relative_path)))
    digest = hashlib.sha256(code_digest().encode())
    digest.update(repr(placed).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _line_starts(text: str, offsets: list[int]) -> dict[int, int]:
    """The 1-based line of each offset, counted in one pass."""
    lines: dict[int, int] = {}
    line, pos = 1, 0
    for offset in sorted(set(offsets)):
        line += text.count("\n", pos, offset)
        pos = offset
        lines[offset] = line
    return lines


def extract_report(inputs: ReportInputs) -> tuple[ReportExtraction, dict[str, float]]:
    """One report's records, and the seconds each stage took (reported, never cached)."""
    report = inputs.report
    timings: dict[str, float] = {}
    started = time.perf_counter()
    said = sentences(report)
    parts = sections(report)
    timings[STAGES[0]] = time.perf_counter() - started

    started = time.perf_counter()
    read = read_citations(report.text, report.key, report.layout)
    lines = _line_starts(report.text, [r.span.start for r in read.references])
    curated = list(inputs.entries)
    own = report_bibliography(report.key, read.references, curated, inputs.relative_path, lines, inputs.taken)
    listed_spans = read.citing + [c.span for c in read.citations]
    citations = resolve_citations(read.citations, curated + own.works, report.key, own.numbered)
    timings[STAGES[1]] = time.perf_counter() - started

    started = time.perf_counter()
    stats = extract_statistics(report, said, listed_spans)
    laid_out = report.layout is not None
    paras = [Span(report.key, p.start, p.end) for p in paragraphs(readable(report), laid_out=laid_out)]
    statistics = link_statistics(stats, citations, said, list(inputs.studies), paras)
    timings[STAGES[2]] = time.perf_counter() - started

    started = time.perf_counter()
    mentions = extract_mentions(report.text, report.key, list(inputs.gazetteer))
    timings[STAGES[3]] = time.perf_counter() - started
    record = ReportExtraction(
        key=report.key,
        sentences=tuple(said),
        sections=tuple(parts),
        citations=tuple(citations),
        statistics=tuple(statistics),
        mentions=tuple(mentions),
        listed=tuple(own.listed),
        works=tuple(own.works),
        notes=tuple(read.notes),
    )
    return record, timings
