"""One report's annotation file, checked against its text and its own records.

The schema (:mod:`kg.sources.annotations.schema`) has already checked every field's presence and
type; what is left needs the text or the other records: each quote is anchored, each section
must hold its quote, ids are unique, an excerpt belongs to one of the report's own studies, a
claim's interviews and studies exist, a table's rows and cells are found in the table's quote.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kg.errors import InputError
from kg.records import SourceLocation, Span, StudyRecord
from kg.sources.annotations import schema
from kg.sources.annotations.anchoring import Place, ReportText
from kg.sources.annotations.records import (
    Annotations,
    Chain,
    CuratedClaim,
    Flag,
    FlagNote,
    InterviewExcerpt,
    WorkRef,
)
from kg.sources.annotations.tables import read_table
from kg.sources.annotations.yamlfile import Mapping, Sequence


def _records(data: Mapping, name: str, models: list[Any]) -> Iterator[tuple[Any, Mapping]]:
    """Each validated record with its raw YAML mapping (for line numbers)."""
    yield from zip(models, data.get(name) or [], strict=True)


class ReportFile:
    """Loads one ``annotations/<report>.yaml`` into ``out``."""

    def __init__(self, shown: str, data: Mapping, model: schema.ReportFileModel, text: ReportText, out: Annotations):
        self.shown, self.data, self.model, self.text, self.out = shown, data, model, text, out
        self.key = text.report.key
        self.ids: dict[str, int] = {}
        self.spans: dict[tuple[str, int, int], tuple[str, int]] = {}
        self.study_ids: set[str] = set()
        self.own_study_ids: set[str] = set()
        self.interview_ids: set[str] = set()

    def load(self) -> None:
        m, d = self.model, self.data
        for study, raw in _records(d, "studies", m.studies):
            self.study(study, self.place("study", study.id, raw))
        for excerpt, raw in _records(d, "interviews", m.interviews):
            self.interview(excerpt, self.place("interview", excerpt.id, raw))
        for claim, raw in _records(d, "claims", m.claims):
            self.claim(claim, self.place("claim", claim.id, raw))
        for chain, raw in _records(d, "chains", m.chains):
            self.chain(chain, self.place("chain", chain.id, raw))
        for flag, raw in _records(d, "flags", m.flags):
            self.flag(flag, self.place("flag", flag.id, raw))
        for table, raw in _records(d, "tables", m.tables):
            self.table(table, self.place("table", table.id, raw))

    # --- shared checks ------------------------------------------------------------------

    def place(self, kind: str, ident: str, raw: Mapping) -> Place:
        """The record's place; a duplicate id is an error at its second use."""
        place = Place(self.shown, f"{kind} '{ident}'", raw)
        if ident in self.ids:
            raise place.error(
                "id", f"duplicate id '{ident}' (first used on line {self.ids[ident]}); ids are unique in a file"
            )
        self.ids[ident] = place.line("id")
        self.out.locations[(kind, self.key, ident)] = self.location(place)
        return place

    def location(self, place: Place) -> SourceLocation:
        return SourceLocation(self.shown, place.line())

    def unique_span(self, place: Place, kind: str, ident: str, span: Span) -> None:
        """Two claims (or two excerpts) on one span would be one node of the graph."""
        key = (kind, span.start, span.end)
        if key in self.spans:
            other, line = self.spans[key]
            raise place.error(
                "quote", f"same quote as {kind} '{other}' (line {line}); quote different words or merge them"
            )
        self.spans[key] = (ident, place.line())

    def refs(self, place: Place, keys: list[str], field: str, owner: str) -> tuple[str, ...]:
        """Bibliography keys used by a record, remembered with their lines (checked against bib/ later)."""
        raw = place.data.get(field)
        lines = raw.lines if isinstance(raw, Sequence) else [place.line(field)] * len(keys)
        for key, line in zip(keys, lines, strict=True):
            self.out.work_refs.append(WorkRef(key, self.key, owner, SourceLocation(self.shown, line)))
        return tuple(keys)

    def item_line(self, place: Place, field: str, index: int) -> int:
        raw = place.data.get(field)
        return raw.lines[index] if isinstance(raw, Sequence) and index < len(raw.lines) else place.line(field)

    def section(self, place: Place, title: str, span: Span) -> str:
        if title not in self.text.titles:
            raise place.error(
                "section",
                f"unknown section '{title}'; sections of '{self.key}' are: "
                + "; ".join(f"'{t}'" for t in self.text.titles),
            )
        actual = self.text.section_of(span)
        if actual != title:
            raise place.error("section", f"the quote is in section '{actual}', not '{title}'")
        return title

    def exact(self, span: Span) -> str:
        return self.text.report.text[span.start : span.end]

    # --- one record kind each -----------------------------------------------------------------

    def study(self, s: schema.StudyModel, place: Place) -> None:
        span = self.text.anchor(place, s.quote, s.occurrence)
        for i, title in enumerate(s.sections):
            if title not in self.text.titles:
                raise place.error("sections", f"unknown section '{title}'", self.item_line(place, "sections", i))
        for i, cue in enumerate(s.cues):
            if cue not in self.text.folded:
                raise place.error(
                    "cues", f"cue '{cue}' does not occur in the text (case counts)", self.item_line(place, "cues", i)
                )
        works = self.refs(place, s.works, "works", f"study:{s.id}")
        if s.own and not (s.sections or s.cues):
            raise place.error(None, "an own study needs 'sections' or 'cues' saying which statements rest on it")
        if not s.own and (s.sections or s.cues):
            raise place.error(
                "sections" if s.sections else "cues", "'sections' and 'cues' are for the report's own studies"
            )
        if not s.own and not works:
            raise place.error(None, "a study the report cites needs 'works' (the bibliography keys describing it)")
        self.out.studies.append(
            StudyRecord(
                id=s.id,
                report=self.key,
                label=s.label,
                own=s.own,
                method=s.method or "",
                sample_size=s.sample_size,
                population=s.population or "",
                place=s.place or "",
                period=s.period or "",
                sections=tuple(s.sections),
                cues=tuple(s.cues),
                works=works,
                anchor=span,
            )
        )
        self.study_ids.add(s.id)
        if s.own:
            self.own_study_ids.add(s.id)

    def interview(self, e: schema.InterviewModel, place: Place) -> None:
        span = self.text.anchor(place, e.quote, e.occurrence)
        self.unique_span(place, "interview", e.id, span)
        if e.study not in self.own_study_ids:
            raise place.error(
                "study",
                f"unknown study '{e.study}': an interview excerpt belongs to one of the report's own studies "
                f"({', '.join(sorted(self.own_study_ids)) or 'none declared'})",
            )
        if e.dated_by:
            self.out.work_refs.append(
                WorkRef(e.dated_by, self.key, f"interview:{e.id}", SourceLocation(self.shown, place.line("dated_by")))
            )
        if (e.endnote is None) != (not e.dated_by):
            raise place.error(None, "'endnote' and 'dated_by' go together: the endnote number and the key it points to")
        endnote_span = None
        if e.endnote is not None:
            marker = f"[{e.endnote}]"
            pos = self.text.report.text.find(marker, span.start)
            if pos < 0 or pos - span.end > 2000:
                raise place.error("endnote", f"no endnote marker {marker} follows the quote")
            endnote_span = Span(self.key, pos, pos + len(marker))
        self.out.interviews.append(
            InterviewExcerpt(
                id=e.id,
                report=self.key,
                quote=self.exact(span),
                span=span,
                section=self.text.section_of(span),
                role=e.role,
                study=e.study,
                dated_by=e.dated_by,
                endnote=e.endnote,
                endnote_span=endnote_span,
                note=e.note or "",
                location=self.location(place),
            )
        )
        self.interview_ids.add(e.id)

    def claim(self, c: schema.ClaimModel, place: Place) -> None:
        span = self.text.anchor(place, c.quote, c.occurrence)
        self.unique_span(place, "claim", c.id, span)
        section = self.section(place, c.section, span)
        raw_evidence = place.data.get("evidence")
        evidence = Place(self.shown, place.where, raw_evidence if isinstance(raw_evidence, Mapping) else place.data)
        ev = c.evidence
        works = self.refs(evidence, ev.works, "works", f"claim:{c.id}")
        for i, ref in enumerate(ev.interviews):
            if ref not in self.interview_ids:
                raise evidence.error(
                    "interviews", f"unknown interview '{ref}'", self.item_line(evidence, "interviews", i)
                )
        for i, ref in enumerate(ev.studies):
            if ref not in self.study_ids:
                raise evidence.error("studies", f"unknown study '{ref}'", self.item_line(evidence, "studies", i))
        if ev.none and (works or ev.interviews or ev.studies):
            raise evidence.error("none", "'none: true' says the text gives no source, but sources are listed")
        if not ev.none and not (works or ev.interviews or ev.studies):
            raise evidence.error(None, "no evidence: list works, interviews or studies, or say 'none: true'")
        self.out.claims.append(
            CuratedClaim(
                id=c.id,
                report=self.key,
                quote=self.exact(span),
                span=span,
                section=section,
                kind=c.kind,
                works=works,
                interviews=tuple(ev.interviews),
                studies=tuple(ev.studies),
                no_source=ev.none,
                note=ev.note or "",
                location=self.location(place),
            )
        )

    def chain(self, c: schema.ChainModel, place: Place) -> None:
        span = self.text.anchor(place, c.quote, c.occurrence)
        self.out.chains.append(
            Chain(
                id=c.id,
                report=self.key,
                quote=self.exact(span),
                span=span,
                section=self.text.section_of(span),
                originator=c.originator,
                works=self.refs(place, c.works, "works", f"chain:{c.id}"),
                note=c.note or "",
                location=self.location(place),
            )
        )

    def flag(self, f: schema.FlagModel, place: Place) -> None:
        spans = []
        for i, quote in enumerate(f.quotes):
            line = self.item_line(place, "quotes", i)
            if isinstance(quote, schema.QuoteRef):
                spans.append(self.text.anchor(place, quote.quote, quote.occurrence, line=line))
            else:
                spans.append(self.text.anchor(place, quote, None, line=line))
        self.out.flags.append(
            Flag(
                id=f.id,
                report=self.key,
                kind=f.kind,
                quotes=tuple(self.exact(s) for s in spans),
                spans=tuple(spans),
                rationale=f.rationale,
                works=self.refs(place, f.works, "works", f"flag:{f.id}"),
                note=self.note(f, place),
                location=self.location(place),
            )
        )

    def note(self, f: schema.FlagModel, place: Place) -> FlagNote | None:
        """The flag's sourced note; its work key is checked against bib/ with the others."""
        if f.note is None:
            return None
        raw = place.data.get("note")
        source = raw.get("source") if isinstance(raw, Mapping) else None
        line = source.lines.get("work", source.line) if isinstance(source, Mapping) else place.line("note")
        if f.note.source.work is not None:
            where = SourceLocation(self.shown, line)
            self.out.work_refs.append(WorkRef(f.note.source.work, self.key, f"flag:{f.id} note", where))
        at = SourceLocation(self.shown, place.line("note"))
        return FlagNote(f.note.text, f.note.source.url, f.note.source.work, at)

    def table(self, t: schema.TableModel, place: Place) -> None:
        self.out.tables.append(read_table(self, t, place))


def check_known_report(shown: str, data: Mapping, known: dict[str, object], seen: dict[str, str]) -> str:
    """The file's report key, or an InputError if it names no report or one already annotated."""
    key = data.get("report")
    line = data.lines.get("report", 1)
    if not isinstance(key, str) or key not in known:
        raise InputError(shown, line, f"unknown report {key!r}; reports are: {', '.join(sorted(known))}")
    if key in seen:
        raise InputError(shown, line, f"report '{key}' is annotated twice (also in {seen[key]})")
    seen[key] = shown
    return key
