"""Fields the labeller ran together or mislabelled, where the entry's shape says which is which.

The repairs work on the labelled fields of one entry (``first``: the first field of each label) before
they become the entry's values, so every field stays an exact span of the entry (one, a periodical dated
to the day, works on the entry's values after). For example:

* Vancouver's journal abbreviation run into the title (``... the state of the science. Health Aff 2005,
  24(1):138–150``): the title's last sentence is a few capitalised words right before the year, and the
  entry has a volume or pages but no container. That sentence is the journal.
* A Vancouver author read as the start of the title (``Katikireddi SV, Cloud GC: Planning ...``): the
  title opens with a family name and initials and the colon or comma after them, right after the authors.
"""

from __future__ import annotations

import re

from kg.extract.references.labeller import Field, trim
from kg.extract.references.model import Entry

#: A journal's abbreviated or short name: capitalised words (``Health Aff``, ``Reprod Health Matters``,
#: ``Br Med J``, ``Lancet``) with the small words of a name between them.
_JOURNAL_NAME = re.compile(r"(?:[A-Z][\w'’&.-]*|of|and|the|in|for|&)(?:\s(?:[A-Z][\w'’&.-]*|of|and|the|in|for|&)){0,6}")
_LAST_SENTENCE = re.compile(r"[.?!]\s+(?=[A-Z])")
_YEAR_NEXT = re.compile(r"\s*\(?(?:1[5-9]|20)\d\d[a-z]?\b")
_VANCOUVER_AUTHOR = re.compile(
    r"(?:(?:van|von|de|der|den|da|di|du|la|le|ter)\s)*[A-ZÀ-Þ][\w'’-]+(?:[\s-][A-ZÀ-Þ][\w'’-]+)?\s[A-Z]{1,3}(?=[,:])"
)


def journal_in_title(first: dict[str, Field], whole: str) -> None:
    """Split a journal's name off the end of the title (see the module docstring)."""
    title = first.get("title")
    if title is None or "container" in first or not ({"volume", "pages"} & first.keys()):
        return
    if not _YEAR_NEXT.match(whole, title.end):
        return
    stops = list(_LAST_SENTENCE.finditer(whole, title.start, title.end))
    if not stops:
        return
    at = stops[-1].end()
    if not _JOURNAL_NAME.fullmatch(whole[at : title.end].strip()):
        return
    start, end = trim(whole, title.start, stops[-1].start() + 1)
    first["title"] = Field("title", start, end, whole[start:end])
    start, end = trim(whole, at, title.end)
    first["container"] = Field("container", start, end, whole[start:end])


def author_in_title(first: dict[str, Field], whole: str) -> None:
    """Move Vancouver authors the labeller put at the start of the title back to the authors."""
    author, title = first.get("author"), first.get("title")
    if author is None or title is None or whole[author.end : title.start].strip() not in (",", ""):
        return
    end = title.start
    while m := _VANCOUVER_AUTHOR.match(whole, end):
        end = m.end()
        if whole[end] == ":":
            break
        end = end + 1 + len(whole[end + 1 :]) - len(whole[end + 1 :].lstrip())
    if end == title.start or whole[end : end + 1] != ":":
        return
    first["author"] = Field("author", author.start, end, whole[author.start : end])
    start, stop = trim(whole, end + 1, title.end)
    if start < stop:
        first["title"] = Field("title", start, stop, whole[start:stop])


_IN_MARK = re.compile(r",\s+[Ii]n:?\s+(?=\S)")


def book_after_editors(first: dict[str, Field], labelled: list[Field], whole: str) -> bool:
    """The book a chapter is in, which the labeller read as a second title after the editors (``in: Garrett
    Hardin and John Baden (eds), Managing the Commons, San Francisco``): the container. And a container that
    holds ``, in:`` (``in Uganda, in: Africa Development``) starts after it: what stands before is the title's
    end, run on past a quoted word (``The Making of the “Informal State” in Uganda``). True for the book."""
    title, editors, container = first.get("title"), first.get("editor"), first.get("container")
    if container is None and title is not None and editors is not None and title.end <= editors.start:
        later = next((x for x in labelled if x.label == "title" and x.start >= editors.end), None)
        if later is not None:
            first["container"] = later
        return later is not None
    if container is None or title is None or title.end > container.start:
        return False
    mark = _IN_MARK.search(whole, container.start, container.end)
    if mark is None or whole[title.end : container.start].strip(' ”’"') or not whole[container.start].islower():
        return False
    start, end = trim(whole, title.start, mark.start())
    first["title"] = Field("title", start, end, whole[start:end])
    start, end = trim(whole, mark.end(), container.end)
    first["container"] = Field("container", start, end, whole[start:end])
    return False


def periodical_of_a_day(entry: Entry) -> None:
    """A work dated to the day (``(2000, February 16)``) that names no place, volume, pages or container but a
    "publisher" after its title (``The Baltimore Sun``): a newspaper's or magazine's article, and that name is
    the periodical it appeared in. A book or report names its publisher with its place, or is dated by year."""
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", entry.date) or not entry.publisher:
        return
    if entry.container or entry.place or entry.volume or entry.pages or entry.kind in ("chapter", "conference-paper"):
        return
    entry.container, entry.publisher = entry.publisher, ""
    if entry.kind in ("book", "report", "other"):
        entry.kind = "news-item"  # what kind_of says of a container dated to the day


_DAY_DATE = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?,\s+[A-Z][a-z]+\.?\s+\d{1,2}\b")


def periodical_after_day(first: dict[str, Field], whole: str) -> None:
    """The last words of an entry dated to the day, read as a note or a publisher (``... trouble. (1996, May 10).
    The Baltimore Sun.``): the periodical the article appeared in, as :func:`periodical_of_a_day` has it."""
    note, year = first.get("note") or first.get("publisher"), first.get("year")
    if "container" in first or note is None or year is None or note.start < year.end:
        return
    if (
        not _DAY_DATE.search(year.text)
        or whole[note.end :].strip(" .")
        or any(x.start > year.end and x is not note for x in first.values())
    ):
        return
    first["container"] = first.pop(note.label)


#: A preprint server's series as BibTeX styles write it before the identifier: ``arXiv preprint arXiv:2410.01623``,
#: ``bioRxiv preprint``, ``arXiv e-prints``.
_PREPRINT = re.compile(r"[A-Za-z][\w-]*\s+(?:preprint|e-?prints?)\b", re.IGNORECASE)


def preprint_series(first: dict[str, Field], whole: str) -> None:
    """The words ``arXiv preprint`` opening a note or a publisher, in an entry with no container: where the work
    appeared (the labeller learnt the identifier after them as a note, and the words with it)."""
    if "container" in first:
        return
    for label in ("note", "publisher"):
        field = first.get(label)
        if field is not None and (m := _PREPRINT.match(whole, field.start, field.end)):
            first["container"] = Field("container", m.start(), m.end(), m.group())
            return
