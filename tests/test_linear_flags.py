"""The flag rules' cost is linear in a report's length, even when the report is one long paragraph.

Every sentence asked whether its paragraph quotes someone speaking, and read the paragraph again to
answer: a text on one line (a web export) made that quadratic (a 250 KB text took 14 s in the rules).
"""

from __future__ import annotations

import time

from kg.evidence.flags import ReportFlags
from kg.records import Report
from kg.sources.text import sentences


def _one_line(size: int) -> Report:
    parts, n = [], 0
    while sum(len(p) + 1 for p in parts) < size:
        parts.append(
            f"In {2000 + n % 20}, investigators in region {n} documented {n % 90 + 5}% of cases moving to the "
            f"platform, the largest share since {1990 + n % 10}."
        )
        n += 1
    return Report("r", None, " ".join(parts), "", "t", "2020", "report", {})  # type: ignore[arg-type]


def _seconds_per_mb(size: int) -> tuple[float, int]:
    report = _one_line(size)
    found = sentences(report)
    started = time.process_time()
    flags = ReportFlags(report, found, [], [], {}, []).flags()
    return (time.process_time() - started) / (len(report.text) / 1e6), len(flags)


def test_flags_of_a_one_line_text_cost_the_same_per_megabyte():
    small, small_flags = _seconds_per_mb(40_000)
    large, large_flags = _seconds_per_mb(320_000)
    assert small_flags > 50 and large_flags > 7 * small_flags  # the rules ran and flagged (no-source, dates)
    assert large < 2.5 * small, (small, large)
