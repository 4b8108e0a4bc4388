"""One reference entry read into its fields, whatever the style: APA, Chicago (author-date and notes),
Harvard, MLA, IEEE, Vancouver.

The styles differ in where they put the year and how they mark the title, so the entry is read in
steps, each taking its piece out: the number (``[3]``, ``3.``), the DOI, URL and date of access; then
the year, which fixes where the authors end (``Okonkwo, C. (2018).``, ``Okonkwo, Chidi. 2018.``) or,
when it comes last (MLA, IEEE, Vancouver, notes), the authors end where the title starts (a quote,
or the first full stop after the names); then the title (quoted, or the first sentence); then, in
what follows, the container and its volume, issue and pages, and the place and publisher. What the
entry does not give stays empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.references import fields as f
from kg.extract.references.authors import Authors, is_organisation, is_title_like, looks_like_names, parse_authors

_NUMBER = re.compile(r"^\s*(?:\[(?P<a>\d{1,4})\]|(?P<b>\d{1,4})[.)](?=\s)|(?P<c>[⁰¹²³⁴⁵⁶⁷⁸⁹]+))\s*")
_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_QUOTED = re.compile(
    r"“(?P<a>[^”]{2,}?)[,.]?”|\"(?P<b>[^\"]{2,}?)[,.]?\"|‘(?P<c>[^’]{2,}?)[,.]?’(?=[\s,.;:]|$)"
    r"|(?:(?<=\s)|^)'(?P<d>[^'\s][^']*?[^'\s])[,.]?'(?=[\s,.;:]|$)"
)
_STOP = re.compile(r"[.?!](?=\s|$)")
_ABBREVIATED = frozenset("vol no ed eds p pp inc ltd st dr mr ms vs jr co u.s u.k e.g i.e al".split())
_IN_BOOK = re.compile(r"^\s*in:?\s+(?=\S)", re.IGNORECASE)
_EDITORS = re.compile(r"(?P<editors>[^()]{1,200}?)\s*(?:\((?:Eds?|eds?)\.?\)|,\s*eds?\.)\s*,?\s*")
#: Where a book's title ends inside "In ...": its pages, its editors, its place, or the end of a sentence.
_BOOK_END = re.compile(
    r"\s\(|,\s+edited\s+by\b|,?\s+pp?\.\s|,\s+\d|,\s+[A-Z][a-z]+(?:,\s+[A-Z][\w]+)?,\s+\d{4}|\.\s+(?=[A-Z][a-z]{3,}\b[^.]*:)|\.\s*$"
)
_KIND_CUES = (
    ("personal-communication", re.compile(r"\bpersonal communication\b|\binterview(?:ed)? (?:by|with)\b", re.I)),
    ("field-notes", re.compile(r"\bfield notes\b", re.I)),
    ("thesis", re.compile(r"\b(?:dissertation|thesis)\b", re.I)),
    ("conference-paper", re.compile(r"\b(?:proceedings|conference|symposium|workshop)\b|\bProc\.", re.I)),
    ("report", re.compile(r"\b(?:report|working paper|technical paper|white paper|policy brief|issue brief)\b", re.I)),
)
_PUBLISHING_HOUSE = re.compile(
    r"\b(?:Press|Publish\w*|Books|Verlag|Routledge|Sage|Wiley|Springer|Elsevier|Penguin|Macmillan|Palgrave|Polity|"
    r"Norton|Knopf|Random House|HarperCollins|Bloomsbury|Pearson|McGraw|Guilford|Blackwell)\b"
)
_PERIODICAL = re.compile(
    r"\b(?:Journal|Review|Quarterly|Studies|Bulletin|Annals|Magazine|News|Times|Post|Herald|Tribune|Guardian|"
    r"Gazette|Ledger|Daily|Weekly|Letters|Transactions|Records?|Report(?:er)?s|Observer|Telegraph|Wired|"
    r"Chronicle|Economist|Independent|Atlantic|Monthly|Forum|Inquiry|Sentinel|Globe|Star|Mail|Express|Proceedings|"
    r"Conference|Symposium)\b|^J\.\s|\bJ\b"
)
_JOURNAL = re.compile(r"\b(?:Journal|Review|Quarterly|Studies|Bulletin|Annals|Letters|Transactions|Research)\b|^J\.?\s")
_NEWS = re.compile(r"\b(?:News|Times|Post|Herald|Tribune|Guardian|Gazette|Ledger|Daily|Globe|Sentinel|Telegraph)\b")
_LAW = re.compile(r"\b(?:Act|Code|Statute|Directive|Regulation)\b(?:\s+of\s+\d{4})?")
_CASE = re.compile(r"\s+v\.?\s+[A-Z]")


@dataclass
class Entry:
    """What one entry gives (every field as written, '' when not given)."""

    number: int | None = None
    style: str = ""
    authors: Authors = field(default_factory=Authors)
    year: str = ""
    date: str = ""
    title: str = ""
    container: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publisher: str = ""
    place: str = ""
    doi: str = ""
    url: str = ""
    accessed: str = ""
    kind: str = "other"
    locator: str = ""  # in a note, the page it cites ("..., 2018), 44."): not the work's pages

    @property
    def is_full(self) -> bool:
        """A reference one can look up: it names a work (title or authors) and says when or where it appeared."""
        published = self.year or self.container or self.publisher or self.url or self.doi
        return bool((self.title or self.authors.names) and published) or self.kind in (
            "personal-communication",
            "field-notes",
        )


def _cut(text: str, piece: f.Piece | None) -> str:
    return text if piece is None else " ".join((text[: piece.start] + " " + text[piece.end :]).split())


def _strip(text: str) -> str:
    return text.strip(" ,.;:")


def parse_entry(text: str) -> Entry:
    """Read one reference entry (see the module docstring)."""
    entry = Entry()
    text = " ".join(text.split())
    if m := _NUMBER.match(text):
        raw = m.group("a") or m.group("b") or m.group("c")
        entry.number = int("".join(str(_SUPERSCRIPT_DIGITS.index(ch)) for ch in raw) if m.group("c") else raw)
        text = text[m.end() :]
    whole = text
    doi = f.find_doi(text)
    entry.doi = doi.value.rstrip(".") if doi else ""
    text = _cut(text, doi)
    url = f.find_url(text)
    entry.url = url.value if url else ""
    text = _cut(text, url)
    accessed, entry.accessed = f.find_accessed(text)
    text = _cut(text, accessed)
    text = _cut(text, f.find_available(text))
    rest = _authors_and_year(entry, text)
    after = _title(entry, rest)
    _container(entry, after)
    if not entry.date and entry.style == "author-date":
        entry.date = f.day_and_month(after, entry.year)  # Harvard: "The Daily Ledger, 3 March."
    if entry.style == "notes" and entry.pages.isdigit():
        entry.locator, entry.pages = entry.pages, ""  # a note cites one page of the work
    entry.kind = _kind(entry, whole)
    if entry.kind in ("personal-communication", "field-notes") and _KIND_CUES[0 if entry.kind != "field-notes" else 1][
        1
    ].match(entry.title):
        entry.title = ""  # "Personal communication, June 29, 2012" names the kind and the date, not a title
    if entry.kind == "law":
        entry.title = entry.title.split(", ")[
            0
        ]  # "… Act of 2000, Pub. L. No. 106-386": the rest is where it is printed
    return entry


def _authors_and_year(entry: Entry, text: str) -> str:
    """Authors and year; returns what follows them (or, when the year comes last, what follows the authors)."""
    dated = f.year_in_parentheses(text)
    if (
        dated
        and dated[0].start < 300
        and (not text[: dated[0].start].strip() or looks_like_names(text[: dated[0].start]))
    ):
        piece, entry.date = dated
        entry.year, entry.style = piece.value, "author-date"
        entry.authors = parse_authors(text[: piece.start], inverted=True)
        return text[piece.end :]
    # Chicago author-date: "Okonkwo, Chidi, and Tunde Adeyemi. 2018. Title."
    for year in f.bare_years(text[:300]):
        head = text[: year.start].rstrip()
        if head.endswith(".") and text[year.end : year.end + 1] in (".", "") and looks_like_names(head[:-1]):
            entry.year, entry.style = year.value, "author-date"
            entry.authors = parse_authors(head[:-1], inverted=True)
            return text[year.end + 1 :]
    entry.style = "notes" if not _QUOTED.match(text) else ""
    rest = _leading_authors(entry, text)
    years = [y for y in f.bare_years(rest) if not _inside_quotes(rest, y.start)]
    if years:
        entry.year = years[-1].value
        if not entry.date:
            entry.date = _date_around(rest, years[-1])
    return rest


def _leading_authors(entry: Entry, text: str) -> str:
    """When the year is not beside them, the authors run to the title: a quote, or a full stop or comma after names."""
    quoted = _QUOTED.search(text)
    if quoted and quoted.start() > 0 and looks_like_names(text[: quoted.start()]):
        entry.authors = parse_authors(text[: quoted.start()])
        return text[quoted.start() :]
    # "Okonkwo, Chidi, and Tunde Adeyemi. Title." / "Okonkwo C, Adeyemi T. Title." / "Chidi Okonkwo, Title (…)"
    for m in re.finditer(r"\.(?=\s)|,(?=\s)", text[:400]):
        head, nxt = text[: m.start()], text[m.end() :].lstrip()
        if not looks_like_names(head):
            return text
        phrase = _first_phrase(nxt)
        if m.group() == "." and re.search(r"(?:^|\s)[A-Z]$", head) and not is_title_like(phrase):
            continue  # an initial, and the name goes on: "E. Lindqvist"
        if m.group() == "." or (nxt[:1].isupper() and is_title_like(phrase)) or nxt.startswith(("“", '"', "‘")):
            entry.authors = parse_authors(head, own_sentence=m.group() == ".")
            return text[m.end() :]
    return text


def _first_phrase(text: str) -> str:
    m = re.match(r"[^,.(:]+", text)
    return m.group() if m else text


def _inside_quotes(text: str, pos: int) -> bool:
    return any(q.start() < pos < q.end() for q in _QUOTED.finditer(text))


def _date_around(text: str, year: f.Piece) -> str:
    """A month (and day) written beside the year: ``3 Mar. 2020``, ``March 3, 2020``, ``(Jan. 2019)``."""
    window = text[max(0, year.start - 20) : year.end]
    iso = f.iso_date(window)
    return iso if iso.startswith(year.value[:4]) and len(iso) > 4 else ""


def _title(entry: Entry, rest: str) -> str:
    """The title: the first quoted words, else the first sentence; returns what follows it."""
    rest = rest.strip(" ,.")
    quoted = _QUOTED.search(rest)
    if quoted and quoted.start() < 40:
        entry.title = _strip(quoted.group("a") or quoted.group("b") or quoted.group("c") or quoted.group("d"))
        return rest[quoted.end() :]
    if not rest or _IN_BOOK.match(rest) and _book(rest):
        return rest
    if entry.style == "notes":  # "Chidi Okonkwo, Where Sellers Go (Lagos: Harbor Press, 2018), 44."
        m = re.match(r"(?P<title>[^()]+?)\s*(?=\((?:[^()]*\d{4}[^()]*)\))", rest)
        if m:
            entry.title = _strip(m.group("title"))
            return rest[m.end() :]
    end = _sentence_end(rest)
    title, after = (rest[: end.end()], rest[end.end() :]) if end else (rest, "")
    # A place and publisher, or a periodical, after a comma: "Mobile Lives, New York, NY: Routledge".
    if (found := f.place_publisher(title)) and found[2].start > 0 and title[: found[2].start].rstrip().endswith(","):
        title, after = title[: found[2].start], title[found[2].start :] + " " + after
    elif (comma := title.rfind(", ")) > 0 and _PERIODICAL.search(title[comma + 2 :]):
        title, after = title[:comma], title[comma + 2 :] + " " + after
    if entry.style == "notes" and not entry.year:
        if m := re.search(r",\s*(?P<loc>\d+(?:\s*[–-]\s*\d+)?)\.?$", title):
            title, entry.pages = title[: m.start()], m.group("loc")  # a short note: "Okonkwo, Where Sellers Go, 51."
    title = re.sub(r"\s*(?:\[[^\]]*\]|\((?:Report|Working Paper|Technical Report|No\.)[^)]*\))\s*[.]?$", "", title)
    entry.title = _strip(title)
    return after


def _sentence_end(text: str) -> re.Match[str] | None:
    """Where the first sentence of ``text`` ends: a full stop, not after an initial or a common abbreviation."""
    for m in _STOP.finditer(text):
        word = text[: m.start()].rsplit(" ", 1)[-1]
        if m.group() == "." and (re.fullmatch(r"[A-Z]", word) or word.lower().strip("(") in _ABBREVIATED):
            continue
        return m
    return None


def _book(after: str) -> tuple[str, str] | None:
    """``In E. Ortiz (Ed.), Online harms (pp. 12-30)``, ``in Proc. Int. Conf. X, Berlin, 2019``, ``In Y, edited by Z``:
    the book a chapter or paper is in, and what follows it."""
    m = _IN_BOOK.match(after)
    if m is None:
        return None
    rest = after[m.end() :]
    editors = _EDITORS.match(rest)
    if editors and not re.search(r"[.,]\s", rest[: editors.start("editors")]):
        rest = rest[editors.end() :]
    end = _BOOK_END.search(rest)
    book, rest = (rest[: end.start()], rest[end.start() :]) if end else (rest, "")
    return _strip(book), rest


def _container(entry: Entry, after: str) -> None:
    """Container, volume, issue, pages, place and publisher, from what follows the title."""
    after = after.strip(" ,.")
    if found_book := _book(after):
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
    if vol or pages or _PERIODICAL.search(segment) or len(entry.date) == 10 or entry.url:
        entry.container = segment
    elif not entry.publisher:
        entry.publisher = segment  # "Closures and their aftermath. Routledge." / "... Northern Press, 2020."


def _kind(entry: Entry, whole: str) -> str:
    if entry.kind == "chapter":  # in a book; in proceedings, a conference paper
        return "conference-paper" if _KIND_CUES[3][1].search(entry.container) else "chapter"
    for kind, cue in _KIND_CUES:
        if cue.search(whole) and (kind != "report" or not entry.volume):
            return kind
    if not entry.authors.names and _CASE.search(entry.title):
        return "court-case"
    if not entry.authors.names and _LAW.search(entry.title):
        return "law"
    if entry.container and (_NEWS.search(entry.container) or (len(entry.date) == 10 and not entry.volume)):
        return "news-item"
    if entry.volume or entry.issue or (entry.container and entry.pages) or _JOURNAL.search(entry.container):
        return "journal-article"
    if entry.publisher:
        return (
            "report" if is_organisation(entry.publisher) and not _PUBLISHING_HOUSE.search(entry.publisher) else "book"
        )
    if entry.url:
        return "web-page"
    return "other"
