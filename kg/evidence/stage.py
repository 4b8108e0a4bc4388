"""The evidence stage: what the tool infers on top of extraction and resolution, for any report.

``infer(extraction)`` reads the records of the earlier stages and returns an
:class:`~kg.evidence.records.Evidence`: entities beyond the gazetteer and their mentions
(:mod:`~kg.evidence.entities`), chains of custody (:mod:`~kg.evidence.chains`), quality flags
(:mod:`~kg.evidence.flags`), the kind of each claim sentence (:mod:`~kg.evidence.kinds`), what each
figure measures (:mod:`~kg.evidence.measures`) and figures and claims of different reports paired
(:mod:`~kg.evidence.compare`). The rules read the text and the extracted records, never the
curated layer; the curated layer is read once, for identity only: a claim sentence a curated claim
stands for is that claim (``Evidence.claim_nodes``), so that the graph holds one node per claim.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from kg.evidence import compare, per_report
from kg.evidence.entities import EntityFinder
from kg.evidence.records import Evidence, Pairing
from kg.records import BibEntry, Span
from kg.resolve.extraction import Extraction
from kg.sources.annotations import CuratedClaim

__all__ = ["infer"]


#: What runs per-report tasks: ``run(kind, fn, items, keys)`` is ``[fn(item) for item in items]``,
#: wherever it runs them, and may answer an item from a cache by its key (``kind`` names the task).
TaskRunner = Callable[[str, Callable[[Any], Any], list[Any], list[str]], list[Any]]

#: What pairs the claims of the reports (their texts by report) into suggested partners.
ClaimPairer = Callable[[dict[str, list[tuple[Span, str]]]], list[Pairing]]


def infer(
    extraction: Extraction, pair_claims: ClaimPairer = compare.claim_pairs, run: TaskRunner | None = None
) -> Evidence:
    """Everything the rules infer for the reports of one extraction (see the module docstring).

    ``pair_claims`` pairs the claims across reports; the build passes one that looks the answer up
    in its cache first (the pairing weighs each word by its rarity over all claims, so it is one
    corpus-wide step that the cache answers whole when no claim text changed). ``run`` runs the
    per-report tasks (:mod:`kg.evidence.per_report`), each with its content key: the build's runs
    them in worker processes and caches them (default: here, one after the other)."""
    run = run or _serial
    evidence = Evidence()
    finder = EntityFinder(extraction.gazetteer, extraction.references)  # the reports' scans merged into it
    gazetteer, references = tuple(extraction.gazetteer), tuple(extraction.references)
    titled: dict[str, list[BibEntry]] = {}  # the works with a title, by the report that lists them
    for work in extraction.works:
        if work.title:
            titled.setdefault(work.fields.get("citedin", ""), []).append(work)
    scans_in = [
        per_report.ScanInputs(
            report,
            tuple(extraction.sentences[report.key]),
            tuple(extraction.mentions.get(report.key, [])),
            tuple(extraction.citations.get(report.key, [])),
            gazetteer,
            references,
            tuple(titled.get(report.key, ())),
        )
        for report in extraction.reports
    ]
    scan_keys = [_key(replace(item, report=replace(item.report, path=Path(item.report.key)))) for item in scans_in]
    scans = run("evidence-scan", per_report.scan_report, scans_in, scan_keys)
    per_report.merge_scans(finder, scans)
    evidence.entities = finder.entities()
    shared = per_report.shared_forms(scans)
    tasks = [
        per_report.ReportTask(
            item.report,
            item.sentences,
            item.citations,
            tuple(extraction.statistics.get(item.report.key, [])),
            item.gazetteer_mentions,
            references,
            scan.state,
            tuple(per_report.forms_in(item.report.text, shared | per_report.own_forms(scan.state))),
        )
        for item, scan in zip(scans_in, scans, strict=True)
    ]
    task_keys = [_key((key, task.statistics, task.forms)) for key, task in zip(scan_keys, tasks, strict=True)]
    for report, found in zip(
        extraction.reports, run("evidence-report", per_report.infer_report, tasks, task_keys), strict=True
    ):
        key = report.key
        evidence.mentions[key] = found.mentions
        evidence.chains[key] = found.chains
        evidence.flags[key] = found.flags
        evidence.claims[key] = found.claims
        evidence.measures.update(found.measures)
    if extraction.annotations is not None:
        evidence.claim_nodes = _claim_nodes(extraction, evidence)
    evidence.pairings = [
        *compare.figure_pairs(
            {k: [s.statistic for s in v] for k, v in extraction.statistics.items()}, evidence.measures
        ),
        *pair_claims(_claim_texts(extraction, evidence)),
    ]
    return evidence


def _key(inputs: object) -> str:
    """A content key of a task's inputs: ``repr`` of frozen records is exact and stable across processes."""
    return hashlib.sha256(repr(inputs).encode("utf-8", "surrogatepass")).hexdigest()


def _serial(kind: str, fn: Callable[[Any], Any], items: list[Any], keys: list[str]) -> list[Any]:
    return [fn(item) for item in items]


def _claim_nodes(extraction: Extraction, evidence: Evidence) -> dict[Span, Span]:
    """Each claim sentence a curated claim stands for, mapped to that claim's span.

    A curated claim stands for the sentence it overlaps most when it covers all the sentence says:
    every figure of the sentence lies inside its quote, and every work the sentence cites is one the
    claim rests on (its curator's works, or one cited inside the quote). Otherwise the extracted
    sentence claim stays beside it, holding what the curated claim leaves out, so that nothing
    extracted is lost and no curated claim gains evidence its curator did not give it.
    """
    assert extraction.annotations is not None
    curated: dict[str, list[CuratedClaim]] = {}
    for claim in extraction.annotations.claims:
        curated.setdefault(claim.report, []).append(claim)
    nodes: dict[Span, Span] = {}
    for key, guesses in evidence.claims.items():
        claims = sorted(curated.get(key, []), key=lambda c: c.span)
        citations = extraction.citations.get(key, [])
        stats = [s.statistic.span for s in extraction.statistics.get(key, [])]
        for guess in guesses:
            sentence = guess.span
            overlapping = [c for c in claims if c.span.start < sentence.end and sentence.start < c.span.end]
            if not overlapping:
                continue
            best = max(
                overlapping,
                key=lambda c: (min(c.span.end, sentence.end) - max(c.span.start, sentence.start), -c.span.start),
            )
            inside = {r.key for r in citations if r.key and best.span.contains(r.citation.span)}
            rests = set(best.works) | inside
            cited = [r for r in citations if sentence.contains(r.citation.span)]
            figures = [s for s in stats if sentence.contains(s)]
            if all(best.span.contains(s) for s in figures) and all(r.key in rests for r in cited):
                nodes[sentence] = best.span
    return nodes


def _claim_texts(extraction: Extraction, evidence: Evidence) -> dict[str, list[tuple[Span, str]]]:
    """The text of every claim node per report: curated claims' quotes, then unmerged claim sentences."""
    texts = {r.key: r.text for r in extraction.reports}
    claims: dict[str, list[tuple[Span, str]]] = {}
    if extraction.annotations is not None:
        for claim in extraction.annotations.claims:
            claims.setdefault(claim.report, []).append(
                (claim.span, texts[claim.report][claim.span.start : claim.span.end])
            )
    for key, guesses in evidence.claims.items():
        for guess in guesses:
            if guess.span not in evidence.claim_nodes:
                claims.setdefault(key, []).append((guess.span, texts[key][guess.span.start : guess.span.end]))
    return claims
