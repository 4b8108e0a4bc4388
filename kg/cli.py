"""The ``kg`` command line: build, validate, query, add a report, push to a server, run the app.

Exit codes (as pySHACL's): 0 success / valid, 1 invalid data, 2 error (bad input,
unknown query, store failure). Errors name the file and line when there is one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from kg import __version__
from kg.errors import KgError, QueryError
from kg.paths import ProjectPaths
from kg.store.base import Store

EXIT_OK, EXIT_INVALID, EXIT_ERROR = 0, 1, 2


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _paths(args: argparse.Namespace) -> ProjectPaths:
    return ProjectPaths.discover(getattr(args, "project", None))


def _out_dir(args: argparse.Namespace) -> Path:
    return Path(args.out) if getattr(args, "out", None) else _paths(args).build


# --- commands ---------------------------------------------------------------------------


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import BuildFailedError, build

    progress = (lambda _: None) if args.quiet else _say
    try:
        result = build(_paths(args), _out_dir(args), progress, reasoning=not args.no_reason)
    except BuildFailedError as failed:
        _say("Build failed: the graph does not conform to the SHACL shapes. Previous outputs were left intact.")
        for violation in failed.shacl.violations[:50]:
            _say(f"  {violation}")
        return EXIT_INVALID
    print(f"Built {_out_dir(args)} in {result.seconds:.1f} s")
    for name, count in result.counts.items():
        print(f"  {name:<22}{count:>8,}")
    print(f"  {result.shacl.summary()}")
    print(f"  {result.reasoning.summary()}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from kg.build import assemble
    from kg.validate import InconsistentOntologyError, ontology_graph, reason, run_shacl

    paths = _paths(args)
    progress = (lambda _: None) if args.quiet else _say
    try:
        if args.graph:
            graph = Graph().parse(args.graph, format="nt" if args.graph.endswith(".nt") else None)
            shacl = run_shacl(graph, Graph().parse(paths.shapes_file, format="turtle"))
            reasoning, _ = reason(graph, ontology_graph(paths.ontology_file))
        else:
            from kg.build import BuildFailedError

            try:
                _, _, shacl, reasoning = assemble(paths, progress, reasoning=not args.no_reason)
            except BuildFailedError as failed:
                shacl = failed.shacl
                reasoning = None
    except InconsistentOntologyError as exc:
        _say(f"error: {exc}")
        return EXIT_ERROR
    print(shacl.summary())
    for violation in shacl.violations:
        print(f"  {violation}")
    if reasoning is not None:
        if reasoning.status == "skipped":
            _say(f"warning: {reasoning.summary()}")
        else:
            print(reasoning.summary())
    return EXIT_OK if shacl.conforms else EXIT_INVALID


def _parse_params(raw: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in raw:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise QueryError(f"--param takes NAME=VALUE, got {item!r}")
        params[name.strip()] = value
    return params


def _build_dir(args: argparse.Namespace) -> Path:
    return Path(args.build) if args.build else _paths(args).build


def _open_store(args: argparse.Namespace) -> Store:
    from kg.store import open_store

    return open_store(_build_dir(args), args.endpoint)


def cmd_query(args: argparse.Namespace) -> int:
    from kg.query import load_registry, resolve_spec, run_spec
    from kg.store.results import FORMATTERS

    spec = resolve_spec(load_registry(_paths(args).queries), args.name)
    params = _parse_params(args.param)
    store = _open_store(args)
    started = time.perf_counter()
    table = run_spec(store, spec, params, limit=args.limit, timeout=args.timeout)
    sys.stdout.write(FORMATTERS[args.format](table))
    if args.format != "table":
        sys.stdout.write("\n" if not FORMATTERS[args.format](table).endswith("\n") else "")
        if table.notice:
            _say(f"NOTICE: {table.notice}")
    else:
        sys.stdout.write("\n")
    if args.verbose:
        _say(f"{len(table.rows)} rows in {(time.perf_counter() - started) * 1000:.1f} ms from {store.description}")
    return EXIT_OK


def cmd_queries(args: argparse.Namespace) -> int:
    from kg.query import load_registry

    registry = load_registry(_paths(args).queries)
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


def cmd_add(args: argparse.Namespace) -> int:
    from kg.add import add_report

    added = add_report(_paths(args), Path(args.text), Path(args.bib), args.id, progress=_say)
    print(f"Added report '{args.id}' ({added}). Run `kg build` to rebuild the graph with it.")
    return EXIT_OK


def cmd_push(args: argparse.Namespace) -> int:
    from kg.store import RemoteStore, endpoint_setting

    endpoint = endpoint_setting(args.endpoint)
    if not endpoint:
        raise QueryError("kg push needs --endpoint URL (or KG_ENDPOINT)")
    graph_file = (Path(args.build) if args.build else _paths(args).build) / "kg.nt"
    if not graph_file.is_file():
        raise QueryError(f"no built graph at {graph_file}: run `kg build` first")
    store = RemoteStore(endpoint)
    started = time.perf_counter()
    store.load_file(graph_file)
    print(
        f"Pushed {graph_file} to {store.store_url} in {time.perf_counter() - started:.1f} s; "
        f"the endpoint now holds {store.triple_count():,} triples"
    )
    return EXIT_OK


def _emit(data: bytes, out: str | None, what: str) -> None:
    """Write an export to a file (atomically) or to stdout."""
    if out:
        from kg.errors import ExportError
        from kg.store.outputs import write_file_atomically

        try:
            write_file_atomically(Path(out), data)
        except OSError as exc:
            raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
        _say(f"Wrote {what} to {out}")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def cmd_export_bibtex(args: argparse.Namespace) -> int:
    from kg.exports import bibtex_for_item
    from kg.query import expand_iri

    item = expand_iri(args.item)
    export = bibtex_for_item(_open_store(args), _paths(args), item, with_report=args.with_report)
    if not export.keys and not export.missing:
        _say(f"{args.item} rests on no cited work (no source given, or only the report's own data)")
    _emit(export.text.encode("utf-8"), args.out, f"{len(export.keys)} BibTeX entries")
    if export.missing:
        _say(f"error: no BibTeX entry in bib/ for {', '.join(export.missing)} (the graph and bib/ disagree)")
        return EXIT_INVALID
    return EXIT_OK


def cmd_export_nanopubs(args: argparse.Namespace) -> int:
    from kg.exports import DEFAULT_LICENSE, build_date, nanopubs_trig, parse_created
    from kg.store import endpoint_setting

    if args.created:
        created = parse_created(args.created)
    else:
        local_graph = None if endpoint_setting(args.endpoint) else _build_dir(args) / "kg.nt"
        created = build_date(local_graph)
    trig, count = nanopubs_trig(_open_store(args), created, args.license or DEFAULT_LICENSE)
    _emit(trig, args.out, f"{count} nanopublications")
    return EXIT_OK


def cmd_app(args: argparse.Namespace) -> int:
    """Build the graph if it is missing, then run the Streamlit app over it."""
    from kg.store import endpoint_setting

    paths = _paths(args)
    endpoint = endpoint_setting(args.endpoint)
    build = Path(args.build) if args.build else paths.build
    env = {**os.environ, "KG_BUILD_DIR": str(build)}
    if endpoint:
        env["KG_ENDPOINT"] = endpoint
    elif not (build / "kg.nt").is_file():
        _say("No built graph yet: building it first (one time) ...")
        status = cmd_build(argparse.Namespace(project=args.project, out=args.build, quiet=False, no_reason=False))
        if status != EXIT_OK:
            return status
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(paths.root / "app" / "Home.py"),
        "--server.port",
        str(args.port),
        "--server.address",
        args.address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    store = f"the SPARQL endpoint {endpoint}" if endpoint else f"the embedded store over {build / 'kg.nt'}"
    _say(f"Starting the app on http://{args.address}:{args.port} over {store} (Ctrl+C stops it)")
    sys.stdout.flush()
    # The server takes this process's place, so a signal to `kg app` (Ctrl+C, a service manager's
    # SIGTERM) reaches it directly instead of leaving an orphaned server behind.
    os.execve(sys.executable, command, env)


# --- parser -----------------------------------------------------------------------------


def _export_options(parser: argparse.ArgumentParser, out_help: str) -> None:
    parser.add_argument("--out", metavar="FILE", help=out_help + "; written atomically")
    parser.add_argument("--endpoint", help="remote SPARQL endpoint URL (default: KG_ENDPOINT, else the embedded store)")
    parser.add_argument("--build", help="folder of the built graph (default: build/)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Evidence knowledge graph: build, validate and query the graph of claims, "
        "statistics and the sources they rest on.",
        epilog="Exit codes: 0 success, 1 invalid data, 2 error. Docs: README.md.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    parser.add_argument("--project", help="project folder (default: KG_HOME or this checkout)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="extract, validate and write the graph (kg.ttl, kg.jsonld, kg.nt)")
    p.add_argument("--out", help="output folder (default: build/)")
    p.add_argument("--no-reason", action="store_true", help="skip OWL reasoning (faster; no inferred triples)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", help="run the SHACL shapes and the OWL reasoner; exit 0 valid, 1 invalid, 2 error")
    p.add_argument("--graph", help="validate this graph file instead of building from the sources")
    p.add_argument("--no-reason", action="store_true", help="SHACL only")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("query", help="run a named query from queries/ (or a .rq file)")
    p.add_argument("name", help="query name (see `kg queries`) or path to a .rq file")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a query parameter (repeatable)")
    p.add_argument(
        "--format",
        choices=["table", "csv", "tsv", "json"],
        default="table",
        help="output format; json is W3C SPARQL 1.1 Query Results JSON",
    )
    p.add_argument("--limit", type=int, default=10_000, help="row cap; a cut result says so (default 10000)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds before the query is abandoned (default 30)")
    p.add_argument("--endpoint", help="remote SPARQL endpoint URL (default: KG_ENDPOINT, else the embedded store)")
    p.add_argument("--build", help="folder of the built graph (default: build/)")
    p.add_argument("-v", "--verbose", action="store_true", help="print row count, time and store")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("queries", help="list the named queries with their parameters")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_queries)

    p = sub.add_parser(
        "export",
        help="export for citing: the BibTeX behind a claim or statistic, or the curated claims as nanopublications",
        description="Export for citing. Exit codes: 0 written, 1 the graph and bib/ disagree (a key with no "
        "BibTeX entry; the rest is still written), 2 error (unknown item, bad option, store failure).",
    )
    what = p.add_subparsers(dest="what", required=True, metavar="WHAT")
    e = what.add_parser(
        "bibtex",
        help="BibTeX of every work a claim or statistic rests on, directly or through a chain",
        description="The BibTeX entries (from bib/) of every work a claim or statistic rests on: directly, through "
        "a study or an interview excerpt, or through a figure the claim states.",
    )
    e.add_argument("--item", required=True, help="IRI of the claim or statistic, e.g. res:stat/policing2020/1466-1483")
    e.add_argument("--with-report", action="store_true", help="also the entry of the report that states the item")
    _export_options(e, "the .bib file to write (default: standard output)")
    e.set_defaults(func=cmd_export_bibtex)
    e = what.add_parser(
        "nanopubs",
        help="the curated claims as nanopublications (TriG): head, assertion, provenance and pubinfo graphs",
        description="One nanopublication per curated claim, in TriG: the assertion (the claim, its exact quote and "
        "anchor, what it rests on), its provenance (derived from the report and the quote, marked as curated by "
        "hand) and publication info (creation date, creator, licence). IRIs are derived from the claims' IRIs.",
    )
    e.add_argument(
        "--created",
        metavar="DATE",
        help="dcterms:created of every nanopublication, e.g. 2026-11-23 (default: SOURCE_DATE_EPOCH, else the time "
        "the graph was built), so two exports of one build are identical",
    )
    e.add_argument(
        "--license", metavar="IRI", help="licence IRI (default: the project's, https://spdx.org/licenses/MIT)"
    )
    _export_options(e, "the .trig file to write (default: standard output)")
    e.set_defaults(func=cmd_export_nanopubs)

    p = sub.add_parser("add", help="add a new report: copy its text, record its BibTeX, extract it on the next build")
    p.add_argument("text", help="the report's plain-text file (UTF-8)")
    p.add_argument(
        "--bib", required=True, help="BibTeX file: the report's own entry (key = --id) and the works it cites"
    )
    p.add_argument("--id", required=True, help="the report's key (letters, digits, - and _)")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("push", help="load the built graph into a SPARQL server (Graph Store Protocol)")
    p.add_argument("--endpoint", help="the server's query endpoint URL, e.g. http://127.0.0.1:7878/query")
    p.add_argument("--build", help="folder of the built graph (default: build/)")
    p.set_defaults(func=cmd_push)

    p = sub.add_parser("app", help="run the Streamlit app (building the graph first if it is missing)")
    p.add_argument("--port", type=int, default=8501, help="port to serve on (default 8501)")
    p.add_argument("--address", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)")
    p.add_argument("--endpoint", help="read a remote SPARQL endpoint instead (default: KG_ENDPOINT, else embedded)")
    p.add_argument("--build", help="folder of the built graph (default: build/)")
    p.set_defaults(func=cmd_app)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KgError as exc:
        _say(f"error: {exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_ERROR
    except BrokenPipeError:  # the reader (head, less) closed the pipe: not an error
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
