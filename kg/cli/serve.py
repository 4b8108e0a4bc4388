"""``kg serve``, ``kg push`` and ``kg app``: a SPARQL endpoint over the graph, the graph into another
SPARQL server, and the Streamlit app over either."""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

from kg.cli.common import EXIT_OK, positive_float, positive_int, project, say
from kg.errors import QueryError

_ORIGIN = re.compile(r"^(\*|https?://[A-Za-z0-9.\-]+(:\d{1,5})?|https?://\[[0-9A-Fa-f:]+\](:\d{1,5})?)$")


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the built graph as a read-only SPARQL endpoint until Ctrl+C (or SIGTERM)."""
    from kg.endpoint import EndpointServer, Settings
    from kg.endpoint.hosts import ALLOWED_NAME
    from kg.store import open_embedded

    if args.cors and not _ORIGIN.match(args.cors):
        raise QueryError(
            f"--cors takes an origin such as https://yasgui.triply.cc (scheme, host, port) or *, not {args.cors!r}"
        )
    for name in args.allow_host:
        if not ALLOWED_NAME.match(name.strip().lower()):
            raise QueryError(f"--allow-host takes a host name such as kg.example.org (or .example.org), not {name!r}")
    graph_file = (Path(args.build) if args.build else project(args).build) / "kg.nt"
    if not graph_file.is_file():
        raise QueryError(f"no built graph at {graph_file}: run `kg build` first")
    started = time.perf_counter()
    store = open_embedded(graph_file.parent)
    settings = Settings(
        limit=args.limit,
        timeout=args.timeout,
        cors=args.cors,
        verbose=args.verbose,
        allowed_hosts=tuple(args.allow_host),
    )
    try:
        server = EndpointServer(store, args.address, args.port, settings)
    except OSError as exc:
        store.close()
        raise QueryError(f"cannot listen on {args.address}:{args.port}: {exc.strerror or exc}") from exc
    cors = f"; browsers at {args.cors} may read it" if args.cors else ""
    say(
        f"Serving {store.triple_count():,} triples of {graph_file} read-only at {server.url} "
        f"(loaded in {time.perf_counter() - started:.1f} s; at most {args.limit:,} rows and {args.timeout:g} s "
        f"a query{cors}). Ctrl+C stops it."
    )
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        say("Stopped.")
    finally:
        server.server_close()
        store.close()
    return EXIT_OK


def cmd_push(args: argparse.Namespace) -> int:
    from kg.store import RemoteStore, endpoint_setting

    endpoint = endpoint_setting(args.endpoint)
    if not endpoint:
        raise QueryError("kg push needs --endpoint URL (or KG_ENDPOINT)")
    graph_file = (Path(args.build) if args.build else project(args).build) / "kg.nt"
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


def cmd_app(args: argparse.Namespace) -> int:
    """Build the graph if it is missing, then run the Streamlit app over it."""
    from kg.app.launch import streamlit_command
    from kg.cli.build import cmd_build
    from kg.project.settings import read_settings

    chosen = read_settings(endpoint=args.endpoint, build=args.build, project=getattr(args, "project", None))
    if not chosen.endpoint:  # the local graph: a project is needed (to find build/, or to build it)
        paths = project(args)
        build = chosen.local_build()
        if not (build / "kg.nt").is_file():
            say("No built graph yet: building it first (one time) ...")
            options = {"quiet": False, "no_reason": False, "jobs": None, "scheduler": None}
            status = cmd_build(argparse.Namespace(project=str(paths.root), out=args.build, **options))
            if status != EXIT_OK:
                return status
    env = {**os.environ, **chosen.environment()}  # the app reads these, once (kg.project.settings)
    endpoint = chosen.endpoint
    command = streamlit_command(args.port, args.address)
    store = (
        f"the SPARQL endpoint {endpoint}" if endpoint else f"the embedded store over {chosen.local_build() / 'kg.nt'}"
    )
    say(f"Starting the app on http://{args.address}:{args.port} over {store} (Ctrl+C stops it)")
    sys.stdout.flush()
    # The server takes this process's place, so a signal to `kg app` (Ctrl+C, a service manager's
    # SIGTERM) reaches it directly instead of leaving an orphaned server behind.
    os.execve(sys.executable, command, env)


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the built graph as a read-only SPARQL 1.1 endpoint (SPARQLWrapper, pandas, YASGUI, the app)",
        description="Serve the built graph (build/kg.nt, loaded into the embedded store) as a read-only SPARQL 1.1 "
        "Protocol endpoint at http://ADDRESS:PORT/sparql: GET and POST; SELECT and ASK answered as SPARQL JSON, "
        "XML, CSV or TSV, CONSTRUCT and DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML, by the Accept header. "
        "Every query is checked as in the app's console: updates, SERVICE and FROM are refused with HTTP 400, and "
        "the usual prefixes (kg prefixes) are declared. Each query runs in a worker process without network "
        "access and is stopped at the timeout; answers are cut at the row cap (the X-SPARQL-MaxRows header says "
        "so). A Host other than ADDRESS (DNS rebinding) or a request from another site's page is refused with 403; "
        "a request must arrive whole within 30 s of its first byte. "
        "Point the app at it with `kg app --endpoint http://127.0.0.1:PORT/sparql`.",
    )
    p.add_argument("--port", type=positive_int, metavar="N", default=7878, help="port to listen on (default 7878)")
    p.add_argument(
        "--address", metavar="ADDR", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)"
    )
    p.add_argument(
        "--timeout", type=positive_float, metavar="S", default=30.0, help="seconds a query may run (default 30)"
    )
    p.add_argument(
        "--limit", type=positive_int, metavar="N", default=10_000, help="most rows of an answer (default 10000)"
    )
    p.add_argument(
        "--cors",
        metavar="ORIGIN",
        help="let browser pages from ORIGIN (e.g. https://yasgui.triply.cc, or * for any) read the answers; "
        "without it no cross-origin request is allowed",
    )
    p.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests whose Host is NAME (the name a reverse proxy is reached by; .example.org for "
        "every name under it); repeatable. Without it only ADDRESS (and localhost on a loopback address) is",
    )
    p.add_argument("--build", metavar="DIR", help="folder of the built graph (default: the project's build/)")
    p.add_argument("-v", "--verbose", action="store_true", help="print one line per request on stderr")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("push", help="load the built graph into a SPARQL server (Graph Store Protocol)")
    p.add_argument(
        "--endpoint", metavar="URL", help="the server's query endpoint URL, e.g. http://127.0.0.1:7878/query"
    )
    p.add_argument("--build", metavar="DIR", help="folder of the built graph (default: the project's build/)")
    p.set_defaults(func=cmd_push)

    p = sub.add_parser("app", help="run the Streamlit app (building the graph first if it is missing)")
    p.add_argument("--port", type=positive_int, metavar="N", default=8501, help="port to serve on (default 8501)")
    p.add_argument(
        "--address", metavar="ADDR", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)"
    )
    p.add_argument(
        "--endpoint", metavar="URL", help="read a remote SPARQL endpoint instead (default: KG_ENDPOINT, else embedded)"
    )
    p.add_argument("--build", metavar="DIR", help="folder of the built graph (default: the project's build/)")
    p.set_defaults(func=cmd_app)
