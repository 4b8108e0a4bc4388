"""``uncited-reference``: an entry the bibliography gives for the report that it never cites (anchored
where the text writes its title, else at the report's first line)."""

from __future__ import annotations

import re

from kg.evidence.flag_rules.context import FlagRule, ReportRecords, make_flag
from kg.evidence.records import SuggestedFlag
from kg.records import Report, Span
from kg.sources.text import find_quote

_REFERENCE_LIST = re.compile(r"^\s*(?:references|bibliography|works cited|sources|literature)\s*$", re.IGNORECASE)


def find(records: ReportRecords) -> list[SuggestedFlag]:
    # a reference list's own entries do not cite their works; notes do (endnote style)
    cited = {c.key for c in records.citations if c.key and not _REFERENCE_LIST.match(records.section(c.citation.span))}
    report = records.report
    flags = []
    for key, entry in sorted(records.references.items()):
        if report.key not in re.split(r"[\s,;]+", entry.fields.get("citedin", "")) or key in cited:
            continue
        span = find_quote(report.text, entry.title) if entry.title else None
        where = ""
        if span is None:
            span = _first_line(report)
            where = " (its words are not in the text; anchored at the report's first line)"
        span = Span(report.key, span.start, span.end)
        why = f"The bibliography lists this work for the report, which never cites it{where}."
        flags.append(make_flag("uncited-reference", [span], why, (key,), ()))
    return flags


def _first_line(report: Report) -> Span:
    match = re.search(r"\S[^\n]*", report.text)
    start, end = (match.start(), match.end()) if match else (0, min(1, len(report.text)))
    return Span(report.key, start, len(report.text[:end].rstrip()) if match else end)


RULE = FlagRule(kinds=("uncited-reference",), find=find)
