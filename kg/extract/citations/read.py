"""A report's citations read in one pass over a view of its text.

Body citations, note markers, and the entries of its reference lists and notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.extract.citations.author_year import author_year, fold_names
from kg.extract.citations.endnotes import chapter_endnotes, in_chapter
from kg.extract.citations.footnotes import plain_footnotes
from kg.extract.citations.markers import Marker, find_markers, marker_records, note_record
from kg.extract.citations.named_pages import named_pages
from kg.extract.citations.note_entries import note_entries, whole_notes
from kg.extract.citations.notes import Note, NoteWork, find_notes, works_of
from kg.extract.citations.pieces import View
from kg.extract.citations.report_numbers import FullReference, full_references, number_works
from kg.extract.references import (
    ListItem,
    ListSection,
    find_lists,
    parse_entry,
    reference_record,
    split_entries,
)
from kg.extract.references.labelled import labelled_items, with_labelled_lists
from kg.records import CitationRecord, NoteRecord, PageLayout, ReferenceRecord, Span
from kg.sources.layout import blank_furniture


@dataclass(frozen=True)
class ReadCitations:
    """What a report's text says about the works it cites: its citations, and the entries of its own lists.

    ``lists`` are the stretches its reference lists and notes take: not running text. ``citing``
    are the stretches that cite a work rather than say something (a reference list or notes section
    whole, the entries, a note's references in full or short, ``Ibid., 22.``): their years, volumes
    and pages are not statistics. ``notes`` are its footnotes and endnotes (not the items of a numbered
    reference list), each with the markers that point to it: those that cite nothing too.
    """

    citations: list[CitationRecord]
    references: list[ReferenceRecord]
    lists: list[Span]
    citing: list[Span]
    notes: list[NoteRecord] = field(default_factory=list)


def _body_records(view: View, report_key: str, known: frozenset[str], citing: list[Span]) -> Iterable[CitationRecord]:
    found = author_year(view, known, asides=True)
    new, covered = named_pages(view, known, found)
    citing += [Span(report_key, *view.to_raw(a, b)) for a, b in covered]
    for f in sorted(found + new, key=lambda f: (f.start, f.end)):
        start, end = view.to_raw(f.start, f.end)
        group = Span(report_key, *view.to_raw(*f.group)) if f.group else None
        yield CitationRecord(
            span=Span(report_key, start, end),
            text=view.raw[start - view.base : end - view.base],
            authors=f.authors,
            year=f.year,
            form=f.form,  # type: ignore[arg-type]
            locator=f.locator,
            prefix=f.prefix,
            group=group,
            back=f.back,
        )


def _outside(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The stretches of ``[0, length)`` no span covers."""
    regions, pos = [], 0
    for a, b in sorted(spans):
        if a > pos:
            regions.append((pos, a))
        pos = max(pos, b)
    if pos < length:
        regions.append((pos, length))
    return regions


def read_citations(text: str, report_key: str, layout: PageLayout | None = None) -> ReadCitations:
    """Every in-text citation of a report and every entry of its own reference list and notes.

    Author-year citations are read in the running text (everything but the lists and the notes);
    note markers there are resolved through the notes. Spans are offsets into ``text`` as given.
    """
    readable = blank_furniture(text, layout)
    lists = with_labelled_lists(readable, find_lists(readable))
    notes = find_notes(readable, lists, layout)
    listed_at = [(s.heading[0], s.body[1]) for s in lists]
    # endnotes numbered afresh per chapter; a note a Notes list gives already keeps its record (found by its line)
    at_line = {readable.rfind("\n", 0, n.start) + 1: n for n in notes}
    endnotes = chapter_endnotes(readable, [a for s, a in zip(lists, listed_at, strict=True) if s.kind == "references"])
    found_plain = [(at_line.get(p.line_start, p), m) for p, m in endnotes]
    found_plain += [
        (p, m)
        for p, m in plain_footnotes(readable, layout, listed_at)
        if not any(e.line_start <= p.line_start < e.end for e, _ in found_plain)
    ]
    given = set(at_line.values())
    found_plain = [
        (p, m) for p, m in found_plain if p in given or not any(n.line_start <= p.line_start < n.end for n in notes)
    ]
    plain = [p for p, _ in found_plain if p not in given]
    notes = sorted(notes + plain, key=lambda n: n.line_start)
    works = {note: works_of(text, note, layout) for note in notes}
    taken = [(s.heading[0], s.body[1]) for s in lists] + [(n.line_start, n.end) for n in notes]
    regions = _outside(taken, len(text))
    listed, listed_lines = _list_entries(report_key, text, readable, lists, notes, layout)
    full = full_references(
        text, works, [FullReference(_cited_as(r) or r.title, r.year, (r.span.start, r.span.end)) for r in listed]
    )
    for note in notes:
        cited_by_number = number_works(text, note, works[note], full)
        if cited_by_number:  # the numbers, not a short reading of them, are what the note cites
            numbers = [w.anchor for w in cited_by_number]
            kept = [w for w in works[note] if not (w.short and any(w.cited[0] <= a < w.cited[1] for a, _ in numbers))]
            works[note] = sorted(kept + cited_by_number, key=lambda w: w.anchor)
    known = frozenset(fold_names(n) for r in listed if (n := _cited_as(r)))
    records: list[CitationRecord] = []
    pages_cited: list[Span] = []  # "(17)" after a sentence that already cites its author: no statistic
    for a, b in regions:
        if text[a:b].strip():
            view = View.of(text[a:b], a, find_headings=True, layout=layout)
            records += _body_records(view, report_key, known, pages_cited)
    by_number: dict[int, list[Note]] = {}
    for note in notes:
        by_number.setdefault(note.number, []).append(note)
    plain_markers = [Marker(m.start, m.end, "plain", (m.number,), note) for note, m in found_plain]
    # a raised marker an endnote was already matched to (by its chapter) is that note's, not another's of its number
    at_plain = {(m.start, m.end) for m in plain_markers}
    markers = [
        m
        for m in find_markers(readable, regions, any(n.style == "list" for n in notes))
        if (m.start, m.end) not in at_plain
    ]
    chaptered = [m for m in plain_markers if any(m.start == e.start for _, e in endnotes)]
    markers = [in_chapter(m, chaptered, notes) for m in markers] + plain_markers
    markers.sort(key=lambda k: k.start)
    pointed: dict[Note, list[Span]] = {}
    records += marker_records(report_key, text, markers, by_number, works, pointed)
    for note in notes:
        records += _in_note(report_key, text, note, works[note], note in pointed)
    in_notes = note_entries(report_key, text, notes, works, layout)
    references = listed + whole_notes(report_key, text, notes, works, in_notes, layout)
    spans = [Span(report_key, a, b) for a, b in _merged(taken)]
    citing = (
        listed_lines
        # a reference list whole, but for the notes at a page foot inside it; a notes section by its notes'
        # references, so a note's own prose keeps its figures
        + [
            Span(report_key, a, b)
            for s in lists
            if s.kind == "references"
            for a, b in _without((s.heading[0], s.body[1]), [(n.line_start, n.end) for n in notes])
        ]
        + pages_cited
        + [r.span for r in in_notes]
        + [Span(report_key, n.line_start, n.start) for n in notes]
        + [
            Span(report_key, *w.cited)
            for note in notes
            for w in works[note]
            if w.found.form != "named" and (w.found.form == "endnote" or not w.short)
        ]
    )
    chapters = {p.line_start: p.chapter for p, _ in endnotes}
    return ReadCitations(
        sorted(records, key=lambda r: r.span.start),
        sorted(references, key=lambda r: r.span.start),
        spans,
        [Span(report_key, a, b) for a, b in _merged([(c.start, c.end) for c in citing])],
        [
            NoteRecord(
                Span(report_key, n.start, n.end),
                n.number,
                chapters.get(readable.rfind("\n", 0, n.start) + 1),
                tuple(sorted(set(pointed.get(n, [])))),
            )
            for n in notes
            if n.style != "list" and n.end > n.start
        ],
    )


def _cited_as(record: ReferenceRecord) -> str:
    """The names a citation of a listed work gives: ``Ferreira``, ``Moreau and Lindahl``, ``Okonkwo et al.``."""
    families = record.family_names
    if len(families) > 2 or (families and record.et_al):
        return f"{families[0]} et al."
    return " and ".join(families)


def _without(span: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``span`` less the stretches ``holes`` cover."""
    pieces, pos = [], span[0]
    for a, b in sorted(holes):
        if b <= pos or a >= span[1]:
            continue
        if a > pos:
            pieces.append((pos, a))
        pos = max(pos, b)
    return pieces + ([(pos, span[1])] if pos < span[1] else [])


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _in_note(report_key: str, text: str, note: Note, works: list[NoteWork], pointed: bool) -> list[CitationRecord]:
    """Citations written in a note itself: all its works when no marker points to it, else its short citations."""
    if note.style == "list":
        return []
    return [
        note_record(report_key, text, *w.anchor, w, "endnote", note.number)
        for w in works
        if not pointed or (w.short and not w.back and w.found.form in ("narrative", "parenthetical"))
    ]


def _list_entries(
    report_key: str,
    text: str,
    readable: str,
    lists: list[ListSection],
    notes: list[Note],
    layout: PageLayout | None,
) -> tuple[list[ReferenceRecord], list[Span]]:
    """The entries of the unnumbered reference lists (numbered ones are read as notes), footnotes left out;
    and the lines they take."""
    found: list[ReferenceRecord] = []
    lines: list[Span] = []
    for section in lists:
        start, end = section.body
        inside = [(n.line_start, n.end) for n in notes if start <= n.line_start < end]
        if section.kind != "references" or any(n.style == "list" for n in notes if start <= n.line_start < end):
            continue
        regions = [(max(a, start), b) for a, b in _outside(inside, end) if b > start]
        for item in labelled_items(readable, start, end) or split_entries(readable, regions):
            view = View.of(text[item.start : item.end], item.start, layout=layout, skip=_interruptions(text, item))
            entry = parse_entry(view.norm)
            found.append(reference_record(report_key, text, item.start, item.end, entry, "author-date"))
            lines += [Span(report_key, a, b) for a, b in item.lines]
    return found, lines


def _interruptions(text: str, item: ListItem) -> list[tuple[int, int, bool]]:
    """What lies between an entry's lines (a page's footnotes): read as a space, or as nothing after a hyphen."""
    skip = []
    for (_, a), (b, _) in zip(item.lines, item.lines[1:], strict=False):
        if text[a:b].strip():
            if text[a - 1] == "-" and text[a - 2].isalpha() and text[b].islower():
                skip.append((a - 1, b, True))
            else:
                skip.append((a, b, False))
    return skip


def extract_citations(text: str, report_key: str, layout: PageLayout | None = None) -> list[CitationRecord]:
    """Every in-text citation of a report, one record per cited work per occurrence, in text order."""
    return read_citations(text, report_key, layout).citations


__all__ = ["ReadCitations", "extract_citations", "read_citations"]
