"""The SPARQL servers of the scale benchmark, each queried over HTTP as the tool's ``--endpoint`` does.

* ``server``: ``oxigraph serve`` (pushed with the Graph Store Protocol as ``kg push`` does);
* ``serve``: ``kg serve`` over the graph (started as a user starts it; "load" is the time until it
  answers, the graph loaded into its embedded store);
* ``virtuoso``: Debian's Virtuoso, loaded with its bulk loader, the graph named by ``default-graph-uri``.

Each gets the run's cap as its own timeout; its peak memory is the server process's ``VmHWM`` (for
``kg serve`` the main process, which holds the graph; its query workers share it copy-on-write).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from scale_runs import not_run_reason, repeat_runs, short, summarise

from harness.servers import KgServe, OxigraphServer, VirtuosoServer
from kg.errors import KgError, StoreError
from kg.query import QuerySpec, bind_params, load_registry
from kg.store import RemoteStore, Term

SERVERS = ("server", "serve", "virtuoso")


def vm_hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


@contextmanager
def started(kind: str, graph: Path, cap: float) -> Iterator[tuple[str, float, Callable[[], float | None]]]:
    """The server of ``kind`` holding ``graph``: its query URL, the load time, and its peak memory."""
    if kind == "server":
        with OxigraphServer(timeout_s=max(1, round(cap))) as server:
            remote = RemoteStore(server.query_url)
            begun = time.perf_counter()
            remote.load_file(graph, timeout=3600)
            remote.close()
            assert server.process is not None
            pid = server.process.pid
            yield server.query_url, time.perf_counter() - begun, lambda: vm_hwm_mb(pid)
    elif kind == "serve":
        build = graph.parent / f"serve-{graph.stem}"
        build.mkdir(exist_ok=True)
        if not (build / "kg.nt").exists():
            os.symlink(graph, build / "kg.nt")
        begun = time.perf_counter()
        served = KgServe(build, ["--limit", str(10**9), "--timeout", str(cap)], start_timeout=1800).start()
        try:
            assert served.process is not None
            pid = served.process.pid
            yield served.url, time.perf_counter() - begun, lambda: vm_hwm_mb(pid)
        finally:
            served.stop()
    elif kind == "virtuoso":
        with VirtuosoServer(max_rows=10**8, max_seconds=max(1, round(cap)), memory_mb=4096) as virtuoso:
            begun = time.perf_counter()
            virtuoso.load(graph, timeout=3600)
            assert virtuoso.process is not None
            pid = virtuoso.process.pid
            yield virtuoso.query_url, time.perf_counter() - begun, lambda: vm_hwm_mb(pid)
    else:
        raise ValueError(f"unknown server {kind!r}")


def run_remote(kind: str, graph: Path, params: dict, plan: dict) -> dict:
    """Every canned query on one server, over HTTP, with the embedded store's parameters."""
    registry = load_registry()
    with started(kind, graph, plan["cap"]) as (url, load_s, peak):
        remote = RemoteStore(url)
        results = {}
        for name, spec in registry.items():
            skipped = not_run_reason(name, spec, plan, params)
            if skipped:
                results[name] = skipped
                continue
            bindings = bind_params(spec, params.get(name, {}))
            messages: list[dict] = []
            capped = False

            def run(spec: QuerySpec = spec, bindings: dict[str, Term] = bindings) -> int:
                return len(remote.select(spec.text, bindings, limit=None, timeout=plan["cap"]).rows)

            try:
                repeat_runs(run, messages.append, plan["repeats"], plan["budget"])
            except StoreError as exc:
                text = str(exc)
                capped = any(w in text.lower() for w in ("within", "timed out", "http 500", "incomplete"))
                if not capped:
                    messages.append({"error": text[:300]})
            except KgError as exc:
                messages.append({"error": str(exc)[:300]})
            results[name] = summarise(messages, capped, plan["cap"])
            print(f"    {kind:<9}{name:<24}{short(results[name])}", file=sys.stderr, flush=True)
        remote.close()
        return {"load_s": load_s, "peak_rss_mb": peak(), "queries": results}
