"""Where a parameter is bound, the parser must see code: the binder's places checked by the checker itself.

The binder (:mod:`kg.store.binding`) writes each parameter as a ``VALUES`` block (or ``BIND``) at
places it finds in the query's text: the outermost group, each UNION branch, each subquery that
projects the variable. It finds them by scanning the text, and a scan that misreads a string was
how a parameter value once turned a checked query into another one (issue 22: ``'''a\\'''`` read
as ended, a block bound inside the string, a value ``http://e/''',#`` closing it and commenting
out the rest of the line, and a SERVICE that had been string content ran).

So before a query runs with parameters, the binder's places are checked by the same reader that
checked the query (:func:`kg.query.reading.count_iri`): the query with a sentinel IRI bound at
every place must still be a read-only query, and the reader must find the sentinel as a term as
often as it was written. A place inside a string, a comment or an IRI hides it, and the query is
refused. The places depend only on the text and the parameters' names, never on their values
(each value is one checked token: :func:`kg.store.binding.written`), so the check is made once per
query and names, and cached.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from kg.errors import QueryError
from kg.query.reading import count_iri
from kg.store.binding import inject_value_rows
from kg.store.results import Term

#: The IRI bound at each place for the check (a ``urn:`` of no graph: never a real term).
SENTINEL = "urn:kg:parameter-bound-here"


def check_binding_places(text: str, names: Sequence[str], where: str = "query") -> None:
    """A :class:`QueryError` unless every place the binder uses for ``names`` in ``text`` is code."""
    if names:
        _check(text, tuple(names), where)


@lru_cache(maxsize=256)
def _check(text: str, names: tuple[str, ...], where: str) -> None:
    marked = inject_value_rows(text, names, [tuple(Term("uri", SENTINEL) for _ in names)])
    written = marked.count(f"<{SENTINEL}>") - text.count(f"<{SENTINEL}>")
    already = count_iri(text, SENTINEL, where=where) if SENTINEL in text else 0
    seen = count_iri(marked, SENTINEL, where=where) - already
    if seen != written:
        raise QueryError(
            f"{where}: the query's parameters cannot be bound safely: a place for them is inside a string, "
            f"a comment or an IRI as the engine reads it ({seen} of {written} found); the query is not run"
        )
