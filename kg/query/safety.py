"""The read-only check every query a user can write goes through: no update, no SERVICE, no FROM.

It is :func:`kg.query.reading.read_query`: the query is read once, the way the engine will read
it, and the engine then runs the text that was read (codepoint escapes processed), so the check
and the engine can never see two different queries.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.query.prefixes import PREFIX_MAP
from kg.query.reading import CONSOLE_FORMS, ReadQuery, read_query


def check_read_only(sparql: str, where: str = "query", forms: Sequence[str] = CONSOLE_FORMS) -> ReadQuery:
    """The query as read, or a :class:`~kg.errors.QueryError` if it is not a read-only query of ``forms``."""
    return read_query(sparql, where=where, forms=forms)


def read_console(sparql: str, where: str = "console") -> ReadQuery:
    """A typed query read once, with the usual prefixes declared before it (errors count the user's lines)."""
    return read_query(sparql, where=where, prefixes=PREFIX_MAP, forms=CONSOLE_FORMS)
