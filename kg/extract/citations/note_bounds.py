"""Where a note ends at the latest: the bounds a note's text may not run past."""

from __future__ import annotations

from bisect import bisect_right

from kg.extract.references.lists import ListSection
from kg.records import PageLayout
from kg.sources.text import paragraphs


def note_stops(text: str, lists: list[ListSection], layout: PageLayout | None) -> list[int]:
    """Where a note ends at the latest: the end of a paragraph, of a list, of a page, of a footnote zone.
    Inside a footnote zone the page's geometry shows, notes are told apart by their numbers, not by short lines
    (``... found online at`` / an address too long for the line is one note)."""
    ends = {p.end for p in paragraphs(text, laid_out=layout is not None)}
    if layout is not None and layout.notes:
        zones = sorted(layout.notes)
        starts = [a for a, _ in zones]
        ends = {e for e in ends if not _within(zones, starts, e)}
    stops = ends | {s.body[1] for s in lists}
    if layout is not None:
        stops |= set(layout.pages[1:])
        stops |= {end for _, end in layout.notes}  # a footnote zone's end (the next column's text may follow)
    return sorted(stops)


def _within(zones: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    """``at`` lies strictly inside one of the (sorted) zones."""
    i = bisect_right(starts, at) - 1
    return i >= 0 and zones[i][0] < at < zones[i][1]


__all__ = ["note_stops"]
