"""The stretches of a sentence already claimed (by a mask or a figure), asked in logarithmic time.

A sentence may hold thousands of masked years and figures (a run of citations with no sentence end,
a one-paragraph web export); asking every candidate figure against every claimed stretch made
``find_figures`` quadratic in the sentence's length (issue 22 item 5). The claimed stretches are
kept as sorted, non-overlapping intervals, so one question is one bisection.
"""

from __future__ import annotations

from bisect import bisect_left, insort


class Taken:
    """Half-open stretches ``[a, b)`` of a text; ``overlaps`` answers as ``any(s < b and a < e ...)`` would."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._points: list[int] = []  # empty stretches: they overlap only a stretch strictly around them
        for a, b in sorted(spans):
            if a >= b:
                self._points.append(a)
            elif self._ends and a < self._ends[-1]:  # overlapping stretches merge; touching ones stay apart
                self._ends[-1] = max(self._ends[-1], b)
            else:
                self._starts.append(a)
                self._ends.append(b)
        self._points.sort()

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a position with a claimed stretch (as the pairwise test would say)."""
        i = bisect_left(self._starts, end) - 1  # the last stretch beginning before ``end``
        if i >= 0 and self._ends[i] > start:  # ends are sorted too, so no earlier stretch reaches further
            return True
        j = bisect_left(self._points, start + 1)
        return j < len(self._points) and self._points[j] < end

    def add(self, start: int, end: int) -> None:
        """Claim ``[start, end)``, which must not overlap a claimed stretch (``overlaps`` said so)."""
        if start >= end:
            insort(self._points, start)
            return
        i = bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
