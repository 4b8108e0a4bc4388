"""The engine's syntax errors said in the user's lines, as the reader's own refusals are.

The reader (:mod:`kg.query.reading`) accepts a query the engine may still refuse: rdflib and
Oxigraph do not read SPARQL alike at every edge (a ``LIMIT`` of 5,000 digits passes rdflib's grammar
and fails Oxigraph's ``u64``). Oxigraph then says ``error at 18:5035`` of the text it was given, the
usual prefix declarations included, and a user who typed one line is pointed at line 18. This puts
the position back into the user's lines and says it the reader's way: ``where: line 1, column 5035``.
"""

from __future__ import annotations

import re

from kg.errors import QueryError

_ENGINE_AT = re.compile(r"not valid SPARQL: error at (\d+):(\d+):\s*")


def in_user_lines(error: QueryError, prefix_lines: int, where: str) -> QueryError:
    """The same error, its engine position counted from the user's first line (unchanged if it has none)."""
    message = str(error)
    found = _ENGINE_AT.search(message)
    if found is None:
        return error
    line = int(found.group(1)) - prefix_lines
    if line < 1:  # in the declarations the tool wrote: no line of the user's to name
        return QueryError(f"{where}: not valid SPARQL: {message[found.end() :]}")
    return QueryError(f"{where}: line {line}, column {found.group(2)}: not valid SPARQL: {message[found.end() :]}")
