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
store alone (10,000 reports: about 12 million triples), which then chooses the parameters itself.

Writes the results as JSON (and the tables as Markdown) to benchmarks/results/ and prints the tables.

    python benchmarks/scale.py --sizes real,10,100,1000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.query import QuerySpec, bind_params, load_registry  # noqa: E402
from kg.store import EmbeddedStore, Term  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from scale_servers import SERVERS, run_remote  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
EKG = "https://w3id.org/evidence-kg/ontology#"
#: Kinds of IRIs a parameter may name, each with a query listing real ones (that rest on something
#: or are mentioned, so lookups find rows).
CANDIDATE_QUERIES = {
    "statistic": f"SELECT ?x WHERE {{ ?x a <{EKG}Statistic> ; <{EKG}restsOn> ?s }}",
    "curated claim": f"SELECT ?x WHERE {{ ?x a <{EKG}CuratedClaim> ; <{EKG}restsOn> ?s }}",
    "claim": f"SELECT ?x WHERE {{ ?x a <{EKG}Claim> ; <{EKG}restsOn> ?s }}",
    "excerpt": f"SELECT ?x WHERE {{ ?x a <{EKG}InterviewExcerpt> }}",
    "work": f"SELECT ?x WHERE {{ ?x a <{EKG}CitedWork> }}",
    "entity": f"SELECT DISTINCT ?x WHERE {{ ?m <{EKG}mentionOf> ?x }}",
    "study": f"SELECT ?x WHERE {{ ?x a <{EKG}Study> }}",
    "report": f"SELECT ?x WHERE {{ ?x a <{EKG}Report> }}",
}


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


# --- runs bounded in count and time ------------------------------------------------------------


def repeat_runs(run: Callable[[], int], send: Callable[[dict], None], repeats: int, budget: float) -> None:
    """Run until ``repeats`` runs, or ``budget`` seconds and at least 3 runs (1 if a run takes > budget).

    A first run under 0.2 s is a warm-up and not counted.
    """
    started = time.perf_counter()
    rows = run()
    first = time.perf_counter() - started
    samples = 0
    if first >= 0.2:
        send({"sample": first * 1000, "rows": rows})
        samples = 1
    total = first
    while samples < repeats and not (total >= budget and (samples >= 3 or total >= 3 * budget)):
        begun = time.perf_counter()
        rows = run()
        elapsed = time.perf_counter() - begun
        total += elapsed
        samples += 1
        send({"sample": elapsed * 1000, "rows": rows})


def in_child(body: Callable[[Callable[[dict], None]], None], cap: float) -> tuple[list[dict], bool]:
    """Run ``body`` in a forked child; it sends JSON messages. Kill it when one run exceeds ``cap`` s."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: shares the loaded graph copy-on-write
        os.close(read_end)
        out = os.fdopen(write_end, "w", buffering=1)
        try:
            body(lambda message: out.write(json.dumps(message) + "\n"))
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which decides
            out.write(json.dumps({"error": f"{type(exc).__name__}: {exc}"[:300]}) + "\n")
        out.flush()
        os._exit(0)
    os.close(write_end)
    messages: list[dict] = []
    capped = False
    buffer = b""
    deadline = time.monotonic() + cap
    while True:
        remaining = deadline - time.monotonic()
        ready = select.select([read_end], [], [], max(0.0, remaining))[0] if remaining > 0 else []
        if not ready:
            capped = True
            break
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            messages.append(json.loads(line))
            deadline = time.monotonic() + cap  # each run has its own cap
    os.close(read_end)
    if capped:
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return messages, capped


def summarise(messages: list[dict], capped: bool, cap: float) -> dict:
    samples = [m["sample"] for m in messages if "sample" in m]
    errors = [m["error"] for m in messages if "error" in m]
    result: dict = {"runs": len(samples)}
    if samples:
        result.update(
            p50=percentile(samples, 0.5),
            p95=percentile(samples, 0.95),
            rows=[m["rows"] for m in messages if "rows" in m][-1],
        )
    if capped:
        result.update(status="capped", cap_s=cap)
    elif errors:
        result.update(status="error", error=errors[0])
    else:
        result["status"] = "ok"
    return result


# --- workers: one process per store, the graph loaded once -------------------------------------------


def choose_params(store: EmbeddedStore, registry: dict[str, QuerySpec], cap: float) -> dict[str, dict[str, str]]:
    """For each query with parameters, real IRIs that give rows (tried in order of kind, middle of each list)."""
    candidates: list[str] = []
    for sparql in CANDIDATE_QUERIES.values():
        found = store.select(sparql + " ORDER BY ?x", limit=None, timeout=None).values("x")
        middle = len(found) // 2
        candidates += found[middle : middle + 3]
    chosen: dict[str, dict[str, str]] = {}
    for name, spec in registry.items():
        if not spec.params or any(p.type != "iri" for p in spec.params):
            continue

        def trial(send: Callable[[dict], None], spec: QuerySpec = spec) -> None:
            for iri in candidates:
                params = {p.name: iri for p in spec.params}
                table = store.select(spec.text, bind_params(spec, params), limit=1, timeout=None)
                if table.rows:
                    send({"params": params})
                    return
            send({"params": {p.name: candidates[0] for p in spec.params}})

        messages, _ = in_child(trial, cap)
        if messages and "params" in messages[0]:
            chosen[name] = messages[0]["params"]
    return chosen


def not_run_reason(name: str, spec: QuerySpec, plan: dict, params: dict) -> dict | None:
    """Why a query is not run on this store (capped on a smaller graph, no parameter values), or None."""
    if name in plan.get("skip", {}):
        return {"status": "capped", "cap_s": plan["cap"], "runs": 0, "note": plan["skip"][name]}
    if spec.params and name not in params:
        return {"status": "skipped", "reason": "no parameter values found"}
    return None


def worker(args: argparse.Namespace) -> int:
    plan = json.loads(Path(args.plan).read_text())
    registry = load_registry()
    started = time.perf_counter()
    if args.worker in ("embedded", "disk"):
        if args.worker == "embedded":
            store = EmbeddedStore.from_file(Path(args.graph))
        else:
            import pyoxigraph as ox

            on_disk = ox.Store(str(Path(args.out).parent / f"disk-{Path(args.graph).stem}"))
            on_disk.bulk_load(path=args.graph, format=ox.RdfFormat.N_TRIPLES)
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
        graph.parse(args.graph, format="nt")
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
        print(f"    {args.worker:<9}{name:<24}{_short(results[name])}", file=sys.stderr, flush=True)
    Path(args.out).write_text(
        json.dumps(
            {
                "load_s": load_s,
                "rss_after_load_mb": loaded_mb,
                "peak_rss_mb": rss_mb(),
                "params": params,
                "queries": results,
            }
        )
    )
    return 0


def _short(result: dict) -> str:
    if result.get("status") == "capped":
        return f"> {result['cap_s']:g} s (capped)"
    if "p50" in result:
        return f"p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms, {result['runs']} runs, {result['rows']} rows"
    return result.get("status", "") + " " + result.get("error", result.get("reason", ""))


def run_worker(kind: str, graph: Path, plan: dict, scratch: Path) -> dict:
    plan_file, out_file = scratch / f"plan-{kind}.json", scratch / f"result-{kind}.json"
    plan_file.write_text(json.dumps(plan))
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--worker",
            kind,
            "--graph",
            str(graph),
            "--plan",
            str(plan_file),
            "--out",
            str(out_file),
        ],
        check=True,
    )
    return json.loads(out_file.read_text())


# --- building the graphs ---------------------------------------------------------------------------------

_MEASURED = (
    "import json, resource, sys, time; from {module} import main; t = time.perf_counter(); "
    "code = main(sys.argv[1:]); s = time.perf_counter() - t; "
    "peak = max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)); "
    "print('MEASURED ' + json.dumps({{'seconds': s, 'peak_rss_mb': peak / 1024, 'code': code}}), file=sys.stderr); "
    "sys.exit(code)"
)


def measured(module: str, argv: list[str]) -> dict:
    """Run ``module.main(argv)`` in a fresh interpreter; its wall time and peak memory."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "scripts"), str(ROOT)])}
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED.format(module=module), *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in done.stderr.splitlines():
        if line.startswith("MEASURED "):
            result = json.loads(line[len("MEASURED ") :])
            if result["code"] == 0:
                return result
    raise SystemExit(f"{module} {' '.join(argv)} failed:\n{done.stderr[-2000:]}")


def make_graph(
    size: str, scratch: Path, seed: int, real_graph: Path | None, prebuilt: dict[str, str]
) -> tuple[Path, dict]:
    if size == "real":
        if real_graph is not None:
            return real_graph, {"what": "pre-built", "seconds": None, "peak_rss_mb": None}
        out = scratch / "real"
        result = measured("kg.cli", ["build", "--out", str(out), "--quiet"])
        return out / "kg.nt", {"what": "kg build (extraction, SHACL, HermiT, outputs)", **result}
    if size in prebuilt:
        return Path(prebuilt[size]), {"what": f"pre-generated {prebuilt[size]}", "seconds": None, "peak_rss_mb": None}
    out = scratch / f"synthetic-{size}.nt"
    result = measured("synthetic_corpus", ["--reports", size, "--seed", str(seed), "--out", str(out), "--quiet"])
    return out, {"what": "scripts/synthetic_corpus.py", **result}


def count_triples(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


# --- tables ------------------------------------------------------------------------------------------------


def _ms(result: dict | None) -> str:
    if not result:
        return "-"
    if result.get("status") == "capped":
        return f"> {result['cap_s'] * 1000:,.0f}"
    if result.get("status") == "skipped":
        return "skip"
    if "p50" not in result:
        return "err" if result.get("status") == "error" else "-"
    return f"{result['p50']:,.1f} / {result['p95']:,.1f}"


def speedup(embedded: dict, rdflib: dict) -> tuple[float | None, bool]:
    """rdflib p50 / embedded p50; a lower bound (True) when rdflib was capped."""
    if "p50" not in embedded:
        return None, False
    if "p50" in rdflib:
        return rdflib["p50"] / max(embedded["p50"], 1e-3), False
    if rdflib.get("status") == "capped":
        return rdflib["cap_s"] * 1000 / max(embedded["p50"], 1e-3), True
    return None, False


def size_summary(entry: dict, registry: dict[str, QuerySpec]) -> dict:
    stores = entry["stores"]
    summary: dict = {}
    for kind, wanted in (("lookups", True), ("aggregates", False)):
        for store, data in stores.items():
            values = [
                data["queries"][n]["p50"]
                for n, s in registry.items()
                if bool(s.params) == wanted and "p50" in data["queries"].get(n, {})
            ]
            capped = [
                n
                for n, s in registry.items()
                if bool(s.params) == wanted and data["queries"].get(n, {}).get("status") in ("capped", "skipped")
            ]
            summary[f"{store} {kind}"] = {
                "median_p50": statistics.median(values) if values else None,
                "max_p50": max(values) if values else None,
                "capped": capped,
            }
    ratios = (
        [speedup(stores["embedded"]["queries"].get(n, {}), stores["rdflib"]["queries"].get(n, {})) for n in registry]
        if "rdflib" in stores and "embedded" in stores
        else []
    )
    known = [r for r, _ in ratios if r is not None]
    summary["median_speedup"] = statistics.median(known) if known else None
    summary["speedup_lower_bounds"] = sum(1 for r, bound in ratios if r is not None and bound)
    return summary


#: Every store, in the order of the tables, with its name there.
STORE_NAMES = {
    "embedded": "embedded (memory)",
    "disk": "embedded (disk)",
    "serve": "kg serve (HTTP)",
    "server": "oxigraph serve (HTTP)",
    "virtuoso": "Virtuoso (HTTP)",
    "rdflib": "rdflib",
}


def tables(run: dict) -> str:
    registry = load_registry()
    present = [k for k in STORE_NAMES if any(k in entry["stores"] for entry in run["sizes"])]

    def number(value: object, digits: str = ",.1f") -> str:
        return "-" if value is None else format(value, digits) if isinstance(value, float) else str(value)

    out = [
        "| graph | reports | triples | build or generate (s) | build peak (MB) | "
        + " | ".join(f"{STORE_NAMES[k]} load (s) | {STORE_NAMES[k]} peak (MB)" for k in present)
        + " |",
        "|---|--:|--:|--:|--:|" + "--:|--:|" * len(present),
    ]
    for entry in run["sizes"]:
        st, build = entry["stores"], entry["build"]
        cells = [
            f"{number(st.get(k, {}).get('load_s'))} | {number(st.get(k, {}).get('peak_rss_mb'), ',.0f')}"
            for k in present
        ]
        out.append(
            f"| {entry['size']} | {entry['reports']} | {entry['triples']:,} | {number(build['seconds'])} | "
            f"{number(build['peak_rss_mb'], ',.0f')} | " + " | ".join(cells) + " |"
        )
    out += [
        "",
        "Query p50 in ms, by kind (median over the queries of that kind; worst in brackets):",
        "",
        "| graph | store | lookups | aggregates |",
        "|---|---|--:|--:|",
    ]
    for entry in run["sizes"]:
        summary = entry["summary"]

        def both(key: str, summary: dict = summary) -> str:
            item = summary.get(key)
            if not item or item["median_p50"] is None:
                return "-"
            capped = f", {len(item['capped'])} capped" if item["capped"] else ""
            return f"{item['median_p50']:,.1f} ({item['max_p50']:,.1f}{capped})"

        for k in present:
            if k in entry["stores"]:
                out.append(
                    f"| {entry['size']} | {STORE_NAMES[k]} | {both(f'{k} lookups')} | {both(f'{k} aggregates')} |"
                )
        ratio = summary.get("median_speedup")
        if ratio is not None:
            bound = f" ({summary['speedup_lower_bounds']} lower bounds)" if summary.get("speedup_lower_bounds") else ""
            out.append(f"| {entry['size']} | median speed-up embedded vs rdflib | {ratio:,.0f}x{bound} | |")
    for entry in run["sizes"]:
        st = entry["stores"]
        here = [k for k in present if k in st]
        out += [
            "",
            f"Every canned query on `{entry['size']}` ({entry['triples']:,} triples): p50 / p95 in ms "
            "(`> N` = capped at N ms: killed, or skipped after it was capped on a smaller graph).",
            "",
            "| query | kind | rows | " + " | ".join(STORE_NAMES[k] for k in here) + " |",
            "|---|---|--:|" + "--:|" * len(here),
        ]
        for name, spec in registry.items():
            first = next((st[k]["queries"].get(name, {}) for k in here if "rows" in st[k]["queries"].get(name, {})), {})
            cells = " | ".join(_ms(st[k]["queries"].get(name, {})) for k in here)
            out.append(f"| {name} | {'lookup' if spec.params else 'aggregate'} | {first.get('rows', '-')} | {cells} |")
    return "\n".join(out) + "\n"


def targets(run: dict) -> list[str]:
    lines = []
    registry = load_registry()
    for entry in run["sizes"]:
        emb = entry["stores"].get("embedded", {}).get("queries", {})
        if entry["size"] == "real":
            slow = [n for n in registry if emb.get(n, {}).get("p50", 1e9) > 10]
            lines.append(
                f"real graph, every canned query p50 <= 10 ms embedded: "
                f"{'met' if not slow else 'MISSED by ' + ', '.join(slow)}"
            )
        if entry["size"] == "1000":
            build = entry["build"]["seconds"]
            lines.append(f"1000 reports, build <= 2 min: {'met' if build <= 120 else 'MISSED'} ({build:.0f} s)")
            for kind, wanted, limit in (("lookups", True, 20), ("aggregates", False, 500)):
                slow = [
                    n
                    for n, s in registry.items()
                    if bool(s.params) == wanted and emb.get(n, {}).get("p50", 1e12) > limit
                ]
                lines.append(
                    f"1000 reports, {kind} p50 <= {limit} ms embedded: "
                    f"{'met' if not slow else 'MISSED by ' + ', '.join(slow)}"
                )
            ratio = entry["summary"].get("median_speedup")
            if ratio is not None:
                verdict = "met" if ratio >= 20 else "MISSED"
                lines.append(f"1000 reports, median speed-up >= 20x: {verdict} ({ratio:.0f}x)")
    return lines


# --- main -----------------------------------------------------------------------------------------------------


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
    parser.add_argument("--worker", choices=["embedded", "disk", "rdflib"], help=argparse.SUPPRESS)
    parser.add_argument("--graph", help=argparse.SUPPRESS)
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args)

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
                        entry["stores"][kind] = run_remote(
                            kind,
                            graph,
                            params,
                            plan,
                            not_run=not_run_reason,
                            repeat=repeat_runs,
                            summarise=summarise,
                            short=_short,
                        )
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
