"""Footnotes whose numbers a PDF's text layer gives as plain digits: ``... the Act (GPRA)1 planning`` in the
body, ``1 Pub. L. No. 103-62 ...`` (or the number alone on the line before) at the foot of the page.

A raised number loses its raise in most PDF text layers, so a footnote looks like any number. Two
things tell it apart, and both are required: the number is glued to the word or punctuation before it
in the running text (``not.2 Federal``, ``previously31 that``), which a quantity never is; and a line at
the foot of the same page starts with that number. The notes of a page run in order (``27``, ``28``)
and sit last on it, so the foot's note lines are taken from the page's end backwards while their
numbers count down and each has its glued marker above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.citations.notes import Note
from kg.records import PageLayout

#: A note's first line: its number, then its text on the same line (``27Workforce``, ``3 See``) or the next.
_NOTE_START = re.compile(r"^[ \t]*(?P<n>\d{1,3})(?:[ \t]*\n[ \t]*(?=\S)|[ \t]?(?=[A-Z“\"‘'(§]))", re.MULTILINE)
#: A marker: digits glued to a word, a closing bracket or punctuation, then a space, punctuation or the end.
_GLUED = r"(?<!\d[.,])(?<=[A-Za-z)\].,;:”’\"%]){n}(?![\d])(?=[\s.,;:)—–-]|$)"


@dataclass(frozen=True)
class PlainMarker:
    start: int
    end: int
    number: int


def _pages(text: str, layout: PageLayout | None) -> list[tuple[int, int]]:
    """The pages as offsets: the layout's page map, else form feeds."""
    if layout is not None and len(layout.pages) > 1:
        starts = list(layout.pages)
    else:
        starts = [0] + [m.end() for m in re.finditer("\f", text)]
    return [(a, b) for a, b in zip(starts, [*starts[1:], len(text)], strict=False) if b > a]


def _marker(text: str, number: int, start: int, end: int) -> PlainMarker | None:
    """The first glued marker of ``number`` in ``text[start:end]``."""
    m = re.compile(_GLUED.format(n=number)).search(text, start, end)
    return PlainMarker(m.start(), m.end(), number) if m else None


def plain_footnotes(
    text: str, layout: PageLayout | None, taken: list[tuple[int, int]]
) -> list[tuple[Note, PlainMarker]]:
    """The footnotes of ``text`` (the readable copy, furniture blanked), each with its marker in the body.

    ``taken`` are stretches already read as lists or notes: no plain footnote is looked for there.
    """
    notes: list[tuple[Note, PlainMarker]] = []
    for page_start, page_end in _pages(text, layout):
        starts = [
            m for m in _NOTE_START.finditer(text, page_start, page_end) if not any(a <= m.start() < b for a, b in taken)
        ]
        found: list[tuple[re.Match[str], PlainMarker]] = []
        expected: int | None = None
        for m in reversed(starts):
            number = int(m.group("n"))
            if number == 0 or (expected is not None and number != expected):
                if found:
                    break
                continue
            marker = _marker(text, number, page_start, m.start())
            if marker is None:
                if found:
                    break
                continue
            found.append((m, marker))
            expected = number - 1
        found.reverse()
        for i, (m, marker) in enumerate(found):
            end = found[i + 1][0].start() if i + 1 < len(found) else page_end
            start = m.end()
            end = start + len(text[start:end].rstrip())
            if end <= start:
                continue
            notes.append((Note("plain", int(m.group("n")), m.start(), start, end), marker))
    return notes


__all__ = ["PlainMarker", "plain_footnotes"]
