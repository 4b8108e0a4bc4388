"""``news-as-evidence``: a claim whose every cited work is a news item, or a figure resting only on news
items in a sentence that also cites other work."""

from __future__ import annotations

from kg.evidence.flag_rules.context import FlagRule, ReportRecords, make_flag
from kg.evidence.records import SuggestedFlag


def find(records: ReportRecords) -> list[SuggestedFlag]:
    flags = []
    for span, cites in records.cites_in.items():
        keys = {c.key for c in cites if c.key}
        if (
            keys
            and all(records.kind_of(k) == "news-item" for k in keys)
            and not records.apparatus(records.sentence_of(span))
        ):
            targets = (span, *(s.statistic.span for s in records.stats_in.get(span, [])))
            why = "figure" if records.stats_in.get(span) else "statement"
            flags.append(
                make_flag(
                    "news-as-evidence",
                    records.anchors(cites),
                    f"The {why} rests only on news items.",
                    tuple(sorted(keys)),
                    targets,
                )
            )
    flagged = {span for span, cites in records.cites_in.items() if any(f.targets[0] == span for f in flags)}
    for source in records.statistics:  # a figure resting only on news, in a sentence that also cites research
        home = records.sentence_of(source.statistic.span)
        news = source.keys and all(records.kind_of(k) == "news-item" for k in source.keys)
        if news and home is not None and home.span not in flagged and not records.apparatus(home):
            cites = [c for c in records.cites_in.get(home.span, []) if c.citation.span in source.citations]
            flags.append(
                make_flag(
                    "news-as-evidence",
                    [source.statistic.span, *records.anchors(cites)],
                    "The figure rests only on news items.",
                    tuple(sorted(source.keys)),
                    (source.statistic.span, home.span),
                )
            )
    return flags


RULE = FlagRule(kinds=("news-as-evidence",), find=find)
