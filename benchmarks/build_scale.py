#!/usr/bin/env python3
"""The whole build at 10, 100 and 1,000 varied reports: a full build, one report added, and queries after.

For each size a project of varied generated report texts is made (``scripts/varied_corpus.py``:
different sentences, figures, names and reference-list styles in each report), then, each step
a ``kg`` command of its own (timed with ``/usr/bin/time``: wall time, CPU time, peak resident memory):

1. ``kg build`` from nothing, with SHACL and the reasoner (HermiT), as a user runs it;
2. ``kg add`` of one more report and ``kg build`` again (the whole build: what the incremental
   build has to beat);
3. the suggested pairings per claim and per figure (the ``suggestions`` query against the claim and
   statistic counts of ``summary.json``), and the most partners one item has;
4. a few canned queries on the built graph (``kg query``: the process's whole life, as a user waits).

Prints a Markdown table and writes JSON and Markdown to ``benchmarks/results/build_scale-<UTC time>``
(git-ignored).

    python benchmarks/build_scale.py --sizes 10,100          # 1,000 takes long: a quiet machine's job

Measured 2026-12-07 on the 2-core machine while others used it (load average 7 to 15, so wall
times are 3 to 6 times the CPU times; CPU/wall counts only this process tree):

| reports | triples | build: wall, CPU s, MB | +1 report: wall, CPU s | pairings/claim (max) | /figure | query CPU s |
|---|---|---|---|---|---|---|
| 10 | 27,951 | 49.8, 10.4, 316 | 43.5, 11.4 | 2.36 (3) | 0.50 | 0.35 / 0.28 |
| 100 | 273,162 | 725, 114, 1,012 | 305, 103 | 2.35 (3) | 1.27 | 1.18 / 0.26 |

(the query CPU: ``kg query suggestions`` / ``kg query claims``, the whole process; HermiT took 337 s of
the 725 at 100 reports)

Measured again later that day (load average 8 to 13 all along), with each report's graph layer and
each work's triples cached, SHACL parts judging their seeds only (self-contained nodes such as
pairings in parts of their own) and lone nodes reasoned once per signature:

| reports | full build: wall s, CPU s, MB (load) | +1 report: wall s, CPU s, MB (load) |
|---|---|---|
| 10 | 75.3, 21.1, 240 (12.6) | 57.6, 12.1, 304 (11.8) |
| 100 | 513, 153, 845 (13.4) | 101, 35.6, 828 (8.6) |
| 10, again at 18:00 | 21.6, 17.8, 229 (1.9) | 18.8, 10.1, 293 (3.3) |
| 100, again at 18:00 | 267, 143, 845 (5.5) | 41.0, 35.6, 827 (9.0) |
| 10 of 47 KB (``--rounds 13``) | 150, 94.1, 858 (5.6) | 63.4, 57.7, 958 (4.5) |

(the 10 reports of 47 KB make 289,006 triples, as many as the 100 of 5 KB)

At 102 reports a build with nothing changed costs 26 CPU s (everything cached: the evidence stage over
the whole corpus, the graph assembled in rdflib, the parts cut and keyed, the outputs written), and one
report added 37 CPU s (SHACL on 6 of 43 parts, HermiT on 2 of 22).

Where one 50 KB report's cost goes (session 4, 10 reports of 47 KB, 281,080 triples before reasoning;
the machine at load 9 to 15 all along, so the CPU seconds are the figures to read). Under cProfile
(``--jobs 1``, 638 s in all): extraction and evidence 45 s (the claims' pairing 21 s of it), the graph
in rdflib 80 s (the works' references formatted by citeproc 34 s), SHACL 345 s (the parts' N-Triples
parsed into rdflib 91 s, pySHACL 221 s: its ``sh:class`` checks 68 s, text descriptions of results it
then throws away 46 s), HermiT 119 s (93 s waiting for the JVM), outputs 47 s. Measured without the
profiler, CPU seconds for the 10 reports:

| stage | CPU s (10 reports) | per report |
|---|---|---|
| whole build, before this session's changes (``/usr/bin/time``, children included) | 102 + 4 | 10.6 |
| extraction (the workers' stage times: texts, citations, statistics, mentions) | ~17.6 | ~1.8 |
| evidence (one process, wall at load 12) | ~18.6 | ~1.9 |
| SHACL, 15 parts | 30.2 -> 26.0 (descriptions left empty) | 3.0 -> 2.6 |
| HermiT, 5 parts of 47,275 lines, one JVM a part | 34.1 | 3.4 |
| HermiT, the same parts in 1 JVM run (batched as disjoint copies) | 44.0 | 4.4 |
| HermiT, batched into 2 runs (one per core) | 31.8 | 3.2 |
| HermiT, one part per report (11 runs) | 42.9 | 4.3 |
| HermiT's JVM on one 8,085-line part: default -> C1 compiler and serial GC | 5.1-5.7 -> 3.6-4.4 | |

So a JVM start is not what HermiT costs (about 0.6 ms of CPU per line of its input, and more per line
in a larger run): batching parts into one run saved nothing and was reverted; the JVM's options save a
quarter. The budget of issue 19 (1,000 reports in 30 minutes on 2 cores) is 3.6 CPU s a report, all
stages included: HermiT alone spends about that, and SHACL as much again. What HermiT infers on the
real corpus is eight kinds of triples (``restsOnTransitively``, ``supports``, symmetric
``corroborates``/``contradicts``, and the defined classes SupportedClaim, PlatformClaim,
NewsBasedClaim, RelayedStatistic), from five kinds of axioms; materialising them with linear rules is
the lever left, but the build keeps what owlready2 reports (the most specific types only, e.g. a
NewsBasedClaim is not also reported a SupportedClaim; no ``prov:wasDerivedFrom`` values), so rules must
reproduce that selection and be proved equal (tests/test_reason_parts.py's corpora) before they replace
a HermiT run. Memory: the whole graph is one rdflib graph (about 3 KB a triple: 889 MB at 289,040
triples), so 1,000 reports of 50 KB (about 29 million triples) cannot be built in 6 GB this way; the
outputs would have to be merged from per-report sorted fragments without one graph.

After the JVM options, pySHACL's descriptions left empty and parts of about two reports (was eight),
``--rounds 13`` (47 KB a report), the machine at load 8 to 15:

| reports | full build: wall s, CPU s, MB (load) | +1 report: wall s, CPU s, MB (load) |
|---|---|---|
| 10, parts of eight (JVM options, descriptions) | 415, 95.0, 868 (15.3-12.5) | 199, 61.0, 969 (12.5) |
| 10, parts of two | 498, 95.4, 877 (11.7-8.7) | 93.6, 41.3, 968 (8.7-8.3) |
| 30 of 51 KB, parts of two (912,257 triples) | 745, 337, 2,667 (8.7) | 307, 104, 2,642 (9.1) |

From 10 to 30 reports the CPU grew 3.5 times for 3.2 times the triples (0.33 -> 0.37 ms a triple): close to
linear, but 1,000 such reports would take some 11,000 CPU s (90 minutes on two idle cores) and, at about
2.9 KB a triple in one rdflib graph, far more than 6 GB; one report added grows with the corpus (41 -> 104
CPU s), about 3 CPU s per report already built.

A build with nothing changed at 11 reports of 47 KB, under cProfile (224 s): the evidence stage over
the whole corpus 75 s (the claims' pairing 57 s), the graph from cached fragments 54 s, SHACL's parts
cut and keyed 45 s, the outputs 29 s, the cache's pickles read 18 s, HermiT's parts cut and keyed 17 s:
all of it grows with the corpus, which is what one report added to 1,000 would pay.

Session 5 (SHACL by pyshacl-turbo over each part's N-Triples text, parts cut from the graph's lines with
byte operations, kg.nt merged from per-fragment sorted runs, Turtle/JSON-LD and the store made from that
file by pyoxigraph). ``--no-reason`` so that the reasoner's own changes count apart; ~50 KB a report
(``--rounds 13``), CPU seconds (children included) are the figures, the machine at the load shown:

| reports, --no-reason | full build: CPU s, peak MB (load) | +1 report: CPU s, peak MB (load) |
|---|---|---|
| 30, main before (903,088 triples) | 236.1, 2,457 (11.6-10.0) | 97.5, 2,601 (10.2-11.7) |
| 30, after | 153.9, 2,357 (9.3-11.7) | 63.0, 2,277 (11.7-9.1) |
| 10, after (284,829 triples) | 41.8, 814 (11.6-10.2) | 24.1, 890 (10.2-9.3) |
| 10 ``--jobs 1``, main before / after (load 2.6-6) | 54.5 / 30.6, 942 / 801 | nothing changed: 20.8 / 15.1 |
| 10 ``--jobs 1``, with the rules reasoner (main after its merge) before / after (load 4) | 58.0 / 32.5, 906 / 853 | |

pySHACL cost ~3 CPU s per 50 KB report (parse of the parts into rdflib and its checks); pyshacl-turbo
judges the 285,000 triples of 10 reports in 1.9 CPU s in one call. What is left grows with the corpus:
the whole graph is still one rdflib graph (filled from the cached fragments: the largest share of a
rebuild, and all of the memory, ~2.6 KB a triple), which the reasoner's input, the counts and the curated
layer read; the evidence stage runs over the whole corpus.

Session 6, CPU (``--profile``: each stage's CPU seconds, the build's process + its workers, by
``benchmarks/stage_cpu.py``; rules reasoner, ~50 KB a report, ``--rounds 13``). Each report's evidence
(:mod:`kg.evidence.per_report`) and the graph's per-work and per-report fragments and the read side's
renderings (:mod:`kg.pipeline.warm`) now run in the worker pool. CPU s a report, full build (process +
workers); "before" is main at 6b9abfd, measured at load 15-19, "after" at load 2-3 (CPU seconds are
comparable, wall times are not):

| stage | 10 before | 10 after | 30 before | 30 after |
|---|---|---|---|---|
| extract | 0.26 (0.03 + 0.23) | 0.23 (0.03 + 0.20) | 0.31 (0.03 + 0.28) | 0.27 (0.02 + 0.25) |
| evidence | 0.27 (0.27 + 0) | 0.23 (0.10 + 0.13) | 0.24 (0.24 + 0) | 0.24 (0.09 + 0.15) |
| fragments (works, report layers, renderings) | in graph / read side | 1.33 (0.02 + 1.31) | idem | 2.09 (0.03 + 2.06) |
| graph | 1.71 (1.71 + 0) | 0.63 (0.63 + 0) | 2.30 (2.30 + 0) | 0.69 (0.69 + 0) |
| validate (SHACL parts + rules) | 0.74 (0.40 + 0.35) | 0.50 (0.23 + 0.27) | 0.83 (0.40 + 0.43) | 0.69 (0.35 + 0.35) |
| read side | 0.41 | 0.00 | 0.99 | 0.01 |
| outputs | 0.24 | 0.21 | 0.30 | 0.26 |
| whole build | 3.70 (3.13 + 0.58) | 3.25 (1.34 + 1.91) | 5.04 (4.33 + 0.71) | 4.31 (1.50 + 2.81) |

Whole builds after (``/usr/bin/time``; load 1-3.5, others' jobs on the 2 cores): 10 reports 38.3 s wall,
34.8 CPU s (CPU/wall 0.91), +1 report 19.2 s, 18.5 CPU s; 30 reports 133 s, 136.7 CPU s (1.03), +1 report
64.6 s, 59.5 CPU s (CPU/wall 0.92). The process's own serial CPU fell from 3.1-4.3 to 1.3-1.5 s a report,
so on two free cores a full build would take about (process + workers / 2) 2.3 s a report at 10 and 2.9
at 30 (was 3.4 and 4.7). Per report the cost still grows from 10 to 30 reports, in the fragments: the
generator's reports cite from a pool of ``4 x reports`` works, so a report lists 39 works at 10 reports
and 91 at 30 (triples a report: 29,300 -> 30,900), and each work is formatted by citeproc (its triples,
and its renderings in every style); claims and figures a report stay the same (298 -> 310, 167 -> 168).
The one superlinear step in the build itself was the claims' pairing (the shared words counted for every
similar claim when the best few did not share enough): now counted for the best until enough pass.
A report added recomputes its own extraction, scan, evidence task, layer, works and renderings; the other
reports' evidence tasks are answered from the cache (their keys hold the shared names their texts write
only). What it still redoes over the whole corpus: the claims' and figures' pairings (evidence, 2.5 CPU s
at 30), the graph loaded from every cached fragment (24 CPU s at 30), reasoning and the SHACL cut
(11.5), the outputs (8). (These figures are of the CPU branch alone, before the memory work below was
merged with it: the graph's and the outputs' shares have changed since.) Both merged (22ed6d0, load 3-4):
10 reports 32.6 s wall, 29.8 CPU s (process 8.4 + workers 20.6); 30 reports 124.9 s, 111.8 CPU s (process
25.8 + workers 85.4: about 2.3 s a report on two free cores), +1 report 33.6 s, 28.5 CPU s (process 24.3:
SHACL cut and rules 7.2, outputs 7.5, graph 3.8, the pairings 2.4).

Session 6 (memory): the build holds no whole rdflib graph (fragments as sorted runs in files, the rules
reasoner and the counts over the merged lines, SHACL's parts cut from a spooled, indexed copy of the
lines, the cache's new entries staged on disk, the store bulk-loaded in parts). With the rules
reasoner, ~50 KB a report, peak resident MB of the whole process tree (``/usr/bin/time``); the machine
at load 14 to 17, so the wall times mean little and the CPU seconds are the figures:

| reports | full build: CPU s, peak MB (load) | +1 report: CPU s, peak MB (load) |
|---|---|---|
| 10, main (292,789 triples) | 37.5, 807 (6.4-10.4) | 23.8, 877 (10.4-12.8) |
| 10, after | 31.5, 331 (14.6-16.1) | 15.0, 347 (16.1-15.5) |
| 30, main (session 5's figures, idle) | 128, 2,495 | 62.3 s wall, 2,261 |
| 30, after (925,855 triples) | 131.6, 559 (15.5-10.1) | 36.3, 512 (10.1-7.2) |

``benchmarks/build_memory.py --top 8`` (10 reports, tracemalloc) says what holds memory: the
extraction and evidence records of every report (1.6 MB a report), the layered graph and each
report's nodes (1.3 MB a report more), and, for a stage at a time, a bounded working set: the runs in
memory before a spill (48 MB), one batch of SHACL parts (64 MB of N-Triples), the rules' input and
closure (~2.6 MB a report), the store's loader (200,000 lines).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from varied_corpus import write_corpus  # noqa: E402

KG = str(Path(sys.executable).parent / "kg")
QUERIES = ("reports", "claims", "statistics", "suggestions", "cross-report")


def timed(command: list[str], cwd: Path) -> dict[str, float | str]:
    """Run ``command``; its wall and CPU seconds, peak memory (MB), the load average (1 min) before
    and after it (the machine is shared: a wall time means little without it) and standard output."""
    load_before = os.getloadavg()[0]
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M", *command], cwd=cwd, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    wall, user, system, peak_kb = done.stderr.strip().splitlines()[-1].split()
    cpu = float(user) + float(system)
    return {
        "wall_s": float(wall),
        "cpu_s": round(cpu, 2),
        "cpu_per_wall": round(cpu / max(float(wall), 0.01), 2),
        "peak_mb": round(int(peak_kb) / 1024, 1),
        "load": f"{load_before:.1f}-{os.getloadavg()[0]:.1f}",
        "stdout": done.stdout,
    }


def pairing_figures(project: Path) -> dict[str, float]:
    """Suggested pairings per claim and per figure, and the most partners one item has."""
    rows = list(csv.DictReader(io.StringIO(timed([KG, "query", "suggestions", "--format", "csv"], project)["stdout"])))  # type: ignore[arg-type]
    counts = json.loads((project / "build" / "summary.json").read_text(encoding="utf-8"))["counts"]
    degree: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for row in rows:
        kinds[row["kind"]] += 1
        degree[row["itemA"]] += 1
        degree[row["itemB"]] += 1
    return {
        "claims": counts.get("claims", 0),
        "statistics": counts.get("statistics", 0),
        "claim_pairings": kinds["claim"],
        "figure_pairings": kinds["figure"],
        "pairings_per_claim": round(2 * kinds["claim"] / max(counts.get("claims", 0), 1), 2),
        "pairings_per_figure": round(2 * kinds["figure"] / max(counts.get("statistics", 0), 1), 2),
        "most_partners": max(degree.values(), default=0),
    }


def _stages(stdout: str) -> dict[str, dict[str, float]]:
    """The per-stage CPU seconds ``stage_cpu.py`` prints on its last line."""
    return json.loads(stdout.strip().splitlines()[-1])["stages"]


def run_size(
    size: int, work: Path, rounds: int = 1, reason: bool = True, queries: bool = True, profile: bool = False
) -> dict[str, object]:
    project = work / f"varied-{size}"
    _, extra = write_corpus(project, size, extra=1, rounds=rounds)
    kb = sum(p.stat().st_size for p in (project / "corpus").glob("*.txt")) / 1024 / size
    result: dict[str, object] = {"reports": size, "kb_per_report": round(kb, 1)}
    kg_build = [sys.executable, str(ROOT / "benchmarks" / "stage_cpu.py"), "--", "build"] if profile else [KG, "build"]
    build = kg_build if reason else [*kg_build, "--no-reason"]
    full = timed(build, project)
    result["full_build"] = {k: v for k, v in full.items() if k != "stdout"}
    if profile:
        result["full_build"]["stages"] = _stages(full["stdout"])  # type: ignore[arg-type, index]
    result["triples"] = json.loads((project / "build" / "summary.json").read_text())["counts"]["triples"]
    result["pairings"] = pairing_figures(project) if queries else {}
    timed([KG, "add", str(extra[0])], project)
    again = timed(build, project)
    result["reasoning"] = reason
    result["one_added_build"] = {k: v for k, v in again.items() if k != "stdout"}
    if profile:
        result["one_added_build"]["stages"] = _stages(again["stdout"])  # type: ignore[arg-type, index]
    result["queries"] = {
        name: {k: v for k, v in timed([KG, "query", name, "--format", "csv"], project).items() if k != "stdout"}
        for name in (QUERIES if queries else ())
    }
    return result


def table(results: list[dict]) -> str:
    lines = [
        "| reports | triples | full build s (CPU s, CPU/wall, peak MB; load) | +1 report build s (CPU s, MB; load) "
        "| pairings/claim (max partners) "
        "| pairings/figure | kg query s (suggestions, claims) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        full, again, pairs, queries = r["full_build"], r["one_added_build"], r["pairings"], r["queries"]
        asked = f"{queries['suggestions']['wall_s']}, {queries['claims']['wall_s']}" if "claims" in queries else "-"
        reason = "" if r.get("reasoning", True) else " (--no-reason)"
        lines.append(
            f"| {r['reports']}{reason} | {r['triples']:,} | {full['wall_s']} ({full['cpu_s']}, {full['cpu_per_wall']}, "
            f"{full['peak_mb']}; load {full['load']}) "
            f"| {again['wall_s']} (CPU {again['cpu_s']}, {again['peak_mb']} MB; load {again['load']}) "
            f"| {pairs.get('pairings_per_claim', '-')} ({pairs.get('most_partners', '-')}) "
            f"| {pairs.get('pairings_per_figure', '-')} | {asked} |"
        )
    return "\n".join(lines)


def stage_table(results: list[dict]) -> str:
    """CPU seconds per report of each stage (the build's process + its workers), full build and +1."""
    names: list[str] = []
    for r in results:
        for build in ("full_build", "one_added_build"):
            names += [n for n in r[build].get("stages", {}) if n not in names]
    if not names:
        return ""
    head = " | ".join(f"{r['reports']}: full | {r['reports']}: +1 (whole)" for r in results)
    lines = [f"| stage (CPU s a report: process + workers) | {head} |", "|---" * (1 + 2 * len(results)) + "|"]
    for name in names:
        cells = []
        for r in results:
            for build, per in (("full_build", r["reports"]), ("one_added_build", 1)):
                row = r[build].get("stages", {}).get(name)
                cells.append(
                    "-"
                    if row is None
                    else f"{(row['parent_cpu_s'] + row['workers_cpu_s']) / per:.2f} "
                    f"({row['parent_cpu_s'] / per:.2f} + {row['workers_cpu_s'] / per:.2f})"
                )
        lines.append(f"| {name} | {' | '.join(cells)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100", help="numbers of reports, comma-separated (default 10,100)")
    parser.add_argument("--keep", help="build the projects in this folder and keep them (default: a temporary one)")
    parser.add_argument("--rounds", type=int, default=1, help="report length (varied_corpus.py --rounds; 13: ~50 KB)")
    parser.add_argument(
        "--no-reason", action="store_true", help="build without the reasoner (its cost apart from the rest's)"
    )
    parser.add_argument("--skip-queries", action="store_true", help="time the builds only")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run the builds through benchmarks/stage_cpu.py and print each stage's CPU seconds a report",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = []
    with tempfile.TemporaryDirectory(prefix="kg-build-scale-") as temporary:
        work = Path(args.keep) if args.keep else Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            results.append(run_size(size, work, args.rounds, not args.no_reason, not args.skip_queries, args.profile))
            print(json.dumps(results[-1]), flush=True)
    text = table(results)
    if args.profile:
        text += "\n\n" + stage_table(results)
    print(text)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    load = os.getloadavg()
    (out / f"build_scale-{stamp}.json").write_text(json.dumps({"load": load, "results": results}, indent=2))
    (out / f"build_scale-{stamp}.md").write_text(f"load average at the end: {load}\n\n{text}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
