"""An entry read from a report's text as the record the graph keeps, and the names a citation of it gives."""

from __future__ import annotations

from kg.extract.references.model import Entry
from kg.records import ReferenceRecord, Span

__all__ = ["entry_work", "reference_record"]


def entry_work(entry: Entry) -> tuple[str, str] | None:
    """The names and year a citation of this entry would give (``Okonkwo et al.``, ``2018``), if it names any."""
    families = entry.authors.families
    if families:
        if len(families) > 2 or entry.authors.et_al:
            names = f"{families[0]} et al."
        else:
            names = " & ".join(families)
    elif entry.title:
        names = entry.title  # laws, cases and works without authors are cited by their title
    else:
        return None
    return names, entry.year


def reference_record(report_key: str, text: str, start: int, end: int, entry: Entry, style: str) -> ReferenceRecord:
    """The record of one entry read at ``text[start:end]``."""
    return ReferenceRecord(
        span=Span(report_key, start, end),
        text=text[start:end],
        style=style,
        number=entry.number,
        authors=entry.authors.names,
        family_names=entry.authors.families,
        et_al=entry.authors.et_al,
        year=entry.year,
        date=entry.date,
        title=entry.title,
        container=entry.container,
        volume=entry.volume,
        issue=entry.issue,
        pages=entry.pages,
        publisher=entry.publisher,
        place=entry.place,
        doi=entry.doi,
        url=entry.url,
        accessed=entry.accessed,
        kind=entry.kind,
    )
