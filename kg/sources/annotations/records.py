"""The records of the curated layer, as the annotation loader hands them on.

Every record comes from a file a person wrote (``annotations/*.yaml``) and carries its
:class:`~kg.records.SourceLocation`; every span was computed from the record's quote, never
typed. The graph labels them all ``ekg:origin ekg:Curated``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.records import SourceLocation, Span, StudyRecord


@dataclass(frozen=True)
class CuratedClaim:
    """A statement a report makes, quoted exactly, with what the curator found it rests on.

    ``works`` are bibliography keys cited in or next to the quote; ``interviews`` ids of
    :class:`InterviewExcerpt`; ``studies`` ids of studies (``StudyRecord``). ``no_source``
    says the text gives no source at all (``evidence: {none: true}``).
    """

    id: str
    report: str
    quote: str
    span: Span
    section: str
    kind: str
    works: tuple[str, ...] = ()
    interviews: tuple[str, ...] = ()
    studies: tuple[str, ...] = ()
    no_source: bool = False
    note: str = ""
    location: SourceLocation = field(default=SourceLocation("", 0), compare=False)

    @property
    def has_evidence(self) -> bool:
        return bool(self.works or self.interviews or self.studies)


@dataclass(frozen=True)
class InterviewExcerpt:
    """A quoted interview passage attributed to an (anonymous) respondent.

    ``role`` is the speaker's role exactly as the text gives it; ``study`` the report's own
    interview study; ``dated_by``/``endnote`` the personal communication or field notes the
    passage's endnote points to (when the report dates its quotes that way), and ``endnote_span``
    the marker (``[19]``) after the passage, found in the text: a statement that carries the marker
    rests on the endnote's work, and through this passage on what the respondent said.
    """

    id: str
    report: str
    quote: str
    span: Span
    section: str
    role: str
    study: str
    dated_by: str | None = None
    endnote: int | None = None
    endnote_span: Span | None = None
    note: str = ""
    location: SourceLocation = field(default=SourceLocation("", 0), compare=False)


@dataclass(frozen=True)
class Chain:
    """A relayed figure or statement: the report cites ``works``, which attribute it to ``originator``.

    ``works`` is empty when the report names the originator but cites nothing.
    """

    id: str
    report: str
    quote: str
    span: Span
    section: str
    originator: str
    works: tuple[str, ...] = ()
    note: str = ""
    location: SourceLocation = field(default=SourceLocation("", 0), compare=False)


@dataclass(frozen=True)
class FlagNote:
    """What a careful reader knows from outside the text, with where it comes from.

    A flag's rationale reads the report; a note brings a fact the report does not hold (the date
    an instrument was really signed), so it never stands without a source: ``url``, an address a
    reader can open, and/or ``work``, a key of the bibliography. Curated, like everything here.
    """

    text: str
    url: str | None = None
    work: str | None = None
    location: SourceLocation = field(default=SourceLocation("", 0), compare=False)


@dataclass(frozen=True)
class Flag:
    """A statement a careful reader would question, anchored to one or more quotes."""

    id: str
    report: str
    kind: str
    quotes: tuple[str, ...]
    spans: tuple[Span, ...]
    rationale: str
    works: tuple[str, ...] = ()
    note: FlagNote | None = None
    location: SourceLocation = field(default=SourceLocation("", 0), compare=False)


@dataclass(frozen=True)
class CrossRelation:
    """``claim_a`` (of ``report_a``) corroborates, contradicts or refines ``claim_b`` (of ``report_b``)."""

    report_a: str
    claim_a: str
    report_b: str
    claim_b: str
    relation: str
    rationale: str
    location: SourceLocation = field(default=SourceLocation("", 0), compare=False)


@dataclass(frozen=True)
class TableCell:
    """One cell of a curated table: the figure's words in the text, or None where the text leaves it out."""

    span: Span | None
    text: str | None


@dataclass(frozen=True)
class TableRow:
    """One row: its label in the text's words (None when the text names nothing) and its cells."""

    label: str | None
    span: Span | None
    cells: tuple[TableCell, ...]


@dataclass(frozen=True)
class CuratedTable:
    """A table of a report (or a list the text writes as one), read row by row from its quote.

    Any report's table is shown the same way from these records: caption, columns, rows, and
    for each cell the figure's span (the statistic extracted there) or "missing in the text".
    """

    id: str
    report: str
    caption: str
    columns: tuple[str, ...]
    span: Span
    rows: tuple[TableRow, ...]
    note: str = ""
    location: SourceLocation = field(default=SourceLocation("", 0), compare=False)


@dataclass(frozen=True)
class WorkRef:
    """One place an annotation uses a bibliography key (for checking keys against the .bib)."""

    key: str
    report: str
    owner: str  # "claim:<id>", "study:<id>", ...
    location: SourceLocation


@dataclass(frozen=True)
class Annotations:
    """Everything curated, in file order. ``locations`` maps (kind, report, id) to where it was written."""

    claims: list[CuratedClaim] = field(default_factory=list)
    interviews: list[InterviewExcerpt] = field(default_factory=list)
    studies: list[StudyRecord] = field(default_factory=list)
    chains: list[Chain] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    relations: list[CrossRelation] = field(default_factory=list)
    tables: list[CuratedTable] = field(default_factory=list)
    work_refs: list[WorkRef] = field(default_factory=list)
    locations: dict[tuple[str, str, str], SourceLocation] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def claim(self, report: str, claim_id: str) -> CuratedClaim:
        for c in self.claims:
            if c.report == report and c.id == claim_id:
                return c
        raise KeyError((report, claim_id))

    def study(self, report: str, study_id: str) -> StudyRecord:
        for s in self.studies:
            if s.report == report and s.id == study_id:
                return s
        raise KeyError((report, study_id))

    def interview(self, report: str, excerpt_id: str) -> InterviewExcerpt:
        for i in self.interviews:
            if i.report == report and i.id == excerpt_id:
                return i
        raise KeyError((report, excerpt_id))

    def for_report(self, report: str) -> Annotations:
        """The records of one report (relations touching it included)."""
        return Annotations(
            claims=[c for c in self.claims if c.report == report],
            interviews=[i for i in self.interviews if i.report == report],
            studies=[s for s in self.studies if s.report == report],
            chains=[c for c in self.chains if c.report == report],
            flags=[f for f in self.flags if f.report == report],
            relations=[r for r in self.relations if report in (r.report_a, r.report_b)],
            tables=[t for t in self.tables if t.report == report],
            work_refs=[w for w in self.work_refs if w.report == report],
            locations={k: v for k, v in self.locations.items() if k[1] == report},
            files=list(self.files),
        )

    @property
    def work_keys(self) -> set[str]:
        return {w.key for w in self.work_refs}
