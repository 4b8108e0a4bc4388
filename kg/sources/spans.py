"""Finding, among many stretches of one text, those near a given stretch, without looking at all of them.

Extraction often asks "does this new find overlap one already taken?" or "which citations
lie in this sentence?". Asked of a list, each question costs the length of the list, and
over a whole text the questions cost its square. A :class:`SpanIndex` files every stretch
under the cells of ``CELL`` code points it covers, so that a question looks only at the
cells it covers: time proportional to the stretch asked about and the items there.

The index only narrows the search: callers still apply their own exact test (overlap,
containment) to what :meth:`SpanIndex.near` yields, so answers are the same as scanning
the whole list.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")

#: Code points per cell: stretches are filed under every cell they cover.
CELL = 64


class SpanIndex(Generic[T]):
    """Items with ``[start, end)`` offsets, looked up by the offsets they cover."""

    def __init__(self, cell: int = CELL) -> None:
        self._cell = cell
        self._cells: dict[int, list[tuple[int, int, T]]] = {}

    def add(self, start: int, end: int, item: T) -> None:
        """File ``item`` under the offsets ``start`` to ``end - 1`` (``start`` alone when empty)."""
        entry = (start, end, item)
        cells = self._cells
        for cell in range(start // self._cell, max(start, end - 1) // self._cell + 1):
            bucket = cells.get(cell)
            if bucket is None:
                cells[cell] = [entry]
            else:
                bucket.append(entry)

    def near(self, start: int, end: int) -> Iterator[tuple[int, int, T]]:
        """Each item (once, as ``(start, end, item)``) filed under an offset from ``start - 1`` to ``end``.

        Among them is every item that overlaps ``[start, end)`` (``a < end and start < b``),
        lies within it or contains it, empty stretches included; filter with the exact test.
        """
        size = self._cell
        first, last = max(0, start - 1) // size, end // size
        cells = self._cells
        for cell in range(first, last + 1):
            bucket = cells.get(cell)
            if bucket is None:
                continue
            for entry in bucket:
                # An item covering several cells is yielded from the first of them that is asked about.
                if cell == first or entry[0] // size == cell:
                    yield entry
