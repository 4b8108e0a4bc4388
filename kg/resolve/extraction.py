"""What every stage up to resolution produces, per report: the records the graph is built from.

The build's pipeline (:mod:`kg.build.pipeline`) fills one :class:`Extraction`; the graph stage
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
from kg.sources.annotations import Annotations


@dataclass
class Extraction:
    """Everything the graph is built from, per report where it belongs to one."""

    paths: ProjectPaths
    reports: list[Report]
    report_entries: dict[str, BibEntry]
    references: list[BibEntry]
    gazetteer: list[GazetteerEntry]
    gazetteer_graph: Graph = field(default_factory=Graph)
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
