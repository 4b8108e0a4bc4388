"""The path of the data up to the graph: sources -> extraction -> resolution -> evidence.

The project-wide inputs (reports, bibliography, gazetteer, curated layer) are read here; each
report's extraction and resolution is one task (:func:`kg.pipeline.tasks.extract_report`) on its own
inputs, looked up in the build cache by content key and, when missing, run by a
:class:`~kg.pipeline.pool.Runner` (worker processes, or Dask). The records are assembled into one
:class:`~kg.resolve.extraction.Extraction`; :mod:`kg.graph` turns it into RDF.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from kg.evidence import Evidence, compare, infer
from kg.evidence.records import Pairing
from kg.evidence.stage import TaskRunner
from kg.pipeline.cache import BuildCache, code_digest
from kg.pipeline.pool import Runner
from kg.pipeline.progress import StageProgress
from kg.pipeline.tasks import STAGES, extract_report, inputs_key
from kg.project import ProjectPaths
from kg.records import BibEntry, Report, Span, StudyRecord
from kg.resolve.extraction import Extraction, ReportExtraction, ReportInputs
from kg.sources.annotations import Annotations, check_work_keys, load_annotations
from kg.sources.bibliography import load_references, load_reports_bib
from kg.sources.candidates import check_candidate_works, load_candidates
from kg.sources.gazetteer import load_gazetteers
from kg.sources.text import load_reports

Progress = Callable[[str], None]

#: The cache's folder for per-report extraction records.
EXTRACT_KIND = "extract"
#: The cache's folder for the claims' pairings (one entry: the current corpus's).
PAIRINGS_KIND = "claim-pairings"


def _quiet(_: str) -> None:
    return None


class CuratedIndex:
    """The curated entries and studies by the report they belong to, made once for all reports
    (a filter over every entry for each report grows with reports x entries)."""

    def __init__(self, references: list[BibEntry], annotations: Annotations | None) -> None:
        self.citing: dict[str, list[BibEntry]] = {}
        self.prefixed: dict[str, list[str]] = {}
        for entry in references:
            for key in {k.strip() for k in entry.fields.get("citedin", "").split(",")}:
                self.citing.setdefault(key, []).append(entry)
            for at, char in enumerate(entry.key):
                if char == "-":  # the entry's key starts with "<report>-" for this report key
                    self.prefixed.setdefault(entry.key[:at], []).append(entry.key)
        self.studies: dict[str, list[StudyRecord]] = {}
        for study in annotations.studies if annotations is not None else ():
            self.studies.setdefault(study.report, []).append(study)


def report_inputs(
    paths: ProjectPaths,
    report: Report,
    references: list[BibEntry],
    annotations: Annotations | None,
    gazetteer: tuple,
    index: CuratedIndex | None = None,
) -> ReportInputs:
    """What one report's extraction reads: the curated entries naming it, the keys its own could collide
    with, its curated studies and the gazetteer (``index``: ``references`` and ``annotations`` indexed)."""
    key = report.key
    index = index or CuratedIndex(references, annotations)
    mine = tuple(index.citing.get(key, ()))
    taken = tuple(sorted(index.prefixed.get(key, ())))
    studies = tuple(index.studies.get(key, ()))
    return ReportInputs(report, paths.relative(report.path), mine, taken, studies, gazetteer)


def extract_all(
    paths: ProjectPaths,
    progress: Progress = _quiet,
    with_annotations: bool = True,
    runner: Runner | None = None,
    cache: BuildCache | None = None,
) -> Extraction:
    """Run every stage up to the records the graph needs; raise InputError on bad input.

    ``runner`` runs the reports' tasks (default: here, one after the other); ``cache`` supplies the
    records of reports whose inputs did not change and keeps the new ones (default: none)."""
    runner = runner or Runner()
    cache = cache or BuildCache(None)
    started = time.perf_counter()
    reports = load_reports(paths)
    gazetteer = load_gazetteers([(path, paths.relative(path)) for path in paths.gazetteer_files])
    report_entries = {e.key: e for e in load_reports_bib(paths)}
    references = load_references(paths)
    annotations = None
    if with_annotations:
        annotations = load_annotations(paths, reports)
        check_work_keys(annotations, {e.key for e in references})
    progress(f"[sources] {len(reports)} reports read in {time.perf_counter() - started:.2f} s")

    entries = tuple(gazetteer.entries)
    index = CuratedIndex(references, annotations)
    inputs = [report_inputs(paths, report, references, annotations, entries, index) for report in reports]
    keys = [inputs_key(i) for i in inputs]
    records: dict[str, ReportExtraction] = {}
    missing: list[tuple[ReportInputs, str]] = []
    for item, key in zip(inputs, keys, strict=True):
        cached = cache.get(EXTRACT_KIND, key)
        if isinstance(cached, ReportExtraction) and cached.key == item.report.key:
            records[item.report.key] = cached
        else:
            missing.append((item, key))
    progress(f"[extract] {len(records)} of {len(reports)} reports unchanged (cached); extracting {len(missing)} ...")
    bar = StageProgress("[extract]", len(missing), progress)
    started = time.perf_counter()
    results = runner.map(extract_report, [item for item, _ in missing], bar)
    if missing:
        bar.finish()
    totals = dict.fromkeys(STAGES, 0.0)
    for (item, key), (record, timings) in zip(missing, results, strict=True):
        records[item.report.key] = record
        cache.put(EXTRACT_KIND, key, record)
        for stage, seconds in timings.items():
            totals[stage] += seconds
    if missing:
        spent = ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in totals.items())
        progress(f"[extract] done in {time.perf_counter() - started:.2f} s ({spent})")
    extraction = Extraction.assemble(
        paths, reports, report_entries, references, gazetteer.entries, gazetteer.graph, records.values(), annotations
    )
    if with_annotations:  # candidate sources name works, the reports' own lists' included
        candidates = load_candidates(paths)
        check_candidate_works(candidates, {e.key for e in extraction.works})
        extraction = replace(extraction, candidates=candidates)
    return extraction


def claims_key(claims: dict[str, list[tuple[Span, str]]]) -> str:
    """The content key of the claims' pairing: every claim's report, span and text, and the tool's code.

    The reports in key order and each report's claims in their order, so the key does not depend on
    the order the reports were read in; ``repr`` of spans and strings is exact and stable across
    processes."""
    digest = hashlib.sha256(code_digest().encode())
    for report in sorted(claims):
        digest.update(repr((report, claims[report])).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def cached_claim_pairs(cache: BuildCache) -> Callable[[dict[str, list[tuple[Span, str]]]], list[Pairing]]:
    """A claim pairer that answers from ``cache`` when no claim text changed, and files a new answer.

    Every claim's score weighs its words by their rarity over all claims, so one added claim moves
    every score: the pairing is one corpus-wide result, cached whole under :func:`claims_key`."""

    def pair(claims: dict[str, list[tuple[Span, str]]]) -> list[Pairing]:
        key = claims_key(claims)
        cached = cache.get(PAIRINGS_KIND, key)
        if isinstance(cached, list):
            return cached
        pairs = compare.claim_pairs(claims)
        cache.put(PAIRINGS_KIND, key, pairs)
        return pairs

    return pair


def cached_runner(runner: Runner, cache: BuildCache, progress: Progress = _quiet) -> TaskRunner:
    """A :data:`~kg.evidence.stage.TaskRunner` that answers each task from ``cache`` by its key (with
    the tool's code digest) and runs the rest in ``runner``, filing their results."""

    def run(kind: str, fn: Callable[[Any], Any], items: list[Any], keys: list[str]) -> list[Any]:
        full = [hashlib.sha256((code_digest() + key).encode()).hexdigest() for key in keys]
        results: dict[int, Any] = {}
        missing = []
        for index, key in enumerate(full):
            found = cache.get(kind, key)
            if found is not None:
                results[index] = found
            else:
                missing.append(index)
        bar = StageProgress(f"[{kind}]", len(missing), progress)
        for index, result in zip(missing, runner.map(fn, [items[i] for i in missing], bar), strict=True):
            results[index] = result
            cache.put(kind, full[index], result)
        if missing:
            bar.finish()
        return [results[i] for i in range(len(items))]

    return run


def infer_evidence(
    extraction: Extraction, progress: Progress = _quiet, cache: BuildCache | None = None, runner: Runner | None = None
) -> Evidence:
    """The evidence stage over a whole extraction: entities, flags, chains, claim kinds, measures, pairings.

    ``cache`` supplies the claims' pairings when no claim changed and each report's evidence tasks
    whose inputs did not change (default: none, computed); ``runner`` runs the others (default: here)."""
    started = time.perf_counter()
    cache = cache or BuildCache(None)
    progress("[evidence] inferring entities, flags, chains, claim kinds, measures and pairings ...")
    evidence = infer(extraction, cached_claim_pairs(cache), cached_runner(runner or Runner(), cache, progress))
    progress(f"[evidence] done in {time.perf_counter() - started:.2f} s")
    return evidence
