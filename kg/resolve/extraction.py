"""What every stage up to resolution produces: immutable records, one per report, and the corpus's view.

A :class:`ReportExtraction` is everything the extraction and resolution stages find in one report
(sentences, sections, resolved citations, linked statistics, gazetteer mentions, its own reference
list). It depends only on that report's :class:`ReportInputs` (its text and page map, the curated
entries that name it, its curated studies, the gazetteer), so it is computed once per content key,
in a worker process or on a Dask cluster, pickled and cached in the build folder
(:mod:`kg.pipeline.tasks`). An :class:`Extraction` is the corpus: the project-wide inputs (the
bibliography, the gazetteer, the curated layer, the candidate sources) and the per-report records,
assembled by :meth:`Extraction.assemble`. Both are frozen: no stage writes into another's record,
and timings are reported by the pipeline, not carried in the data.

Defined here, at the last stage that adds to it, so that the graph stage never imports the pipeline
that runs after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph

from kg.project import ProjectPaths
from kg.records import (
    BibEntry,
    GazetteerEntry,
    MentionRecord,
    NoteRecord,
    Report,
    ResolvedCitation,
    Section,
    Sentence,
    StatisticSource,
    StudyRecord,
)
from kg.resolve.references import ListedReference
from kg.sources.annotations import Annotations
from kg.sources.candidates import Candidate


@dataclass(frozen=True)
class ReportInputs:
    """Everything one report's extraction reads, and nothing else: its cache key is a digest of this.

    ``entries`` are the curated entries whose ``citedin`` names the report (the only ones its
    citations may resolve to); ``taken`` the curated keys an entry of its own list could collide
    with (those starting ``REPORT-``); ``studies`` its curated studies (a figure may rest on one)."""

    report: Report
    relative_path: str
    entries: tuple[BibEntry, ...]
    taken: tuple[str, ...]
    studies: tuple[StudyRecord, ...]
    gazetteer: tuple[GazetteerEntry, ...]


@dataclass(frozen=True)
class ReportExtraction:
    """One report's records from extraction and resolution (picklable, cached by content key)."""

    key: str
    sentences: tuple[Sentence, ...]
    sections: tuple[Section, ...]
    citations: tuple[ResolvedCitation, ...]
    statistics: tuple[StatisticSource, ...]
    mentions: tuple[MentionRecord, ...]
    #: Every entry of its own list or notes and the key of the work it stands for.
    listed: tuple[ListedReference, ...]
    #: Works read from its own list or notes that no curated entry stands for.
    works: tuple[BibEntry, ...]
    #: Its footnotes and endnotes, prose-only ones included, with the markers that point to each.
    notes: tuple[NoteRecord, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """Everything the graph is built from, per report where it belongs to one."""

    paths: ProjectPaths
    reports: list[Report]
    report_entries: dict[str, BibEntry]
    references: list[BibEntry]  # the curated entries (bib/)
    gazetteer: list[GazetteerEntry]
    gazetteer_graph: Graph = field(default_factory=Graph)
    sentences: dict[str, list[Sentence]] = field(default_factory=dict)
    sections: dict[str, list[Section]] = field(default_factory=dict)
    citations: dict[str, list[ResolvedCitation]] = field(default_factory=dict)
    statistics: dict[str, list[StatisticSource]] = field(default_factory=dict)
    mentions: dict[str, list[MentionRecord]] = field(default_factory=dict)
    #: Works read from the reports' own reference lists and notes that no curated entry stands for.
    extracted_works: list[BibEntry] = field(default_factory=list)
    #: Per report, every entry of its own list or notes and the key of the work it stands for.
    listed: dict[str, list[ListedReference]] = field(default_factory=dict)
    #: Per report, its footnotes and endnotes (prose-only ones included).
    notes: dict[str, list[NoteRecord]] = field(default_factory=dict)
    annotations: Annotations | None = None
    #: Candidate sources for cited works: curated (bib/candidates.yaml), then proposed by ``kg enrich``.
    candidates: list[Candidate] = field(default_factory=list)

    @classmethod
    def assemble(
        cls,
        paths: ProjectPaths,
        reports: list[Report],
        report_entries: dict[str, BibEntry],
        references: list[BibEntry],
        gazetteer: list[GazetteerEntry],
        gazetteer_graph: Graph,
        records: Iterable[ReportExtraction],
        annotations: Annotations | None = None,
        candidates: list[Candidate] | None = None,
    ) -> Extraction:
        """The corpus view of per-report records (in the reports' order)."""
        by_key = {r.key: r for r in records}
        ordered = [by_key[r.key] for r in reports]
        return cls(
            paths=paths,
            reports=reports,
            report_entries=report_entries,
            references=references,
            gazetteer=gazetteer,
            gazetteer_graph=gazetteer_graph,
            sentences={r.key: list(r.sentences) for r in ordered},
            sections={r.key: list(r.sections) for r in ordered},
            citations={r.key: list(r.citations) for r in ordered},
            statistics={r.key: list(r.statistics) for r in ordered},
            mentions={r.key: list(r.mentions) for r in ordered},
            extracted_works=[w for r in ordered for w in r.works],
            listed={r.key: list(r.listed) for r in ordered},
            notes={r.key: list(r.notes) for r in ordered},
            annotations=annotations,
            candidates=list(candidates or []),
        )

    @property
    def works(self) -> list[BibEntry]:
        """Every work the graph may hold: the curated entries, then the extracted ones."""
        return self.references + self.extracted_works

    @property
    def graph_works(self) -> list[BibEntry]:
        """The works that are nodes of the graph: cited in a text, listed as cited by a report (``citedin``:
        every entry of a report's own list has it), or named by the curated layer (a flag note's source)."""
        cited = {r.key for rs in self.citations.values() for r in rs if r.key}
        named = self.annotations.work_keys if self.annotations is not None else set()
        return [e for e in self.works if e.key in cited or e.key in named or e.fields.get("citedin")]

    @property
    def studies(self) -> list[StudyRecord]:
        return list(self.annotations.studies) if self.annotations else []
