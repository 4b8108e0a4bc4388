"""Months and years as texts write them: the one copy every stage uses.

Citations (``(Smith, June 2012)``), statistics (a year is not a figure), the resolver (a note's
date against an entry's) and the app (dated events) all read dates with these patterns, so they
agree on what a year is: four digits from 1500 to 2099.
"""

from __future__ import annotations

#: A year a work or an event can carry (``1651`` to ``2099``), not followed by another digit.
YEAR = r"(?:1[5-9]\d\d|20\d\d)"

#: A month, written out or abbreviated (``Sept.``, ``Jan``), its period optional.
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)

#: A month with an optional day and a year: ``June 26, 2012``, ``September 2010``, ``Sept. 3 2011``.
MONTH_DAY_YEAR = rf"{MONTH}\s+(?:\d{{1,2}},?\s+)?{YEAR}"

_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


#: The months as a capitalised word of a text writes them, in full or abbreviated (no period).
MONTH_WORDS: frozenset[str] = frozenset(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)

#: What stands for a year when a work has none: ``n.d.``, ``in press``, ``forthcoming``.
UNDATED = r"n\.\s?d\.|in press|forthcoming"


def month_number(name: str) -> int | None:
    """``June`` -> 6, ``Sept.`` -> 9; None for a word that is not a month."""
    return _MONTH_NUMBERS.get(name.rstrip(".").lower())
