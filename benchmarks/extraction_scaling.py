#!/usr/bin/env python3
"""How extraction scales with the length of one text: every stage, 0.1 to 5 MB.

Extraction must stay linear in a text's length (a 50 MB text added with ``kg add`` once
kept the build in citation extraction for minutes). This builds texts of growing size from
the real corpus texts, in three shapes:

* ``repeat``: the whole text (notes included, if any) written out again and again;
* ``notes-at-end``: the body repeated and the list of notes once, at the very end, so that
  every marker of every copy is looked up in that one list (texts without notes are skipped);
* ``one-line``: the repeated text with every whitespace run folded to one space: a single
  paragraph, as some web exports give.

For each text it times, one after the other and each in a forked child killed after
``--cap`` seconds, the stages ``kg.pipeline.extract_all`` runs: ``sentences``, ``sections``,
``paragraphs``, ``extract_citations``, ``resolve_citations``, ``extract_statistics``,
``link_statistics``, ``extract_mentions`` (with the real bibliography, gazetteer and curated
studies) and the evidence stage, ``infer_evidence`` (entities, flags, chains, kinds,
measures). A stage capped at one size is not run at larger ones, nor are the stages that need
its output. The child's peak resident memory (``VmHWM``, reset at the start where the kernel
allows) is kept in the JSON.

Prints, per text and shape, seconds per stage (wall time, the best of ``--repeats`` runs), the total's
milliseconds per 100 KB (flat when linear) and, per stage, how the CPU time per 100 KB grows from
0.5 MB to the largest size (1x when linear), and writes JSON (and the tables as Markdown) to
benchmarks/results/extraction_scaling-<UTC time>.json and .md (git-ignored).

Two more inputs whose reading must stay linear (``--sections``): a PDF of 1,000 to 20,000 pages with
one line each (``--pdf-pages``; read with ``kg.sources.pdf.read_pdf``, then every stage above on its
text), and a BibTeX entry with one field of 0.25 to 10 MB (``--bib-mb``; ``parse_bibtex``). A PDF the
tool refuses by a cap of its own (pages, text) is measured up to the cap, and the table says so.

Each series ends with seconds (CPU) per MB, or per 1,000 pages, and a limit: the rate at its smallest
size times ``--tolerance`` (1.5). The exit status is 1 when a size passes its limit (or a stage is
killed at ``--cap``), so that the benchmark fails where the cost grows faster than the input.

    python benchmarks/extraction_scaling.py --sizes 0.5,1,2,5 --shapes repeat,notes-at-end
    python benchmarks/extraction_scaling.py --sections pdf,bibtex --pdf-pages 1000,5000,20000 --bib-mb 0.25,1,10
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import platform
import re
import select
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evidence import Evidence, infer  # noqa: E402
from kg.extract.citations import extract_citations  # noqa: E402
from kg.extract.mentions import extract_mentions  # noqa: E402
from kg.extract.statistics import extract_statistics  # noqa: E402
from kg.project import ProjectPaths  # noqa: E402
from kg.records import Report, Span  # noqa: E402
from kg.resolve.citations import resolve_citations  # noqa: E402
from kg.resolve.extraction import Extraction  # noqa: E402
from kg.resolve.statistics import link_statistics  # noqa: E402
from kg.sources import pdf as pdf_module  # noqa: E402
from kg.sources.annotations import load_annotations  # noqa: E402
from kg.sources.bibliography import load_references  # noqa: E402
from kg.sources.bibtex import parse_bibtex  # noqa: E402
from kg.sources.gazetteer import load_gazetteers  # noqa: E402
from kg.sources.pdf import read_pdf  # noqa: E402
from kg.sources.text import load_reports, paragraphs, sections, sentences  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))
from scaling_inputs import Rate, bibtex_with_field, dense_text, pdf_of_pages, rate_table, rates  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
SHAPES = ("repeat", "notes-at-end", "one-line")
SECTIONS = ("text", "pdf", "bibtex")
#: The first line that starts with a note marker ([1], ^1, ¹) begins the list of notes.
NOTE_LIST = re.compile(r"^[ \t\xa0]*(?:\[\d{1,3}\]|\^\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)[ \t\xa0]+(?=\S)", re.MULTILINE)


# --- inputs ---------------------------------------------------------------------------------------


#: The generated dense report (:func:`scaling_inputs.dense_text`), measured beside the corpus's.
DENSE = "dense"


def make_text(text: str, shape: str, size: int) -> str | None:
    """A text of about ``size`` UTF-8 bytes (whole copies, at least one) of the given shape.

    ``text`` :data:`DENSE` stands for a dense report generated at the size (one copy, no notes)."""
    if text == DENSE:
        if shape == "notes-at-end":
            return None
        made = dense_text(size)
        return " ".join(made.split()) if shape == "one-line" else made
    if shape == "notes-at-end":
        m = NOTE_LIST.search(text)
        if m is None:
            return None
        body, notes = text[: m.start()].rstrip(), text[m.start() :]
        copies = max(1, round(size / len(body.encode())))
        return "\n\n".join([body] * copies) + "\n\n" + notes
    copies = max(1, round(size / len(text.encode())))
    repeated = "\n\n".join([text] * copies)
    return " ".join(repeated.split()) if shape == "one-line" else repeated


# --- stages ---------------------------------------------------------------------------------------


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


# --- the run --------------------------------------------------------------------------------------


def measure(
    report: Report, text: str, ctx: dict, args: argparse.Namespace, skip: dict[str, str], scratch: Path
) -> dict:
    """Every stage on one text; ``skip`` names the stages not to run (capped at a smaller size), with why."""
    big = replace(report, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    done: dict[str, Any] = {}
    stages: dict[str, dict] = {}
    for stage in STAGES:
        missing = [n for n in stage.needs if n not in done]
        if stage.name in skip:
            stages[stage.name] = {"status": "not run", "note": skip[stage.name]}
        elif missing:
            stages[stage.name] = {"status": "not run", "note": f"needs {', '.join(missing)}"}
        else:
            stages[stage.name], output = run_stage(stage, big, done, ctx, args.repeats, args.cap, scratch)
            if output is not None:
                done[stage.name] = output
        shown = stages[stage.name]
        cell = f"{shown['seconds']:.2f} s" if "seconds" in shown else shown["status"]
        print(f"     {stage.name:<20} {cell}", file=sys.stderr, flush=True)
    return stages


def per_100kb(seconds: float, size: int) -> float:
    return seconds * 1000 / (size / 100_000)


def table(entry: dict) -> str:
    names = [s.name for s in STAGES]
    head = ["MB", *names, "total s", "ms/100 KB"]
    lines = [f"### {entry['report']}, {entry['shape']}", "", "| " + " | ".join(head) + " |"]
    lines.append("|" + "|".join("---:" for _ in head) + "|")
    for row in entry["sizes"]:
        cells = [f"{row['bytes'] / 1e6:.2f}"]
        total, complete = 0.0, True
        for name in names:
            stage = row["stages"][name]
            if "seconds" in stage:
                cells.append(f"{stage['seconds']:.3f}")
                total += stage["seconds"]
            else:
                complete = False
                cells.append(f"> {stage['cap_s']:.0f}" if stage["status"] == "capped" else stage["status"])
        prefix = "" if complete else "≥ "
        cells += [f"{prefix}{total:.2f}", f"{prefix}{per_100kb(total, row['bytes']):.1f}"]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(growth(entry))
    return "\n".join(lines) + "\n"


def text_rates(entry: dict, tolerance: float) -> list[Rate]:
    """CPU seconds per MB of every stage together, per size, with the limit (see :func:`scaling_inputs.rates`)."""
    points: list[tuple[float, float | None, str]] = []
    for row in entry["sizes"]:
        stages = row["stages"].values()
        capped = [s for s in stages if "cpu_seconds" not in s]
        total = None if capped else sum(s["cpu_seconds"] for s in stages)
        points.append((row["bytes"] / 1e6, total, f"{len(capped)} stage(s) not timed" if capped else ""))
    return rates(points, tolerance)


def growth(entry: dict) -> str:
    """Per stage, CPU ms per 100 KB at the largest size measured over that at the smallest size >= 0.5 MB.

    CPU time rather than wall time, so that other work on the machine disturbs the ratio less.
    """
    rows = [r for r in entry["sizes"] if r["bytes"] >= 450_000]
    if len(rows) < 2:
        rows = entry["sizes"]
    parts = []
    for stage in STAGES:
        timed = [
            (r["bytes"], r["stages"][stage.name]["cpu_seconds"]) for r in rows if "seconds" in r["stages"][stage.name]
        ]
        capped = any(r["stages"][stage.name]["status"] == "capped" for r in entry["sizes"])
        if capped:
            parts.append(f"{stage.name} capped")
        elif len(timed) >= 2 and timed[0][1] > 0:
            ratio = per_100kb(timed[-1][1], timed[-1][0]) / per_100kb(timed[0][1], timed[0][0])
            parts.append(f"{stage.name} {ratio:.1f}x")
    first, last = rows[0]["bytes"] / 1e6, rows[-1]["bytes"] / 1e6
    return f"CPU time per 100 KB at {last:.1f} MB / at {first:.1f} MB (1x when linear): " + ", ".join(parts)


def measure_pdfs(base: Report, ctx: dict, args: argparse.Namespace, scratch: Path, say: Callable) -> dict:
    """``read_pdf`` and then every text stage on PDFs of growing page counts (see the module docstring)."""
    counts = sorted(int(float(n)) for n in args.pdf_pages.split(",") if n.strip())
    cap_pages = getattr(pdf_module, "MAX_PDF_PAGES", None)
    series: dict = {"sizes": []}
    skip: dict[str, str] = {}
    for pages in counts:
        note = ""
        if isinstance(cap_pages, int) and pages > cap_pages:
            note = f"the tool reads at most {cap_pages:,} pages (MAX_PDF_PAGES): measured at the cap"
            pages = cap_pages
        ctx["pdf"] = pdf_of_pages(pages)
        say(f"== PDF of {pages:,} pages ({len(ctx['pdf']) / 1e6:.1f} MB)")
        reading = Stage("read_pdf", (), lambda r, out, c: read_pdf(c["pdf"], "long.pdf").text)
        read, text = run_stage(reading, base, {}, ctx, args.repeats, args.cap, scratch)
        row = {"pages": pages, "note": note, "read_pdf": read, "stages": {}}
        if read["status"] == "error":
            row["note"] = f"refused by the tool: {read['error']}"
            series["sizes"].append(row)
            say(f"     read_pdf             {row['note']}")
            break
        say(f"     read_pdf             {read.get('seconds', 0):.2f} s")
        if text is not None:
            row["stages"] = measure(base, text, ctx, args, skip, scratch)
        series["sizes"].append(row)
        if read["status"] == "capped" or note:
            break
    return series


def pdf_rates(series: dict, tolerance: float) -> list[Rate]:
    points: list[tuple[float, float | None, str]] = []
    for row in series["sizes"]:
        timed = [row["read_pdf"], *row["stages"].values()]
        missing = [t for t in timed if "cpu_seconds" not in t]
        total = None if missing or not row["stages"] else sum(t["cpu_seconds"] for t in timed)
        points.append((row["pages"] / 1000, total, row["note"]))
    return rates(points, tolerance)


def measure_bibtex(args: argparse.Namespace, scratch: Path, say: Callable) -> dict:
    """``parse_bibtex`` of one entry whose abstract grows from the smallest to the largest ``--bib-mb``."""
    series: dict = {"sizes": []}
    for size in sorted(float(m) for m in args.bib_mb.split(",") if m.strip()):
        ctx = {"bib": bibtex_with_field(int(size * 1e6))}
        say(f"== BibTeX field of {size:g} MB")
        parsing = Stage("parse_bibtex", (), lambda r, out, c: parse_bibtex(c["bib"], "long.bib"))
        result, _ = run_stage(parsing, None, {}, ctx, args.repeats, args.cap, scratch)  # type: ignore[arg-type]
        say(f"     parse_bibtex         {result.get('seconds', 0):.2f} s ({result['status']})")
        series["sizes"].append({"mb": size, "bytes": len(ctx["bib"].encode()), "parse_bibtex": result})
        if result["status"] != "ok":
            break
    return series


def bibtex_rates(series: dict, tolerance: float) -> list[Rate]:
    return rates(
        [
            (r["bytes"] / 1e6, r["parse_bibtex"].get("cpu_seconds"), r["parse_bibtex"].get("error", ""))
            for r in series["sizes"]
        ],
        tolerance,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Extraction scaling benchmark: seconds per extraction stage on texts of growing size built "
        "from the corpus texts (repeated, notes only at the end, one line), on long PDFs and on long BibTeX "
        "fields, to check that time stays linear in the input's length (exit 1 when a size passes its limit).",
        epilog="Results: benchmarks/results/extraction_scaling-<UTC time>.json and .md (git-ignored).",
    )
    parser.add_argument(
        "--sections", default=",".join(SECTIONS), help=f"comma-separated, from {', '.join(SECTIONS)} (default all)"
    )
    parser.add_argument(
        "--sizes", default="0.25,0.5,1,2,5", help="comma-separated sizes in MB of UTF-8 text (default 0.25,0.5,1,2,5)"
    )
    parser.add_argument(
        "--shapes", default=",".join(SHAPES), help=f"comma-separated, from {', '.join(SHAPES)} (default all)"
    )
    parser.add_argument(
        "--reports",
        help=f"comma-separated report keys to build texts from, or {DENSE!r} for a generated dense report "
        "(default every report and the dense one)",
    )
    parser.add_argument(
        "--pdf-pages",
        default="1000,5000,20000",
        help="comma-separated page counts of the PDFs (default 1000,5000,20000)",
    )
    parser.add_argument("--bib-mb", default="0.25,1,5,10", help="comma-separated sizes in MB of the BibTeX field")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each stage, the fastest kept (default 1)")
    parser.add_argument(
        "--tolerance",
        type=float,
        default=1.5,
        help="a size's seconds per MB may be at most this times the smallest size's (default 1.5)",
    )
    parser.add_argument(
        "--cap",
        type=float,
        default=600.0,
        help="seconds one stage may take before it is killed and not run at larger sizes (default 600)",
    )
    args = parser.parse_args(argv)
    sizes = sorted(int(float(s) * 1e6) for s in args.sizes.split(",") if s.strip())
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    if unknown := [s for s in shapes if s not in SHAPES]:
        parser.error(f"unknown shape(s) {', '.join(unknown)}; shapes are {', '.join(SHAPES)}")
    if unknown := [s for s in sections if s not in SECTIONS]:
        parser.error(f"unknown section(s) {', '.join(unknown)}; sections are {', '.join(SECTIONS)}")
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")

    paths = ProjectPaths.discover()
    reports = load_reports(paths)
    base = reports[0]
    reports.append(replace(base, key=DENSE, text=DENSE))
    if args.reports:
        wanted = [k.strip() for k in args.reports.split(",") if k.strip()]
        known = {r.key for r in reports}
        if unknown := [k for k in wanted if k not in known]:
            parser.error(f"unknown report(s) {', '.join(unknown)}; reports are {', '.join(sorted(known))}")
        reports = [r for r in reports if r.key in wanted]
    ctx = {
        "paths": paths,
        "references": load_references(paths),
        "gazetteer": load_gazetteers([(p, paths.relative(p)) for p in paths.gazetteer_files]).entries,
        "studies": list(load_annotations(paths, load_reports(paths)).studies),
    }
    started = datetime.now(UTC)
    run: dict = {
        "started": started.isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_average": os.getloadavg(),
        },
        "settings": vars(args),
        "texts": [],
    }
    say = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    tables: list[str] = []
    verdicts: list[Rate] = []
    with tempfile.TemporaryDirectory(prefix="kg-extraction-") as tmp:
        for shape in shapes if "text" in sections else []:
            for report in reports:
                if make_text(report.text, shape, 1 if report.key != DENSE else 1000) is None:
                    say(f"== {report.key}, {shape}: skipped (the text has no list of notes)")
                    continue
                entry: dict = {"report": report.key, "shape": shape, "sizes": []}
                skip: dict[str, str] = {}
                for size in sizes:
                    text = make_text(report.text, shape, size)
                    assert text is not None
                    size_bytes = len(text.encode())
                    say(f"== {report.key}, {shape}, {size_bytes / 1e6:.2f} MB ({len(text):,} characters)")
                    stages = measure(report, text, ctx, args, skip, Path(tmp))
                    for name, result in stages.items():
                        if result["status"] == "capped":
                            skip[name] = f"not run: capped at {size_bytes / 1e6:.2f} MB"
                    entry["sizes"].append(
                        {"target_mb": size / 1e6, "bytes": size_bytes, "characters": len(text), "stages": stages}
                    )
                run["texts"].append(entry)
                found = text_rates(entry, args.tolerance)
                verdicts += found
                tables.append(table(entry) + "\n" + rate_table(f"{report.key}, {shape}: every stage", "MB", found))
        if "pdf" in sections:
            run["pdf"] = measure_pdfs(base, ctx, args, Path(tmp), say)
            found = pdf_rates(run["pdf"], args.tolerance)
            verdicts += found
            tables.append(rate_table("PDF, one line a page: read_pdf and every stage", "1000 pages", found))
        if "bibtex" in sections:
            run["bibtex"] = measure_bibtex(args, Path(tmp), say)
            found = bibtex_rates(run["bibtex"], args.tolerance)
            verdicts += found
            tables.append(rate_table("BibTeX, one long field: parse_bibtex", "MB", found))
    run["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    run["machine"]["load_average_at_end"] = os.getloadavg()
    over = [r for r in verdicts if r.over]
    text = (
        "\n".join(tables)
        + f"\nLoad average at the start {run['machine']['load_average'][0]:.1f}, at the end {os.getloadavg()[0]:.1f}.\n"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"extraction_scaling-{started.strftime('%Y%m%dT%H%M%SZ')}"
    stem.with_suffix(".json").write_text(json.dumps(run, indent=2))
    stem.with_suffix(".md").write_text(text)
    print(text)
    say(f"Wrote {stem}.json and .md in {(datetime.now(UTC) - started).total_seconds() / 60:.1f} min")
    if over:
        say(f"{len(over)} size(s) over their limit of seconds per unit (x{args.tolerance:g} the smallest size's)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
