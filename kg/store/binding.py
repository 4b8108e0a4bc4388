"""Parameters as a ``VALUES`` block: the one way to bind a variable that every SPARQL engine understands.

The SPARQL protocol has no parameter binding, so the remote store states each parameter as a
one-row ``VALUES`` block first in the query's outermost group. The embedded store binds with
Oxigraph's substitutions and adds the same block as a hint to Oxigraph's planner, which does not
see substitutions when it orders joins (on a million triples a one-work lookup took 720 ms with
substitutions alone, 0.9 ms with the block). Each value is a validated :class:`Term` written as
one escaped RDF term, never user text pasted into the query.

The block is also repeated inside each UNION branch and inside each subquery that projects the
variable (see :func:`_subqueries`): a subquery is evaluated on its own, before the join, so the
``MIN`` per claim of ``claim-evidence`` ran over every claim of the graph on a server, where no
substitution reaches inside (5.8-8.6 s at 1,000 reports, against 19-44 ms embedded).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from kg.errors import QueryError
from kg.store.iri import is_iri
from kg.store.results import Term

#: What is not code, by the SPARQL 1.1 grammar's terminals (§19.8), scanned left to right: the four
#: string forms with their escapes (a ``\\'`` inside ``'''...'''`` does not end it), IRIs, comments, and
#: the escapes of a prefixed name's local part (``ex:a\\'b``, ``ex:a\\#b``), which open no string or comment.
_SKIP = re.compile(
    r"""
      '''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
    | \"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
    | '(?:[^'\\\n\r]|\\.)*'
    | "(?:[^"\\\n\r]|\\.)*"
    | <[^<>"{}|^`\\\x00-\x20]*>
    | \#[^\n\r]*
    | \\[_~.\-!$&'()*+,;=/?\#@%]
    """,
    re.VERBOSE,
)
_ECHAR = {"\t": "\\t", "\b": "\\b", "\n": "\\n", "\r": "\\r", "\f": "\\f", '"': '\\"', "'": "\\'", "\\": "\\\\"}
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


def inject_values(sparql: str, bindings: Mapping[str, Term], *, as_bind: bool = False) -> str:
    """Put ``VALUES (?a ?b) { (t1 t2) }`` first inside the outermost ``{`` of the query body.

    ``as_bind`` states each as ``BIND(t1 AS ?a)`` instead, in the same places, which means the same
    for one row: Virtuoso refuses a transitive path (``ekg:restsOn+``) whose start a ``VALUES`` block
    binds ("transitive start not given") and answers it when a ``BIND`` does.
    """
    if not bindings:
        return sparql
    return inject_value_rows(sparql, list(bindings), [tuple(bindings.values())], as_bind=as_bind)


def inject_value_rows(
    sparql: str, names: Sequence[str], rows: Sequence[Sequence[Term]], *, as_bind: bool = False
) -> str:
    """Like :func:`inject_values`, with several rows of values: ``VALUES (?a) { (t1) (t2) }``."""
    if not names:
        return sparql
    for row in rows:
        if len(row) != len(names):
            raise QueryError("a VALUES row must give one value per parameter")
        for name, term in zip(names, row, strict=True):
            _check_binding(name, term)
    if as_bind and len(rows) != 1:
        raise QueryError("several rows of values cannot be bound with BIND")
    position = _first_group_brace(sparql)
    block = _binds(names, rows[0], names) if as_bind else _block(names, rows, names)
    inserts = {branch: block for branch in _union_branches(sparql, position)}
    for brace, projected in _subqueries(sparql, names):
        inserts[brace] = _binds(names, rows[0], projected) if as_bind else _block(names, rows, projected)
    inserts[position] = block
    for offset in sorted(inserts, reverse=True):
        sparql = sparql[: offset + 1] + inserts[offset] + sparql[offset + 1 :]
    return sparql


def _binds(names: Sequence[str], row: Sequence[Term], wanted: Sequence[str]) -> str:
    """``BIND(t AS ?name)`` for each of the ``wanted`` names."""
    return " " + " ".join(f"BIND({written(row[names.index(n)])} AS ?{n})" for n in wanted) + " "


def _block(names: Sequence[str], rows: Sequence[Sequence[Term]], wanted: Sequence[str]) -> str:
    """``VALUES`` of the ``wanted`` columns only (rows projected onto them, each once)."""
    columns = [names.index(n) for n in wanted]
    distinct = dict.fromkeys(tuple(written(row[c]) for c in columns) for row in rows)
    variables = " ".join(f"?{names[c]}" for c in columns)
    values = " ".join("(" + " ".join(row) + ")" for row in distinct)
    return f" VALUES ({variables}) {{ {values} }} "


def written(term: Term) -> str:
    """A checked term as one SPARQL token: ``<iri>`` or a ``"..."`` literal with every character that
    could end it or a string around it (``"``, ``'``, ``\\``, line breaks) written as an escape (ECHAR)."""
    if term.kind == "uri":
        return f"<{term.value}>"
    escaped = "".join(_ECHAR.get(char, char) for char in term.value)
    if term.lang:
        return f'"{escaped}"@{term.lang}'
    if term.datatype and term.datatype != "http://www.w3.org/2001/XMLSchema#string":
        return f'"{escaped}"^^<{term.datatype}>'
    return f'"{escaped}"'


_SUBQUERY = re.compile(r"\{\s*SELECT\b", re.IGNORECASE)
_PLAIN_VARIABLE = re.compile(r"(?<![\w(])[?$](\w+)(?!\s*\))")


def _subqueries(sparql: str, names: Sequence[str]) -> list[tuple[int, list[str]]]:
    """The ``{`` of each subquery's WHERE group, with the parameters it projects as plain variables.

    Restricting such a variable inside gives the same join as restricting it outside, unless the
    subquery cuts its rows (LIMIT, OFFSET) or projects the name as an expression's result
    (``(MIN(?x) AS ?name)``): those are left alone.
    """
    masked = _SKIP.sub(lambda m: " " * len(m.group()), sparql)
    spans: list[tuple[int, int, int, set[str]]] = []  # (start, end, brace of its WHERE, names it lets through)
    for match in _SUBQUERY.finditer(masked):
        where = re.compile(r"\bWHERE\s*\{|\{", re.IGNORECASE).search(masked, match.end())
        if where is None:
            continue
        brace = where.end() - 1
        end = _closing(masked, match.start())
        projection = masked[match.end() : where.start()]
        plain = set(_PLAIN_VARIABLE.findall(re.sub(r"\([^()]*(?:\([^()]*\)[^()]*)*\)", " ", projection)))
        star = bool(re.fullmatch(r"\s*(DISTINCT|REDUCED)?\s*\*\s*", projection, re.I))
        cut = re.search(r"\b(LIMIT|OFFSET)\b", masked[_closing(masked, brace) + 1 : end], re.IGNORECASE)
        spans.append((match.start(), end, brace, set() if cut else {n for n in names if star or n in plain}))
    found = []
    for start, end, brace, through in spans:
        for outer_start, outer_end, _, outer_through in spans:
            if outer_start < start and end <= outer_end:
                through = through & outer_through  # a variable reaches in only through every enclosing one
        if through:
            found.append((brace, [n for n in names if n in through]))
    return found


def _closing(masked: str, opening: int) -> int:
    """The offset of the bracket that closes the one at ``opening`` (the end of the text if none)."""
    depth = 0
    for offset in range(opening, len(masked)):
        if masked[offset] == "{":
            depth += 1
        elif masked[offset] == "}":
            depth -= 1
            if not depth:
                return offset
    return len(masked)


def _union_branches(sparql: str, where: int) -> list[int]:
    """Offsets of the ``{`` of each UNION branch inside the WHERE group, outside subqueries.

    The block is repeated there because Oxigraph (and other engines) evaluate a UNION on its own
    before joining it with the outer VALUES: a one-claim lookup scanned every claim. Outside a
    subquery a branch's variable is the outer one, so the answer is the same; inside a subquery
    it may be another variable, so those are left alone.
    """
    masked = _SKIP.sub(lambda m: " " * len(m.group()), sparql)
    groups: list[tuple[int, int]] = []
    stack: list[tuple[int, bool]] = []  # (offset of "{", inside a subquery)
    for offset in range(where, len(masked)):
        char = masked[offset]
        if char == "{":
            in_subquery = bool(stack) and (stack[-1][1] or bool(re.match(r"\s*SELECT\b", masked[offset + 1 :], re.I)))
            stack.append((offset, in_subquery))
        elif char == "}" and stack:
            start, in_subquery = stack.pop()
            if stack and not in_subquery:
                groups.append((start, offset))
            if not stack:
                break
    union = re.compile(r"\bUNION\s*$", re.IGNORECASE)
    return [
        start
        for start, end in groups
        if union.search(masked[:start]) or re.match(r"\s*UNION\b", masked[end + 1 :], re.IGNORECASE)
    ]


def _check_binding(name: str, term: Term) -> None:
    """Only terms that serialise to one well-formed RDF term may be written into the query."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise QueryError(f"bad parameter name '{name}'")
    if term.kind == "uri":
        if not is_iri(term.value):
            raise QueryError(f"parameter '{name}': not a valid IRI: {term.value!r}")
    elif term.kind == "literal":
        if term.lang and not _LANG.match(term.lang):
            raise QueryError(f"parameter '{name}': not a valid language tag: {term.lang!r}")
        if term.datatype and not is_iri(term.datatype):
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
