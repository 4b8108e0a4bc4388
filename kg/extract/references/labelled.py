"""Lists of works known by their labels rather than by a heading: ``(a) ...``, ``(b) ...`` or ``(1) ...``, ``(2) ...``.

A report may list the studies a chart or a table draws on in an appendix titled for its subject
(``Key Peak Oil Studies``), each item labelled as the chart labels them. Such a list is known by its
layout: five or more paragraphs in a row, each starting a line with the next label in order, each
item a short paragraph of its own (it ends at an empty line or at the next label), most of them
dated. What a list of prose points (``(a) the agency shall ...``) lacks is the dates and the
brevity, so it is not taken.
"""

from __future__ import annotations

import re

from kg.extract.references.fields import YEAR_VALUE
from kg.extract.references.lists import ListItem, ListSection

_LABEL = re.compile(r"^[ \t\f]*\((?P<label>[a-z]|\d{1,3})\)[ \t]+(?=\S)", re.MULTILINE)
_YEAR = re.compile(YEAR_VALUE, re.IGNORECASE)
_EMPTY_LINE = re.compile(r"\n[ \t\f]*\n")
MIN_ITEMS = 5
#: An item is a reference, not a paragraph of prose: a few lines at most.
MAX_ITEM = 600


def _value(label: str) -> int:
    return int(label) if label.isdigit() else ord(label) - ord("a") + 1


def _item(text: str, m: re.Match[str], stop: int) -> ListItem:
    """One labelled item: from after its label to the next label or the first empty line."""
    gap = _EMPTY_LINE.search(text, m.end(), stop)
    end = gap.start() if gap else stop
    end = m.end() + len(text[m.end() : end].rstrip())
    return ListItem(m.end(), end, _value(m.group("label")))


def _runs(text: str, start: int, end: int) -> list[list[ListItem]]:
    """Runs of items whose labels follow each other from ``a`` or ``1``."""
    hits = list(_LABEL.finditer(text, start, end))
    runs: list[list[ListItem]] = []
    run: list[ListItem] = []
    for i, m in enumerate(hits):
        stop = hits[i + 1].start() if i + 1 < len(hits) else end
        item = _item(text, m, stop)
        if run and item.number == (run[-1].number or 0) + 1 and item.start - run[-1].end < 400:
            run.append(item)
            continue
        if len(run) >= MIN_ITEMS:
            runs.append(run)
        run = [item] if item.number == 1 else []
    if len(run) >= MIN_ITEMS:
        runs.append(run)
    return runs


def _reads_as_references(text: str, run: list[ListItem]) -> bool:
    dated = sum(bool(_YEAR.search(text, item.start, item.end)) for item in run)
    short = all(item.end - item.start <= MAX_ITEM for item in run)
    return short and dated >= 0.7 * len(run)


def labelled_lists(text: str, taken: list[tuple[int, int]]) -> list[list[ListItem]]:
    """The labelled lists of works in ``text`` outside the stretches ``taken`` (the lists headings give)."""
    found = []
    for run in _runs(text, 0, len(text)):
        if any(a < run[-1].end and run[0].start < b for a, b in taken):
            continue
        if _reads_as_references(text, run):
            found.append(run)
    return found


def labelled_items(text: str, start: int, end: int) -> list[ListItem]:
    """The items of a labelled list between ``start`` and ``end``, or none if it is not one."""
    runs = [run for run in _runs(text, start, end) if _reads_as_references(text, run)]
    return [item for run in runs for item in run]


def with_labelled_lists(text: str, lists: list[ListSection]) -> list[ListSection]:
    """``lists`` (found by their headings) and the labelled lists outside them, in text order; a labelled list
    has no heading of its own (an empty one where it starts)."""
    taken = [(s.heading[0], s.body[1]) for s in lists]
    found = []
    for run in labelled_lists(text, taken):
        start = text.rfind("\n", 0, run[0].start) + 1  # the first label's line
        found.append(ListSection("references", (start, start), (start, run[-1].end)))
    return sorted(lists + found, key=lambda s: s.heading[0])
