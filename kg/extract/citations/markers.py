"""Note markers in the body (``[16]``, ``[1, 4]``, ``[2–5]``, ``^3``, ``³``, ``¹,²``, and ``(3)`` beside a
numbered reference list), and the citation records they give.

Each number of a marker gives one record per work its note cites, at the marker. A marker whose
note the text lacks (an excerpt without its notes) is kept as a record without names, never
dropped; a note that cites nothing (a comment) gives none. ``(3)`` counts only when the report
has a numbered reference list, and not where it enumerates (``(1) forming trust, (2) ...``) or
follows the words it numbers (``Figure (3)``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.extract.citations.notes import SUPERSCRIPTS, Note, NoteWork, locator_in, superscript_value
from kg.records import CitationRecord, Span

_NUMBERS = r"\d{1,3}(?:\s*[,–-]\s*\d{1,3})*"
_PATTERNS = {
    "bracket": re.compile(rf"\[({_NUMBERS})\](?:\s?[–-]\s?\[(\d{{1,3}})\])?"),
    "caret": re.compile(r"\^(\d{1,3})"),
    # glued to the word or the stop before it, or a space after a stop (``electricity. ²⁹ Both``, GAO-07-106)
    "sup": re.compile(
        rf"(?:(?<=[^\s\d{SUPERSCRIPTS}])|(?<=[.,;:!?”’\")] ))[{SUPERSCRIPTS}]+(?:[,˒⁻–-][{SUPERSCRIPTS}]+)*"
    ),
    "paren": re.compile(rf"(?<=\S)\s?\(({_NUMBERS})\)(?=[\s.,;:)]|$)"),
}
_NOT_BEFORE_PAREN = re.compile(
    r"(?:Figure|Fig\.|Table|Eq\.|Equation|Section|Chapter|Step|Item|Appendix|No\.|n|N)\s?$", re.IGNORECASE
)
#: The form of a citation at a marker of each style.
FORMS = {"bracket": "endnote-marker", "caret": "footnote", "sup": "footnote", "paren": "numbered", "plain": "footnote"}


@dataclass(frozen=True)
class Marker:
    """A marker in the body; ``note`` is its note when it was found with it (plain-digit notes)."""

    start: int
    end: int
    style: str
    numbers: tuple[int, ...]
    note: Note | None = None


def _expand(spec: str) -> tuple[int, ...]:
    """``1, 4`` -> (1, 4); ``2-5`` -> (2, 3, 4, 5)."""
    numbers: list[int] = []
    for part in re.split(r"\s*,\s*", spec.strip()):
        bounds = [int(n) for n in re.split(r"\s*[–-]\s*", part) if n]
        if len(bounds) == 2 and 0 < bounds[1] - bounds[0] <= 50:
            numbers += range(bounds[0], bounds[1] + 1)
        else:
            numbers += bounds
    return tuple(numbers)


def _superscript_numbers(marker: str) -> tuple[int, ...]:
    plain = "".join(str(SUPERSCRIPTS.index(ch)) if ch in SUPERSCRIPTS else ch for ch in marker)
    return _expand(plain.replace("⁻", "-").replace("˒", ","))


def find_markers(text: str, regions: list[tuple[int, int]], numbered_list: bool) -> list[Marker]:
    """The markers of the body (``regions`` of ``text``), in order."""
    found = []
    for start, end in regions:
        for style, pattern in _PATTERNS.items():
            if style == "paren" and not numbered_list:
                continue
            for m in pattern.finditer(text, start, end):
                if style == "sup":
                    numbers = _superscript_numbers(m.group())
                    found.append(Marker(m.start(), m.end(), style, numbers))
                    continue
                if style == "paren":
                    after = text[m.end() : m.end() + 3]
                    line_start = text.rfind("\n", max(0, m.start() - 300), m.start()) + 1
                    if (
                        re.match(r"\s+[a-z]", after)
                        or not text[line_start : m.start()].strip()
                        or _NOT_BEFORE_PAREN.search(text, max(0, m.start() - 12), m.start())
                    ):
                        continue
                    open_at = text.index("(", m.start())
                    found.append(Marker(open_at, m.end(), style, _expand(m.group(1))))
                    continue
                spec = m.group(1) if style != "bracket" or not m.group(2) else f"{m.group(1)}-{m.group(2)}"
                found.append(Marker(m.start(), m.end(), style, _expand(spec)))
    return sorted(found, key=lambda k: k.start)


def pick_note(marker_style: str, number: int, by_number: dict[int, list[Note]], at: int = 0) -> Note | None:
    """The note a marker's number points to: one of its own style, else one of a list, else the only one.

    Numbering restarts (per chapter, per page), so among several notes of one style and number the
    first after the marker (``at``) is its note, else the last before it.
    """
    candidates = by_number.get(number, [])
    for wanted in (marker_style, "list", "note"):
        styled = [note for note in candidates if note.style == wanted]
        if styled:
            after = [note for note in styled if note.line_start >= at]
            return after[0] if after and wanted in ("plain", "sup", "caret") else styled[0]
    return candidates[0] if len(candidates) == 1 else None


def marker_records(
    report_key: str,
    text: str,
    markers: list[Marker],
    by_number: dict[int, list[Note]],
    works: dict[Note, list[NoteWork]],
    pointed: dict[Note, list[Span]],
) -> Iterator[CitationRecord]:
    """One record per work per number of each marker; a number without a note gives a record without names.

    ``pointed`` is filled with each note a marker points to and where those markers stand (a note that
    cites nothing gives no record, but its marker still resolves to it in the graph)."""
    for marker in markers:
        for number in marker.numbers:
            note = marker.note or pick_note(marker.style, number, by_number, marker.start)
            form = "numbered" if note is not None and note.style == "list" else FORMS[marker.style]
            if note is None:
                yield _record(report_key, text, marker, form, number, None)
                continue
            pointed.setdefault(note, []).append(Span(report_key, marker.start, marker.end))
            note_works = works.get(note, [])
            if not note_works and note.style == "list":
                yield _record(report_key, text, marker, form, number, None, text[note.start : note.end])
            for work in note_works:
                yield _record(report_key, text, marker, form, number, work)


def _record(
    report_key: str, text: str, marker: Marker, form: str, number: int, work: NoteWork | None, cited: str = ""
) -> CitationRecord:
    if work is None:
        return CitationRecord(
            span=Span(report_key, marker.start, marker.end),
            text=text[marker.start : marker.end],
            authors="",
            year="",
            form=form,  # type: ignore[arg-type]
            marker=number,
            endnote_text=cited,
        )
    return note_record(report_key, text, marker.start, marker.end, work, form, number)


def note_record(
    report_key: str, text: str, start: int, end: int, work: NoteWork, form: str, number: int
) -> CitationRecord:
    """The record of one work of note ``number``, at ``text[start:end]`` (a marker, or the note's own words)."""
    cited = text[slice(*work.cited)]
    return CitationRecord(
        span=Span(report_key, start, end),
        text=text[start:end],
        authors=work.found.authors,
        year=work.found.year,
        form=form,  # type: ignore[arg-type]
        locator=work.found.locator or locator_in(cited),
        prefix=work.found.prefix,
        marker=number,
        endnote_text=cited,
        back=work.back,
    )


__all__ = ["FORMS", "Marker", "find_markers", "marker_records", "note_record", "pick_note", "superscript_value"]
