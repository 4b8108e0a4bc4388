"""What the evidence tests share: the corpus with a third report nobody annotated, the rules run on it
without the curated layer, and the scoring of what they find against hand-made answers.

The rules are measured "by themselves": the extraction is made with ``with_annotations=False``, so no
curated study, claim or flag can help them; the curated layer (read here with plain ``yaml``) is only
the answer they are scored against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from kg.evidence import Evidence, infer
from kg.pipeline.stages import extract_all
from kg.project import ProjectPaths
from kg.resolve.extraction import Extraction
from kg.sources.add import add_report
from tests.conftest import ROOT, copy_project

BRIEF = ROOT / "tests" / "fixtures" / "brief_style"
EXPECTED = ROOT / "tests" / "expected"
BRIEF_ENTRY = """
@techreport{briefstyle,
  title = {Evaluation Brief: Takedowns, Displacement and Victim Services in Three Counties},
  year  = {2023},
  kind  = {report},
}
"""


def project_with_brief(folder: Path) -> ProjectPaths:
    """A copy of the project with the brief-style report added as ``kg add`` adds it."""
    paths = copy_project(folder / "project")
    bib = folder / "briefstyle.bib"
    bib.write_text((BRIEF / "references.bib").read_text(encoding="utf-8") + BRIEF_ENTRY, encoding="utf-8")
    add_report(paths, BRIEF / "report.txt", "briefstyle", lambda _: None, bib_file=bib)
    return paths


@dataclass
class RulesRun:
    """The rules' output on the three reports, from an extraction without the curated layer."""

    extraction: Extraction
    evidence: Evidence

    def text(self, report: str) -> str:
        return next(r.text for r in self.extraction.reports if r.key == report)


def run_rules(paths: ProjectPaths) -> RulesRun:
    extraction = extract_all(paths, with_annotations=False)
    return RulesRun(extraction, infer(extraction))


@cache
def curated(report: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / "annotations" / f"{report}.yaml").read_text(encoding="utf-8"))


def expected(name: str) -> dict[str, Any]:
    return yaml.safe_load((EXPECTED / name).read_text(encoding="utf-8"))


def fold(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of a quote typed with single spaces (any whitespace run in the text matches one)."""
    pattern = re.compile(r"\s+".join(re.escape(w) for w in quote.split()))
    matches = list(pattern.finditer(text))
    assert len(matches) >= occurrence, f"quote not found: {quote!r}"
    match = matches[occurrence - 1]
    return match.start(), match.end()


def section_ranges(text: str, sections: list[dict[str, str]]) -> list[tuple[int, int]]:
    """Each ``{heading, until}`` as offsets (empty heading: the start; empty until: the end)."""
    ranges = []
    for section in sections:
        start = _heading(text, section["heading"]) if section["heading"] else 0
        end = _heading(text, section["until"], start + 1) if section["until"] else len(text)
        ranges.append((start, end))
    return ranges


def _heading(text: str, heading: str, start: int = 0) -> int:
    match = re.compile(rf"^[ \t]*{re.escape(heading)}[ \t]*$", re.MULTILINE).search(text, start)
    assert match, f"heading {heading!r} not found"
    return match.start()


def precision_recall(right_found: int, found: int, right_expected: int, expected_count: int) -> tuple[float, float]:
    precision = right_found / found if found else 1.0
    recall = right_expected / expected_count if expected_count else 1.0
    return precision, recall


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
