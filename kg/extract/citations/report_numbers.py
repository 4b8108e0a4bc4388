"""Reports cited by their number alone: a note that says ``GAO-04-38.`` or ``See GAO-05-939T.``.

Government reports are numbered (``GAO-04-38``, ``GAO/GGD-96-118``, ``GAO-03-1166T``), and a report
that has cited one in full (``GAO, Results-Oriented Government: ..., GAO-04-38 (Washington, D.C.:
Mar. 10, 2004).``) cites it again by the number. Such a number is a short citation of the work whose
full reference, in a note or in a list of the report, holds the same number: it takes that
reference's names, year and words, so it resolves as that reference does. A number that no full
reference holds is left alone (it may be the report's own, or one it only mentions).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.citations.notes import Note, NoteWork
from kg.extract.citations.pieces import Found
from kg.extract.references.fields import REPORT_NUMBER

__all__ = ["REPORT_NUMBER", "FullReference", "full_references", "number_works"]


@dataclass(frozen=True)
class FullReference:
    """A reference in full that holds report numbers: the names and year it is cited by, and where it stands."""

    authors: str
    year: str
    span: tuple[int, int]


def full_references(
    text: str, works: dict[Note, list[NoteWork]], listed: list[FullReference]
) -> dict[str, FullReference]:
    """Each report number a full reference holds, and that reference: the first note that gives it in full,
    else an entry of the report's lists."""
    found: dict[str, FullReference] = {}
    for note in sorted(works, key=lambda n: n.start):
        for work in works[note]:
            if work.short or work.back or work.found.form == "named":
                continue
            for number in REPORT_NUMBER.findall(text, *work.cited):
                found.setdefault(number, FullReference(work.found.authors, work.found.year, work.cited))
    for ref in listed:
        for number in REPORT_NUMBER.findall(text, *ref.span):
            found.setdefault(number, ref)
    return found


def number_works(text: str, note: Note, works: list[NoteWork], full: dict[str, FullReference]) -> list[NoteWork]:
    """The report numbers of ``note`` outside its works' own references, each a short citation of its full
    reference (see the module docstring)."""
    added = []
    for m in REPORT_NUMBER.finditer(text, note.start, note.end):
        ref = full.get(m.group())
        if ref is None or ref.span[0] <= m.start() < ref.span[1]:
            continue
        if any(w.cited[0] <= m.start() < w.cited[1] for w in works if not w.short):
            continue
        pointer = Found(m.start(), m.end(), ref.authors, ref.year, "endnote")
        added.append(NoteWork(pointer, ref.span, (m.start(), m.end()), short=True))
    return added
