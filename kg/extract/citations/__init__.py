"""In-text citations: author-year (parenthetical and narrative) and numbered notes.

Pure text in, records out: ``extract_citations(text, report_key)`` knows nothing about
any particular report. It reads

* author-year parentheticals, several works to a group, with prefixes (``see``),
  locators (``p. 2655``, ``para. 7``) and repeated years (``Stansky & Finkelhor, 2008,
  2012`` is two works), laws (``... Act of 2000``) and case names (``X v. Y``);
* narrative citations: names right before a parenthesised year (``Kara (2009)``,
  ``Fedina, Williamson, and Perdue (2019)``, ``boyd et al. (2011)``,
  ``Nguyen et al. (2019, p. 14)``), a named report (``the CCLP 2011 report``), and a later
  mention of a multi-author citation without its year (``Farrell and Pfeffer also ...``);
* note markers (``[16]``, ``^3``, ``³``) resolved through the list of notes at the end of
  the text: one record per work the note cites, at the marker (form ``endnote-marker``
  for ``[n]``, ``footnote`` for ``^n`` and superscripts), with that work's citation text
  from the note in ``endnote_text``; notes that cite nothing give no record, and a note
  no marker points to gives records on its own text (form ``endnote``).

Inside a note, a work is cited as ``Surname, I. (date) Title ...``, ``Org (date) ...``,
``Surname (year).``, ``Surname. Personal communication, date.``, ``the X 2011 report``,
or, beside a "Retrieved from"/"Available at" pointer, as a named source
(``described by Forbes``, ``Quantcast estimates``); ``; and`` and ``See also`` separate works.

Hard-wrapped text breaks citations across lines, so matching runs on a whitespace-folded
view of the text and every span is mapped back to offsets in the unchanged text.
A year on its own is never a citation: only a year attached to names is.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract.citations.author_year import author_year
from kg.extract.citations.notes import find_notes, note_records
from kg.extract.citations.pieces import View
from kg.records import CitationRecord, Span


def _body_records(view: View, report_key: str) -> Iterable[CitationRecord]:
    for f in author_year(view):
        start, end = view.to_raw(f.start, f.end)
        group = Span(report_key, *view.to_raw(*f.group)) if f.group else None
        yield CitationRecord(
            span=Span(report_key, start, end),
            text=view.raw[start - view.base : end - view.base],
            authors=f.authors,
            year=f.year,
            form=f.form,  # type: ignore[arg-type]
            locator=f.locator,
            prefix=f.prefix,
            group=group,
        )


def extract_citations(text: str, report_key: str) -> list[CitationRecord]:
    """Every in-text citation of a report, one record per cited work per occurrence, in text order.

    Author-year citations are read in the body (everything before a list of notes);
    note markers in the body are resolved through that list. Spans are offsets into
    ``text`` exactly as given.
    """
    notes = find_notes(text)
    body_end = notes[0].line_start if notes else len(text)
    records = list(_body_records(View.of(text[:body_end], find_headings=True), report_key))
    records += note_records(text, report_key, notes, body_end)
    return sorted(records, key=lambda r: r.span.start)
