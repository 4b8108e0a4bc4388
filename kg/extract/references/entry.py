"""One reference entry read into its fields, whatever the style: APA, Chicago (author-date and notes),
Harvard, MLA, IEEE, Vancouver.

Two readers share the work. The trained labeller (:mod:`.labeller`, a CRF trained on public annotated
reference strings) decides the fields whose extent no pattern fixes: the authors, year, title,
container, volume, issue, pages, publisher and place. The hand-written patterns (:mod:`.patterns`) read
what has an exact shape: the leading number, the DOI, the URL and the date of access, and the style
(author-date or not), which says how the names are written; they also read notes, which the labeller's
training data (reference lists) hardly has. Where the two disagree in ways the shape settles, the shape
wins: a quoted title ends at its closing quote, and the one organisation the patterns read where the
authors stand is the author even when the labeller took it for the start of the title. The fields then
go through the same finishing as before: authors read into names (:func:`.authors.parse_authors`), the
kind of work (:func:`.cues.kind_of`), a note's locator.
"""

from __future__ import annotations

import re

from kg.extract.references import fields as f
from kg.extract.references.authors import is_organisation, parse_authors
from kg.extract.references.cues import PERIODICAL
from kg.extract.references.labeller import Field, book_title, label_fields, trim
from kg.extract.references.model import Entry, strip_field
from kg.extract.references.patterns import EDITED, TITLE_TAIL, finish, parse_by_patterns, read_by_patterns
from kg.extract.references.runs import (
    author_in_title,
    book_after_editors,
    journal_in_title,
    periodical_after_day,
    periodical_of_a_day,
    preprint_series,
)
from kg.extract.references.where import IN_BOOK

__all__ = ["Entry", "parse_entry"]

#: The fields the labeller decides, as the Entry names them.
_DECIDED = {
    "title": "title",
    "container": "container",
    "volume": "volume",
    "issue": "issue",
    "pages": "pages",
    "publisher": "publisher",
    "place": "place",
}
_YEAR_IN_VOLUME = re.compile(r"(?P<year>(?:1[5-9]|20)\d\d)\s*;\s*(?P<volume>\w+)")
#: The quote that closes each opening one; a straight single quote closes only before a space or punctuation.
_CLOSING = {
    "“": re.compile("”"),
    "‘": re.compile("’(?=[\\s,.;:]|$)"),
    '"': re.compile('"'),
    "'": re.compile("(?<=\\S)'(?=[\\s,.;:]|$)"),
}
#: After a closing quote, the title goes on: lower-case words, or a colon and a subtitle.
_TITLE_GOES_ON = re.compile(r"\s+[a-z0-9]|:\s+\w")
_IN_BEFORE = re.compile(r"(?:^|[\s.,])[Ii]n:?\s*$")
_NAMES_GO_ON = re.compile(r"[\s.,;&]*(?:and\s+)?")
#: A list of names that ends with its cue in brackets: ``..., & Welch, V. A. (Eds.)``.
_LIST_OF_EDITORS = re.compile(r".*?\((?:eds?|editors?|hrsg|hg|dir)\.?\)", re.IGNORECASE)
_EDITORS_CUE = re.compile(r"^(?:in:?\s+)?|\s*\(?\b(?:eds?|editors?|hrsg|dir)\.?\)?\.?$|^edited\s+by\s+", re.IGNORECASE)


def parse_entry(text: str, in_note: bool = False) -> Entry:
    """Read one reference entry (see the module docstring).

    ``in_note``: the entry is a note's, whose single page after the work (``..., 2018), 44.``) is the page
    the note cites, not the work's pages.
    """
    if in_note:
        # The labeller learnt from reference lists; a note's reference ("Eva Lindqvist, Title (City: Press,
        # 2018), 44.") writes names in natural order and ends with the page it cites, which that data hardly
        # has, and a note is often a short reference ("Lindqvist, Title, 57."): the patterns read notes.
        return parse_by_patterns(text, in_note)
    entry, whole, _ = read_by_patterns(text)
    labelled = book_title(_outside(label_fields(whole), _exact_pieces(whole)), whole)
    first: dict[str, Field] = {}
    for field in labelled:
        first.setdefault(field.label, field)
    _names_before_title(entry, first, whole)
    _quoted_title(first, whole)
    _container_after_title(entry, first, whole)
    if book_after_editors(first, labelled, whole) and entry.kind == "other":
        entry.kind = "chapter"
    author_in_title(first, whole)
    journal_in_title(first, whole)
    periodical_after_day(first, whole)
    _own_title(first, whole)
    preprint_series(first, whole)  # after: a preprint series is never the work's title
    for label, name in _DECIDED.items():
        setattr(entry, name, _value(first[label], whole) if label in first else "")
    entry.title = strip_field(TITLE_TAIL.sub("", entry.title))
    _authors(entry, first, whole)
    _year(entry, labelled, whole)
    if m := _YEAR_IN_VOLUME.fullmatch(entry.volume):  # Vancouver's "2014;23" read as one field
        entry.volume, entry.year = m.group("volume"), entry.year or m.group("year")
    if "container" in first and (_IN_BEFORE.search(whole[: first["container"].start]) or _after_in(first)):
        entry.kind = "chapter" if entry.kind == "other" else entry.kind
    after = whole[first["title"].end :] if "title" in first else whole
    finish(entry, whole, after, in_note)
    _without_version(entry)
    _publisher_not_container(entry)
    periodical_of_a_day(entry)
    return entry


def _own_title(first: dict[str, Field], whole: str) -> None:
    """The labeller's rule of a lone container (:func:`.labeller.book_title`) once more, after the repairs, which
    can leave a container alone (``Mabira Forest Reserve: Biodiversity Report, Kampala: ...``): one rule, with
    one set of conditions, at both depths."""
    fields = sorted(first.values(), key=lambda x: x.start)
    kept = book_title(fields, whole)
    if kept != fields:
        first.clear()
        first.update((x.label, x) for x in kept)


def _publisher_not_container(entry: Entry) -> None:
    """A body that publishes (``R Foundation for Statistical Computing``, ``Statnet Project``) read as the container
    of a work with no volume or pages: its publisher."""
    name = entry.container
    if not name or entry.publisher or entry.volume or entry.pages or entry.kind in ("chapter", "conference-paper"):
        return
    if is_organisation(name) and not PERIODICAL.search(name) and not IN_BOOK.match(name):
        entry.publisher, entry.container = name, ""


#: A software's version note (``R package version 1.2-3``, ``Julia package version 0.3``, ``Version 2.1``):
#: which release was used, neither the title nor where it appeared.
_VERSION = re.compile(r"(?:^|[.,]\s+)(?:(?:[A-Z][\w+#.]*\s+)?package\s+)?version\s+\d[\w.-]*.*$", re.IGNORECASE)


def _without_version(entry: Entry) -> None:
    """The title and container without the version note the labeller ran into them."""
    if m := _VERSION.search(entry.title):
        if m.start() > 0:
            entry.title = strip_field(entry.title[: m.start()])
    if _VERSION.match(entry.container):
        entry.container = ""


def _value(field: Field, whole: str) -> str:
    """A field's value as the entry gives it: a title with its question mark, an abbreviated name with its
    last full stop (``Atmos. Meas. Tech.``, ``London, U.K.``), a book without the ``In`` before it."""
    text = field.text
    after = whole[field.end : field.end + 1]
    if field.label == "title" and after in ("?", "!"):
        return text + after
    if field.label == "container":
        text = IN_BOOK.sub("", text)
    if after == "." and field.label in ("container", "place") and re.search(r"\w\.\s?\w", text):
        return text + after
    return strip_field(text)


def _names_before_title(entry: Entry, first: dict[str, Field], whole: str) -> None:
    """An organisation the labeller read as another field where the authors stand (``World Health Organization.
    WHO global report...`` as the title, ``U.S. Environmental Protection Agency, Air Sensor...`` as the
    publisher), when the patterns read it as the one author: the author; the field starts after it."""
    names = entry.authors.names
    if "author" in first or "editor" in first or len(names) != 1 or not first:
        return
    lead = min(first.values(), key=lambda x: x.start)
    if whole[: lead.start].strip(" ([") or not lead.text.startswith(names[0]):
        return
    rest = lead.text[len(names[0]) :]
    if rest and rest[0] not in ".,":
        return
    first["author"] = Field("author", lead.start, lead.start + len(names[0]), names[0])
    start, end = trim(whole, lead.start + len(names[0]), lead.end)
    if start < end:
        first[lead.label] = Field(lead.label, start, end, whole[start:end])
    else:
        del first[lead.label]


def _quoted_title(first: dict[str, Field], whole: str) -> None:
    """A quoted title ends at its closing quote (``'Situational crime prevention', Crime and Justice``); what the
    labeller ran on past it is the container, when it gave none."""
    title = first.get("title")
    if title is None or title.start == 0 or whole[title.start - 1] not in _CLOSING:
        return
    opening = whole[title.start - 1]
    closing = _CLOSING[opening]
    at = next((m.start() for m in closing.finditer(whole, title.start, title.end)), -1)
    nested = opening == "“" and whole.count("“", title.start, max(at, title.start)) > 0
    if nested:  # "“The “Unusual Episode” Data Revisited.”": a quote inside the title; it ends at the last "”"
        return
    if at < 0:
        return
    # "‘Great day’ for city kids ...": the quote opens the title, which goes on after it; so too where the
    # labeller read its own container after the title's words past the quote ("Oh yes!" Reflections on ...)
    later = first.get("container")
    goes_on = later is not None and later.start >= title.end and whole[at + 1 : title.end].strip(" .,;:")
    if goes_on or (whole[at - 1] not in ",.;?!" and _TITLE_GOES_ON.match(whole, at + 1)):
        start, end = trim(whole, title.start - 1, title.end)
        first["title"] = Field("title", start, end, whole[start:end])
        return
    start, end = trim(whole, title.start, at)
    first["title"] = Field("title", start, end, whole[start:end])
    start, end = trim(whole, at + 1, title.end)
    if start < end and "container" not in first:
        first["container"] = Field("container", start, end, whole[start:end])


def _container_after_title(entry: Entry, first: dict[str, Field], whole: str) -> None:
    """A title the labeller ran on past its end into a short container, with no container of its own
    (``Will riders come back? The Transit Observer``), where the patterns read the two apart: split there."""
    title = first.get("title")
    if title is None or "container" in first or not entry.title or not entry.container:
        return
    if not title.text.startswith(entry.title):
        return
    at = whole.find(entry.container, title.start + len(entry.title), title.end)
    if at < 0 or whole[title.start + len(entry.title) : at].strip(" .?!,:;\"”’'"):
        return
    start, end = trim(whole, title.start, title.start + len(entry.title))
    first["title"] = Field("title", start, end, whole[start:end])
    first["container"] = Field("container", at, at + len(entry.container), entry.container)


#: A version note in brackets (``(Version 6.3)``, ``[v2.1]``): which release, not a volume and issue of the work.
_VERSION_NOTE = re.compile(r"[(\[](?:version|ver\.|v)\s?\d[\w.-]*[)\]]", re.IGNORECASE)


def _exact_pieces(text: str) -> list[tuple[int, int]]:
    """Where the DOI, URL, date of access, ``Available at`` and a bracketed version note stand: the patterns'
    fields, not the labeller's."""
    pieces = [(m.start(), m.end()) for m in _VERSION_NOTE.finditer(text)]
    for find in (f.find_doi, f.find_url, lambda t: f.find_accessed(t)[0], f.find_available):
        piece = find(text)
        if piece is not None:
            pieces.append((piece.start, piece.end))
            text = text[: piece.start] + " " * (piece.end - piece.start) + text[piece.end :]
    return pieces


def _outside(fields: list[Field], pieces: list[tuple[int, int]]) -> list[Field]:
    """The labelled fields, cut back where they run into a piece the patterns read."""
    out = []
    for field in fields:
        start, end = field.start, field.end
        for a, b in pieces:
            if a < end and start < b:
                start, end = (start, a) if start < a else (max(start, b), end)
        text = field.text[start - field.start : end - field.start]
        if start < end and strip_field(text):
            out.append(Field(field.label, start, end, text))
    return out


def _authors(entry: Entry, first: dict[str, Field], whole: str) -> None:
    """The authors as names; editors who stand where the authors would (an edited book) in their place."""
    field = first.get("author")
    editors = first.get("editor")
    if (
        field is not None
        and editors is not None
        and _NAMES_GO_ON.fullmatch(whole, field.end, editors.start)
        and _LIST_OF_EDITORS.match(whole, editors.start, min(len(whole), editors.end + 12))
        and not IN_BOOK.match(editors.text)
    ):
        # one list of names the labeller split in two ("Higgins, J., Thomas, J., Chandler, J., ... (Eds.)"):
        # the names of an edited book, which stand where the authors would
        field = Field("editor", field.start, editors.end, whole[field.start : editors.end])
        entry.kind = "book" if entry.style == "author-date" else entry.kind
    elif field is None and editors is not None and editors.start < min(x.start for x in first.values() if x != editors):
        field = editors
        entry.kind = "book" if entry.style == "author-date" else entry.kind
    if field is None:
        entry.authors = parse_authors("")
        return
    names = EDITED.sub("", field.text)
    if field.label == "editor":
        names = _EDITORS_CUE.sub("", names)
    own_sentence = entry.style != "author-date" and whole[field.end : field.end + 1] == "."
    entry.authors = parse_authors(names, inverted=entry.style == "author-date", own_sentence=own_sentence)


def _year(entry: Entry, fields: list[Field], whole: str) -> None:
    """The first year the labeller finds (``2019a``, ``n.d.``, ``in press``), with the date around it; when it
    finds none, the year the patterns read stays (``(in press)``, a year after the title)."""
    for field in (x for x in fields if x.label == "year"):
        found = f.bare_years(whole[field.start : field.end + 1])  # with its full stop: "n.d."
        if found:
            year = found[0].value
            if entry.year != year or not entry.date.startswith(year[:4]):
                entry.date = f.iso_date(field.text)
            entry.year = year
            return


def _after_in(first: dict[str, Field]) -> bool:
    """The container follows ``In`` (``In E. Ortiz (Ed.), Online harms``): a book the work is a chapter of."""
    editors = first.get("editor")
    return editors is not None and editors.start < first["container"].start and bool(IN_BOOK.match(editors.text))
