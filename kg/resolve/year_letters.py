"""The letter after a citation's year (``Zhang et al., 2024a``) when the reference list writes the year without it.

Author-year styles tell apart the works one set of authors published in one year by letters, ``a`` for the first
of them in the list, ``b`` for the next. A list may leave the letters out (a style that adds them in the text only,
or a list read without them); the letter then still says which of the list's works of that year is meant.
"""

from __future__ import annotations

import re

_LETTERED = re.compile(r"(\d{4})([a-z])")


def by_letter(year: str, exact: list[tuple[str, str]], every_year: list[str]) -> tuple[str, str] | None:
    """The key the letter of ``year`` picks, and a note that says how, or None when it does not say.

    ``exact``: ``(key, year)`` of the entries whose names match the citation's exactly, in the list's order;
    ``every_year``: the years of every entry that fits the names in any way. The letter counts only the works of
    the year written, when there are two or more and none of them has a letter of its own (an entry ``2024a``
    is matched by its year as written)."""
    m = _LETTERED.fullmatch(year.strip())
    if m is None:
        return None
    bare, at = m.group(1), ord(m.group(2)) - ord("a")
    same = [key for key, y in exact if y == bare]
    if len(same) < 2 or at >= len(same) or any(y[:4] == bare and y != bare for y in every_year):
        return None
    return same[at], f"year written {year}; the entry has {bare} (the list's work {at + 1} of {len(same)} of that year)"
