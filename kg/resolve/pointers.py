"""Citations that point to a work by another name: ``ibid.``, ``op. cit.``, and an abbreviation the text gave.

``ibid.`` in a note is the work of the note before it (a note that cites no work leaves it
unresolved); in the running text, the work of the citation before it. ``op. cit.`` is the last work
cited before it by the same names. An abbreviation given on first use (``World Health Organization
[WHO]``) stands for the name it abbreviates in later citations (``WHO (2019)``).
"""

from __future__ import annotations

import re

from kg.records import CitationRecord, ResolvedCitation
from kg.resolve.names import cited_names

_MARKER_FORMS = ("endnote-marker", "footnote", "numbered")


class Trail:
    """What was cited so far, as ``ibid.`` and ``op. cit.`` look back at it: kept up to date, never rescanned."""

    def __init__(self) -> None:
        self.last: dict[bool, ResolvedCitation] = {}  # the last citation, in notes (True) or in the text
        self.by_note: dict[int, list[ResolvedCitation]] = {}  # the citations at each note's markers
        self.by_name: dict[tuple[bool, str], ResolvedCitation] = {}  # the last resolved one per first name

    def add(self, resolved: ResolvedCitation) -> None:
        citation = resolved.citation
        in_notes = citation.form in _MARKER_FORMS
        self.last[in_notes] = resolved
        if in_notes and citation.marker is not None:
            self.by_note.setdefault(citation.marker, []).append(resolved)
        families = cited_names(citation.authors).families[:1]
        if resolved.key and families:
            self.by_name[(in_notes, families[0])] = resolved


def resolve_back(citation: CitationRecord, trail: Trail) -> ResolvedCitation:
    """``ibid.``: in a note, the work of the note before; in the text, of the citation before. ``op. cit.``:
    the last work cited before by the same names."""
    in_notes = citation.form in _MARKER_FORMS
    previous: ResolvedCitation | None
    if citation.back == "op. cit.":
        families = cited_names(citation.authors).families[:1]
        previous = trail.by_name.get((in_notes, families[0])) if families else None
    elif in_notes and citation.marker is not None:
        before = trail.by_note.get(citation.marker - 1, [])
        if not before:
            note = f"ibid. refers to note {citation.marker - 1}, which cites no work"
            return ResolvedCitation(citation, None, "unresolved", note)
        previous = before[-1]
    else:
        previous = trail.last.get(in_notes)
    if previous is None or previous.key is None:
        return ResolvedCitation(citation, None, "unresolved", f"{citation.back} with no work cited before it")
    return ResolvedCitation(citation, previous.key, "resolved", f"{citation.back}: the work cited before it")


def abbreviations(citations: list[CitationRecord]) -> dict[str, str]:
    """Abbreviations a report gives on first use: ``World Health Organization [WHO]`` -> ``WHO``."""
    found: dict[str, str] = {}
    for citation in citations:
        if m := re.fullmatch(r"(?P<name>.+?)\s*\[(?P<abbr>[A-Z][\w.&]*)\]", citation.authors.strip()):
            found.setdefault(m.group("abbr"), m.group("name"))
    return found
