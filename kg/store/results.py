"""Query results in one shape for every store, and their standard serialisations.

``json`` is the W3C SPARQL 1.1 Query Results JSON format, ``xml`` the SPARQL Query Results XML
format; ``csv`` and ``tsv`` follow the W3C SPARQL 1.1 CSV/TSV formats; ``table`` is for people at
a terminal (IRIs compacted to prefixes, long cells cut with an ellipsis).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

TermKind = Literal["uri", "literal", "bnode", "triple"]


@dataclass(frozen=True, slots=True)
class Term:
    """One RDF term of a result row, as the SPARQL JSON results format describes it."""

    kind: TermKind
    value: str
    datatype: str | None = None
    lang: str | None = None

    def to_json(self) -> dict[str, str]:
        out = {"type": self.kind, "value": self.value}
        if self.lang:
            out["xml:lang"] = self.lang
        elif self.datatype and self.datatype != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = self.datatype
        return out

    def n3(self) -> str:
        """The term in N-Triples syntax (used by the TSV format)."""
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        escaped = self.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if self.lang:
            return f'"{escaped}"@{self.lang}'
        if self.datatype and self.datatype != "http://www.w3.org/2001/XMLSchema#string":
            return f'"{escaped}"^^<{self.datatype}>'
        return f'"{escaped}"'


@dataclass
class ResultTable:
    """A SELECT result (or an ASK answer), with honest notices about cuts."""

    columns: list[str]
    rows: list[dict[str, Term]] = field(default_factory=list)
    truncated: bool = False
    limit: int | None = None
    boolean: bool | None = None
    elapsed: float = 0.0

    def values(self, column: str) -> list[str]:
        """The plain values of one column ('' where unbound)."""
        return [row[column].value if column in row else "" for row in self.rows]

    def records(self) -> list[dict[str, str]]:
        """Rows as plain dicts of strings, every column present."""
        return [{c: (row[c].value if c in row else "") for c in self.columns} for row in self.rows]

    @property
    def notice(self) -> str:
        if self.truncated:
            return f"Result cut at {self.limit} rows: more rows exist. Narrow the query or raise --limit."
        return ""


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_term(term: Term) -> str:
    value = escape(_NOT_XML.sub("\ufffd", term.value))  # XML 1.0 cannot carry these characters at all
    if term.kind == "uri":
        return f"<uri>{value}</uri>"
    if term.kind == "bnode":
        return f"<bnode>{value}</bnode>"
    if term.lang:
        return f"<literal xml:lang={quoteattr(term.lang)}>{value}</literal>"
    if term.datatype and term.datatype != "http://www.w3.org/2001/XMLSchema#string":
        return f"<literal datatype={quoteattr(term.datatype)}>{value}</literal>"
    return f"<literal>{value}</literal>"


_LOCAL = re.compile(r"^[^\s<>\"{}|^`\\]*$")


def compact(iri: str, prefixes: Mapping[str, str]) -> str:
    """``res:claim/R/1-2`` for an IRI in a known namespace (the longest that matches), else the IRI."""
    best = max((ns for ns in prefixes.values() if iri.startswith(ns)), key=len, default="")
    if not best or not _LOCAL.match(iri[len(best) :]):
        return iri
    prefix = next(p for p, ns in prefixes.items() if ns == best)
    return f"{prefix}:{iri[len(best) :]}"


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def to_text_table(table: ResultTable, max_width: int = 60, prefixes: Mapping[str, str] | None = None) -> str:
    """A table for people: IRIs compacted with ``prefixes``, cells longer than ``max_width`` cut with "…"."""
    if table.boolean is not None:
        return "yes" if table.boolean else "no"
    return render_text_table(table.columns, text_records(table.columns, table.rows, max_width, prefixes), table.notice)


def text_records(
    columns: list[str], rows: list[dict[str, Term]], max_width: int = 60, prefixes: Mapping[str, str] | None = None
) -> list[dict[str, str]]:
    """The cells of ``rows`` as shown (compacted, cut): what a text table holds of an answer, batch by batch."""
    known = prefixes or {}
    return [{c: _cut(_shown(row.get(c), known), max_width) for c in columns} for row in rows]


def render_text_table(columns: list[str], records: list[dict[str, str]], notice: str = "") -> str:
    widths = {c: max([len(c)] + [len(r[c]) for r in records]) for c in columns}
    header = "  ".join(c.ljust(widths[c]) for c in columns)
    rule = "  ".join("-" * widths[c] for c in columns)
    body = ["  ".join(r[c].ljust(widths[c]) for c in columns) for r in records]
    footer = [f"({len(records)} row{'s' if len(records) != 1 else ''})"]
    if notice:
        footer.append(f"NOTICE: {notice}")
    return "\n".join([header, rule, *body, *footer])


def _shown(term: Term | None, prefixes: Mapping[str, str]) -> str:
    if term is None:
        return ""
    return compact(term.value, prefixes) if term.kind == "uri" else term.value


def parse_sparql_json(payload: dict, limit: int | None) -> ResultTable:
    """A SPARQL JSON results document -> ResultTable (rows beyond ``limit`` cut and flagged)."""
    if "boolean" in payload:
        return ResultTable(columns=[], boolean=bool(payload["boolean"]))
    columns = list(payload.get("head", {}).get("vars", []))
    rows: list[dict[str, Term]] = []
    truncated = False
    for binding in payload.get("results", {}).get("bindings", []):
        if limit is not None and len(rows) >= limit:
            truncated = True
            break
        row = {}
        for name, term in binding.items():
            given = term.get("type")
            kind: TermKind = "uri" if given == "uri" else "bnode" if given == "bnode" else "literal"
            row[name] = Term(kind, term.get("value", ""), term.get("datatype"), term.get("xml:lang"))
        rows.append(row)
    return ResultTable(columns=columns, rows=rows, truncated=truncated, limit=limit)


#: RDF serialisations a CONSTRUCT answer can be given in, by name.
RDF_FORMATS = {"turtle": "TURTLE", "jsonld": "JSON_LD", "ntriples": "N_TRIPLES", "rdfxml": "RDF_XML"}


def serialize_ntriples(ntriples: str, fmt: str, prefixes: dict[str, str] | None = None) -> str:
    """N-Triples (a CONSTRUCT answer) as Turtle, JSON-LD, N-Triples or RDF/XML, by pyoxigraph's serialisers."""
    import pyoxigraph as ox

    if fmt not in RDF_FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; expected one of {', '.join(RDF_FORMATS)}")
    triples = [quad.triple for quad in ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]
    target = getattr(ox.RdfFormat, RDF_FORMATS[fmt])
    with_prefixes = prefixes if target in (ox.RdfFormat.TURTLE, ox.RdfFormat.JSON_LD, ox.RdfFormat.RDF_XML) else None
    return (ox.serialize(triples, format=target, prefixes=with_prefixes) or b"").decode("utf-8")
