"""Endnotes numbered in plain digits, gathered at the end of a book or report and numbered afresh for each
chapter: ``... flip off the modem.1 Pogue was ...`` in the body, ``1. David Pogue, "Don't Just Chat, ..."``
under the chapter's heading in the notes.

The notes are runs of numbered lines (``1.``, ``2.``, ...) that count up from one, in the last half of the
text; two runs of three or more make them endnotes, and then every run is a chapter's notes. The body's
markers are numbers glued to the word or punctuation before them (as :mod:`.footnotes` reads them). Each
run is matched to its chapter in the body: by the heading above it in the notes when the body writes the
same heading (``CHAPTER ONE: CREATORS``), else by order, after the chapter before; within the chapter, its
note 1 is the first marker 1, its note 2 the next marker 2 after that, and so on.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.citations.footnotes import PlainMarker, first_marker
from kg.extract.citations.markers import Marker
from kg.extract.citations.notes import Note

_ITEM = re.compile(r"^[ \t\f]*(?P<n>\d{1,3})\.[ \t]+(?=[A-Z“\"‘'(§])", re.MULTILINE)
#: What ends a note: a heading in capitals, a line of digits only (a margin's line numbers).
_STOP = re.compile(r"^[ \t]*(?:[A-Z][A-Z0-9 ’'“”:,.&-]{5,}|\d+[A-Z]?)[ \t]*$", re.MULTILINE)
#: A heading above a run of notes: a line in capitals (``CHAPTER ONE: CREATORS``, ``INTRODUCTION``).
_HEADING = re.compile(r"^[ \t\f]*([A-Z“”][A-Z0-9’'“”:,.&-]*(?:[ \t]+[A-Z0-9’'“”:,.&-]+)*)[ \t]*$", re.MULTILINE)
_NOT_CHAPTERS = frozenset({"NOTES", "ENDNOTES", "CONTENTS", "INDEX"})
_MIN_RUN = 3

Run = list[tuple[int, int, int]]  # (line start, text start, number)


def _runs(text: str, start: int) -> list[Run]:
    """Runs of numbered lines counting up from one, after ``start``."""
    runs: list[Run] = []
    current: Run = []
    for m in _ITEM.finditer(text, start):
        number = int(m.group("n"))
        if number == 1:
            if current:
                runs.append(current)
            current = [(m.start(), m.end(), 1)]
        elif current and number == current[-1][2] + 1:
            current.append((m.start(), m.end(), number))
    if current:
        runs.append(current)
    return runs


def _chapter_starts(text: str, runs: list[Run], notes_start: int) -> list[int | None]:
    """Where each run's chapter starts in the body, when a heading above the run in the notes is written in
    the body too (in any case, as a line of its own): its last place before the notes."""
    starts: list[int | None] = []
    previous = notes_start
    for run in runs:
        headings = [
            h
            for h in _HEADING.findall(text, previous, run[0][0])
            if re.search(r"[A-Z]{4}", h) and h.split()[0].strip("“”") not in _NOT_CHAPTERS
        ]
        previous = run[-1][1]
        place = None
        for heading in reversed(headings):
            words = heading.split()
            pattern = re.compile(r"(?im)^[ \t\f]*" + r"\s+".join(map(re.escape, words)) + r"[ \t]*$")
            places = [m.start() for m in pattern.finditer(text, 0, notes_start)]
            if places:
                place = places[-1]
                break
        starts.append(place)
    return starts


def chapter_endnotes(text: str, taken: list[tuple[int, int]] | None = None) -> list[tuple[Note, PlainMarker]]:
    """The endnotes of ``text`` (the readable copy), each with its marker in the body, in the body's order.

    ``taken`` are stretches already read as reference lists: no endnote is looked for there.
    """
    runs = [r for r in _runs(text, len(text) // 2) if not any(a <= r[0][0] < b for a, b in taken or [])]
    if sum(len(r) >= _MIN_RUN for r in runs) < 2:  # numbered afresh per chapter: one run is a numbered list
        return []
    # the notes start with the first run of three or more (a lone "1." before it is the body's); after it, a
    # chapter with one or two notes is a run too, so that the runs stay in step with the chapters
    runs = runs[next(i for i, r in enumerate(runs) if len(r) >= _MIN_RUN) :]
    notes_start = runs[0][0][0]
    chapters = _chapter_starts(text, runs, notes_start)
    found: list[tuple[Note, PlainMarker]] = []
    position = 0
    for k, run in enumerate(runs):
        if chapters[k] is not None:
            position = max(position, chapters[k] or 0)
        later = [c for c in chapters[k + 1 :] if c is not None and c > position]
        bound = later[0] if later else notes_start
        first = first_marker(text, 1, position, bound)
        if first is None:
            continue
        if not later:  # no heading ahead: the chapter ends where the next one's first marker stands
            following = first_marker(text, 1, first.end, notes_start)
            bound = following.start if following is not None else notes_start
        position = first.start
        for i, (line, start, number) in enumerate(run):
            marker = first_marker(text, number, position, bound)
            if marker is None:
                continue  # a marker missed is skipped, never looked for in the chapters after
            position = marker.end
            nxt = run[i + 1][0] if i + 1 < len(run) else len(text)
            stop = _STOP.search(text, start, nxt)
            end = stop.start() if stop else nxt
            end = start + len(text[start:end].rstrip())
            if end > start:
                found.append((Note("plain", number, line, start, end, chapter=k + 1), marker))
        position = max(position, bound if later else position)
    return found


def in_chapter(marker: Marker, matched: list[Marker], notes: list[Note]) -> Marker:
    """A raised marker chapter matching missed, given the note of its number in the chapter of the marker
    matched last before it: that note's run of notes (from its chapter's note 1 to the next chapter's),
    not the first note of that number in the book."""
    before = [m for m in matched if m.note is not None and m.end <= marker.start]
    if len(marker.numbers) != 1 or not before:
        return marker
    anchor = before[-1].note
    assert anchor is not None
    ordered = sorted((n for n in notes if n.style in ("plain", "note")), key=lambda n: n.line_start)
    at = next((i for i, n in enumerate(ordered) if n.line_start == anchor.line_start), None)
    if at is None:
        return marker
    first = next((i for i in range(at, -1, -1) if ordered[i].number == 1), 0)
    last = next((i for i in range(at + 1, len(ordered)) if ordered[i].number == 1), len(ordered))
    note = next((n for n in ordered[first:last] if n.number == marker.numbers[0]), None)
    return replace(marker, note=note) if note is not None else marker


__all__ = ["chapter_endnotes", "in_chapter"]
