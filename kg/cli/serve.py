"""``kg push`` and ``kg app``: the graph into a SPARQL server, and the Streamlit app over it."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from kg.cli.common import EXIT_OK, positive_int, project, say
from kg.errors import QueryError


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
    from kg.store import endpoint_setting

    paths = project(args)
    endpoint = endpoint_setting(args.endpoint)
    build = Path(args.build) if args.build else paths.build
    env = {**os.environ, "KG_BUILD_DIR": str(build), "KG_HOME": str(paths.root)}
    if endpoint:
        env["KG_ENDPOINT"] = endpoint
    elif not (build / "kg.nt").is_file():
        say("No built graph yet: building it first (one time) ...")
        status = cmd_build(argparse.Namespace(project=str(paths.root), out=args.build, quiet=False, no_reason=False))
        if status != EXIT_OK:
            return status
    command = streamlit_command(args.port, args.address)
    store = f"the SPARQL endpoint {endpoint}" if endpoint else f"the embedded store over {build / 'kg.nt'}"
    say(f"Starting the app on http://{args.address}:{args.port} over {store} (Ctrl+C stops it)")
    sys.stdout.flush()
    # The server takes this process's place, so a signal to `kg app` (Ctrl+C, a service manager's
    # SIGTERM) reaches it directly instead of leaving an orphaned server behind.
    os.execve(sys.executable, command, env)


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("push", help="load the built graph into a SPARQL server (Graph Store Protocol)")
    p.add_argument("--endpoint", help="the server's query endpoint URL, e.g. http://127.0.0.1:7878/query")
    p.add_argument("--build", help="folder of the built graph (default: the project's build/)")
    p.set_defaults(func=cmd_push)

    p = sub.add_parser("app", help="run the Streamlit app (building the graph first if it is missing)")
    p.add_argument("--port", type=positive_int, default=8501, help="port to serve on (default 8501)")
    p.add_argument("--address", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)")
    p.add_argument("--endpoint", help="read a remote SPARQL endpoint instead (default: KG_ENDPOINT, else embedded)")
    p.add_argument("--build", help="folder of the built graph (default: the project's build/)")
    p.set_defaults(func=cmd_app)
