"""One answer whatever the engine: where SPARQL leaves engines free, a canned query's answer is made one.

Applied in one place, to every canned query's table (:func:`kg.query.run.run_spec`), so that the
embedded store, the Oxigraph server, ``kg serve`` and Virtuoso give the same rows. Each rule is a
difference found by running every canned query on each engine (``tests/test_virtuoso.py``):

* **GROUP_CONCAT's order** is left open by SPARQL 1.1 (§18.5.1.7): each concatenated column's items
  are sorted (by code point), with the separator the query gives.
* **GROUP_CONCAT's result** is a simple literal by the spec; Oxigraph keeps the items' language tag
  when they share one, Virtuoso does not: the tag is dropped. Over a group with no value, Oxigraph
  leaves the column unbound, Virtuoso (and the spec) give ``""``: ``""`` it is.
* **Integer types**: Oxigraph answers ``xsd:integer`` for a value stored as ``xsd:nonNegativeInteger``
  (or another type derived from it); Virtuoso answers the stored type. The value is the same:
  ``xsd:integer`` it is.
* **Booleans**: Virtuoso has none; ``EXISTS { }``, ``BOUND()``, ``true``, ``false`` and a stored
  ``xsd:boolean`` come back as the integers 1 and 0. A column the query binds to a boolean expression
  (``BIND(EXISTS { } AS ?x)``, ``BIND(BOUND(?y) || ... AS ?x)``) is given as ``xsd:boolean``; a query
  binds a stored boolean that way too (``BIND(EXISTS { ?cell ekg:figureMissing true } AS ?missing)``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.store import ResultTable, Term
from kg.store.base import max_answer_setting, too_large

XSD = "http://www.w3.org/2001/XMLSchema#"
_DERIVED_INTEGERS = frozenset(
    XSD + t
    for t in (
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)
_CONCAT = re.compile(r"GROUP_CONCAT\s*\((.*?)\)\s*AS\s*\?(\w+)", re.IGNORECASE | re.DOTALL)
_SEPARATOR = re.compile(r"SEPARATOR\s*=\s*\"([^\"]*)\"", re.IGNORECASE)
_BOOLEAN = re.compile(
    r"BIND\s*\(\s*(?:!?\s*(?:NOT\s+)?EXISTS\b|!?\s*BOUND\s*\(|true\b|false\b)[^;]*?\bAS\s+\?(\w+)\s*\)",
    re.IGNORECASE | re.DOTALL,
)
#: What sorting costs a GROUP_CONCAT item in this process: a pointer in two lists (the split and the
#: sorted copy), and a str object of 49 bytes and its text unless it is one character (CPython
#: keeps one object for each of those).
_SLOT_BYTES = 16
_STR_BYTES = 49
_ESCAPES = {"\\t": "\t", "\\n": "\n", '\\"': '"', "\\\\": "\\"}


def concat_columns(text: str) -> dict[str, str]:
    """The GROUP_CONCAT columns of a query and their separators (a space where none is given)."""
    found = {}
    for match in _CONCAT.finditer(text):
        separator = _SEPARATOR.search(match.group(1))
        raw = separator.group(1) if separator else " "
        found[match.group(2)] = re.sub(r"\\.", lambda e: _ESCAPES.get(e.group(), e.group()), raw)
    return found


def boolean_columns(text: str) -> set[str]:
    """Columns bound to a boolean expression (``BIND(EXISTS { } AS ?x)``, ``BIND(true AS ?x)``)."""
    return set(_BOOLEAN.findall(text))


def portable(table: ResultTable, text: str, max_answer_mb: float | None = None) -> ResultTable:
    """The table with the rules of the module applied, for the query ``text`` that gave it.

    Within the answer cap (``max_answer_mb``, default ``KG_MAX_ANSWER_MB``): putting GROUP_CONCAT's
    items in order splits them into objects, and 128 MB of one-character items became 3 GB of them
    (issue 22). What the split would cost is counted first, without splitting, and an answer whose
    split would pass the cap is refused in one line.
    """
    if table.boolean is not None or not table.rows:
        return table
    return replace(table, rows=Portable(text, max_answer_mb)(table.columns, table.rows))


class Portable:
    """The rules applied batch by batch to one answer (the split's cost counted over all its batches)."""

    def __init__(self, text: str, max_answer_mb: float | None = None) -> None:
        self.concat, self.booleans = concat_columns(text), boolean_columns(text)
        self.max_answer_mb = max_answer_mb if max_answer_mb is not None else max_answer_setting()
        self.cost = 0

    def __call__(self, columns: list[str], batch: list[dict[str, Term]]) -> list[dict[str, Term]]:
        concat, booleans = self.concat, self.booleans
        if concat:
            self.cost = _split_cost(batch, concat, self.cost, self.max_answer_mb)
        rows = []
        for row in batch:
            out = {}
            for name in columns:
                term = row.get(name)
                if name in concat:
                    items = sorted(term.value.split(concat[name])) if term is not None and term.value else []
                    out[name] = Term("literal", concat[name].join(items))
                    continue
                if term is None:
                    continue
                if term.kind == "literal" and term.datatype in _DERIVED_INTEGERS:
                    term = replace(term, datatype=XSD + "integer")
                if name in booleans and term.kind == "literal" and term.datatype == XSD + "integer":
                    term = Term("literal", "true" if term.value.strip() not in ("0", "") else "false", XSD + "boolean")
                out[name] = term
            rows.append(out)
        return rows


def _split_cost(rows: list[dict[str, Term]], concat: dict[str, str], cost: int, max_answer_mb: float) -> int:
    """The cost so far plus this batch's, or the refusal once it passes the cap."""
    cap = int(max_answer_mb * 2**20)
    for row in rows:
        for name, separator in concat.items():
            term = row.get(name)
            if term is not None and term.value:
                items = term.value.count(separator) + 1 if separator else len(term.value)
                length = (len(term.value) - len(separator) * (items - 1)) / items
                cost += int(items * (_SLOT_BYTES + (_STR_BYTES + length if length > 1 else 0)))
        if cost > cap:
            raise too_large(max_answer_mb, "putting the answer's GROUP_CONCAT items in order")
    return cost
