"""``uncited-reference``: an entry the bibliography gives for the report that it never cites (anchored
where the text writes its title, else at the report's first line)."""

from __future__ import annotations

import re
from array import array

from kg.evidence.flag_rules.context import FlagRule, ReportRecords, make_flag
from kg.evidence.records import SuggestedFlag
from kg.records import Report, Span
from kg.sources.text import normalise_whitespace

_REFERENCE_LIST = re.compile(r"^\s*(?:references|bibliography|works cited|sources|literature)\s*$", re.IGNORECASE)


def find(records: ReportRecords) -> list[SuggestedFlag]:
    # a reference list's own entries do not cite their works; notes do (endnote style)
    cited = {c.key for c in records.citations if c.key and not _REFERENCE_LIST.match(records.section(c.citation.span))}
    report = records.report
    flags = []
    folded: Folded | None = None
    for key, entry in sorted(records.references.items()):
        if report.key not in re.split(r"[\s,;]+", entry.fields.get("citedin", "")) or key in cited:
            continue
        if entry.title and folded is None:
            folded = normalise_whitespace(report.text)
        span = _find_title(folded, entry.title) if entry.title and folded is not None else None
        where = ""
        if span is None:
            span = _first_line(report)
            where = " (its words are not in the text; anchored at the report's first line)"
        span = Span(report.key, span.start, span.end)
        why = f"The bibliography lists this work for the report, which never cites it{where}."
        flags.append(make_flag("uncited-reference", [span], why, (key,), ()))
    return flags


#: A text with its whitespace folded, and each folded character's offset (:func:`normalise_whitespace`).
Folded = tuple[str, array]


def _find_title(folded: Folded, title: str) -> Span | None:
    """Where the text writes the title, whitespace runs matching any (as :func:`kg.sources.text.find_quote`),
    in a text folded once for all the report's entries rather than once for each."""
    norm_text, offsets = folded
    norm_title = " ".join(title.split())
    pos = norm_text.find(norm_title) if norm_title else -1
    if pos < 0:
        return None
    return Span("", offsets[pos], offsets[pos + len(norm_title) - 1] + 1)


def _first_line(report: Report) -> Span:
    match = re.search(r"\S[^\n]*", report.text)
    start, end = (match.start(), match.end()) if match else (0, min(1, len(report.text)))
    return Span(report.key, start, len(report.text[:end].rstrip()) if match else end)


RULE = FlagRule(kinds=("uncited-reference",), find=find)
