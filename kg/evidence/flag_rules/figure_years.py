"""``year-mismatch`` of a figure: said to be of a year later than every work it is cited to (the source
cannot know it)."""

from __future__ import annotations

from kg.evidence.flag_rules.context import FlagRule, ReportRecords, make_flag
from kg.evidence.records import SuggestedFlag


def find(records: ReportRecords) -> list[SuggestedFlag]:
    flags = []
    for source in records.statistics:
        year = source.statistic.year
        years = [records.references[k].year[:4] for k in source.keys if k in records.references]
        if year and years and all(y.isdigit() and y < year for y in years):
            why = f"The figure is said to be of {year}, but every work it is cited to is older ({', '.join(years)})."
            flags.append(
                make_flag("year-mismatch", [source.statistic.span], why, source.keys, (source.statistic.span,))
            )
    return flags


RULE = FlagRule(kinds=("year-mismatch",), find=find)
