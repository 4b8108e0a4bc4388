"""Where a work appeared: the container (journal, book, site, proceedings), its volume, issue and pages, the place
and the publisher, read from what follows an entry's title."""

from __future__ import annotations

import re

from kg.extract.references import fields as f
from kg.extract.references.authors import is_organisation
from kg.extract.references.cues import PERIODICAL
from kg.extract.references.model import Entry, strip_field

IN_BOOK = re.compile(r"^\s*in:?\s+(?=\S)", re.IGNORECASE)
_EDITORS = re.compile(r"(?P<editors>[^()]{1,200}?)\s*(?:\((?:Eds?|eds?)\.?\)|,\s*eds?\.)\s*,?\s*")
#: Where a book's title ends inside "In ...": its pages, its editors, its place, or the end of a sentence.
_BOOK_END = re.compile(
    r"\s\(|,\s+edited\s+by\b|,?\s+pp?\.\s|,\s+\d|,\s+[A-Z][a-z]+(?:,\s+[A-Z][\w]+)?,\s+\d{4}|\.\s+(?=[A-Z][a-z]{3,}\b[^.]*:)|\.\s*$"
)


def book(after: str) -> tuple[str, str] | None:
    """``In E. Ortiz (Ed.), Online harms (pp. 12-30)``, ``in Proc. Int. Conf. X, Berlin, 2019``, ``In Y, edited by Z``:
    the book a chapter or paper is in, and what follows it."""
    m = IN_BOOK.match(after)
    if m is None:
        return None
    rest = after[m.end() :]
    editors = _EDITORS.match(rest)
    if editors and not re.search(r"[.,]\s", rest[: editors.start("editors")]):
        rest = rest[editors.end() :]
    end = _BOOK_END.search(rest)
    book, rest = (rest[: end.start()], rest[end.start() :]) if end else (rest, "")
    return strip_field(book), rest


def container(entry: Entry, after: str) -> None:
    """Container, volume, issue, pages, place and publisher, from what follows the title."""
    after = after.strip(" ,.")
    if found_book := book(after):
        entry.container, after = found_book
        entry.kind = "chapter"
        if not f.place_publisher(after) and (last := re.split(r"\.\s+", after.strip(" .")))[-1][:1].isupper():
            if not f.bare_years(last[-1]) and not re.search(r"\d", last[-1]):
                entry.publisher = last[-1]  # "(pp. 88–104). Routledge."
    pages = f.find_pages(after)
    if pages:
        entry.pages = pages.value
    vol = f.volume_issue(after)
    if vol:
        entry.volume, entry.issue = vol.value.split("/")
    found = f.place_publisher(after)
    if found:
        entry.place, entry.publisher, piece = found
        head = after[: piece.start]
    else:
        head = after
    if entry.container:
        return
    stop = min([p.start for p in (pages, vol) if p] + [len(head)])
    # A container ends at a comma or a parenthesis; at a full stop only before a year (Vancouver's
    # "J Platform Stud. 2018;3(2)"), since abbreviated names run on past theirs ("Atmos. Meas. Tech.").
    segment = re.split(r",\s|;\s|\s\(|\.\s+(?=\d)", head[:stop] + " ", maxsplit=1)[0].strip()
    segment = re.sub(r"\s*\b\d{4}[a-z]?\s*$", "", segment).strip(" ,;:")
    if not re.search(r"\.\s", segment):
        segment = segment.rstrip(".")  # the full stop ends the field, unless the name is abbreviated
    if not segment or not segment[0].isupper() or f.bare_years(segment):
        return
    site = entry.url and not is_organisation(segment)  # a site's name; an organisation with a URL publishes
    if vol or pages or PERIODICAL.search(segment) or len(entry.date) == 10 or site:
        entry.container = segment
    elif not entry.publisher:
        entry.publisher = segment  # "Closures and their aftermath. Routledge." / "... Northern Press, 2020."


def repository(entry: Entry, after: str) -> None:
    """A note without authors: the institution among its fields holds or publishes the work."""
    if entry.style == "notes" and not entry.authors.names and not (entry.container or entry.publisher):
        fields = [f.strip(" .") for f in after.split(", ")]
        entry.publisher = next((f for f in fields if f[:1].isupper() and is_organisation(f)), "")
