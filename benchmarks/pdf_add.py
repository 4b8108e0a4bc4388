#!/usr/bin/env python3
"""A long PDF through ``kg add`` and ``kg build --no-reason``: wall time and peak memory of each.

The PDF is laid out here (``harness.pdfs``, reportlab) from realistic text: the sentences of the
corpus's two reports (citations, figures, names), regrouped into paragraphs under headings, with
footnotes at the page feet and an APA reference list of the works the corpus cites, on A4 pages
with running heads and page numbers, until it has ``--pages`` pages. A fresh project is made
with ``kg init``; then, each in its own process as a user runs them, ``kg add report.pdf --id
long`` (nothing else) and ``kg build --no-reason``. Each step's peak resident memory is the
child's ``ru_maxrss``.

With ``--pdf FILE`` a real PDF is used instead (issue 18, item 10: the 352-page book of the real
corpus, ``.cache/real-corpus/free-culture-lessig.pdf``, through both steps in under 60 s).

Prints a table and writes JSON to benchmarks/results/pdf_add-<UTC time>.json (git-ignored). The
target: both steps together under 20 s and under 1 GB on this kind of machine (2 cores) for the
laid-out PDF of 50 pages; under 60 s for a real PDF given with ``--pdf``.

    python benchmarks/pdf_add.py --pages 50
    python benchmarks/pdf_add.py --pdf .cache/real-corpus/free-culture-lessig.pdf
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness.pdfs import PdfSpec, write_pdf  # noqa: E402
from kg.project import ProjectPaths  # noqa: E402
from kg.sources.bibliography import load_references  # noqa: E402
from kg.sources.references import format_reference  # noqa: E402
from kg.sources.text import load_reports, sentences  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
WINANSI = str.maketrans({"\u2009": " ", "\u200b": "", "\xa0": " "})


def _printable(text: str) -> str:
    """Text the standard PDF fonts can print (Windows-1252): other characters become '?'."""
    return text.translate(WINANSI).encode("cp1252", "replace").decode("cp1252")


def markup(pages: int, per_page: int = 3300) -> str:
    """Report markup of about ``pages`` A4 pages (``per_page`` characters of body text each), from the corpus's
    own sentences."""
    paths = ProjectPaths.discover(ROOT)
    said = [
        " ".join(s.text.split())
        for report in load_reports(paths)
        for s in sentences(report)
        if not s.is_heading and len(s.text) > 40 and not s.text.lstrip().startswith("[")
    ]
    target = pages * per_page
    out, size, n, note = [], 0, 0, 1
    while size < target:
        if n % 6 == 0:
            out.append(f"# Part {n // 6 + 1}: {' '.join(said[n % len(said)].split()[:4]).strip('.,;:()')}")
        group = [said[(n * 5 + k * 7) % len(said)] for k in range(5)]
        paragraph = " ".join(group)
        if n % 3 == 1:  # a footnote every third paragraph
            paragraph += f"^{note}\n[^{note}]: {said[(n * 11) % len(said)]}"
            note += 1
        out.append(paragraph)
        size += len(paragraph)
        n += 1
    entries = sorted(format_reference(e) for e in load_references(paths))
    out.append("# References")
    out += entries
    return _printable("\n\n".join(out))


def _page_count(pdf: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf.read_bytes())
    try:
        return len(document)
    finally:
        document.close()


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Seconds, the children's peak RSS so far (KiB) and the output of one ``kg`` command."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kg.cli", *argv], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"kg {' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.stdout + done.stderr


def _laid_out(folder: Path, pages: int) -> Path:
    """A PDF of about ``pages`` pages from the corpus's own sentences, laid out again with more text until it has
    them."""
    per_page = 3300
    for _ in range(4):
        spec = PdfSpec("A Long Report on Online Markets", markup(pages, per_page), ["Amara Osei", "Lukas Brandt"])
        spec.footnotes = True
        pdf = write_pdf(folder / "report.pdf", spec)
        got = _page_count(pdf)
        if got >= pages:
            break
        per_page = int(per_page * pages / got) + 50
    return pdf


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=50, help="pages the PDF should have (default 50)")
    parser.add_argument("--pdf", type=Path, help="a real PDF to add instead of laying one out")
    parser.add_argument("--keep", action="store_true", help="keep the project folder and print where it is")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kg-pdf-add-"))
    started = time.perf_counter()
    pdf = args.pdf.resolve() if args.pdf else _laid_out(folder, args.pages)
    made = time.perf_counter() - started
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    project = folder / "project"
    subprocess.run([sys.executable, "-m", "kg.cli", "init", str(project)], env=env, check=True, capture_output=True)
    add_s, add_kib, add_out = _run(["--project", str(project), "add", str(pdf), "--id", "long"], env)
    build_s, build_kib, build_out = _run(
        ["--project", str(project), "build", "--out", str(folder / "out"), "--no-reason"], env
    )
    summary = json.loads((folder / "out" / "summary.json").read_text(encoding="utf-8"))
    pages = len(json.loads((project / "corpus" / "long.pages.json").read_text(encoding="utf-8"))["pages"])
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "load": os.getloadavg()},
        "pdf": {"pages": pages, "bytes": pdf.stat().st_size, "laid out in s": round(made, 2)},
        "text characters": len((project / "corpus" / "long.txt").read_text(encoding="utf-8")),
        "kg add": {"seconds": round(add_s, 2), "peak MB": round(add_kib / 1024, 1)},
        "kg build --no-reason": {"seconds": round(build_s, 2), "peak MB (so far)": round(build_kib / 1024, 1)},
        "both": {"seconds": round(add_s + build_s, 2), "peak MB": round(max(add_kib, build_kib) / 1024, 1)},
        "graph": summary.get("counts", summary),
    }
    print(f"PDF: {pages} pages, {result['pdf']['bytes']:,} bytes, {result['text characters']:,} characters of text")
    print(f"{'step':<24}{'seconds':>10}{'peak MB':>10}")
    print(f"{'kg add':<24}{add_s:>10.2f}{add_kib / 1024:>10.1f}")
    print(f"{'kg build --no-reason':<24}{build_s:>10.2f}{build_kib / 1024:>10.1f}")
    print(f"{'both':<24}{add_s + build_s:>10.2f}{max(add_kib, build_kib) / 1024:>10.1f}")
    target = "60 s (a real PDF)" if args.pdf else "20 s and 1024 MB"
    print(f"target: under {target}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"pdf_add-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    if args.keep:
        print(f"project kept in {project}")
    else:
        subprocess.run(["rm", "-rf", str(folder)], check=False)
    del add_out, build_out
    return 0


if __name__ == "__main__":
    sys.exit(main())
