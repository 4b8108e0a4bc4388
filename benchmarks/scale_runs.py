"""How the scale benchmark times one query: runs bounded in count and time, each in a killable child.

A query that runs away must not stall the whole benchmark or leave a store's process in an unknown
state, so each query runs in a child forked from the process that holds the loaded graph (sharing it
copy-on-write) and is killed when one run exceeds the cap. A slow query runs fewer times than a fast
one (``repeat_runs``), so the benchmark's length stays bounded; its p95 is then the maximum of few
runs. Shared by the worker processes (benchmarks/scale_worker.py), the parameter choice
(benchmarks/scale_params.py) and the servers (benchmarks/scale_servers.py), so that every store is
timed the same way.
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import time
from collections.abc import Callable

from kg.query import QuerySpec


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (``ru_maxrss`` is in kB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


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
    """One query's result on one store: runs, p50, p95 and rows, or why there are none."""
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


def not_run_reason(name: str, spec: QuerySpec, plan: dict, params: dict) -> dict | None:
    """Why a query is not run on this store (capped on a smaller graph, no parameter values), or None."""
    if name in plan.get("skip", {}):
        return {"status": "capped", "cap_s": plan["cap"], "runs": 0, "note": plan["skip"][name]}
    if spec.params and name not in params:
        return {"status": "skipped", "reason": "no parameter values found"}
    return None


def short(result: dict) -> str:
    """One query's result in a progress line."""
    if result.get("status") == "capped":
        return f"> {result['cap_s']:g} s (capped)"
    if "p50" in result:
        return f"p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms, {result['runs']} runs, {result['rows']} rows"
    return result.get("status", "") + " " + result.get("error", result.get("reason", ""))
