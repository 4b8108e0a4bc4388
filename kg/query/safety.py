"""The read-only check every query a user can write goes through: no update, no SERVICE, no FROM.

The parsed query is inspected, not its text: a string literal containing the word SERVICE is
fine; a SERVICE clause is not.
"""

from __future__ import annotations

from functools import lru_cache

from kg.errors import QueryError


def _names(node: object) -> set[str]:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            found.add(item.name)
            stack.extend(item.values())
        elif isinstance(item, (list, ParseResults)):
            stack.extend(item)
    return found


_FORM_NODES = {"SELECT": "SelectQuery", "ASK": "AskQuery", "CONSTRUCT": "ConstructQuery", "DESCRIBE": "DescribeQuery"}


@lru_cache(maxsize=256)
def check_read_only(sparql: str, where: str = "query", forms: tuple[str, ...] = ("SELECT", "ASK")) -> None:
    """Refuse anything but a read-only SELECT/ASK over the store's own data.

    The parsed query is inspected, not its text: a string literal containing the
    word SERVICE is fine; a SERVICE clause is not. rdflib's parser is imported here, not at the
    top: it costs a third of a second, which the app's first page need not pay.
    """
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree = parseQuery(sparql)
    except Exception as exc:
        try:
            update = parseUpdate(sparql)
        except Exception:
            raise QueryError(f"{where}: not valid SPARQL: {_first_line(exc)}") from exc
        kinds = sorted(_names(update) - {"Update", "Quads", "PrefixDecl", "TriplesBlock"})
        raise QueryError(
            f"{where}: updates are refused ({', '.join(kinds) or 'UPDATE'}); the store is read-only"
        ) from exc
    names = _names(tree)
    if "ServiceGraphPattern" in names:
        raise QueryError(f"{where}: SERVICE is refused: queries may not reach other endpoints")
    if "DatasetClause" in names:
        raise QueryError(f"{where}: FROM / FROM NAMED is refused: queries run over the store's own graph")
    if not names & {_FORM_NODES[f] for f in forms}:
        raise QueryError(f"{where}: only {' and '.join(forms)} queries are supported here")


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
