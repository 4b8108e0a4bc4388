"""How a citation was resolved: ``citation-variant`` (to an entry it names in another spelling),
``year-mismatch`` (a variant whose year is not its entry's) and ``not-in-bibliography`` (no entry
matches it)."""

from __future__ import annotations

import re

from kg.evidence.flag_rules.context import FlagRule, ReportRecords, make_flag
from kg.evidence.records import SuggestedFlag

_YEAR_DIFFERS = re.compile(r"\byear written\b")


def find(records: ReportRecords) -> list[SuggestedFlag]:
    flags = []
    for resolved in records.citations:
        span, key = resolved.citation.span, (resolved.key,) if resolved.key else ()
        if resolved.status == "variant":
            dated = resolved.citation.year[:4].isdigit()
            kind = "year-mismatch" if dated and _YEAR_DIFFERS.search(resolved.note) else "citation-variant"
            flags.append(
                make_flag(kind, [span], f"Resolved as a variant: {resolved.note}.", key, records.homes([resolved]))
            )
        elif resolved.status == "unresolved":
            why = "No entry of the bibliography matches the citation."
            flags.append(make_flag("not-in-bibliography", [span], why, (), records.homes([resolved])))
    return flags


RULE = FlagRule(kinds=("citation-variant", "year-mismatch", "not-in-bibliography"), find=find)
