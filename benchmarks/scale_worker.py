#!/usr/bin/env python3
"""A worker process of the scale benchmark: one store, the graph loaded once, every canned query timed.

Each store in a process of its own, so that its peak memory (``ru_maxrss``, interpreter included) is
that store's alone, and a store that leaks or crashes spoils no other's figures. benchmarks/scale.py
starts it (``run_worker``) with a plan (repeats, budget, cap, the parameters, the queries to skip) and
reads back its result (load time, memory, each query's p50/p95):

* ``embedded``: the embedded store (pyoxigraph in memory); it chooses the parameters when the plan
  has none (benchmarks/scale_params.py);
* ``disk``: the embedded store's on-disk mode (pyoxigraph's RocksDB store in a folder beside the
  result, bulk-loaded); queries in threads of the process (``workers=0``), as the worker processes'
  sandbox closes the store's files;
* ``rdflib``: rdflib's default in-memory Graph (``Graph.query`` of the prepared query with
  ``initBindings``).

    python benchmarks/scale_worker.py KIND --graph G.nt --plan PLAN.json --out RESULT.json
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scale_params import choose_params  # noqa: E402
from scale_runs import in_child, not_run_reason, repeat_runs, rss_mb, short, summarise  # noqa: E402

from kg.query import QuerySpec, bind_params, load_registry  # noqa: E402
from kg.store import EmbeddedStore, Term  # noqa: E402

KINDS = ("embedded", "disk", "rdflib")


def worker(kind: str, graph_file: Path, plan: dict, out: Path) -> dict:
    """Load ``graph_file`` into the store of ``kind``, time every canned query, return the figures."""
    registry = load_registry()
    started = time.perf_counter()
    if kind in ("embedded", "disk"):
        if kind == "embedded":
            store = EmbeddedStore.from_file(graph_file)
        else:
            import pyoxigraph as ox

            on_disk = ox.Store(str(out.parent / f"disk-{graph_file.stem}"))
            on_disk.bulk_load(path=str(graph_file), format=ox.RdfFormat.N_TRIPLES)
            on_disk.flush()
            store = EmbeddedStore(store=on_disk, description="embedded (Oxigraph on disk)", workers=0)
        load_s = time.perf_counter() - started
        params = plan.get("params") or choose_params(store, registry, plan["cap"])

        def runner(spec: QuerySpec, bindings: dict[str, Term]) -> Callable[[], int]:
            return lambda: len(store.select(spec.text, bindings, limit=None, timeout=None).rows)
    else:
        from rdflib import Graph, Literal, URIRef, Variable
        from rdflib.plugins.sparql import prepareQuery

        graph = Graph()
        graph.parse(str(graph_file), format="nt")
        load_s = time.perf_counter() - started
        params = plan["params"]

        def to_rdflib(term: Term) -> object:
            if term.kind == "uri":
                return URIRef(term.value)
            return Literal(term.value, lang=term.lang, datatype=URIRef(term.datatype) if term.datatype else None)

        def runner(spec: QuerySpec, bindings: dict[str, Term]) -> Callable[[], int]:
            prepared = prepareQuery(spec.text)
            init = {Variable(k): to_rdflib(v) for k, v in bindings.items()}
            return lambda: len(list(graph.query(prepared, initBindings=init)))

    loaded_mb = rss_mb()
    results = {}
    for name, spec in registry.items():
        not_run = not_run_reason(name, spec, plan, params)
        if not_run:
            results[name] = not_run
            continue
        bindings = bind_params(spec, params.get(name, {}))
        run = runner(spec, bindings)
        messages, capped = in_child(
            lambda send, run=run: repeat_runs(run, send, plan["repeats"], plan["budget"]), plan["cap"]
        )
        results[name] = summarise(messages, capped, plan["cap"])
        print(f"    {kind:<9}{name:<24}{short(results[name])}", file=sys.stderr, flush=True)
    return {
        "load_s": load_s,
        "rss_after_load_mb": loaded_mb,
        "peak_rss_mb": rss_mb(),
        "params": params,
        "queries": results,
    }


def run_worker(kind: str, graph: Path, plan: dict, scratch: Path) -> dict:
    """Run the worker of ``kind`` in a fresh interpreter and return its figures."""
    plan_file, out_file = scratch / f"plan-{kind}.json", scratch / f"result-{kind}.json"
    plan_file.write_text(json.dumps(plan))
    subprocess.run(
        [sys.executable, __file__, kind, "--graph", str(graph), "--plan", str(plan_file), "--out", str(out_file)],
        check=True,
    )
    return json.loads(out_file.read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("--graph", required=True, help="the N-Triples file to load")
    parser.add_argument("--plan", required=True, help="JSON: repeats, budget, cap, params, skip")
    parser.add_argument("--out", required=True, help="where to write the result (JSON)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    result = worker(args.kind, Path(args.graph), json.loads(Path(args.plan).read_text()), out)
    out.write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
