"""One reference entry read into its fields by hand-written patterns, whatever the style: APA, Chicago
(author-date and notes), Harvard, MLA, IEEE, Vancouver.

This was the whole entry parser before the trained labeller (:mod:`.labeller`); :func:`.entry.parse_entry`
now keeps from it what patterns read exactly (the number, DOI, URL, date of access, the style) and the
finishing rules (the kind of work, a note's locator), and :func:`parse_by_patterns` stays as the baseline
``benchmarks/reference_parser.py`` scores the labeller against.

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

from kg.extract.references import fields as f
from kg.extract.references.authors import is_title_like, looks_like_names, parse_authors
from kg.extract.references.cues import KIND_CUES, PERIODICAL, kind_of
from kg.extract.references.model import Entry, strip_field
from kg.extract.references.where import IN_BOOK, book, container, repository

NUMBER = re.compile(r"^\s*(?:\[(?P<a>\d{1,4})\]|(?P<b>\d{1,4})[.)](?=\s)|(?P<c>[⁰¹²³⁴⁵⁶⁷⁸⁹]+))\s*")
_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
QUOTED = re.compile(
    r"“(?P<a>[^”]{2,}?)[,.]?”|\"(?P<b>[^\"]{2,}?)[,.]?\"|‘(?P<c>[^’]{2,}?)[,.]?’(?=[\s,.;:]|$)"
    r"|(?:(?<=\s)|^)'(?P<d>[^'\s][^']*?[^'\s])[,.]?'(?=[\s,.;:]|$)"
)
_STOP = re.compile(r"[.?!](?=\s|$)")
_ABBREVIATED = frozenset("vol no ed eds p pp inc ltd st dr mr ms vs jr co u.s u.k e.g i.e al".split())
#: What APA writes after a title, in brackets or parentheses: the kind, a number, an edition, a version.
TITLE_TAIL = re.compile(
    r"\s*(?:\[[^\]]*\]|\((?:Report|Working Paper|Technical Report|No\.|Version|Vol\.|Rev\.|"
    r"\d+(?:st|nd|rd|th)\s+ed\.)[^)]*\))\s*[.]?$"
)
EDITED = re.compile(r"\s*\((?:Eds?|eds?)\.?\)\.?\s*$")
#: An APA thesis: "[Master's thesis, University of Vermont]": the institution is its publisher.
_THESIS_AT = re.compile(r"\[(?:[\w’'\s]+)?(?:thesis|dissertation),\s*(?P<at>[^\]]+)\]", re.IGNORECASE)


def _cut(text: str, piece: f.Piece | None) -> str:
    return text if piece is None else " ".join((text[: piece.start] + " " + text[piece.end :]).split())


def parse_by_patterns(text: str, in_note: bool = False) -> Entry:
    """Read one reference entry by the patterns alone (see the module docstring).

    ``in_note``: the entry is a note's, whose single page after the work (``..., 2018), 44.``) is the page
    the note cites, not the work's pages.
    """
    entry, whole, after = read_by_patterns(text)
    finish(entry, whole, after, in_note)
    return entry


def strip_number(entry: Entry, text: str) -> str:
    """The entry's text, whitespace folded, without its leading number (``[3]``, ``3.``, ``³``), which goes
    into ``entry.number``."""
    text = " ".join(text.split())
    if m := NUMBER.match(text):
        raw = m.group("a") or m.group("b") or m.group("c")
        entry.number = int("".join(str(_SUPERSCRIPT_DIGITS.index(ch)) for ch in raw) if m.group("c") else raw)
        text = text[m.end() :]
    return text


def read_by_patterns(text: str) -> tuple[Entry, str, str]:
    """The entry as the patterns read it, its text without the number, and what follows its title."""
    entry = Entry()
    text = whole = strip_number(entry, text)
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
    container(entry, after)
    repository(entry, after)
    return entry, whole, after


def finish(entry: Entry, whole: str, after: str, in_note: bool) -> None:
    """What the fields together say: a thesis's institution, a Harvard day and month, a note's locator, the
    kind of work; ``after`` is what follows the title."""
    if thesis := _THESIS_AT.search(whole):
        entry.publisher = thesis.group("at").strip()
    if not entry.date and entry.style == "author-date":
        entry.date = f.day_and_month(after, entry.year)  # Harvard: "The Daily Ledger, 3 March."
    if in_note and entry.style == "notes" and entry.pages.isdigit():
        entry.locator, entry.pages = entry.pages, ""  # a note cites one page of the work
    entry.kind = kind_of(entry, whole)
    if entry.kind in ("personal-communication", "field-notes") and KIND_CUES[0 if entry.kind != "field-notes" else 1][
        1
    ].match(entry.title):
        entry.title = ""  # "Personal communication, June 29, 2012" names the kind and the date, not a title
    if entry.kind == "law":
        entry.title = entry.title.split(", ")[
            0
        ]  # "… Act of 2000, Pub. L. No. 106-386": the rest is where it is printed


def _authors_and_year(entry: Entry, text: str) -> str:
    """Authors and year; returns what follows them (or, when the year comes last, what follows the authors)."""
    dated = f.year_in_parentheses(text)
    head = EDITED.sub("", text[: dated[0].start]) if dated else ""
    if dated and dated[0].start < 400 and (not head.strip() or looks_like_names(head)):
        piece, entry.date = dated
        entry.year, entry.style = piece.value, "author-date"
        entry.authors = parse_authors(head, inverted=True)
        if head != text[: piece.start]:
            entry.kind = "book"  # the editors of a collection stand where the authors would
        return text[piece.end :]
    # Chicago author-date: "Okonkwo, Chidi, and Tunde Adeyemi. 2018. Title."
    for year in f.bare_years(text[:300]):
        head = text[: year.start].rstrip()
        if head.endswith(".") and text[year.end : year.end + 1] in (".", "") and looks_like_names(head[:-1]):
            entry.year, entry.style = year.value, "author-date"
            entry.authors = parse_authors(head[:-1], inverted=True)
            return text[year.end + 1 :]
    entry.style = "notes" if not QUOTED.match(text) else ""
    rest = _leading_authors(entry, text)
    years = [y for y in f.bare_years(rest) if not _inside_quotes(rest, y.start)]
    # A note's work is dated where it was published: the first "(City: Press, 2018)" after its title; another
    # work the note goes on to cite (", and Title, GAO-99-250 (Washington, D.C.: 1999)") has its own.
    published = [y for y in years if re.search(r"\([^()]*[:,][^()]*$", rest[max(0, y.start - 80) : y.start])]
    if published and entry.style == "notes":
        years = published[:1]
    if years:
        entry.year = years[-1].value
        if not entry.date:
            entry.date = _date_around(rest, years[-1])
    return rest


def _leading_authors(entry: Entry, text: str) -> str:
    """When the year is not beside them, the authors run to the title: a quote, or a full stop or comma after names."""
    if _CASE_NAME.match(text):
        return text  # "Bach v. Longman, 98 Eng. Rep. 1274 (1777)": a case, named by its parties, written by no one
    quoted = QUOTED.search(text)
    if quoted and quoted.start() > 0 and looks_like_names(text[: quoted.start()]):
        entry.authors = parse_authors(text[: quoted.start()])
        return text[quoted.start() :]
    # "Okonkwo, Chidi, and Tunde Adeyemi. Title." / "Okonkwo C, Adeyemi T. Title." / "Chidi Okonkwo, Title (…)"
    for m in re.finditer(r"\.(?=\s)|,(?=\s)", text[:400]):
        head, nxt = text[: m.start()], text[m.end() :].lstrip()
        if not looks_like_names(head):
            return text
        phrase = _first_phrase(nxt)
        if m.group() == "." and re.search(r"(?:^|\s)(?:[A-Z]|St|Ste|Mt)$", head) and not is_title_like(phrase):
            continue  # an initial or "St.", and the name goes on: "E. Lindqvist", "St. George Tucker"
        # "Reese V. Jenkins, Images and Enterprise (Baltimore: Johns Hopkins, 1975), 112.": a note's person and book
        published = bool(m.group() == "," and _NATURAL_NAMES.match(head) and _TITLE_THEN_IMPRINT.match(nxt))
        opens_quote = nxt.startswith(("“", '"', "‘"))
        if m.group() == "." or (nxt[:1].isupper() and is_title_like(phrase)) or opens_quote or published:
            entry.authors = parse_authors(head, own_sentence=m.group() == ".")
            return text[m.end() :]
    return text


#: A case named by its parties, up to the comma before where it is reported: ``United States v. Causby,``.
_CASE_NAME = re.compile(
    r"(?P<case>[A-Z][\w.'’&-]*(?:\s+(?:of\s+)?[A-Z][\w.'’&-]*){0,6}\s+v\.?\s+"
    r"[A-Z][^,()]{1,80}?(?:,\s(?:Inc|Ltd|Co|Corp)\.)?),\s"
)
#: People named in natural order (``Reese V. Jenkins``, ``Judith Van Evra and Ann Roe``), as a note names them.
_NATURAL_NAMES = re.compile(
    r"^(?:[A-Z][a-z]+\.?|[A-Z]\.)(?:\s(?:[A-Z][\w'’-]+|[A-Z]\.|van|von|de|der|la))+"
    r"(?:,?\s(?:and|&)\s(?:[A-Z][a-z]+|[A-Z]\.)(?:\s(?:[A-Z][\w'’-]+|[A-Z]\.|van|von|de|der|la))+)?$"
)
#: A title and then its imprint in parentheses, with a year: ``Images and Enterprise (Baltimore: JHU Press, 1975)``.
_TITLE_THEN_IMPRINT = re.compile(r"^[A-Z“\"‘][^()]{1,200}?\s\([^()]*\b(?:1[5-9]|20)\d\d\)")


def _first_phrase(text: str) -> str:
    """The words up to the first comma, stop, parenthesis or colon (a colon kept: a title's head ends there)."""
    m = re.match(r"[^,.(:]+:?", text)
    return m.group() if m else text


def _inside_quotes(text: str, pos: int) -> bool:
    return any(q.start() < pos < q.end() for q in QUOTED.finditer(text))


def _date_around(text: str, year: f.Piece) -> str:
    """A month (and day) written beside the year: ``3 Mar. 2020``, ``March 3, 2020``, ``(Jan. 2019)``."""
    window = text[max(0, year.start - 20) : year.end]
    iso = f.iso_date(window)
    return iso if iso.startswith(year.value[:4]) and len(iso) > 4 else ""


def _title(entry: Entry, rest: str) -> str:
    """The title: the first quoted words, else the first sentence; returns what follows it."""
    rest = rest.strip(" ,.")
    quoted = QUOTED.search(rest)
    if quoted and quoted.start() < 40:
        entry.title = strip_field(quoted.group("a") or quoted.group("b") or quoted.group("c") or quoted.group("d"))
        return rest[quoted.end() :]
    if not rest or IN_BOOK.match(rest) and book(rest):
        return rest
    if not entry.authors.names and (case := _CASE_NAME.match(rest)):
        entry.title = strip_field(case.group("case"))
        return rest[case.end() :]
    if entry.style == "notes" and not entry.authors.names and (m := re.match(r"(?P<t>[^,()]+),\s+(?=\d)", rest)):
        entry.title = strip_field(m.group("t"))  # "Harbour Board Minute Books, 1810-1900, County Record Office"
        return rest[m.end() :]
    if entry.style == "notes":  # "Chidi Okonkwo, Where Sellers Go (Lagos: Harbor Press, 2018), 44."
        m = re.match(r"(?P<title>[^()]+?)\s*(?=\((?:[^()]*\d{4}[^()]*)\))", rest)
        if m:
            title = m.group("title")
            if number := re.search(r",\s*(?:" + f.REPORT_NUMBER.pattern + r"),?$", title):
                title, entry.kind = title[: number.start()], "report"  # "Title, GAO-04-38 (Washington, ...)"
            entry.title = strip_field(title)
            return rest[m.end() :]
    end = _sentence_end(rest)
    title, after = (rest[: end.end()], rest[end.end() :]) if end else (rest, "")
    # A place and publisher, or a periodical, after a comma: "Mobile Lives, New York, NY: Routledge".
    if (found := f.place_publisher(title)) and found[2].start > 0 and title[: found[2].start].rstrip().endswith(","):
        title, after = title[: found[2].start], title[found[2].start :] + " " + after
    elif (comma := title.rfind(", ")) > 0 and PERIODICAL.search(title[comma + 2 :]):
        title, after = title[:comma], " ".join((title[comma + 2 :] + " " + after).split())
    if entry.style == "notes" and not entry.year:
        if m := re.search(r",\s*(?P<loc>\d+(?:\s*[–-]\s*\d+)?)\.?$", title):
            title, entry.pages = title[: m.start()], m.group("loc")  # a short note: "Okonkwo, Where Sellers Go, 51."
    title = re.sub(TITLE_TAIL, "", title)
    entry.title = strip_field(title)
    return after


def _sentence_end(text: str) -> re.Match[str] | None:
    """Where the first sentence of ``text`` ends: a full stop, not after an initial or a common abbreviation."""
    for m in _STOP.finditer(text):
        word = text[: m.start()].rsplit(" ", 1)[-1]
        if m.group() == "." and (re.fullmatch(r"[A-Z]", word) or word.lower().strip("(") in _ABBREVIATED):
            continue
        following = text[m.end() :].split(" ", 2)[1:2]
        if (
            m.group() == "."
            and len(word) <= 5
            and word[:1].isupper()
            and following
            and re.fullmatch(r"[A-Z][a-z]{0,4}\.,?", following[0])
        ):
            continue  # "Off. J. Eur. Union": abbreviations in a row
        return m
    return None
