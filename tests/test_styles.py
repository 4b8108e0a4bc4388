"""Reports the project has never seen, in the styles researchers write: precision and recall on hand-checked answers.

Each fixture in ``tests/fixtures/styles/`` is a short report written for these tests (APA, Chicago
author-date, IEEE, Vancouver as text; and three PDFs laid out from markup: footnotes with a Harvard
list, numbered endnotes in Chicago notes style, small pages full of hyphens with MLA). Its YAML gives
the answers checked by hand against the text, never against the extractor's output. Every report is
added with ``kg add REPORT --id ID`` and nothing else, and read by the build's own pipeline; the
citations, the entries of the report's own list (field by field) and the statistics are scored, and
each score must stay at or above its floor. The floors are what the code reached when they were
written: a drop is a regression.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from reportlab.lib.pagesizes import A4, A5, A6

from harness.pdfs import PdfSpec, write_pdf
from kg.cli import main
from kg.pipeline.stages import extract_all
from kg.project import ProjectPaths
from kg.project.init import init_project
from kg.records import Report, Span
from kg.resolve.extraction import Extraction
from kg.sources.text import normalise_whitespace

FIXTURES = Path(__file__).parent / "fixtures"
#: ``styles/``: the reports the code was developed on; ``heldout/``: written afterwards and scored before
#: any change made for them, so their figures say how the code does on texts it has not seen.
CASES = [
    *(f"styles/{name}" for name in ("apa", "chicago", "numbered", "vancouver")),
    *(f"styles/{name}" for name in ("pdf_footnotes", "pdf_endnotes", "pdf_hyphens")),
    *(f"heldout/{name}" for name in ("apa", "harvard", "ieee_pdf", "notes_pdf")),
    *(f"heldout2/{name}" for name in ("mla", "chicago_pdf", "vancouver_pdf")),
]
PAGES = {"A4": A4, "A5": A5, "A6": A6}
FIELDS = ("year", "date", "title", "container", "volume", "issue", "pages", "publisher", "place", "doi", "url")
FIELDS += ("accessed",)

#: Floors per style: (citations P, R), (entry fields P, R), (statistics P, R), as the code reached them.
#: The entry-field floors of eight reports were lowered when the trained labeller (kg.extract.references.labeller)
#: replaced the hand-written patterns, which had been developed on these very reports (1.00 on most). On public
#: held-out strings the labeller is far ahead (benchmarks/reference_parser.py: title F1 0.88 against 0.54); here it
#: reads, against the hand-checked answers: an APA journal with no volume as a publisher ("Transportation Research
#: Record.") and a working paper's institution as a container; a conference's city as a place (numbered, IEEE); MLA's
#: publisher as a container and "Education 3-13" as a journal and volume; a title starting with a place ("London
#: Urban Forest Plan"); a report number as an issue; a Cochrane article number as a note, not pages.
FLOORS: dict[str, tuple[tuple[float, float], ...]] = {
    "styles/apa": ((1.0, 1.0), (0.95, 0.95), (0.88, 1.0)),
    "styles/chicago": ((1.0, 1.0), (1.0, 1.0), (1.0, 1.0)),
    "styles/numbered": ((1.0, 1.0), (0.97, 1.0), (1.0, 1.0)),
    "styles/vancouver": ((1.0, 1.0), (1.0, 1.0), (1.0, 1.0)),
    "styles/pdf_footnotes": ((1.0, 1.0), (1.0, 1.0), (0.93, 1.0)),
    "styles/pdf_endnotes": ((1.0, 1.0), (1.0, 1.0), (1.0, 1.0)),
    "styles/pdf_hyphens": ((1.0, 1.0), (0.93, 0.87), (1.0, 0.94)),
    # Scored when first written, before any change for them: apa 0.77/0.77, 0.94/0.91, 0.70/1.00; harvard
    # 1.00/1.00, 0.96/0.96, 0.86/0.86; ieee_pdf 0.73/0.67, 0.86/0.72, 1.00/0.80; notes_pdf 1.00/0.86,
    # 1.00/0.95, 0.75/0.75. The general fixes they showed the need for were made after; the floors are now.
    "heldout/apa": ((1.0, 1.0), (1.0, 0.98), (0.87, 1.0)),
    "heldout/harvard": ((1.0, 1.0), (0.94, 0.96), (1.0, 1.0)),
    "heldout/ieee_pdf": ((1.0, 1.0), (0.88, 0.92), (1.0, 1.0)),
    "heldout/notes_pdf": ((1.0, 1.0), (0.95, 1.0), (1.0, 1.0)),
    # A second held-out set, written after every change above and scored once (kept as the figures on unseen
    # texts): mla 1.00/0.60, 0.87/0.77, 0.50/1.00; chicago_pdf 1.00/1.00, 1.00/1.00, 1.00/1.00; vancouver_pdf
    # 1.00/1.00, 0.90/0.81, 1.00/1.00. The general fixes they showed were made after; the floors are now.
    "heldout2/mla": ((1.0, 1.0), (0.88, 0.88), (1.0, 1.0)),
    "heldout2/chicago_pdf": ((1.0, 1.0), (1.0, 1.0), (1.0, 1.0)),
    "heldout2/vancouver_pdf": ((1.0, 1.0), (1.0, 0.95), (1.0, 1.0)),
}


def expected(case: str) -> dict:
    return yaml.safe_load((FIXTURES / f"{case}.yaml").read_text(encoding="utf-8"))


def source_file(case: str, folder: Path) -> Path:
    """The file a user would add: the text itself, or the PDF laid out from the markup."""
    data = expected(case)
    here = (FIXTURES / case).parent
    if "text" in data:
        return here / data["text"]
    pdf = data["pdf"]
    spec = PdfSpec(
        title=pdf["title"],
        body=(here / pdf["markup"]).read_text(encoding="utf-8"),
        authors=list(pdf.get("authors", [])),
        footnotes=bool(pdf.get("footnotes", False)),
        pagesize=PAGES[pdf.get("pagesize", "A4")],
        margin=float(pdf.get("margin", 72)),
    )
    return write_pdf(folder / f"{case.replace('/', '-')}.pdf", spec)


@pytest.fixture(scope="module")
def extraction(tmp_path_factory) -> Extraction:
    folder = tmp_path_factory.mktemp("styles")
    paths = init_project(folder / "project")
    for case in CASES:
        report = expected(case)["report"]
        assert main(["--project", str(paths.root), "add", str(source_file(case, folder)), "--id", report]) == 0
    return extract_all(ProjectPaths.discover(paths.root), with_annotations=False)


def reading(report: Report, span: Span) -> str:
    """The words of a span as a reader reads them: page furniture and line-end hyphens read through."""
    skipped = report.layout.skipped(span.start, span.end) if report.layout else []
    shifted = [(a - span.start, b - span.start, d) for a, b, d in skipped]
    return normalise_whitespace(report.text[span.start : span.end], shifted)[0].strip()


def _report(extraction: Extraction, key: str) -> Report:
    return next(r for r in extraction.reports if r.key == key)


def _label(extraction: Extraction, key: str | None) -> str | None:
    if key is None:
        return None
    entry = next(e for e in extraction.works if e.key == key)
    return f"{entry.first_author or entry.title.split(' (')[0].split(',')[0]} {entry.year}".strip()


def _pr(found: Counter, wanted: Counter) -> tuple[float, float]:
    hits = sum((found & wanted).values())
    return hits / max(sum(found.values()), 1), hits / max(sum(wanted.values()), 1)


def score_citations(extraction: Extraction, case: str) -> tuple[float, float, Counter, Counter]:
    data = expected(case)
    report = _report(extraction, data["report"])
    found = Counter(
        (reading(report, r.citation.span), _label(extraction, r.key)) for r in extraction.citations[report.key]
    )
    wanted = Counter((text, work) for text, work in data["citations"])
    return (*_pr(found, wanted), found, wanted)


def score_statistics(extraction: Extraction, case: str) -> tuple[float, float, list, list]:
    data = expected(case)
    report = _report(extraction, data["report"])
    found = [(reading(report, s.statistic.span), s.statistic.value) for s in extraction.statistics[report.key]]
    missing, extra = list(data["statistics"]), []
    for text, value in found:
        match = next((w for w in missing if w[0] == text and abs(Decimal(str(w[1])) - value) < Decimal("0.1")), None)
        if match is None:
            extra.append((text, value))
        else:
            missing.remove(match)
    hits = len(found) - len(extra)
    return hits / max(len(found), 1), hits / max(len(data["statistics"]), 1), missing, extra


def _entry_fields(record) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(record, name) for name in FIELDS if getattr(record, name)}
    if record.family_names:
        values["authors"] = list(record.family_names)
    values["kind"] = record.kind
    return values


def score_entries(extraction: Extraction, case: str) -> tuple[float, float, list]:
    """Field by field: a field the entry does not give must stay empty (``kind`` is scored where given)."""
    data = expected(case)
    report = _report(extraction, data["report"])
    records = [ls.record for ls in extraction.listed[report.key]]
    unique = {(r.span.start, r.span.end): r for r in records}.values()
    produced = correct = wanted = 0
    wrong: list = []
    matched = set()
    for item in data["entries"]:
        want = {k: v for k, v in item.items() if k not in ("starts", "number")}
        wanted += len(want)
        record = next(
            (
                r
                for r in unique
                if id(r) not in matched
                and (
                    r.number == item["number"]
                    if "number" in item
                    else reading(report, r.span).startswith(item["starts"])
                )
            ),
            None,
        )
        if record is None:
            wrong.append(("missing entry", item.get("starts", item.get("number"))))
            continue
        matched.add(id(record))
        got = _entry_fields(record)
        if "kind" not in want:
            got.pop("kind")
        produced += len(got)
        for name, value in got.items():
            if str(want.get(name)) == str(value) or (name == "authors" and want.get(name) == value):
                correct += 1
            else:
                wrong.append((item.get("starts", item.get("number")), name, value, want.get(name)))
        wrong += [(item.get("starts", item.get("number")), name, None, want[name]) for name in want if name not in got]
    for r in unique:
        if id(r) not in matched:
            extra = _entry_fields(r)
            produced += len(extra)
            wrong.append(("extra entry", reading(report, r.span)[:60]))
    return correct / max(produced, 1), correct / max(wanted, 1), wrong


@pytest.mark.parametrize("case", CASES)
def test_style(extraction, case):
    c_p, c_r, found, wanted = score_citations(extraction, case)
    e_p, e_r, wrong = score_entries(extraction, case)
    s_p, s_r, missing, extra = score_statistics(extraction, case)
    print(
        f"\n{case}: citations P={c_p:.2f} R={c_r:.2f} ({sum(wanted.values())} hand-checked); "
        f"entry fields P={e_p:.2f} R={e_r:.2f} ({len(expected(case)['entries'])} entries); "
        f"statistics P={s_p:.2f} R={s_r:.2f} ({len(expected(case)['statistics'])})"
    )
    for item in sorted((wanted - found).elements(), key=str):
        print("  citation missed:", item)
    for item in sorted((found - wanted).elements(), key=str):
        print("  citation not expected:", item)
    for item in wrong:
        print("  entry:", item)
    for item in missing:
        print("  statistic missed:", item)
    for item in extra:
        print("  statistic not expected:", item)
    floors = FLOORS[case]
    scores = ((c_p, c_r), (e_p, e_r), (s_p, s_r))
    for (got_p, got_r), (min_p, min_r), what in zip(scores, floors, ("citations", "entries", "statistics")):
        assert got_p >= min_p and got_r >= min_r, f"{case} {what}: P={got_p:.2f} R={got_r:.2f} below {min_p}/{min_r}"
