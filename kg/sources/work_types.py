"""What each kind of work is called by the tools a researcher cites with: BibTeX, CSL, RIS.

Written once, for every kind of :data:`kg.kinds.WORK_KINDS`, so that the BibTeX, CSL-JSON and RIS
exports and the formatted references agree on what a work is (a test checks that every kind is
here). The BibTeX types are biblatex's where BibTeX has none (``@online``, ``@legislation``,
``@jurisdiction``); a reference manager (Zotero, JabRef) reads both. Kinds with no type of their
own are ``@misc`` with a ``howpublished`` that says what they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.kinds import WORK_KINDS


@dataclass(frozen=True)
class WorkType:
    """The names one kind of work has in BibTeX (biblatex), CSL and RIS."""

    bibtex: str
    csl: str
    ris: str
    #: What a ``@misc`` entry says it is when its entry gives no venue (``howpublished``).
    described_as: str = ""


WORK_TYPES: dict[str, WorkType] = {
    "journal-article": WorkType("article", "article-journal", "JOUR"),
    "report": WorkType("techreport", "report", "RPRT"),
    "report-section": WorkType("incollection", "chapter", "CHAP"),
    "news-item": WorkType("misc", "article-newspaper", "NEWS", "News item"),
    "web-page": WorkType("online", "webpage", "ELEC"),
    "thesis": WorkType("phdthesis", "thesis", "THES"),
    "conference-paper": WorkType("inproceedings", "paper-conference", "CPAPER"),
    "book": WorkType("book", "book", "BOOK"),
    "chapter": WorkType("incollection", "chapter", "CHAP"),
    "law": WorkType("legislation", "legislation", "STAT"),
    "court-case": WorkType("jurisdiction", "legal_case", "CASE"),
    "personal-communication": WorkType("misc", "personal_communication", "PCOMM", "Personal communication"),
    "field-notes": WorkType("misc", "manuscript", "UNPB", "Field notes"),
    "data-set": WorkType("misc", "dataset", "DATA", "Data set"),
    "manuscript": WorkType("unpublished", "manuscript", "UNPB"),
    # CSL 1.0.1 (the version citeproc-py reads) has no "document": its generic type is "article".
    "other": WorkType("misc", "article", "GEN"),
}

#: Entry types a ``.bib`` file may already give that say more than the kind's default (kept as given).
MORE_PRECISE_BIBTEX = {
    "thesis": ("phdthesis", "mastersthesis", "thesis"),
    "chapter": ("incollection", "inbook"),
}

#: Fields of BibTeX and biblatex a reference manager reads: only these are exported. Everything
#: else in ``bib/`` is the project's bookkeeping (``kind``, ``kindbasis``, ``citedin``, ``variants``,
#: ``yearvariants``, ``undated``, ``file``, ``sha256``) or its curators' ``note`` about the citing text.
STANDARD_FIELDS = (
    "author",
    "editor",
    "title",
    "journal",
    "booktitle",
    "edition",
    "series",
    "volume",
    "number",
    "chapter",
    "pages",
    "type",
    "school",
    "institution",
    "organization",
    "publisher",
    "address",
    "howpublished",
    "entrysubtype",
    "year",
    "month",
    "date",
    "urldate",
    "url",
    "doi",
    "isbn",
    "issn",
    "eprint",
    "language",
)

#: What a text writes for "no date": such a year is left out of every export.
NO_YEAR = frozenset({"", "n.d.", "n. d.", "nd", "undated", "s.d."})

_missing = WORK_KINDS - set(WORK_TYPES)
if _missing:  # pragma: no cover - a new kind must be named here before the tool starts
    raise RuntimeError(f"kg.sources.work_types names no export types for the kinds {sorted(_missing)}")
