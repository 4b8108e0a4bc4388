#!/usr/bin/env python3
"""The build's memory stage by stage: ``kg build`` in this process, each progress line with the
resident memory then and the peak so far (``VmRSS``/``VmHWM`` of /proc/self/status).

Worker processes (extraction, SHACL parts) are not counted: their memory is one task's. With
``--top N``, tracemalloc's N largest allocation sites after each stage (slow: twice the time or more).

    python benchmarks/build_memory.py PROJECT [--out DIR] [--jobs 1] [--top 15]
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

#: The stages after which ``--top`` shows what holds memory (and the traced peak since the last).
SNAPSHOTS = ("[evidence] done", "[graph] ", "[validate] SHACL:", "[validate] reasoning", "[write]", "built")


def _status() -> tuple[int, int]:
    """The process's resident and peak resident memory, in MB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        fields[name] = value
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project")
    parser.add_argument("--out", help="the build folder (default: PROJECT/build)")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--reasoner", default="rules")
    parser.add_argument("--top", type=int, default=0, help="tracemalloc's largest allocation sites")
    args = parser.parse_args(argv)

    from kg.pipeline import build
    from kg.pipeline.pool import Runner, default_jobs
    from kg.project import ProjectPaths

    paths = ProjectPaths(Path(args.project).resolve())
    out = Path(args.out) if args.out else paths.root / "build"
    started = time.perf_counter()
    if args.top:
        tracemalloc.start(1)

    def progress(message: str) -> None:
        rss, peak = _status()
        print(f"{time.perf_counter() - started:7.1f} s  rss {rss:6,} MB  peak {peak:6,} MB  {message}", flush=True)
        if args.top and message.startswith(SNAPSHOTS):
            traced, traced_peak = tracemalloc.get_traced_memory()
            print(f"  traced now {traced / 2**20:,.0f} MB, peak {traced_peak / 2**20:,.0f} MB; largest sites:")
            for stat in tracemalloc.take_snapshot().statistics("lineno")[: args.top]:
                print(f"  {stat.size / 2**20:8.1f} MB  {stat.count:>10,}  {stat.traceback}")
            tracemalloc.reset_peak()

    result = build(paths, out, progress, runner=Runner(jobs=args.jobs or default_jobs()), reasoner=args.reasoner)
    progress(f"built: {result.counts['triples']:,} triples")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
