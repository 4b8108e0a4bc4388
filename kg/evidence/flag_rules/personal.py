"""``personal-communication-as-evidence``: a statement resting on a personal communication (not an
interviewee's own words, in the first person, which a communication merely dates)."""

from __future__ import annotations

from kg.evidence.flag_rules.context import FlagRule, ReportRecords, make_flag
from kg.evidence.records import SuggestedFlag


def find(records: ReportRecords) -> list[SuggestedFlag]:
    flags = []
    for span, cites in records.cites_in.items():
        personal = [c for c in cites if records.kind_of(c.key) == "personal-communication"]
        home = records.sentence_of(span)
        if home is not None and records.in_excerpt(home):
            continue  # a communication dating an interviewee's own words is how the report cites its interviews
        if personal and not records.apparatus(home):
            flags.append(
                make_flag(
                    "personal-communication-as-evidence",
                    records.anchors(personal),
                    "The statement rests on a personal communication, which a reader cannot consult.",
                    tuple(sorted({c.key for c in personal if c.key})),
                    records.homes(personal),
                )
            )
    return flags


RULE = FlagRule(kinds=("personal-communication-as-evidence",), find=find)
