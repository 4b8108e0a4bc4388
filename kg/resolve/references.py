"""A report's own bibliography: the entries read from its reference list and notes, merged with the curated ones.

Each entry read from the text (:class:`~kg.records.ReferenceRecord`) stands for one work. When a
curated entry (``bib/references.bib``, or the ``--bib`` file of ``kg add``, kept in
``bib/added/ID.bib``) is that work, the curated entry stands for it and its facts are the ones the
graph holds: it matches by key (``okonkwo2018``, or the key the parsed entry would get), or by
authors and year as a citation would match it (the same resolver, names exactly, the year as
written). Otherwise the entry becomes a work of its own, labelled extracted: a BibTeX entry made
of the fields the text gave, keyed ``REPORT-familyYEAR`` (``x-okonkwo2018a``); the same work listed
twice (a full reference repeated in two notes) is one work. Nothing is dropped: every entry read
is listed, with the key of the work it stands for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kg.records import BibEntry, CitationRecord, ReferenceRecord
from kg.resolve.citations import normalise_name, resolve_one, works_cited_in
from kg.sources.bibtex import make_entry
from kg.sources.report_entry import bibtex_value

#: The BibTeX type written for each kind of work, and the field its container goes in.
_TYPES = {
    "journal-article": ("article", "journal"),
    "news-item": ("article", "journal"),
    "chapter": ("incollection", "booktitle"),
    "conference-paper": ("inproceedings", "booktitle"),
    "book": ("book", "howpublished"),
    "report": ("techreport", "howpublished"),
    "thesis": ("phdthesis", "howpublished"),
    "web-page": ("online", "howpublished"),
    "law": ("legislation", "howpublished"),
    "court-case": ("jurisdiction", "howpublished"),
    "personal-communication": ("misc", "howpublished"),
    "field-notes": ("misc", "howpublished"),
}


@dataclass(frozen=True)
class ListedReference:
    """One entry of the report's list or notes and the key of the work it stands for.

    ``curated`` when a curated entry stands for it; ``note`` says how it was matched.
    """

    record: ReferenceRecord
    key: str
    curated: bool
    note: str = ""


@dataclass
class ReportBibliography:
    """What a report's own list adds: the works made from its entries, every entry listed, numbers to keys."""

    works: list[BibEntry] = field(default_factory=list)
    listed: list[ListedReference] = field(default_factory=list)
    numbered: dict[int, str] = field(default_factory=dict)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", normalise_name(text))


def key_for(report_key: str, record: ReferenceRecord) -> str:
    """``REPORT-familyYEAR``: the first author's family name (or the title's first words) and the year as written."""
    year = (_slug(record.year) or "nd") if record.year else ""
    if record.family_names:
        who = _slug(record.family_names[0].split(",")[0])[:30]
    elif record.title:
        who = "".join(_slug(w) for w in record.title.split()[:3])[:30]
    else:
        who = f"entry{record.number}" if record.number is not None else "entry"
    return f"{report_key}-{who or 'entry'}{year}"


def _citation_names(record: ReferenceRecord) -> str:
    """The names a citation of the entry would write: ``Okonkwo``, ``Okonkwo & Hart``, ``Okonkwo et al.``."""
    families = record.family_names
    if not families:
        return record.title
    if len(families) > 2 or record.et_al:
        return f"{families[0]} et al."
    return " & ".join(families)


def _same_work(a: ReferenceRecord, b: ReferenceRecord) -> bool:
    return (
        [normalise_name(n) for n in a.family_names] == [normalise_name(n) for n in b.family_names]
        and a.year == b.year
        and normalise_name(a.title) == normalise_name(b.title)
        and a.date == b.date
    )


def _curated_match(record: ReferenceRecord, report_key: str, curated: list[BibEntry], works: list) -> str:
    """The key of the curated entry that is this entry's work, or ''."""
    generated = key_for(report_key, record)
    by_key = {e.key: e for e in curated}
    for key in (generated, generated.removeprefix(f"{report_key}-")):
        if key in by_key:
            return key
    if not works:
        return ""
    probe = CitationRecord(
        span=record.span,
        text=record.text,
        authors=_citation_names(record),
        year=record.year,
        form="endnote",
        endnote_text=record.text,
    )
    outcome = resolve_one(probe, works)
    if outcome.key and (outcome.status == "resolved" or "year written" not in outcome.note):
        return outcome.key
    return ""


def _bibtex_author(name: str, family: str) -> str:
    """One name for BibTeX's ``author`` field: ``{Van der Berg}, A.``; an organisation braced whole."""
    if name == family:
        return "{" + bibtex_value(name) + "}" if " " in name else bibtex_value(name)
    given = " ".join(name.replace(family, "", 1).replace(",", " ").split())
    return f"{{{bibtex_value(family)}}}, {bibtex_value(given)}" if given else "{" + bibtex_value(family) + "}"


def work_entry(key: str, report_key: str, record: ReferenceRecord, file: str, line: int) -> BibEntry:
    """The BibTeX entry of a work read from a report's list: the fields the entry gave, nothing else."""
    entry_type, container_field = _TYPES.get(record.kind, ("misc", "howpublished"))
    raw: dict[str, str] = {}
    if record.authors:
        raw["author"] = " and ".join(_bibtex_author(n, f) for n, f in zip(record.authors, record.family_names))
        if record.et_al:
            raw["author"] += " and others"
    values = {
        "title": record.title,
        container_field: record.container,
        "year": record.year,
        "date": record.date,
        "volume": record.volume,
        "number": record.issue,
        "pages": record.pages,
        "institution" if record.kind == "report" else "publisher": record.publisher,
        "address": record.place,
    }
    raw |= {name: bibtex_value(value) for name, value in values.items() if value}
    raw |= {name: value for name, value in (("doi", record.doi), ("url", record.url)) if value}
    if record.accessed:
        raw["urldate"] = record.accessed
    raw |= {"citedin": report_key, "kind": record.kind}
    entry = make_entry(key, entry_type, record.kind, raw, file, line)
    return replace(entry, origin="extracted", anchor=record.span)


def report_bibliography(
    report_key: str,
    records: list[ReferenceRecord],
    curated: list[BibEntry],
    file: str,
    line_of: dict[int, int],
    taken: Iterable[str] | None = None,
) -> ReportBibliography:
    """The report's parsed entries merged with the curated entries it cites (see the module docstring).

    ``curated`` are all the project's curated entries (their keys are taken); ``line_of`` gives the
    line of each record's start, for messages that point into the text; ``taken`` the keys a made key
    must avoid (default: the keys of ``curated``; a caller passing only the entries citing the report
    passes the project's keys that could collide, those starting ``REPORT-``).
    """
    taken = set(taken) if taken is not None else {e.key for e in curated}
    mine = [e for e in curated if report_key in {k.strip() for k in e.fields.get("citedin", "").split(",")}]
    works = works_cited_in(mine, report_key)
    result = ReportBibliography()
    made: dict[str, ReferenceRecord] = {}
    matches: dict[tuple[tuple[str, ...], str, str], str] = {}  # the same entry listed again is matched once
    for record in records:
        written = (record.family_names, record.year, record.text)
        if written not in matches:
            matches[written] = _curated_match(record, report_key, mine, works)
        match = matches[written]
        if match:
            listed = ListedReference(record, match, True, "a curated entry stands for it")
        else:
            key = key_for(report_key, record)
            n = 1
            while (key in made and not _same_work(made[key], record)) or key in taken:
                n += 1
                key = f"{key_for(report_key, record)}-{n}"
            if key not in made:
                made[key] = record
                result.works.append(work_entry(key, report_key, record, file, line_of.get(record.span.start, 0)))
            listed = ListedReference(record, key, False)
        result.listed.append(listed)
        if record.style == "numbered" and record.number is not None:
            result.numbered.setdefault(record.number, listed.key)
    return result
