#!/usr/bin/env python3
"""How extraction scales with the length of one text: every stage, 0.1 to 5 MB.

Extraction must stay linear in a text's length (a 50 MB text added with ``kg add`` once
kept the build in citation extraction for minutes). This builds texts of growing size from
the real corpus texts, in three shapes:

* ``repeat``: the whole text (notes included, if any) written out again and again;
* ``notes-at-end``: the body repeated and the list of notes once, at the very end, so that
  every marker of every copy is looked up in that one list (texts without notes are skipped);
* ``citation-run`` (the generated dense report's only): ``(Smith 2001; Jones 2002)`` again and again,
  one sentence of citations;
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
import platform
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.project import ProjectPaths  # noqa: E402
from kg.records import Report  # noqa: E402
from kg.sources import pdf as pdf_module  # noqa: E402
from kg.sources.annotations import load_annotations  # noqa: E402
from kg.sources.bibliography import load_references  # noqa: E402
from kg.sources.bibtex import parse_bibtex  # noqa: E402
from kg.sources.gazetteer import load_gazetteers  # noqa: E402
from kg.sources.pdf import read_pdf  # noqa: E402
from kg.sources.text import load_reports  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))
from scaling_inputs import DENSE, Rate, bibtex_with_field, make_text, pdf_of_pages, rate_table  # noqa: E402
from scaling_report import bibtex_rates, pdf_rates, table, text_rates  # noqa: E402
from scaling_stages import STAGES, Stage, run_stage  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
SHAPES = ("repeat", "notes-at-end", "one-line", "citation-run")
SECTIONS = ("text", "pdf", "bibtex")


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
