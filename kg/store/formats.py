"""SELECT and ASK answers written piece by piece: the SPARQL results formats over batches of rows.

An answer near the cap (``KG_MAX_ANSWER_MB``) formatted whole was held about three times over in
the process that formats it (the rows, the text, its bytes; issue 22). Each writer here takes the
rows as batches and yields text as it goes, so what is held at once is one batch and its text;
:mod:`kg.store.results` joins the same pieces for a whole table, so both give the same text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from xml.sax.saxutils import quoteattr

from kg.store.results import ResultTable, Term, to_text_table, xml_term

Row = dict[str, Term]
_BINDING_INDENT = "\n      "


@dataclass
class TableStream:
    """A SELECT or ASK answer whose rows arrive in batches (read them once, within the store's context)."""

    columns: list[str]
    batches: Iterable[list[Row]] = field(default_factory=list)
    truncated: bool = False
    limit: int | None = None
    boolean: bool | None = None

    @property
    def notice(self) -> str:
        if self.truncated:
            return f"Result cut at {self.limit} rows: more rows exist. Narrow the query or raise --limit."
        return ""


def json_pieces(columns: list[str], boolean: bool | None, batches: Iterable[list[Row]]) -> Iterator[str]:
    """The SPARQL 1.1 Query Results JSON Format, as ``json.dumps(..., indent=2)`` writes the whole."""
    if boolean is not None:
        yield json.dumps({"head": {}, "boolean": boolean}, indent=2)
        return
    head = json.dumps({"head": {"vars": columns}}, indent=2, ensure_ascii=False)
    yield head[: -len("\n}")] + ',\n  "results": {\n    "bindings": ['
    first = True
    for batch in batches:
        parts = []
        for row in batch:
            binding = json.dumps({k: v.to_json() for k, v in row.items()}, indent=2, ensure_ascii=False)
            parts.append(("" if first else ",") + _BINDING_INDENT + binding.replace("\n", _BINDING_INDENT))
            first = False
        if parts:
            yield "".join(parts)
    yield ("]" if first else "\n    ]") + "\n  }\n}"


def csv_pieces(columns: list[str], boolean: bool | None, batches: Iterable[list[Row]]) -> Iterator[str]:
    """W3C SPARQL 1.1 CSV: plain values, a header of the names."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    yield buffer.getvalue()
    for batch in batches:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        for row in batch:
            writer.writerow([row[c].value if c in row else "" for c in columns])
        yield buffer.getvalue()


def tsv_pieces(columns: list[str], boolean: bool | None, batches: Iterable[list[Row]]) -> Iterator[str]:
    """W3C SPARQL 1.1 TSV: terms in N-Triples syntax, a header of ``?names``."""
    yield "\t".join(f"?{c}" for c in columns) + "\n"
    for batch in batches:
        yield "".join("\t".join(row[c].n3() if c in row else "" for c in columns) + "\n" for row in batch)


def xml_pieces(columns: list[str], boolean: bool | None, batches: Iterable[list[Row]]) -> Iterator[str]:
    """SPARQL Query Results XML Format (W3C, 2013): what SPARQLWrapper and Jena read by default."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if boolean is not None:
        lines += ["  <head/>", f"  <boolean>{'true' if boolean else 'false'}</boolean>", "</sparql>"]
        yield "\n".join(lines) + "\n"
        return
    lines.append("  <head>")
    lines += [f"    <variable name={quoteattr(c)}/>" for c in columns]
    lines += ["  </head>", "  <results>"]
    yield "\n".join(lines) + "\n"
    names = {c: quoteattr(c) for c in columns}
    for batch in batches:
        out = []
        for row in batch:
            out.append("    <result>\n")
            for name in columns:
                if name in row:
                    out.append(f"      <binding name={names[name]}>{xml_term(row[name])}</binding>\n")
            out.append("    </result>\n")
        yield "".join(out)
    yield "  </results>\n</sparql>\n"


PIECES = {"json": json_pieces, "xml": xml_pieces, "csv": csv_pieces, "tsv": tsv_pieces}


def encoded(pieces: Iterable[str], size: int = 1 << 18) -> Iterator[bytes]:
    """The pieces as UTF-8, gathered into writes of about ``size`` bytes (fewer system calls)."""
    held: list[bytes] = []
    count = 0
    for piece in pieces:
        data = piece.encode("utf-8")
        held.append(data)
        count += len(data)
        if count >= size:
            yield b"".join(held)
            held, count = [], 0
    if held:
        yield b"".join(held)


def _pieces(fmt: str, table: ResultTable) -> str:
    """A whole table written by the piece-by-piece writers, as one batch."""
    return "".join(PIECES[fmt](table.columns, table.boolean, [table.rows]))


def to_json(table: ResultTable) -> str:
    """W3C SPARQL 1.1 Query Results JSON (``json.dumps`` with an indent of 2)."""
    return _pieces("json", table)


def to_csv(table: ResultTable) -> str:
    return _pieces("csv", table)


def to_tsv(table: ResultTable) -> str:
    return _pieces("tsv", table)


def to_xml(table: ResultTable) -> str:
    """SPARQL Query Results XML Format (W3C, 2013): what SPARQLWrapper and Jena read by default."""
    return _pieces("xml", table)


FORMATTERS = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv, "table": to_text_table}
