"""The small typed records that flow between the stages of the pipeline.

Every stage (sources -> extract -> resolve -> graph) hands these records on; none of
them knows RDF. A span is a pair of Unicode code-point offsets into one report's
unchanged text file, so that ``report.text[span.start:span.end]`` is always the quote.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

ResolutionStatus = Literal["resolved", "variant", "unresolved"]
EvidenceStatus = Literal["primary", "relayed", "no-source-given", "cited"]


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of one report's text: ``[start, end)`` in code points."""

    report: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.report}:{self.start}-{self.end}")

    def contains(self, other: Span) -> bool:
        return self.report == other.report and self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.report == other.report and self.start < other.end and other.start < self.end

    @property
    def slug(self) -> str:
        """The part of an IRI that names this span: ``start-end``."""
        return f"{self.start}-{self.end}"


@dataclass(frozen=True)
class PageLayout:
    """Where a report's pages start, and what on them is not the report's running text.

    ``pages`` are the offsets where pages 1, 2, ... start. ``furniture`` are the running heads,
    running feet and page numbers: stretches the reading stages treat as whitespace, so that
    they neither split a sentence nor become a statistic. ``joins`` are line-end hyphen breaks
    (``moder-\nation``): stretches a reader reads through, so the word stays one word. ``notes``
    are the footnote zones a PDF's geometry shows (known only for a PDF added since they were
    recorded). The text
    itself is never changed: these are offsets into it, sorted and not overlapping.
    """

    pages: tuple[int, ...]
    furniture: tuple[tuple[int, int], ...] = ()
    joins: tuple[tuple[int, int], ...] = ()
    notes: tuple[tuple[int, int], ...] = ()  # footnote zones at page feet, as the PDF's geometry shows them

    def page_of(self, offset: int) -> int:
        """The 1-based number of the page an offset falls on."""
        return max(1, bisect_right(self.pages, offset))

    def skipped(self, start: int, end: int) -> list[tuple[int, int, bool]]:
        """The furniture and joins inside ``[start, end)``, clipped, in order: ``(a, b, dropped)``.

        ``dropped`` is True for a join (read as nothing) and False for furniture (read as a space).
        """
        found = []
        for spans, dropped in ((self.furniture, False), (self.joins, True)):
            i = bisect_left(spans, (start, -1))
            if i and spans[i - 1][1] > start:
                i -= 1
            while i < len(spans) and spans[i][0] < end:
                a, b = spans[i]
                found.append((max(a, start), min(b, end), dropped))
                i += 1
        return sorted(found)


@dataclass(frozen=True)
class Report:
    """One report of the corpus: its bibliographic key and its unchanged text.

    ``layout`` is known for a report read from a PDF (its page map), else None.
    """

    key: str
    path: Path
    text: str
    sha256: str
    title: str
    year: str
    kind: str
    fields: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    layout: PageLayout | None = field(default=None, compare=False, hash=False)

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]

    def line_of(self, offset: int) -> int:
        """1-based line number of a code-point offset, for error messages."""
        return self.text.count("\n", 0, offset) + 1


@dataclass(frozen=True)
class Sentence:
    """A sentence (or heading, or table row) with its section title."""

    span: Span
    text: str
    section: str
    is_heading: bool = False


@dataclass(frozen=True)
class Section:
    """A heading and the stretch of text it governs (up to the next heading)."""

    title: str
    heading: Span
    body: Span


@dataclass(frozen=True)
class BibEntry:
    """One BibTeX entry, as parsed; ``kind`` is a kind the ontology knows.

    ``fields`` are the values as people read them (LaTeX decoded); ``raw`` the values exactly as
    written in the file, which is what is written back. ``authors`` holds each author (or the
    organisation) as written, ``family_names`` their family names (von and last parts).
    ``origin`` is ``curated`` for an entry of a ``.bib`` file and ``extracted`` for one read
    from a report's own reference list or notes, whose ``anchor`` is where the report lists it.
    """

    key: str
    entry_type: str
    kind: str
    fields: dict[str, str]
    file: str
    line: int
    raw: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    authors: tuple[str, ...] = ()
    family_names: tuple[str, ...] = ()
    origin: Literal["curated", "extracted"] = "curated"
    anchor: Span | None = field(default=None, compare=False, hash=False)

    @property
    def year(self) -> str:
        """The ``year`` field, or the year of biblatex's ``date`` (``2019-03-04``) when there is none."""
        year = self.fields.get("year", "")
        if not year:
            date = self.fields.get("date", "").strip()
            year = date[:4] if len(date) >= 4 and date[:4].isdigit() else ""
        return year

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    @property
    def first_author(self) -> str:
        """Family name of the first author, or the organisation that authored the work."""
        return self.family_names[0] if self.family_names else ""


@dataclass(frozen=True)
class ReferenceRecord:
    """One entry of a report's own reference list or notes, read from its text: only what the text gives.

    ``text`` is the entry as the text writes it (``span`` its place); a field the entry does not
    give is empty, never guessed. ``number`` is its number in a numbered list or its note's
    number; ``style`` the shape it was read in (``author-date``, ``numbered``, ``note``);
    ``kind`` the kind of work its wording shows (``other`` when it shows none). ``authors`` are
    as written (a person or an organisation each), ``family_names`` what a citation names them by.
    """

    span: Span
    text: str
    style: str
    number: int | None = None
    authors: tuple[str, ...] = ()
    family_names: tuple[str, ...] = ()
    et_al: bool = False
    year: str = ""  # "2018", "2018a", "n.d.", "in press"
    date: str = ""  # ISO 8601 when the entry gives a month: "2020-03", "2020-03-03"
    title: str = ""
    container: str = ""  # the journal, book, site or newspaper it appeared in
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publisher: str = ""  # or the institution
    place: str = ""
    doi: str = ""
    url: str = ""
    accessed: str = ""  # ISO 8601, when the entry says it was consulted
    kind: str = "other"


@dataclass(frozen=True)
class CitationRecord:
    """One in-text citation of one work at one place (or an endnote marker).

    ``authors`` and ``year`` are as written in the text (``"Fedina et al."``, ``"n.d."``);
    ``marker`` is the endnote number for ``[16]``-style citations, whose text is the
    endnote's own citation, kept in ``endnote_text``. A marker whose note or entry the text
    lacks has no authors. ``back`` is ``ibid`` or ``op. cit.`` for a citation that names no
    work of its own but the one cited before it (op. cit.: before it, by the same authors).
    """

    span: Span
    text: str
    authors: str
    year: str
    form: Literal["parenthetical", "narrative", "endnote-marker", "endnote", "footnote"]
    locator: str = ""
    prefix: str = ""
    group: Span | None = None
    marker: int | None = None
    endnote_text: str = ""
    back: str = ""


@dataclass(frozen=True)
class NoteRecord:
    """One footnote or endnote of a report, whether it cites works or is prose only.

    ``span`` is the note's text (after its number); ``number`` its number; ``chapter`` the ordinal of
    the run of notes it is numbered in when the notes are numbered afresh per chapter, else None;
    ``markers`` the places in the running text whose marker points to it (none when no marker was
    found). The citations a note holds are the citation records at those markers with its number, and
    those written in its text: the graph links both to the note, so nothing is repeated here.
    """

    span: Span
    number: int
    chapter: int | None = None
    markers: tuple[Span, ...] = ()


@dataclass(frozen=True)
class ResolvedCitation:
    """A citation tied to a bibliography entry, or explicitly left unresolved."""

    citation: CitationRecord
    key: str | None
    status: ResolutionStatus
    note: str = ""


@dataclass(frozen=True)
class StatisticRecord:
    """A quantity the text states, with a normalised value.

    ``unit`` is one of the codes in ``kg.vocab.UNITS`` (mapped to QUDT by the graph stage: USD, GBP,
    EUR, PERCENT, COUNT, RANK, YEAR, MONTH, WEEK, DAY, HOUR, MINUTE),
    ``kind`` says what sort of figure it is (percentage, money, count, rank, age,
    duration, sample-size, ...), ``measure`` what it measures in the text's own words.
    """

    span: Span
    text: str
    value: Decimal
    unit: str
    kind: str
    measure: str
    upper: Decimal | None = None
    year: str | None = None
    period: str | None = None
    sentence: Span | None = None


@dataclass(frozen=True)
class StatisticSource:
    """What one statistic rests on: a resolved work, the report's own data, or nothing."""

    statistic: StatisticRecord
    status: EvidenceStatus
    keys: tuple[str, ...] = ()
    citations: tuple[Span, ...] = ()
    study: str | None = None


@dataclass(frozen=True)
class GazetteerEntry:
    """A platform or organisation the gazetteer knows, with every name it goes by."""

    iri: str
    slug: str
    kind: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    category: Literal["platform", "agency", "organization"] = "organization"


@dataclass(frozen=True)
class MentionRecord:
    """One mention of a gazetteer entry at one place in a report."""

    span: Span
    text: str
    entity: str  # the gazetteer entry's slug


@dataclass(frozen=True)
class SourceLocation:
    """Where a node was declared, for readable validation errors."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class StudyRecord:
    """A study: the report's own (interviews, a data set) or one a cited work describes.

    ``own`` studies are the report's primary data; statistics in their ``sections``,
    or in sentences using one of their ``cues``, rest on them when no citation is given.
    Curated (annotations/*.yaml), never guessed.
    """

    id: str
    report: str
    label: str
    own: bool
    method: str = ""
    sample_size: int | None = None
    population: str = ""
    place: str = ""
    period: str = ""
    sections: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    works: tuple[str, ...] = ()
    anchor: Span | None = None
