"""Page furniture and footnote zones from where lines stand on the page, not from the text's order.

:mod:`kg.sources.layout` finds furniture from the text alone: the first and last lines of each
page as the text gives them. A PDF's content stream need not put the running head first or the
page number last (Word and the US GPO often write a page's number in the middle of its stream),
and a slug turned along the margin is a line like any other in the text. Here each line's box is
known (:class:`LineBox`, measured from PDFium's glyph origins, matrices and boxes), so:

* **turned text** (a line whose glyphs run up or down the page: a margin note, a printer's slug
  such as ``jbell on DSKJLSW7X2PROD with PROPOSALS``) is furniture;
* **edge lines** are the two highest and two lowest lines of a page by their baseline, wherever
  the text puts them. An edge line is furniture when it is a page number (``12``, ``Page 3 of
  40``, ``- 7 -``), or when, digits aside, it recurs at the same edge of at least two pages and
  a quarter of them, is short and does not end like a sentence;
* a **footnote zone** is the block at a page's foot, under the running text, printed smaller than
  the document's body text, whose first line starts with a note number (raised, or leading the
  line). Its lines are recorded as one stretch where the text keeps them together.

The sizes are the printed sizes (font size times the text matrix's scale), so a producer that
sets every font to size 1 and scales the matrix reads like any other.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from kg.sources.layout import PAGE_NUMBER, line_key

_EDGE = 2
_NOTE_START = re.compile(r"^\s*(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,3}[.)]?\s+[A-Z“\"‘]|[*†‡])")


class LineBox(NamedTuple):
    """One printed line: its stripped offsets in the text, baseline, printed size, box height, extent, direction."""

    start: int
    end: int
    baseline: float
    size: float
    height: float
    x0: float
    x1: float
    upright: bool


class PageGeometry(NamedTuple):
    width: float
    height: float
    lines: list[LineBox]
    sideways: bool = False  # the page's text runs up, down or mirrored: its edges are not its top and foot


class Geometry(NamedTuple):
    furniture: tuple[tuple[int, int], ...]
    notes: tuple[tuple[int, int], ...]


def _edges(page: PageGeometry) -> list[tuple[str, LineBox]]:
    """The highest and lowest upright lines of a page, by where they stand."""
    if page.sideways:
        return []
    upright = sorted((ln for ln in page.lines if ln.upright), key=lambda ln: -ln.baseline)
    top = upright[:_EDGE]
    foot = upright[max(_EDGE, len(upright) - _EDGE) :]
    return [("top", ln) for ln in top] + [("foot", ln) for ln in foot]


def _furniture(text: str, pages: list[PageGeometry]) -> set[tuple[int, int]]:
    found = {(ln.start, ln.end) for page in pages for ln in page.lines if not ln.upright}
    edges = [(n, edge, ln) for n, page in enumerate(pages) for edge, ln in _edges(page)]
    recurring: Counter[tuple[str, str]] = Counter()  # on how many pages each line recurs at each edge
    for _, edge, key in {(n, e, line_key(text[ln.start : ln.end])) for n, e, ln in edges}:
        recurring[(edge, key)] += 1
    with_text = sum(1 for page in pages if page.lines)
    needed = max(2, -(-with_text // 4))
    for _, edge, ln in edges:
        line = text[ln.start : ln.end]
        if _NOTE_START.match(line) and not PAGE_NUMBER.match(line):
            continue
        repeats = recurring[(edge, line_key(line))] >= needed
        if PAGE_NUMBER.match(line) or (repeats and len(line) <= 200 and not re.search(r"[-.,;:]$", line)):
            found.add((ln.start, ln.end))
    return found


def _body_size(pages: list[PageGeometry]) -> float:
    """The document's body text size: the size most of its characters are printed in."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page.lines:
            if ln.upright and ln.size:
                sizes[round(ln.size, 1)] += ln.end - ln.start
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _beside(a: LineBox, b: LineBox) -> bool:
    """Whether two lines share some width of the page (stand in one column)."""
    return a.x0 < b.x1 and b.x0 < a.x1


def _notes(text: str, page: PageGeometry, body: float, furniture: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The page's footnote zones: in each column, the smaller lines at its foot from one that starts with a number."""
    lines = [ln for ln in page.lines if ln.upright and (ln.start, ln.end) not in furniture and ln.size]
    if page.sideways:
        return []
    small = [ln for ln in lines if ln.size <= 0.92 * body]
    if len(small) == len(lines):  # a page all in small print has no footnote zone
        return []
    taken: set[LineBox] = set()
    zone: list[tuple[int, int]] = []
    for first in sorted(small, key=lambda ln: -ln.baseline):
        if first in taken or not _NOTE_START.match(text[first.start : first.end]):
            continue
        if any(ln.size > 0.92 * body and ln.baseline < first.baseline and _beside(ln, first) for ln in lines):
            continue  # running text under it: not at the foot
        below = [ln for ln in small if ln.baseline <= first.baseline and _beside(ln, first) and ln not in taken]
        taken.update(below)
        zone += [(ln.start, ln.end) for ln in below]
    if not zone:
        return []
    zone.sort()
    spans = [list(zone[0])]
    for a, b in zone[1:]:
        if not text[spans[-1][1] : a].strip():  # kept together in the text
            spans[-1][1] = b
        else:
            spans.append([a, b])
    return [(a, b) for a, b in spans]


def recognise_geometry(text: str, pages: list[PageGeometry]) -> Geometry:
    """The furniture and footnote zones of a PDF's pages (see the module docstring)."""
    furniture = _furniture(text, pages)
    body = _body_size(pages)
    notes = [span for page in pages for span in _notes(text, page, body, furniture)] if body else []
    return Geometry(tuple(sorted(furniture)), tuple(sorted(notes)))
