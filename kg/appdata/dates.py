"""Months and years as the app reads them in a sentence (the dated events of a platform's page).

The read side imports nothing from the write side, so these are the patterns of
:mod:`kg.sources.dates` written out again; tests/test_architecture.py checks that the two copies
are the same, so the app and the build never disagree on what a year is.
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
