#!/usr/bin/env python3
"""What the query worker processes of the embedded store cost, and what they buy.

For each graph given (N-Triples), one process loads it once and measures:

* a small lookup (one subject's triples, bound as a parameter; ~10 rows): p50/p95 over
  ``--repeats`` runs, in this process (``workers=0``: with the default timeout each query runs in
  a new thread; without one, in the caller's thread) and in a worker process (``workers=4``);
* a 10,000-row answer, both ways (the rows cross a pipe as marshal-ed tuples);
* a fresh worker: fork + sandbox + first answer (the cost after a timeout or a reload);
* a runaway (a 3-way cross product with ORDER BY) at ``--timeout`` s, twice: the time from the
  deadline to ``select`` raising, by which point the worker has been killed and reaped; the
  worker's peak RSS (sampled every 20 ms); whether the worker still exists when ``select``
  raises (a reaped process's memory is free: the kernel releases it before the process becomes
  a zombie); the parent's RSS before and after.

The machine's other load shows in the numbers: run it on an idle machine, and compare runs.

    python benchmarks/query_workers.py /tmp/baseline/build/kg.nt /tmp/synth1000.nt
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.errors import StoreError  # noqa: E402
from kg.store import EmbeddedStore, Term  # noqa: E402

EKG = "https://w3id.org/evidence-kg/ontology#"
LOOKUP = "SELECT ?x ?p ?o WHERE { ?x ?p ?o }"
BIG = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10000"
RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"


def status(field: str, pid: int | str = "self") -> float:
    """A field of /proc/PID/status, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentiles(samples: list[float]) -> str:
    samples = sorted(samples)
    return f"p50 {statistics.median(samples):.3f} ms, p95 {samples[int(len(samples) * 0.95)]:.3f} ms"


def timed(action: Callable[[], object], repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        out.append((time.perf_counter() - started) * 1000)
    return out


def children() -> list[int]:
    found = []
    for task in Path("/proc/self/task").iterdir():
        found += [int(pid) for pid in (task / "children").read_text().split()]
    return found


def runaway(store: EmbeddedStore, timeout: float) -> str:
    peaks: dict[int, float] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            for pid in children():
                try:
                    peaks[pid] = max(peaks.get(pid, 0.0), status("VmRSS", pid))
                except (FileNotFoundError, ProcessLookupError):
                    pass
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    parent = status("VmRSS")
    started = time.perf_counter()
    try:
        store.select(RUNAWAY, timeout=timeout)
        outcome = "answered (!)"
    except StoreError as exc:
        outcome = str(exc)
    took = time.perf_counter() - started
    left = [pid for pid in peaks if Path(f"/proc/{pid}").exists() and pid not in store.worker_pids()]
    after_parent = status("VmRSS")
    stop.set()
    sampler.join()
    how = f"deadline -> reaped {1000 * (took - timeout):.0f} ms" if "timed out" in outcome else outcome
    return (
        f"{how}; worker peak RSS {max(peaks.values(), default=0):.0f} MB; "
        f"{'worker still there' if left else 'worker gone (reaped: memory freed)'} when select raised; "
        f"parent RSS {parent:.0f} -> {after_parent:.0f} MB"
    )


def measure(graph: Path, repeats: int, timeout: float) -> None:
    started = time.perf_counter()
    in_process = EmbeddedStore(workers=0)
    in_process.load_file(graph)
    print(f"\n## {graph} ({in_process.triple_count():,} triples, loaded in {time.perf_counter() - started:.1f} s)")
    subjects = in_process.select(f"SELECT ?x WHERE {{ ?x a <{EKG}Statistic> }} LIMIT 200", timeout=None).values("x")
    subjects = subjects or in_process.select("SELECT DISTINCT ?x WHERE { ?x ?p ?o } LIMIT 200").values("x")
    workers = EmbeddedStore(in_process._store, workers=4)  # the same loaded graph
    started = time.perf_counter()
    workers.select("ASK {}")
    first = (time.perf_counter() - started) * 1000
    print(f"- first query of a store (starts the forking thread, forks, sandboxes): {first:.1f} ms")
    for label, store, timeout_s in (
        ("in this process, timeout 30 s (a thread per query)", in_process, 30.0),
        ("in this process, no timeout", in_process, None),
        ("in a worker process", workers, 30.0),
    ):
        index = iter(range(10**9))

        def lookup(store: EmbeddedStore = store, timeout_s: float | None = timeout_s) -> object:
            return store.select(LOOKUP, {"x": Term("uri", subjects[next(index) % len(subjects)])}, timeout=timeout_s)

        lookup()
        print(f"- lookup, {label}: {percentiles(timed(lookup, repeats))}")
    for label, store in (("in this process", in_process), ("in a worker process", workers)):
        print(f"- 10,000 rows, {label}: {percentiles(timed(lambda s=store: s.select(BIG, limit=None), 20))}")

    def fresh() -> None:
        one = EmbeddedStore(in_process._store, workers=1)
        one.select("ASK {}")
        one.close()

    print(f"- a fresh worker (fork + sandbox + first answer): {percentiles(timed(fresh, 20))}")
    for _ in range(2):
        print(f"- runaway at timeout {timeout:g} s: {runaway(workers, timeout)}")
    workers.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("graphs", nargs="+", type=Path)
    parser.add_argument("--repeats", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=1.0)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    for graph in args.graphs:
        measure(graph, args.repeats, args.timeout)


if __name__ == "__main__":
    main()
