#!/usr/bin/env python3
"""How the evidence graph scales: build, load, memory and every canned query, on every kind of store.

For each graph size (the real two-report graph and synthetic corpora of N reports made by
scripts/synthetic_corpus.py) this measures, in one run:

* the build (``kg build`` for the real graph, generation for a synthetic one): wall time and
  peak resident memory of the building process (``getrusage`` ``ru_maxrss``, children included);
* the load into each store and its peak memory: the embedded store (pyoxigraph in memory) and
  rdflib's default in-memory Graph, each in a worker process of its own (``ru_maxrss`` of that
  process, interpreter included), and the Oxigraph server (``oxigraph serve``, pushed with the
  Graph Store Protocol as ``kg push`` does; its peak is the server process's ``VmHWM``), ``kg serve``
  and Virtuoso (benchmarks/scale_servers.py), and the embedded store's on-disk mode (``disk``:
  pyoxigraph's RocksDB store in a scratch folder, bulk-loaded; queries in threads of the process, as
  the worker processes' sandbox closes the store's files);
* p50 and p95 of every canned query (``queries/*.rq``, parameters filled with real IRIs that give
  rows) on the embedded store (``EmbeddedStore.select``), on rdflib (``Graph.query`` of the
  prepared query with ``initBindings``) and on the server over HTTP (``RemoteStore.select``).

Each query runs in a child forked from the worker that holds the loaded graph, so a run that
exceeds the cap (``--cap``, ``--rdflib-cap``) is killed and reported as capped (``> cap``); a query
capped at one size is not run again at a larger one. Repeats are bounded in count and time
(``--repeats``, ``--budget``): a slow query runs fewer times, so its p95 is the maximum of few runs.
Each server gets the same cap as its own timeout. ``--disk-only-sizes`` are sizes run on the on-disk
store alone (10,000 reports: 15.6 million triples), which then chooses the parameters itself.

Writes the results as JSON (and the tables as Markdown) to benchmarks/results/ and prints the tables.
This file runs the sizes and the stores; the rest is beside it, so that each part reads alone:
scale_runs.py (a query's runs, in a killable child), scale_worker.py (the worker process of one
store), scale_params.py (the parameters' IRIs), scale_servers.py (the servers over HTTP),
scale_graphs.py (building or generating a graph) and scale_tables.py (the tables and the targets).

    python benchmarks/scale.py --sizes real,10,100,1000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale_graphs import count_triples, make_graph  # noqa: E402
from scale_servers import SERVERS, run_remote  # noqa: E402
from scale_tables import size_summary, tables, targets  # noqa: E402
from scale_worker import run_worker  # noqa: E402

from kg.query import load_registry  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Scale benchmark: build, load, memory and p50/p95 of every canned query on the embedded "
        "store, rdflib's in-memory Graph and the Oxigraph server, for the real graph and N synthetic reports.",
        epilog="Results: benchmarks/results/scale-<UTC time>.json and .md (git-ignored).",
    )
    parser.add_argument(
        "--sizes",
        default="real,10,100,1000",
        help="comma-separated: 'real' and/or numbers of synthetic reports (default real,10,100,1000)",
    )
    parser.add_argument(
        "--stores",
        default="embedded,rdflib,server,serve,virtuoso",
        help="which stores: embedded, disk (on-disk embedded), rdflib, server (oxigraph serve), serve (kg serve), "
        "virtuoso (default all but disk)",
    )
    parser.add_argument(
        "--disk-only-sizes",
        default="",
        help="comma-separated sizes measured on the on-disk store only, e.g. 10000 (it chooses the parameters)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpora (default 1)")
    parser.add_argument("--repeats", type=int, default=20, help="most runs of one query (default 20)")
    parser.add_argument(
        "--budget",
        type=float,
        default=2.0,
        help="seconds of runs per query before stopping at 3 runs (1 if a run exceeds 3x; default 2)",
    )
    parser.add_argument(
        "--cap",
        type=float,
        default=20.0,
        help="seconds one run may take on the embedded store and the server (default 20)",
    )
    parser.add_argument("--rdflib-cap", type=float, default=20.0, help="seconds one rdflib run may take (default 20)")
    parser.add_argument("--real-graph", help="use this built kg.nt for 'real' instead of running kg build")
    parser.add_argument(
        "--synthetic",
        action="append",
        default=[],
        metavar="N=FILE",
        help="use this N-Triples file (scripts/synthetic_corpus.py -n N) for size N instead of generating it",
    )
    args = parser.parse_args(argv)

    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    stores = [s.strip() for s in args.stores.split(",") if s.strip()]
    disk_only = {x.strip() for x in args.disk_only_sizes.split(",") if x.strip()}
    if "embedded" not in stores and set(sizes) - disk_only:
        parser.error("--stores must include embedded (it chooses the query parameters)")
    started = datetime.now(UTC)
    run: dict = {
        "started": started.isoformat(timespec="seconds"),
        "machine": _machine(),
        "settings": vars(args),
        "sizes": [],
    }
    capped_before: dict[str, dict[str, str]] = {store: {} for store in [*stores, "disk"]}
    say = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as tmp:
        scratch = Path(tmp)
        for size in sizes:
            say(f"== {size}: building the graph ...")
            prebuilt = dict(item.split("=", 1) for item in args.synthetic)
            real = Path(args.real_graph) if args.real_graph else None
            graph, build = make_graph(size, scratch, args.seed, real, prebuilt)
            entry = {
                "size": size,
                "reports": 2 if size == "real" else int(size),
                "triples": count_triples(graph),
                "build": build,
                "stores": {},
            }
            say(f"   {entry['triples']:,} triples; build {build['seconds'] or 0:.1f} s")
            base = {"repeats": args.repeats, "budget": args.budget}
            if size in disk_only:
                plan = {**base, "cap": args.cap, "skip": capped_before.get("disk", {})}
                entry["stores"]["disk"] = run_worker("disk", graph, plan, scratch)
                entry["params"] = entry["stores"]["disk"]["params"]
            else:
                embedded = run_worker(
                    "embedded", graph, {**base, "cap": args.cap, "skip": capped_before["embedded"]}, scratch
                )
                entry["stores"]["embedded"] = embedded
                params = embedded["params"]
                entry["params"] = params
                if "disk" in stores:
                    plan = {**base, "cap": args.cap, "params": params, "skip": capped_before["disk"]}
                    entry["stores"]["disk"] = run_worker("disk", graph, plan, scratch)
                if "rdflib" in stores:
                    plan = {**base, "cap": args.rdflib_cap, "params": params, "skip": capped_before["rdflib"]}
                    entry["stores"]["rdflib"] = run_worker("rdflib", graph, plan, scratch)
                for kind in SERVERS:
                    if kind in stores:
                        plan = {**base, "cap": args.cap, "skip": capped_before[kind]}
                        entry["stores"][kind] = run_remote(kind, graph, params, plan)
            for store, data in entry["stores"].items():
                for name, result in data["queries"].items():
                    if result.get("status") == "capped" and "note" not in result:
                        capped_before[store][name] = f"not run: capped on the smaller graph {size}"
            entry["summary"] = size_summary(entry, load_registry())
            run["sizes"].append(entry)
            if size != "real" and size not in prebuilt:
                graph.unlink(missing_ok=True)
    run["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    run["targets"] = targets(run)
    text = tables(run) + "\nTargets:\n" + "\n".join(f"- {line}" for line in run["targets"]) + "\n"
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"scale-{started.strftime('%Y%m%dT%H%M%SZ')}"
    stem.with_suffix(".json").write_text(json.dumps(run, indent=2))
    stem.with_suffix(".md").write_text(text)
    print(text)
    say(f"Wrote {stem}.json and .md in {(datetime.now(UTC) - started).total_seconds() / 60:.1f} min")
    return 0


def _machine() -> dict:
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "load_average": os.getloadavg(),
    }


if __name__ == "__main__":
    sys.exit(main())
