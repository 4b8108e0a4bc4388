"""``relayed-figure``: a figure or statement credited to one organisation and cited to another work (the
chain of custody, found by :mod:`kg.evidence.chains`)."""

from __future__ import annotations

from kg.evidence.flag_rules.context import FlagRule, ReportRecords, make_flag
from kg.evidence.records import SuggestedFlag


def find(records: ReportRecords) -> list[SuggestedFlag]:
    return [
        make_flag(
            "relayed-figure",
            [chain.span],
            f"Credited to {chain.originator} but cited to another work: "
            f"a relayed {'figure' if chain.items else 'statement'}.",
            chain.works,
            (chain.sentence, *chain.items),
        )
        for chain in records.chains
        if chain.works
    ]


RULE = FlagRule(kinds=("relayed-figure",), find=find)
