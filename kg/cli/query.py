"""``kg query`` and ``kg queries``: the canned queries, or a query file, from the command line."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence

from kg.cli.common import EXIT_OK, endpoint_options, open_store, optional_project, positive_float, positive_int, say
from kg.errors import QueryError

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


def cmd_query(args: argparse.Namespace) -> int:
    from kg.query import load_registry, resolve_spec, run_construct, run_spec
    from kg.store.results import FORMATTERS

    spec = resolve_spec(load_registry(optional_project(args)), args.name)
    params = _parse_params(args.param)
    store = open_store(args)
    started = time.perf_counter()
    if spec.form in ("CONSTRUCT", "DESCRIBE"):
        fmt = {"table": "turtle"}.get(args.format, args.format)
        if fmt not in RDF_OUTPUTS:
            raise QueryError(
                f"'{spec.name}' is a {spec.form} query: its answer is a graph; use --format {' or '.join(RDF_OUTPUTS)}"
            )
        sys.stdout.write(run_construct(store, spec, params, fmt=fmt, timeout=args.timeout))
        return EXIT_OK
    if args.format in RDF_OUTPUTS:
        raise QueryError(
            f"'{spec.name}' is a {spec.form} query: its answer is a table; use --format table, csv, tsv or json"
        )
    table = run_spec(store, spec, params, limit=args.limit, timeout=args.timeout)
    text = FORMATTERS[args.format](table)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    if args.format != "table" and table.notice:
        say(f"NOTICE: {table.notice}")
    if args.verbose:
        say(f"{len(table.rows)} rows in {(time.perf_counter() - started) * 1000:.1f} ms from {store.description}")
    return EXIT_OK


def cmd_queries(args: argparse.Namespace) -> int:
    from kg.query import load_registry

    registry = load_registry(optional_project(args))
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


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "query",
        help="run a canned query (see `kg queries`) or a .rq file",
        description="Run a canned query by name, or a SPARQL file, read-only, under a row cap and a timeout that "
        "stops the query. A result cut by the row cap says so; a query that times out shows no partial result.",
    )
    p.add_argument("name", help="query name (see `kg queries`) or path to a .rq file")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a query parameter (repeatable)")
    p.add_argument(
        "--format",
        choices=["table", "csv", "tsv", "json", *RDF_OUTPUTS],
        default="table",
        help="output format; json is W3C SPARQL 1.1 Query Results JSON; a CONSTRUCT query's graph is Turtle "
        "(the default), ntriples or jsonld",
    )
    p.add_argument("--limit", type=positive_int, default=10_000, help="row cap, at least 1 (default 10000)")
    p.add_argument(
        "--timeout", type=positive_float, default=30.0, help="seconds before the query is stopped (default 30)"
    )
    endpoint_options(p)
    p.add_argument("-v", "--verbose", action="store_true", help="print row count, time and store")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("queries", help="list the canned queries with their parameters")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_queries)
