"""What every stage up to resolution produces, per report: the records the graph is built from.

The build's pipeline (:mod:`kg.pipeline.stages`) fills one :class:`Extraction`; the graph stage
(:mod:`kg.graph`) reads it. It is defined here, at the last stage that adds to it, so that the
graph stage never imports the pipeline that runs after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph

from kg.project import ProjectPaths
from kg.records import (
    BibEntry,
    GazetteerEntry,
    MentionRecord,
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


@dataclass
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
    annotations: Annotations | None = None
    #: Candidate sources for cited works: curated (bib/candidates.yaml), then proposed by ``kg enrich``.
    candidates: list[Candidate] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

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
