#!/usr/bin/env python3
"""``kg build`` with the CPU seconds of each stage: in the build's process and in its workers.

Runs the build in this process (the same ``kg`` command line after ``--``), each stage function
that :mod:`kg.pipeline.run` calls wrapped to record its wall time, this process's CPU time and its
finished children's (the worker pools': :class:`kg.pipeline.pool.Runner` waits for its workers to
exit, so their CPU is counted in the stage that ran them). A stage nested in another (the SHACL
parts inside validation) is counted in both; the ``whole build`` line is the sum that matters.
Prints one JSON object on the last line of standard output (after the build's own lines):

    python benchmarks/stage_cpu.py -- build --out /tmp/out      # in a project folder
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

#: The functions timed, as ``module:name`` where :mod:`kg.pipeline.run` (or its callees) look them up;
#: those a version of the build does not have are left out (one name may stand for two versions' functions).
STAGES = (
    ("extract", "kg.pipeline.run", "extract_all"),
    ("evidence", "kg.pipeline.run", "infer_evidence"),
    ("fragments", "kg.pipeline.run", "warm_fragments"),
    ("graph", "kg.pipeline.run", "build_graph"),
    ("validate (SHACL + reasoning)", "kg.pipeline.run", "validate"),
    ("shacl parts", "kg.pipeline.run", "shacl_of_lines"),
    ("reasoning over the lines", "kg.pipeline.run", "reason_over_lines"),
    ("counts", "kg.pipeline.run", "count_graph"),
    ("counts", "kg.pipeline.run", "count_lines"),
    ("read side", "kg.pipeline.run", "read_side_graph"),
    ("read side", "kg.pipeline.run", "read_side_runs"),
    ("outputs", "kg.pipeline.run", "write_outputs"),
)


def _clock() -> tuple[float, float, float]:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter(), time.process_time(), children.ru_utime + children.ru_stime


def _timed(name: str, fn: Callable[..., Any], table: dict[str, list[float]]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        wall, own, children = _clock()
        try:
            return fn(*args, **kwargs)
        finally:
            after = _clock()
            row = table.setdefault(name, [0.0, 0.0, 0.0])
            row[0] += after[0] - wall
            row[1] += after[1] - own
            row[2] += after[2] - children

    return wrapper


def main(argv: list[str]) -> int:
    import importlib

    from kg.cli import main as kg_main

    table: dict[str, list[float]] = {}
    present = []
    for name, module, attr in STAGES:
        target = importlib.import_module(module)
        if hasattr(target, attr):
            setattr(target, attr, _timed(name, getattr(target, attr), table))
            present.append(name)
    start = _clock()
    code = kg_main(argv)
    end = _clock()
    table["whole build"] = [end[0] - start[0], end[1] - start[1], end[2] - start[2]]
    rows = {
        name: {"wall_s": round(w, 2), "parent_cpu_s": round(p, 2), "workers_cpu_s": round(c, 2)}
        for name, (w, p, c) in table.items()
    }
    print(json.dumps({"exit": code, "load": os.getloadavg()[0], "stages": rows}))
    return int(code or 0)


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(args[1:] if args[:1] == ["--"] else args))
