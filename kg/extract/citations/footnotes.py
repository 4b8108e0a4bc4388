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
#: A note whose text starts with a number glues the two (``2912 U.S.C. § 3311`` is note 29): every split of
#: the leading digits is a candidate, and the count-down from the page's end picks one.
_NOTE_START = re.compile(
    r"^[ \t]*(?P<digits>\d{1,6})(?P<rest>[ \t]*\n[ \t]*(?=\S)|[ \t]?(?=[A-Z“\"‘'(§\d]))", re.MULTILINE
)
#: A marker: digits glued to a word, a closing bracket or punctuation, then a space, punctuation or the end.
_GLUED = r"(?<=[a-z)\].,;:”’\"%]){n}(?![\d])(?=\s|[.,;:)—–-](?:\s|$)|$)"
#: The word a marker is glued to, when it is glued to letters: a word in lower case (``previously31``),
#: not an identifier (``REexpr1``, ``x2``).
_WORD_BEFORE = re.compile(r"(?<![\w.])[a-z]{3,}$")
#: A note's text reads as prose: a capital, a quotation mark, a section sign, or a number then a capital
#: (``12 U.S.C. § 3311``); and it holds words.
_NOTE_TEXT = re.compile(r"[A-Z“\"‘'(§]|\d+\s+[A-Z§]")
#: Before a marker, a number and a stop or comma make a decimal (``1.6``), unless the number is a year (``2006.41``).
_DECIMAL_BEFORE = re.compile(r"\d[.,]$")
_YEAR_BEFORE = re.compile(r"(?<!\d)(?:1[6-9]|20)\d\d\.$")


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


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def first_marker(text: str, number: int, start: int, end: int) -> PlainMarker | None:
    """The first marker of ``number`` in ``text[start:end]``: glued digits, or the superscript digits the PDF
    reader writes for a marker it saw raised (``modem.¹``), whichever comes first."""
    raised = re.compile(r"(?<=\S)" + str(number).translate(_SUPERSCRIPT) + "(?![⁰¹²³⁴⁵⁶⁷⁸⁹])").search(text, start, end)
    for m in re.compile(_GLUED.format(n=number)).finditer(text, start, raised.start() if raised else end):
        before = text[max(0, m.start() - 20) : m.start()]
        if before[-1:].isalpha() and not _WORD_BEFORE.search(before):
            continue
        year_stop = _YEAR_BEFORE.search(before) and text[m.end() : m.end() + 1].isspace()
        if _DECIMAL_BEFORE.search(before) and not year_stop:
            continue
        return PlainMarker(m.start(), m.end(), number)
    return PlainMarker(raised.start(), raised.end(), number) if raised else None


def _starts(text: str, start: int, end: int) -> dict[int, list[tuple[int, int]]]:
    """Candidate note starts in ``text[start:end]``, by line start: (number, text start) for each split of the
    leading digits, the whole number first, then the longer splits."""
    lines: dict[int, list[tuple[int, int]]] = {}
    for m in _NOTE_START.finditer(text, start, end):
        digits, own_line = m.group("digits"), m.group("rest").lstrip(" \t").startswith("\n")
        splits = []
        for k in range(min(3, len(digits)), 0, -1):
            glued = digits[k:]
            if (glued and own_line) or (not glued and len(digits) > 3):
                continue  # "2912" alone on its line is no note 29 whose text is 12
            text_start = m.start("digits") + k if glued else m.end()
            if (
                _NOTE_TEXT.match(text, text_start)
                and len(re.findall(r"[A-Za-z]+", text[text_start : text_start + 80])) >= 3
            ):
                splits.append((int(digits[:k]), text_start))
        if splits:
            lines[m.start()] = splits
    return lines


def plain_footnotes(
    text: str, layout: PageLayout | None, taken: list[tuple[int, int]]
) -> list[tuple[Note, PlainMarker]]:
    """The footnotes of ``text`` (the readable copy, furniture blanked), each with its marker in the body.

    ``taken`` are stretches already read as lists or notes: no plain footnote is looked for there.
    """
    notes: list[tuple[Note, PlainMarker]] = []
    for page_start, page_end in _pages(text, layout):
        lines = {k: v for k, v in _starts(text, page_start, page_end).items() if not any(a <= k < b for a, b in taken)}
        found: list[tuple[int, int, int, PlainMarker]] = []  # (line start, text start, number, marker)
        expected: int | None = None
        for line in sorted(lines, reverse=True):
            for number, start in lines[line]:
                if number == 0 or (expected is not None and number != expected):
                    continue
                marker = first_marker(text, number, page_start, line)
                if marker is not None:
                    found.append((line, start, number, marker))
                    expected = number - 1
                    break
            if expected == 0:
                break
        found.reverse()
        for i, (line, start, number, marker) in enumerate(found):
            end = found[i + 1][0] if i + 1 < len(found) else page_end
            end = start + len(text[start:end].rstrip())
            if end > start:
                notes.append((Note("plain", number, line, start, end), marker))
    return notes


__all__ = ["PlainMarker", "first_marker", "plain_footnotes"]
