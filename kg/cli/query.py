"""``kg query``, ``kg queries`` and ``kg prefixes``: canned queries, a query file or standard input.

A query of one's own (``kg query FILE.rq``, ``kg query -``) needs no header, and may use the prefixes
``kg prefixes`` lists without declaring them, as in the app's console.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kg.cli.common import EXIT_OK, endpoint_options, open_store, optional_project, positive_float, positive_int, say
from kg.errors import QueryError

if TYPE_CHECKING:
    from kg.query import QuerySpec

T = TypeVar("T")

#: The formats of a CONSTRUCT query's answer.
RDF_OUTPUTS = ("turtle", "ntriples", "jsonld")


def _parse_params(raw: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in raw:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise QueryError(f"--param takes NAME=VALUE, got {item!r}")
        params[name.strip()] = value
    return params


def _spec(name: str, args: argparse.Namespace) -> QuerySpec:
    """A canned query by name, a query file, or (``-``) the query on standard input."""
    from kg.query import find_spec, query_from_text
    from kg.query.registry import decoded

    if name == "-":  # read as bytes: text mode would make a byte that is not UTF-8 a lone surrogate
        binary = getattr(sys.stdin, "buffer", None)  # a StringIO in place of stdin (a caller's own text) has none
        text = decoded(binary.read(), "<stdin>") if binary is not None else sys.stdin.read()
        return query_from_text(text, Path("<stdin>"))
    return find_spec(optional_project(args), name)


def cmd_query(args: argparse.Namespace) -> int:
    """Runs the query and writes its answer as it arrives from the store, a batch at a time: formatted
    whole, an answer near the cap was held three times over in this process (issue 22)."""
    from kg.query import PREFIX_MAP, run_construct_stream, run_spec_stream
    from kg.store.formats import PIECES
    from kg.store.results import render_text_table, text_records

    spec = _spec(args.name, args)
    params = _parse_params(args.param)
    store = open_store(args)
    started = time.perf_counter()
    out = sys.stdout
    if spec.form in ("CONSTRUCT", "DESCRIBE"):
        fmt = {"table": "turtle"}.get(args.format, args.format)
        if fmt not in RDF_OUTPUTS:
            raise QueryError(
                f"'{spec.name}' is a {spec.form} query: its answer is a graph; use --format {' or '.join(RDF_OUTPUTS)}"
            )
        with run_construct_stream(store, spec, params, fmt=fmt, timeout=args.timeout) as pieces:
            out.flush()
            binary = getattr(out, "buffer", None)  # a StringIO in place of stdout has none
            for data in pieces:
                if binary is not None:
                    binary.write(data)
                else:
                    out.write(data.decode("utf-8"))
            out.flush() if binary is None else binary.flush()
        return EXIT_OK
    if args.format in RDF_OUTPUTS:
        raise QueryError(
            f"'{spec.name}' is a {spec.form} query: its answer is a table; use --format table, csv, tsv, json or xml"
        )
    rows = 0
    with run_spec_stream(store, spec, params, limit=args.limit, timeout=args.timeout) as table:
        if args.format == "table":  # the widths need every row: only the cells as shown (cut) are kept
            if table.boolean is not None:
                text = "yes" if table.boolean else "no"
            else:
                records = [r for batch in table.batches for r in text_records(table.columns, batch, 60, PREFIX_MAP)]
                rows, text = len(records), render_text_table(table.columns, records, table.notice)
            out.write(text if text.endswith("\n") else text + "\n")
        else:
            ending = ""
            for piece in PIECES[args.format](table.columns, table.boolean, _counted(table.batches, counter := [0])):
                out.write(piece)
                ending = piece[-1:] or ending
            rows = counter[0]
            if ending != "\n":
                out.write("\n")
    if args.format != "table" and table.notice:
        say(f"NOTICE: {table.notice}")
    if args.verbose:
        say(f"{rows} rows in {(time.perf_counter() - started) * 1000:.1f} ms from {store.description}")
    return EXIT_OK


def _counted(batches: Iterable[list[T]], counter: list[int]) -> Iterator[list[T]]:
    for batch in batches:
        counter[0] += len(batch)
        yield batch


def cmd_queries(args: argparse.Namespace) -> int:
    from kg.query import list_specs

    registry = list_specs(optional_project(args))
    if args.format == "json":
        payload = [
            {
                "name": s.name,
                "title": s.title,
                "description": s.description,
                "params": [{"name": p.name, "type": p.type, "description": p.description} for p in s.params],
            }
            for s in registry.values()
        ]
        print(json.dumps(payload, indent=2))
        return EXIT_OK
    for spec in registry.values():
        params = " ".join(f"--param {p.name}=<{p.type}>" for p in spec.params)
        print(f"{spec.name:<22} {spec.title}")
        print(f"{'':<22} {spec.description}")
        if params:
            print(f"{'':<22} {params}")
    return EXIT_OK


def cmd_prefixes(args: argparse.Namespace) -> int:
    from kg.query import PREFIX_BLOCK, PREFIX_MAP

    if args.format == "json":
        print(json.dumps(PREFIX_MAP, indent=2))
    elif args.format == "sparql":
        sys.stdout.write(PREFIX_BLOCK)
    else:
        width = max(len(p) for p in PREFIX_MAP) + 1
        for prefix, namespace in PREFIX_MAP.items():
            print(f"{prefix + ':':<{width}}  {namespace}")
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "query",
        help="run a canned query (see `kg queries`), a .rq file, or a query on standard input (-)",
        description="Run a canned query by name, a SPARQL file, or the query on standard input (-), read-only, "
        "under a row cap and a timeout that stops the query. A query of your own needs no '# title:' header and "
        "may use the prefixes `kg prefixes` lists without declaring them. A result cut by the row cap says so; a "
        "query that times out shows no partial result.",
    )
    p.add_argument(
        "name",
        metavar="NAME|FILE.rq|-",
        help="query name (see `kg queries`), path to a SPARQL file, or - for standard input",
    )
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a query parameter (repeatable)")
    p.add_argument(
        "--format",
        choices=["table", "csv", "tsv", "json", "xml", *RDF_OUTPUTS],
        default="table",
        help="output format; json and xml are the W3C SPARQL 1.1 Query Results formats; table (the default) "
        "shows IRIs with their prefixes and cuts long cells with '…'; a CONSTRUCT query's graph is Turtle "
        "(the default), ntriples or jsonld",
    )
    p.add_argument(
        "--limit", type=positive_int, metavar="N", default=10_000, help="row cap, at least 1 (default 10000)"
    )
    p.add_argument(
        "--timeout",
        type=positive_float,
        metavar="S",
        default=30.0,
        help="seconds before the query is stopped (default 30)",
    )
    endpoint_options(p)
    p.add_argument("-v", "--verbose", action="store_true", help="print row count, time and store")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("queries", help="list the canned queries with their parameters")
    p.add_argument("--format", choices=["table", "json"], default="table", help="output format (default table)")
    p.set_defaults(func=cmd_queries)

    p = sub.add_parser(
        "prefixes",
        help="list the prefixes every query may use without declaring them",
        description="The prefixes declared before every query (kg query, the app's console, kg serve), so that "
        "ekg:Claim or res:claim/... work without PREFIX lines; a query may declare any of them again.",
    )
    p.add_argument(
        "--format",
        choices=["table", "sparql", "json"],
        default="table",
        help="table (the default), sparql (PREFIX lines to paste into another tool) or json",
    )
    p.set_defaults(func=cmd_prefixes)
