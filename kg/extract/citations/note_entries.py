"""The entries a report's notes give its bibliography: the works they cite in full, each note at its whole text."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from kg.extract.citations.notes import LEAD_IN, Note, NoteWork
from kg.extract.citations.pieces import View
from kg.extract.references import Entry, parse_entry, reference_record
from kg.extract.references.authors import parse_authors
from kg.extract.references.fields import REPORT_NUMBER
from kg.records import PageLayout, ReferenceRecord, Span


def note_entries(
    report_key: str, text: str, notes: list[Note], works: dict[Note, list[NoteWork]], layout: PageLayout | None
) -> list[ReferenceRecord]:
    """The works notes cite in full (not in short or as ``ibid.``), and the items of numbered reference lists."""
    found = []
    for note in notes:
        for work in works[note]:
            if work.short or work.back or work.found.form == "named":
                continue
            a, b = work.cited
            entry = parse_entry(
                LEAD_IN.sub("", View.of(text[a:b], a, layout=layout).norm), in_note=note.style != "list"
            )
            if work.law:  # a statute: named and dated by its official citation, written by no one
                entry = Entry(title=work.found.authors, year=work.found.year, kind="law")
            if work.web:  # a document named and posted online: its publisher, title and address, no date
                owner, title, url = work.web
                entry = Entry(authors=parse_authors(owner), title=title, url=url, kind="web-page")
            entry.number = note.number
            style = "numbered" if note.style == "list" else "note"
            if style == "numbered" or entry.is_full or work.law:
                found.append(reference_record(report_key, text, a, b, entry, style))
    return found


def whole_notes(
    report_key: str,
    text: str,
    notes: list[Note],
    works: dict[Note, list[NoteWork]],
    entries: list[ReferenceRecord],
    layout: PageLayout | None,
) -> list[ReferenceRecord]:
    """A note is an entry of the report's notes: the one work it cites in full stands at the whole note;
    where it cites several, each stays at its own words (a quote of the whole note would hold the others'
    too). A note that cites reports by their number alone stands for the first one's full reference. A
    note that cites nothing is no entry of a bibliography."""
    found = []
    first: dict[int, int] = {}  # a note's line -> its first entry
    home = [
        next((n for n in notes if n.start <= entry.span.start < n.end and n.style != "list"), None) for entry in entries
    ]
    cited = Counter(note.line_start for note in home if note is not None)
    for i, (entry, note) in enumerate(zip(entries, home, strict=True)):
        if note is not None and note.line_start not in first:
            first[note.line_start] = i
            if cited[note.line_start] == 1:
                entry = replace(entry, span=Span(report_key, note.start, note.end), text=text[note.start : note.end])
        found.append(entry)
    for note in notes:
        if note.style == "list" or note.line_start in first:
            continue
        pointer = next((w for w in works[note] if w.short and REPORT_NUMBER.fullmatch(text[slice(*w.anchor)])), None)
        if pointer is not None:
            a, b = pointer.cited
            parsed = parse_entry(LEAD_IN.sub("", View.of(text[a:b], a, layout=layout).norm), in_note=True)
            parsed.number = note.number
            found.append(reference_record(report_key, text, note.start, note.end, parsed, "note"))
    return found


__all__ = ["note_entries", "whole_notes"]
