"""The stages :mod:`extraction_scaling` times, and how one is run: in a forked child, killed at a cap.

Each stage is what ``kg.pipeline.extract_all`` runs on one report, with the outputs of the stages
it needs; a child shares the inputs copy-on-write, reports its best wall and CPU time of a few runs
and its own peak memory (``VmHWM``, reset at its start), and hands its output back in a pickle.
"""

from __future__ import annotations

import json
import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.evidence import Evidence, infer
from kg.extract.citations import extract_citations
from kg.extract.mentions import extract_mentions
from kg.extract.statistics import extract_statistics
from kg.records import Report, Span
from kg.resolve.citations import resolve_citations
from kg.resolve.extraction import Extraction
from kg.resolve.statistics import link_statistics
from kg.sources.text import paragraphs, sections, sentences


@dataclass(frozen=True)
class Stage:
    name: str
    needs: tuple[str, ...]
    run: Callable[[Report, dict[str, Any], dict[str, Any]], Any]


STAGES: tuple[Stage, ...] = (
    Stage("sentences", (), lambda r, out, ctx: sentences(r)),
    Stage("sections", (), lambda r, out, ctx: sections(r)),
    Stage("paragraphs", (), lambda r, out, ctx: [Span(r.key, p.start, p.end) for p in paragraphs(r.text)]),
    Stage("extract_citations", (), lambda r, out, ctx: extract_citations(r.text, r.key)),
    Stage(
        "resolve_citations",
        ("extract_citations",),
        lambda r, out, ctx: resolve_citations(out["extract_citations"], ctx["references"], r.key),
    ),
    Stage("extract_statistics", ("sentences",), lambda r, out, ctx: extract_statistics(r, out["sentences"])),
    Stage(
        "link_statistics",
        ("extract_statistics", "resolve_citations", "sentences", "paragraphs"),
        lambda r, out, ctx: link_statistics(
            out["extract_statistics"],
            out["resolve_citations"],
            out["sentences"],
            [s for s in ctx["studies"] if s.report == r.key],
            out["paragraphs"],
        ),
    ),
    Stage("extract_mentions", (), lambda r, out, ctx: extract_mentions(r.text, r.key, ctx["gazetteer"])),
    Stage(
        "infer_evidence",
        ("sentences", "sections", "resolve_citations", "link_statistics", "extract_mentions"),
        lambda r, out, ctx: _inferred(infer(_extraction(r, out, ctx))),
    ),
)


def _inferred(evidence: Evidence) -> list[object]:
    """Every record the evidence stage made, as one list (the table counts records)."""
    groups = (evidence.mentions, evidence.claims, evidence.flags, evidence.chains)
    return [*evidence.entities, *(r for g in groups for rs in g.values() for r in rs), *evidence.measures.values()]


def _extraction(report: Report, out: dict[str, Any], ctx: dict[str, Any]) -> Extraction:
    """The one-report extraction the evidence stage reads, from the earlier stages' outputs."""
    extraction = Extraction(ctx["paths"], [report], {}, ctx["references"], ctx["gazetteer"])
    extraction.sentences[report.key] = out["sentences"]
    extraction.sections[report.key] = out["sections"]
    extraction.citations[report.key] = out["resolve_citations"]
    extraction.statistics[report.key] = out["link_statistics"]
    extraction.mentions[report.key] = out["extract_mentions"]
    return extraction


def _peak_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def run_stage(
    stage: Stage, report: Report, done: dict[str, Any], ctx: dict[str, Any], repeats: int, cap: float, scratch: Path
) -> tuple[dict, Any]:
    """Run one stage in a forked child (best of ``repeats``); kill it after ``cap`` seconds."""
    result_file = scratch / f"{stage.name}.pickle"
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the inputs are shared copy-on-write
        os.close(read_end)
        status: dict = {}
        try:
            try:
                Path("/proc/self/clear_refs").write_text("5")  # reset the peak to the current size
            except OSError:
                pass
            best, best_cpu, output = float("inf"), float("inf"), None
            for _ in range(repeats):
                started, started_cpu = time.perf_counter(), time.process_time()
                output = stage.run(report, done, ctx)
                best = min(best, time.perf_counter() - started)
                best_cpu = min(best_cpu, time.process_time() - started_cpu)
            with result_file.open("wb") as f:
                pickle.dump(output, f, protocol=pickle.HIGHEST_PROTOCOL)
            status = {
                "seconds": best,
                "cpu_seconds": best_cpu,
                "records": len(output) if output is not None else 0,
                "peak_mb": _peak_mb(),
            }
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            status = {"error": f"{type(exc).__name__}: {exc}"[:300]}
        os.write(write_end, json.dumps(status).encode())
        os._exit(0)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + cap
    capped = False
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([read_end], [], [], remaining)[0]:
            capped = True
            break
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    if capped:
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    if capped:
        return {"status": "capped", "cap_s": cap}, None
    message = json.loads(b"".join(chunks) or b'{"error": "the child sent nothing"}')
    if "error" in message:
        return {"status": "error", **message}, None
    with result_file.open("rb") as f:
        output = pickle.load(f)
    result_file.unlink()
    return {"status": "ok", **message}, output
