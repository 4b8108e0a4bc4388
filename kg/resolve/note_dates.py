"""What a note says of the work it cites besides names and year: the date it gives the work (``(June 26, 2012)``,
``communication, June 29, 2012``) and the kind of work its words name (personal communication, field notes,
proceedings), which tell apart entries that share names and year."""

from __future__ import annotations

import re

from kg.records import CitationRecord
from kg.sources import dates

_DATE = re.compile(r"\b(?P<month>[A-Z][a-z]{2,8})\.?\s+(?:(?P<day>\d{1,2}),?\s+)?(?P<year>\d{4})\b")
_KIND_CUES = {
    "personal communication": "personal-communication",
    "field notes": "field-notes",
    "doctoral dissertation": "thesis",
    "thesis": "thesis",
    "proceedings": "conference-paper",
}


def _iso_date(m: re.Match[str]) -> str | None:
    month = dates.month_number(m.group("month"))
    if not month:
        return None
    day = f"-{int(m.group('day')):02d}" if m.group("day") else ""
    return f"{m.group('year')}-{month:02d}{day}"


def cited_date(citation: CitationRecord) -> str | None:
    """The date a note gives the work (``(June 26, 2012)``, ``communication, June 29, 2012``), not a retrieval date."""
    text = citation.endnote_text
    for pattern in (r"\(([^()]*)\)", r"(?:communication|notes|[Ii]nterview),?\s+([^.;]*)"):
        m = re.search(pattern, text)
        if m and (d := _DATE.search(m.group(1))):
            return _iso_date(d)
    return None


def kind_cue(citation: CitationRecord) -> str | None:
    text = citation.endnote_text.lower()
    return next((kind for cue, kind in _KIND_CUES.items() if cue in text), None)


def dates_agree(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)
