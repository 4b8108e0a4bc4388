"""The curated layer: claims, interview excerpts, studies, citation chains, flags and
cross-report relations, written by hand in ``annotations/*.yaml`` and loaded strictly.

Curated data is never disguised as extraction: every record here comes from a file a
person wrote, and the graph labels it ``ekg:origin ekg:Curated``. What a curator types is
the text's own words; every anchor (a :class:`~kg.records.Span`) is computed here with
:func:`kg.sources.find_quote`, never typed by hand, so a quote that is not in the text, or
is ambiguous, is an error naming the file and line.

Files
-----
``annotations/<report key>.yaml`` (one per report)::

    report: policing2020
    studies:    [{id, label, own, method, sample_size, population, place, period,
                  sections, cues, works, quote, occurrence}]
    interviews: [{id, quote, occurrence, role, study, dated_by, endnote, note}]
    claims:     [{id, quote, occurrence, section, kind,
                  evidence: {works, interviews, studies, none, note}}]
    chains:     [{id, quote, occurrence, works, originator, note}]
    flags:      [{id, kind, quotes: [quote | {quote, occurrence}], rationale, works}]

``annotations/cross-report.yaml`` (any file with ``relations``)::

    report_a: policing2020
    report_b: usc2012
    relations:  [{claim_a, claim_b, relation, rationale}]

Whitespace in a quote matches any whitespace run in the text (the 2020 text puts a
blank line between every line); ``occurrence`` (1-based) is required when, and only
when, the quote occurs more than once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError
from kg.paths import ProjectPaths
from kg.records import Report, SourceLocation, Span, StudyRecord
from kg.sources import find_quote, normalise_whitespace, section_at, sections

#: What a claim is, in the report's own argument.
CLAIM_KINDS: frozenset[str] = frozenset({"finding", "background", "method", "recommendation", "limitation"})

#: What a careful reader would question about a statement.
FLAG_KINDS: frozenset[str] = frozenset(
    {
        "date-conflict",
        "attribution-date-mismatch",
        "label-reversal",
        "count-conflict",
        "citation-variant",
        "no-source",
        "undated-source",
        "news-as-evidence",
        "personal-communication-as-evidence",
        "other",
    }
)

#: How a claim of one report bears on a claim of another.
RELATIONS: frozenset[str] = frozenset({"corroborates", "contradicts", "refines"})

#: A claim quote is a sentence or a clause, not a paragraph.
MAX_CLAIM_QUOTE = 700

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*[a-z0-9]$|^[a-z0-9]$")
_WORK_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")


# --- records -------------------------------------------------------------------------


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
    passage's endnote points to (when the report dates its quotes that way).
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
class Flag:
    """A statement a careful reader would question, anchored to one or more quotes."""

    id: str
    report: str
    kind: str
    quotes: tuple[str, ...]
    spans: tuple[Span, ...]
    rationale: str
    works: tuple[str, ...] = ()
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
            work_refs=[w for w in self.work_refs if w.report == report],
            locations={k: v for k, v in self.locations.items() if k[1] == report},
            files=list(self.files),
        )

    @property
    def work_keys(self) -> set[str]:
        return {w.key for w in self.work_refs}


# --- YAML with line numbers -------------------------------------------------------------


class _Map(dict[str, Any]):
    """A YAML mapping that remembers its line and the line of each value (1-based)."""

    line: int = 0
    lines: dict[str, int]


class _Seq(list[Any]):
    """A YAML sequence that remembers its line and the line of each item (1-based)."""

    line: int = 0
    lines: list[int]


class _LineLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that keeps line numbers and refuses duplicate keys."""


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    result = _Map()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(
                None, None, f"keys must be words, found {key!r}", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}' in one mapping", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = value_node.start_mark.line + 1
    return result


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> _Seq:
    result = _Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def _read_yaml(path: Path, shown: str) -> _Map:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(shown, 0, f"not UTF-8 text: {exc}") from exc
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise InputError(shown, line, f"malformed YAML: {problem}") from exc
    except yaml.YAMLError as exc:
        raise InputError(shown, 0, f"malformed YAML: {exc}") from exc
    if not isinstance(data, _Map):
        raise InputError(shown, 1, "expected a mapping at the top of the file")
    return data


# --- field helpers ----------------------------------------------------------------------


class _Fields:
    """Strict access to one YAML mapping, errors naming the file and the line."""

    def __init__(self, file: str, where: str, data: Any, line: int, allowed: Iterable[str]) -> None:
        self.file = file
        self.where = where
        if not isinstance(data, _Map):
            raise InputError(file, line, f"{where}: expected a mapping, found {type(data).__name__}")
        self.data = data
        self.line = data.line
        unknown = sorted(set(data) - set(allowed))
        if unknown:
            raise InputError(
                file,
                data.lines[unknown[0]],
                f"{where}: unknown field '{unknown[0]}'; expected one of: {', '.join(sorted(allowed))}",
            )

    def line_of(self, key: str) -> int:
        return self.data.lines.get(key, self.line)

    def error(self, key: str | None, message: str) -> InputError:
        return InputError(self.file, self.line_of(key) if key else self.line, f"{self.where}: {message}")

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def text(self, key: str, required: bool = True) -> str:
        if not self.has(key):
            if required:
                raise self.error(None, f"missing '{key}'")
            return ""
        value = self.data[key]
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, f"'{key}' must be non-empty text, found {value!r}")
        return " ".join(value.split())

    def ident(self, key: str = "id") -> str:
        value = self.text(key)
        if not _ID.match(value):
            raise self.error(key, f"'{key}' {value!r} must be a short slug: lowercase letters, digits and hyphens")
        return value

    def integer(self, key: str, minimum: int = 0) -> int | None:
        if not self.has(key):
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.error(key, f"'{key}' must be a whole number of at least {minimum}, found {value!r}")
        return value

    def boolean(self, key: str, default: bool | None = None) -> bool:
        if not self.has(key):
            if default is None:
                raise self.error(None, f"missing '{key}' (true or false)")
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            raise self.error(key, f"'{key}' must be true or false, found {value!r}")
        return value

    def strings(self, key: str) -> list[tuple[str, int]]:
        """A list of non-empty strings, each with its line."""
        if not self.has(key):
            return []
        value = self.data[key]
        if not isinstance(value, _Seq):
            raise self.error(key, f"'{key}' must be a list, found {type(value).__name__}")
        out = []
        for item, line in zip(value, value.lines, strict=True):
            if not isinstance(item, str) or not item.strip():
                raise InputError(
                    self.file, line, f"{self.where}: items of '{key}' must be non-empty text, found {item!r}"
                )
            out.append((" ".join(item.split()), line))
        return out

    def work_keys(self, key: str = "works") -> list[tuple[str, int]]:
        keys = self.strings(key)
        for k, line in keys:
            if not _WORK_KEY.match(k):
                raise InputError(self.file, line, f"{self.where}: {k!r} is not a bibliography key")
        return keys


def _records(top: _Fields, key: str) -> Iterator[tuple[Any, int]]:
    if not top.has(key):
        return
    value = top.data[key]
    if not isinstance(value, _Seq):
        raise top.error(key, f"'{key}' must be a list of mappings")
    yield from zip(value, value.lines, strict=True)


# --- anchoring ------------------------------------------------------------------------


class _Text:
    """One report's text, with its whitespace-folded form for counting occurrences."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.folded, self.offsets = normalise_whitespace(report.text)
        self.sections = sections(report)
        self.titles = [s.title for s in self.sections]

    def anchor(
        self, f: _Fields, quote: str, occurrence: int | None, key: str = "quote", line: int | None = None
    ) -> Span:
        """The span of a quote, or an InputError saying why it has none."""
        where = line if line is not None else f.line_of(key)
        folded = " ".join(quote.split())
        count = self.folded.count(folded) if folded else 0
        first_words = " ".join(folded.split()[:8])
        if count == 0:
            raise InputError(
                f.file,
                where,
                f"{f.where}: quote not found in the text of '{self.report.key}': \"{first_words}...\" "
                "(quotes must be the text's exact words; whitespace may differ)",
            )
        if occurrence is None and count > 1:
            raise InputError(
                f.file,
                where,
                f"{f.where}: quote occurs {count} times in '{self.report.key}': \"{first_words}...\"; "
                "add 'occurrence: N' or quote more words",
            )
        if occurrence is not None and count == 1:
            raise InputError(f.file, where, f"{f.where}: 'occurrence' given but the quote occurs only once")
        if occurrence is not None and occurrence > count:
            raise InputError(
                f.file, where, f"{f.where}: occurrence {occurrence} asked for, the quote occurs {count} times"
            )
        # Locate the occurrence in the folded text, then let find_quote anchor it exactly in
        # that stretch of the raw text (searching the whole text for every quote is slow).
        pos = -1
        for _ in range(occurrence or 1):
            pos = self.folded.find(folded, pos + 1)
        lo, hi = self.offsets[pos], self.offsets[pos + len(folded) - 1] + 1
        span = find_quote(self.report.text[lo:hi], quote)
        if span is None:  # pragma: no cover - the folded text says it is there
            raise InputError(f.file, where, f'{f.where}: quote not found: "{first_words}..."')
        return Span(self.report.key, lo + span.start, lo + span.end)

    def section_of(self, span: Span) -> str:
        return section_at(self.sections, span.start)


# --- loading one report file --------------------------------------------------------------

_REPORT_TOP = ("report", "studies", "interviews", "claims", "chains", "flags")
_CROSS_TOP = ("report_a", "report_b", "relations")


class _ReportFile:
    def __init__(self, shown: str, data: _Map, text: _Text, out: Annotations) -> None:
        self.shown = shown
        self.text = text
        self.key = text.report.key
        self.out = out
        self.top = _Fields(shown, "file", data, 1, _REPORT_TOP)
        self.ids: dict[str, int] = {}
        self.spans: dict[tuple[str, int, int], tuple[str, int]] = {}
        self.study_ids: set[str] = set()
        self.own_study_ids: set[str] = set()
        self.interview_ids: set[str] = set()

    def new_id(self, f: _Fields, kind: str) -> str:
        ident = f.ident()
        if ident in self.ids:
            raise f.error(
                "id", f"duplicate id '{ident}' (first used on line {self.ids[ident]}); ids are unique in a file"
            )
        self.ids[ident] = f.line_of("id")
        f.where = f"{kind} '{ident}'"
        self.out.locations[(kind, self.key, ident)] = SourceLocation(self.shown, f.line)
        return ident

    def unique_span(self, f: _Fields, kind: str, ident: str, span: Span) -> None:
        """Two claims (or two excerpts) on one span would be one node of the graph."""
        key = (kind, span.start, span.end)
        if key in self.spans:
            other, line = self.spans[key]
            raise f.error("quote", f"same quote as {kind} '{other}' (line {line}); quote different words or merge them")
        self.spans[key] = (ident, f.line)

    def refs(self, f: _Fields, key: str, owner: str) -> tuple[str, ...]:
        keys = f.work_keys(key)
        for k, line in keys:
            self.out.work_refs.append(WorkRef(k, self.key, owner, SourceLocation(self.shown, line)))
        return tuple(k for k, _ in keys)

    def section(self, f: _Fields, span: Span) -> str:
        title = f.text("section")
        if title not in self.text.titles:
            raise f.error(
                "section",
                f"unknown section '{title}'; sections of '{self.key}' are: "
                + "; ".join(f"'{t}'" for t in self.text.titles),
            )
        actual = self.text.section_of(span)
        if actual != title:
            raise f.error("section", f"the quote is in section '{actual}', not '{title}'")
        return title

    def load(self) -> None:
        for item, line in _records(self.top, "studies"):
            self.study(item, line)
        for item, line in _records(self.top, "interviews"):
            self.interview(item, line)
        for item, line in _records(self.top, "claims"):
            self.claim(item, line)
        for item, line in _records(self.top, "chains"):
            self.chain(item, line)
        for item, line in _records(self.top, "flags"):
            self.flag(item, line)

    def study(self, item: Any, line: int) -> None:
        f = _Fields(
            self.shown,
            "study",
            item,
            line,
            (
                "id",
                "label",
                "own",
                "method",
                "sample_size",
                "population",
                "place",
                "period",
                "sections",
                "cues",
                "works",
                "quote",
                "occurrence",
                "note",
            ),
        )
        ident = self.new_id(f, "study")
        own = f.boolean("own")
        span = self.text.anchor(f, f.text("quote"), f.integer("occurrence", 1))
        titles = []
        for title, tline in f.strings("sections"):
            if title not in self.text.titles:
                raise InputError(self.shown, tline, f"{f.where}: unknown section '{title}'")
            titles.append(title)
        cues = []
        for cue, cline in f.strings("cues"):
            if cue not in self.text.folded:
                raise InputError(self.shown, cline, f"{f.where}: cue '{cue}' does not occur in the text (case counts)")
            cues.append(cue)
        works = self.refs(f, "works", f"study:{ident}")
        if own and not (titles or cues):
            raise f.error(None, "an own study needs 'sections' or 'cues' saying which statements rest on it")
        if not own and (titles or cues):
            raise f.error("sections" if titles else "cues", "'sections' and 'cues' are for the report's own studies")
        if not own and not works:
            raise f.error(None, "a study the report cites needs 'works' (the bibliography keys describing it)")
        self.out.studies.append(
            StudyRecord(
                id=ident,
                report=self.key,
                label=f.text("label"),
                own=own,
                method=f.text("method", required=False),
                sample_size=f.integer("sample_size", 1),
                population=f.text("population", required=False),
                place=f.text("place", required=False),
                period=f.text("period", required=False),
                sections=tuple(titles),
                cues=tuple(cues),
                works=works,
                anchor=span,
            )
        )
        self.study_ids.add(ident)
        if own:
            self.own_study_ids.add(ident)

    def interview(self, item: Any, line: int) -> None:
        f = _Fields(
            self.shown,
            "interview",
            item,
            line,
            ("id", "quote", "occurrence", "role", "study", "dated_by", "endnote", "note"),
        )
        ident = self.new_id(f, "interview")
        span = self.text.anchor(f, f.text("quote"), f.integer("occurrence", 1))
        self.unique_span(f, "interview", ident, span)
        study = f.text("study")
        if study not in self.own_study_ids:
            raise f.error(
                "study",
                f"unknown study '{study}': an interview excerpt belongs to one of the report's "
                "own studies "
                f"({', '.join(sorted(self.own_study_ids)) or 'none declared'})",
            )
        endnote = f.integer("endnote", 1)
        dated: str | None = None
        if f.has("dated_by"):
            dated = f.text("dated_by")
            if not _WORK_KEY.match(dated):
                raise f.error("dated_by", f"{dated!r} is not a bibliography key")
            self.out.work_refs.append(
                WorkRef(dated, self.key, f"interview:{ident}", SourceLocation(self.shown, f.line_of("dated_by")))
            )
        if (endnote is None) != (not dated):
            raise f.error(None, "'endnote' and 'dated_by' go together: the endnote number and the key it points to")
        if endnote is not None:
            marker = f"[{endnote}]"
            pos = self.text.report.text.find(marker, span.start)
            if pos < 0 or pos - span.end > 2000:
                raise f.error("endnote", f"no endnote marker {marker} follows the quote")
        self.out.interviews.append(
            InterviewExcerpt(
                id=ident,
                report=self.key,
                quote=self.text.report.text[span.start : span.end],
                span=span,
                section=self.text.section_of(span),
                role=f.text("role"),
                study=study,
                dated_by=dated,
                endnote=endnote,
                note=f.text("note", required=False),
                location=SourceLocation(self.shown, f.line),
            )
        )
        self.interview_ids.add(ident)

    def claim(self, item: Any, line: int) -> None:
        f = _Fields(self.shown, "claim", item, line, ("id", "quote", "occurrence", "section", "kind", "evidence"))
        ident = self.new_id(f, "claim")
        quote = f.text("quote")
        if len(quote) > MAX_CLAIM_QUOTE:
            raise f.error(
                "quote", f"quote is {len(quote)} characters: quote one sentence or clause (at most {MAX_CLAIM_QUOTE})"
            )
        span = self.text.anchor(f, quote, f.integer("occurrence", 1))
        self.unique_span(f, "claim", ident, span)
        section = self.section(f, span)
        kind = f.text("kind")
        if kind not in CLAIM_KINDS:
            raise f.error("kind", f"unknown kind '{kind}'; expected one of: {', '.join(sorted(CLAIM_KINDS))}")
        if not f.has("evidence"):
            raise f.error(None, "missing 'evidence' (works, interviews, studies, or none: true)")
        ev = _Fields(
            self.shown,
            f.where + " evidence",
            f.data["evidence"],
            f.line_of("evidence"),
            ("works", "interviews", "studies", "none", "note"),
        )
        works = self.refs(ev, "works", f"claim:{ident}")
        interviews = []
        for ref, rline in ev.strings("interviews"):
            if ref not in self.interview_ids:
                raise InputError(self.shown, rline, f"{f.where}: unknown interview '{ref}'")
            interviews.append(ref)
        studies = []
        for ref, rline in ev.strings("studies"):
            if ref not in self.study_ids:
                raise InputError(self.shown, rline, f"{f.where}: unknown study '{ref}'")
            studies.append(ref)
        none = ev.boolean("none", default=False)
        if none and (works or interviews or studies):
            raise ev.error("none", "'none: true' says the text gives no source, but sources are listed")
        if not none and not (works or interviews or studies):
            raise ev.error(None, "no evidence: list works, interviews or studies, or say 'none: true'")
        self.out.claims.append(
            CuratedClaim(
                id=ident,
                report=self.key,
                quote=self.text.report.text[span.start : span.end],
                span=span,
                section=section,
                kind=kind,
                works=works,
                interviews=tuple(interviews),
                studies=tuple(studies),
                no_source=none,
                note=ev.text("note", required=False),
                location=SourceLocation(self.shown, f.line),
            )
        )

    def chain(self, item: Any, line: int) -> None:
        f = _Fields(self.shown, "chain", item, line, ("id", "quote", "occurrence", "works", "originator", "note"))
        ident = self.new_id(f, "chain")
        span = self.text.anchor(f, f.text("quote"), f.integer("occurrence", 1))
        works = self.refs(f, "works", f"chain:{ident}")
        self.out.chains.append(
            Chain(
                id=ident,
                report=self.key,
                quote=self.text.report.text[span.start : span.end],
                span=span,
                section=self.text.section_of(span),
                originator=f.text("originator"),
                works=works,
                note=f.text("note", required=False),
                location=SourceLocation(self.shown, f.line),
            )
        )

    def flag(self, item: Any, line: int) -> None:
        f = _Fields(self.shown, "flag", item, line, ("id", "kind", "quotes", "rationale", "works"))
        ident = self.new_id(f, "flag")
        kind = f.text("kind")
        if kind not in FLAG_KINDS:
            raise f.error("kind", f"unknown kind '{kind}'; expected one of: {', '.join(sorted(FLAG_KINDS))}")
        if not f.has("quotes") or not isinstance(f.data["quotes"], _Seq) or not f.data["quotes"]:
            raise f.error("quotes" if f.has("quotes") else None, "'quotes' must be a non-empty list of exact quotes")
        seq = f.data["quotes"]
        spans = []
        for q, qline in zip(seq, seq.lines, strict=True):
            if isinstance(q, str):
                spans.append(self.text.anchor(f, q, None, line=qline))
            else:
                qf = _Fields(self.shown, f.where, q, qline, ("quote", "occurrence"))
                spans.append(self.text.anchor(qf, qf.text("quote"), qf.integer("occurrence", 1)))
        works = self.refs(f, "works", f"flag:{ident}")
        self.out.flags.append(
            Flag(
                id=ident,
                report=self.key,
                kind=kind,
                quotes=tuple(self.text.report.text[s.start : s.end] for s in spans),
                spans=tuple(spans),
                rationale=f.text("rationale"),
                works=works,
                location=SourceLocation(self.shown, f.line),
            )
        )


def _load_cross(shown: str, data: _Map, out: Annotations, known: set[str]) -> None:
    top = _Fields(shown, "file", data, 1, _CROSS_TOP)
    report_a, report_b = top.text("report_a"), top.text("report_b")
    for key, value in (("report_a", report_a), ("report_b", report_b)):
        if value not in known:
            raise top.error(key, f"unknown report '{value}'; reports are: {', '.join(sorted(known))}")
    claims = {(c.report, c.id) for c in out.claims}
    seen: dict[tuple[str, str, str], int] = {}
    for item, line in _records(top, "relations"):
        f = _Fields(shown, "relation", item, line, ("claim_a", "claim_b", "relation", "rationale"))
        a, b = f.text("claim_a"), f.text("claim_b")
        f.where = f"relation {a} / {b}"
        for key, report, claim in (("claim_a", report_a, a), ("claim_b", report_b, b)):
            if (report, claim) not in claims:
                raise f.error(key, f"unknown claim '{claim}' of report '{report}'")
        relation = f.text("relation")
        if relation not in RELATIONS:
            raise f.error("relation", f"unknown relation '{relation}'; expected one of: {', '.join(sorted(RELATIONS))}")
        if (a, b, relation) in seen:
            raise f.error(None, f"duplicate relation (first on line {seen[(a, b, relation)]})")
        seen[(a, b, relation)] = f.line
        out.relations.append(
            CrossRelation(report_a, a, report_b, b, relation, f.text("rationale"), SourceLocation(shown, f.line))
        )


# --- public API -------------------------------------------------------------------------------


def load_annotations(paths: ProjectPaths, reports: list[Report]) -> Annotations:
    """Load and validate every ``annotations/*.yaml`` against the report texts.

    Report files (with ``report:``) are read first, then files with ``relations:``, whose
    claim ids must name claims of the report files. Raises :class:`InputError` on the
    first problem, naming the file and the line.
    """
    out = Annotations()
    by_key = {r.key: r for r in reports}
    files = sorted(paths.annotations.glob("*.yaml")) if paths.annotations.is_dir() else []
    loaded: list[tuple[str, _Map]] = [(paths.relative(p), _read_yaml(p, paths.relative(p))) for p in files]
    seen_reports: dict[str, str] = {}
    cross = []
    for shown, data in loaded:
        if "report" in data:
            key = data["report"]
            if not isinstance(key, str) or key not in by_key:
                raise InputError(
                    shown, data.lines["report"], f"unknown report {key!r}; reports are: {', '.join(sorted(by_key))}"
                )
            if key in seen_reports:
                raise InputError(
                    shown, data.lines["report"], f"report '{key}' is annotated twice (also in {seen_reports[key]})"
                )
            seen_reports[key] = shown
            _ReportFile(shown, data, _Text(by_key[key]), out).load()
            out.files.append(shown)
        elif "relations" in data:
            cross.append((shown, data))
        else:
            raise InputError(shown, 1, "an annotation file starts with 'report: <key>' or holds 'relations'")
    for shown, data in cross:
        _load_cross(shown, data, out, set(by_key))
        out.files.append(shown)
    return out


def check_work_keys(annotations: Annotations, keys: set[str]) -> None:
    """Raise :class:`InputError` (file:line) for the first work key not among ``keys``."""
    for ref in annotations.work_refs:
        if ref.key not in keys:
            raise InputError(
                ref.location.file,
                ref.location.line,
                f"{ref.owner.replace(':', ' ', 1)}: unknown bibliography key '{ref.key}'",
            )


def unknown_work_keys(annotations: Annotations, keys: set[str]) -> list[WorkRef]:
    """Every use of a work key not among ``keys`` (for reports that list them all)."""
    return [ref for ref in annotations.work_refs if ref.key not in keys]
