"""The BibTeX entry ``kg add`` writes for a report: from what the user says, else what the file says.

Each fact comes from the first place that gives it: the command line (``--title``, ``--author``,
``--year``, ``--kind``, ``--url``), then the report's own entry in ``--bib`` (key = the report's
id), then, for a PDF, its metadata and first page (the title its largest line, the authors the
byline under it, the year a copyright or dated line there, else the year the PDF was made), and
for a text its first line as the title. Where a fact came from anything but the user is said in
the entry's ``basis`` field, so a reader knows what to check. Values are escaped for BibTeX, so
that what a PDF's metadata holds (``&``, ``%``, braces) reads back exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.errors import InputError
from kg.records import BibEntry
from kg.sources import dates
from kg.sources.bibtex import VERBATIM_FIELDS, make_entry
from kg.sources.first_page import cover_body, first_doi, publication_year
from kg.sources.pdf import PdfText

#: The entry type written for each kind of report.
ENTRY_TYPE_BY_KIND = {
    "journal-article": "article",
    "news-item": "article",
    "report": "techreport",
    "report-section": "incollection",
    "chapter": "incollection",
    "book": "book",
    "thesis": "phdthesis",
    "conference-paper": "inproceedings",
    "web-page": "online",
    "law": "legislation",
    "court-case": "jurisdiction",
    "manuscript": "unpublished",
    "data-set": "dataset",
}

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_JUNK_TITLE = re.compile(r"^(?:untitled|microsoft (?:word|powerpoint) - .*|.*\.(?:docx?|pdf|indd|tex|rtf|odt))$", re.I)
# What a word processor or an operating system writes when it knows no author: a placeholder made of such
# words ("Unknown User", "Windows User", "Valued Customer"), initials, or a web site's name ("ijeais.org").
_PLACEHOLDER_WORDS = (
    r"user|admin|administrator|owner|author|unknown|anonymous|default|guest|standard|windows|valued|preferred|"
    r"registered|licensed|authori[sz]ed|customer|name|your|the|pc|office"
)
_JUNK_AUTHOR = re.compile(
    rf"^(?:(?:{_PLACEHOLDER_WORDS})(?:\s+(?:{_PLACEHOLDER_WORDS}))*|[a-z]{{1,3}}\d*|(?:www\.)?[\w-]+(?:\.[\w-]+)*"
    r"\.(?:org|com|net|edu|gov|info|int|[a-z]{2}))$",
    re.I,
)
# What a producer or an installation writes as the author: a tool, a licence holder, a machine account.
_SOFTWARE = re.compile(
    r"microsoft|\boffice-|adobe|acrobat|distiller|pscript|\btex\b|latex|ghostscript|quartz|pdf|scanner|printer|"
    r"\.(?:exe|dll)\b|\d",
    re.I,
)
_BARE_FILE = re.compile(r"^\S+\.[A-Za-z]{2,4}$")  # apssamp.dvi, 10811.exe


@dataclass(frozen=True)
class ReportFacts:
    """What the user says about a report on the command line (empty: not said)."""

    title: str = ""
    authors: tuple[str, ...] = ()
    year: str = ""
    kind: str = ""
    url: str = ""


@dataclass
class _Draft:
    raw: dict[str, str] = field(default_factory=dict)
    basis: list[str] = field(default_factory=list)

    def give(self, name: str, value: str, where: str = "") -> None:
        """Set a field not yet set (values escaped for BibTeX), noting where it came from."""
        value = " ".join(value.split())
        if value and not self.raw.get(name, "").strip():
            self.raw[name] = value if name in VERBATIM_FIELDS else bibtex_value(value)
            if where:
                self.basis.append(f"{name} from {where}")


def bibtex_value(text: str) -> str:
    """``text`` as a BibTeX value that reads back as ``text``: LaTeX's special characters escaped."""
    return "".join(_SPECIAL.get(ch, ch) for ch in text)


def bibtex_name(name: str) -> str:
    """One author for BibTeX's ``author`` field: an organisation braced, so it is never split into names."""
    name = " ".join(name.split())
    if re.search(r"\b(?:of|for|the|on|and|in|at)\b|&", name) or len(name.split()) > 4:
        return "{" + bibtex_value(name) + "}"
    return bibtex_value(name)


def check_year(year: str, shown: str) -> str:
    """A year as ``--year`` takes it: four digits, 1500 to 2099."""
    if year and not re.fullmatch(dates.YEAR, year.strip()):
        raise InputError(shown, 0, f"--year {year!r} must be a year of four digits (1500 to 2099)")
    return year.strip()


def metadata_authors(value: str) -> tuple[str, ...]:
    """The people a PDF's Author field names: ``A; B``, ``A and B``, ``A, B`` (but ``Doe, Jane`` is one)."""
    value = value.strip()
    if not value or _JUNK_AUTHOR.match(value):
        return ()
    if ";" in value:
        parts = value.split(";")
    elif re.search(r"\s(?:and|&)\s", value):
        parts = re.split(r",?\s(?:and|&)\s|,", value)
    elif "," in value and all(len(p.split()) >= 2 for p in value.split(",")):
        parts = value.split(",")
    else:
        parts = [value]
    return tuple(p.strip() for p in parts if p.strip())


def _metadata_year(pdf: PdfText) -> str:
    m = re.match(r"^D?:?(\d{4})", pdf.metadata.get("CreationDate", ""))
    return m.group(1) if m and re.fullmatch(dates.YEAR, m.group(1)) else ""


def _first_page(pdf: PdfText) -> str:
    return pdf.text[: pdf.pages[1]] if len(pdf.pages) > 1 else pdf.text


def _bare(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _meta_title(pdf: PdfText) -> str:
    """The metadata's title, unless it is a file name or a word processor's placeholder."""
    title = pdf.metadata.get("Title", "").strip()
    return "" if _JUNK_TITLE.match(title) or _BARE_FILE.match(title) else title


def _meta_authors(pdf: PdfText) -> tuple[str, ...]:
    """The metadata's authors, unless the field names the software that made the PDF or a machine account."""
    made_by = {_bare(pdf.metadata.get(k, "")) for k in ("Creator", "Producer")} - {""}
    names = metadata_authors(pdf.metadata.get("Author", ""))
    if any(_bare(n) in made_by or _SOFTWARE.search(n) for n in names):
        return ()
    if len(names) == 1 and re.fullmatch(r"[A-Za-z]+", names[0]) and not names[0].isupper():  # "Supreme", "jsmith"
        return ()
    return names


def _first_line(text: str) -> str:
    """The text's first line that reads as words (not a page number, not unmapped glyphs)."""
    line = next((ln.strip() for ln in text.splitlines() if len(re.findall(r"[^\W\d_]", ln)) >= 3), "")
    return line if len(line) <= 200 else ""


def report_entry(
    report_id: str, facts: ReportFacts, own: BibEntry | None, text: str, pdf: PdfText | None, shown: str
) -> BibEntry:
    """The report's own entry (see the module docstring); refused when nothing gives it a title."""
    draft = _Draft(dict(own.raw) if own else {})
    for name, value in (("title", facts.title), ("year", check_year(facts.year, shown)), ("url", facts.url)):
        if value:
            draft.raw.pop(name, None)  # the command line overrides the --bib entry
            draft.give(name, value)
    if facts.authors:
        draft.raw["author"] = " and ".join(bibtex_name(a) for a in facts.authors)
    if pdf is not None:
        meta_title, page_title = _meta_title(pdf), pdf.title
        if page_title and meta_title and _bare(page_title) == _bare(meta_title):
            draft.give("title", meta_title, "the PDF's metadata and first page")
        draft.give("title", page_title, "the PDF's first page")
        draft.give("title", meta_title, "the PDF's metadata")
        draft.give("title", pdf.bold_title, "the PDF's first page (its bold heading)")
        meta_names = _meta_authors(pdf)
        page = _first_page(pdf)
        # The metadata's names, when the first page prints each of their surnames, are the fuller byline,
        # unless the byline read from the page holds them all and more (the metadata names the first author).
        printed = bool(meta_names) and all(n.split()[-1].casefold() in page[:4000].casefold() for n in meta_names)
        fuller = len(pdf.authors) > len(meta_names) and {_bare(n.split()[-1]) for n in meta_names} <= {
            _bare(n.split()[-1]) for n in pdf.authors
        }
        ranked = [(meta_names, "the PDF's metadata (names its first page prints)")] if printed and not fuller else []
        body = cover_body(page)
        ranked += [
            (pdf.authors, "the PDF's first page"),
            ((body,) if body else (), "the PDF's cover (the body that issued it)"),
            (meta_names, "the PDF's metadata"),
        ]
        for names, where in ranked:
            if names and not draft.raw.get("author"):
                draft.raw["author"] = " and ".join(bibtex_name(n) for n in names)
                draft.basis.append(f"author from {where}")
        draft.give("doi", first_doi(page), "the PDF's first page")
        year, said = publication_year(page)
        draft.give("year", year, f"the PDF's first page ({said})")
        draft.give("year", _metadata_year(pdf), "the date the PDF was made")
    draft.give("title", _first_line(text), "the text's first line")
    if not draft.raw.get("title", "").strip():
        raise InputError(shown, 0, "the report has no title: give one with --title")
    kind = facts.kind or (own.kind if own else "") or "report"
    entry_type = own.entry_type if own and not facts.kind else ENTRY_TYPE_BY_KIND.get(kind, "misc")
    draft.raw["kind"] = kind
    if draft.basis:
        draft.raw["basis"] = bibtex_value("; ".join(draft.basis))
    return make_entry(report_id, entry_type, kind, draft.raw, shown, 0)
