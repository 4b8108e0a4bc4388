#!/usr/bin/env python3
"""How ``kg build`` grows with the reports: a full build, a rebuild with nothing changed, one report added.

For each size N this makes a project folder of N synthetic reports (the texts of
``scripts/synthetic_corpus.py``: generated sentences with citations, figures and the gazetteer's
platforms and agencies; no curated layer, no bibliography), then times, each as a ``kg build``
child process with its peak memory:

* ``full``: a build from an empty cache;
* ``unchanged``: the same build again (every report's extraction and every reasoning part cached);
* ``added``: report N+1 listed in ``bib/reports.bib`` and built (only its records and its part).

and checks that ``added``'s ``kg.nt`` equals that of a build of the N+1 reports from an empty cache.

    python benchmarks/build_scaling.py --reports 10,40 --sentences 120 --jobs 2
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import synthetic_corpus  # noqa: E402

KG = Path(sys.executable).with_name("kg")


def make_project(folder: Path, reports: int, seed: int, sentences: int) -> list[str]:
    """A project of ``reports`` + 1 synthetic texts, of which the first ``reports`` are listed."""
    from kg.project.init import init_project

    init_project(folder)
    synthetic_corpus.generate(reports + 1, seed, sentences, None, folder)
    keys = sorted(p.stem for p in (folder / "corpus").glob("*.txt"))
    write_reports_bib(folder, keys[:reports])
    return keys


def write_reports_bib(folder: Path, keys: list[str]) -> None:
    entries = []
    for key in keys:
        text = folder / "corpus" / f"{key}.txt"
        digest = hashlib.sha256(text.read_bytes()).hexdigest()
        entries.append(
            f"@techreport{{{key},\n  title = {{Synthetic report {key}}},\n  year = {{2020}},\n"
            f"  kind = {{report}},\n  file = {{corpus/{key}.txt}},\n  sha256 = {{{digest}}},\n}}\n"
        )
    (folder / "bib" / "reports.bib").write_text("\n".join(entries), encoding="utf-8")


def timed_build(folder: Path, out: Path, jobs: int) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run = subprocess.run(
        [str(KG), "--project", str(folder), "build", "--out", str(out), "--jobs", str(jobs)],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "0"},
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        raise SystemExit(f"kg build failed ({run.returncode}):\n{run.stderr[-3000:]}")
    triples = next((line.split()[-1] for line in run.stdout.splitlines() if line.strip().startswith("triples")), "")
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2),
        "peak_rss_mb": round(after.ru_maxrss / 1024, 1),
        "triples": triples,
    }


def measure(reports: int, seed: int, sentences: int, jobs: int, keep: Path | None) -> dict:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"kg-scale-{reports}-", dir=keep))
    try:
        keys = make_project(folder, reports, seed, sentences)
        size = sum((folder / "corpus" / f"{k}.txt").stat().st_size for k in keys[:reports])
        out = folder / "build"
        result = {"reports": reports, "text_kb": round(size / 1024, 1), "jobs": jobs}
        result["full"] = timed_build(folder, out, jobs)
        result["unchanged"] = timed_build(folder, out, jobs)
        write_reports_bib(folder, keys)
        result["added"] = timed_build(folder, out, jobs)
        fresh = folder / "fresh"
        result["fresh_n_plus_1"] = timed_build(folder, fresh, jobs)
        result["added_equals_fresh"] = (out / "kg.nt").read_bytes() == (fresh / "kg.nt").read_bytes()
        return result
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", default="10,40", help="comma-separated sizes (default 10,40)")
    parser.add_argument("--sentences", type=int, default=120, help="sentences per synthetic report (default 120)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="make the project folders here and keep them")
    args = parser.parse_args(argv)
    results = []
    for size in (int(s) for s in args.reports.split(",")):
        result = measure(size, args.seed, args.sentences, args.jobs, args.keep)
        print(json.dumps(result), flush=True)
        results.append(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
