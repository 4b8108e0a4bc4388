"""``undated-source``: a cited work without a year (one flag per work, at each of its citations)."""

from __future__ import annotations

import re
from collections import defaultdict

from kg.evidence.flag_rules.context import FlagRule, ReportRecords, make_flag
from kg.evidence.records import SuggestedFlag
from kg.records import ResolvedCitation


def find(records: ReportRecords) -> list[SuggestedFlag]:
    by_work: dict[str, list[ResolvedCitation]] = defaultdict(list)
    for resolved in records.citations:
        entry = records.references.get(resolved.key or "")
        if entry is not None and not re.match(r"\d{4}", entry.year):
            by_work[entry.key].append(resolved)
    return [
        make_flag(
            "undated-source",
            records.anchors(cites),
            "The work is cited without a date.",
            (key,),
            records.homes(cites),
        )
        for key, cites in sorted(by_work.items())
    ]


RULE = FlagRule(kinds=("undated-source",), find=find)
