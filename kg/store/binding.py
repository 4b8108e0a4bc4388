"""Parameters as a ``VALUES`` block: the one way to bind a variable that every SPARQL engine understands.

The SPARQL protocol has no parameter binding, so the remote store states each parameter as a
one-row ``VALUES`` block first in the query's outermost group. The embedded store binds with
Oxigraph's substitutions and adds the same block as a hint to Oxigraph's planner, which does not
see substitutions when it orders joins (on a million triples a one-work lookup took 720 ms with
substitutions alone, 0.9 ms with the block). Each value is a validated :class:`Term` written as
one escaped RDF term, never user text pasted into the query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kg.errors import QueryError
from kg.store.results import Term

_SKIP = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_SAFE_IRI = re.compile(r'^[^<>"{}|^`\\\s]+$')
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


def inject_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """Put ``VALUES (?a ?b) { (t1 t2) }`` first inside the outermost ``{`` of the query body."""
    if not bindings:
        return sparql
    for name, term in bindings.items():
        _check_binding(name, term)
    position = _first_group_brace(sparql)
    names = " ".join(f"?{n}" for n in bindings)
    values = " ".join(t.n3() for t in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    return sparql[: position + 1] + block + sparql[position + 1 :]


def _check_binding(name: str, term: Term) -> None:
    """Only terms that serialise to one well-formed RDF term may be written into the query."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise QueryError(f"bad parameter name '{name}'")
    if term.kind == "uri":
        if not _SAFE_IRI.match(term.value):
            raise QueryError(f"parameter '{name}': not a valid IRI: {term.value!r}")
    elif term.kind == "literal":
        if term.lang and not _LANG.match(term.lang):
            raise QueryError(f"parameter '{name}': not a valid language tag: {term.lang!r}")
        if term.datatype and not _SAFE_IRI.match(term.datatype):
            raise QueryError(f"parameter '{name}': not a valid datatype IRI: {term.datatype!r}")
    else:
        raise QueryError(f"parameter '{name}': a {term.kind} cannot be bound on a remote endpoint")


def _first_group_brace(sparql: str) -> int:
    """Offset of the ``{`` that opens the query's WHERE group (outside strings, IRIs, comments)."""
    masked = _SKIP.sub(lambda m: " " * len(m.group()), sparql)
    where = re.search(r"\bWHERE\s*\{", masked, re.IGNORECASE)
    if where:
        return where.end() - 1
    brace = masked.find("{")
    if brace < 0:
        raise QueryError("the query has no { ... } group to bind parameters in")
    return brace
