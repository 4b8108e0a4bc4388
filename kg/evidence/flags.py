"""Quality flags any report gets from rules: the rules' records of one report, and every rule run over them.

The rules are the modules of :mod:`kg.evidence.flag_rules`, one per rule (its docstring lists them);
this is the entry the evidence stage calls.
"""

from __future__ import annotations

from kg.evidence.flag_rules import ReportRecords, run_rules
from kg.evidence.records import SuggestedFlag


class ReportFlags(ReportRecords):
    """One report's records; :meth:`flags` runs every rule of the registry over them."""

    def flags(self) -> list[SuggestedFlag]:
        return run_rules(self)
