"""A parenthesis that gives only a page (and perhaps a year), after a sentence that names a listed author.

MLA writes ``Lindgren reports that ... (88-91)`` and Chicago ``Nakamura argues that ... (2016, 57)``:
the parenthesis cites the work of the author the sentence names. It counts only when that name is
one the report's own list gives (``known``, :func:`kg.extract.citations.author_year.fold_names`) and
stands earlier in the same sentence. When the sentence already cites those names (``Patel and Grüner
suggest ... (17)``, where the names are a citation of their own), the parenthesis is no second
citation, but its page is still no statistic: it is returned as a stretch that cites.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.extract.citations.author_year import fold_names
from kg.extract.citations.pieces import YEAR, Found, View

_PAGE_ONLY = re.compile(
    rf"\((?:(?P<year>{YEAR}|n\.\s?d\.)\s*,\s*)?(?P<loc>(?:pp?\.\s*)?\d{{1,4}}(?:\s*[–-]\s*\d{{1,4}})?)\)"
)
_WINDOW = 300


def named_pages(view: View, known: frozenset[str], found: list[Found]) -> tuple[list[Found], list[tuple[int, int]]]:
    """New citations at page-only parentheses, and the parentheses that cite names already cited (folded offsets)."""
    if not known:
        return [], []
    starts = [f.start for f in found]  # ``found`` in text order
    new: list[Found] = []
    covered: list[tuple[int, int]] = []
    for g in _PAGE_ONLY.finditer(view.norm):
        if any(f.start <= g.start() < f.end for f in _near(found, starts, g.start(), g.end())):
            continue  # already part of a citation: "Fishman (2016, 102)"
        lo = max(view.floor(g.start()), g.start() - _WINDOW)
        stop = view.norm.rfind(". ", lo, g.start())
        window = view.norm[stop + 2 if stop >= 0 else lo : g.start()]
        name = _last_known(window, known)
        if name is None:
            continue
        cited = _near(found, starts, g.start() - len(window), g.start())
        if any(fold_names(f.authors) == name for f in cited):
            covered.append((g.start(), g.end()))
            continue
        written = next(m.group() for m in _name_pattern(name).finditer(window) if m)  # as the text writes it
        year = g.group("year") or ""
        new.append(Found(g.start(), g.end(), " ".join(written.split()), year, "narrative", locator=g.group("loc")))
    return new, covered


def _near(found: list[Found], starts: list[int], start: int, end: int) -> list[Found]:
    i = bisect_left(starts, start - _WINDOW)
    return [f for f in found[i : bisect_left(starts, end)] if f.end > start]


def _name_pattern(name: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in name.split()]
    return re.compile(r"(?<!\w)" + r"[\s\W]+".join(w.replace("and", "(?:and|&)") for w in words) + r"(?!\w)", re.I)


def _last_known(window: str, known: frozenset[str]) -> str | None:
    """The known name that stands last in the window, if any."""
    folded = fold_names(window)
    best, at = None, -1
    for name in known:
        i = folded.rfind(name)
        while i >= 0 and not _whole_words(folded, i, len(name)):
            i = folded.rfind(name, 0, i)
        if i > at:
            best, at = name, i
    return best


def _whole_words(text: str, i: int, n: int) -> bool:
    return (i == 0 or text[i - 1] == " ") and (i + n == len(text) or text[i + n] == " ")
