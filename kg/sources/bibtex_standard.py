"""BibTeX a reference manager files well: the entry type the work's kind calls for, standard fields only.

``bib/`` is written for this tool: most works are ``@misc`` with a ``kind`` field, bookkeeping fields
(``kindbasis``, ``citedin``, ``undated``, ...), curators' notes, and ``year = {n.d.}`` where the
citing text gives no date. A reference manager files such an entry as a miscellaneous item dated
"n.d.". So the export maps the kind to its type (:mod:`kg.sources.work_types`), keeps only the
fields BibTeX and biblatex define, each value exactly as written (``{HIV}``, ``--``, ``\\&``), and
leaves out a year that is not one. A ``@misc`` says what it is in ``howpublished``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kg.records import BibEntry
from kg.sources.bibtex import plain, to_bibtex
from kg.sources.work_types import MORE_PRECISE_BIBTEX, NO_YEAR, STANDARD_FIELDS, WORK_TYPES


def is_undated(entry: BibEntry) -> bool:
    """True when the entry gives no year (``year = {n.d.}``, ``undated = {true}`` or none at all)."""
    year = plain(entry.raw.get("year", "")).strip().lower()
    return year in NO_YEAR or plain(entry.raw.get("undated", "")).strip().lower() == "true"


def standard_type(entry: BibEntry) -> str:
    """The entry type for the work's kind (a more precise type the file already gives is kept)."""
    given = entry.entry_type.lower()
    if given in MORE_PRECISE_BIBTEX.get(entry.kind, ()):
        return given
    if entry.kind == "news-item" and entry.raw.get("journal", "").strip():
        return "article"  # in a named newspaper or magazine (biblatex: entrysubtype = {newspaper})
    return WORK_TYPES[entry.kind].bibtex


def standard_fields(entry: BibEntry) -> tuple[str, dict[str, str]]:
    """The entry type and the fields (raw values, in the file's order) a reference manager is given."""
    entry_type = standard_type(entry)
    raw = {name: value for name, value in entry.raw.items() if value.strip()}
    fields = {name: raw[name] for name in raw if name in STANDARD_FIELDS}
    if is_undated(entry):
        fields.pop("year", None)
    if raw.get("candidatenote"):  # fields a candidate source gave (kg.exports.citations.with_candidate)
        fields["note"] = raw["candidatenote"]
    if entry_type == "misc" and "howpublished" not in fields:
        venue = next((name for name in ("journal", "publisher") if name in fields), None)
        described = WORK_TYPES[entry.kind].described_as
        if venue == "journal":
            fields["howpublished"] = fields.pop("journal")
        elif venue is None and described:
            fields["howpublished"] = described
    if entry_type == "article" and entry.kind == "news-item":
        fields.setdefault("entrysubtype", "newspaper")  # biblatex's word for a newspaper or magazine article
    if entry_type == "techreport" and "institution" not in fields and "organization" in fields:
        fields["institution"] = fields.pop("organization")
    return entry_type, fields


def standard_bibtex(entries: Iterable[BibEntry]) -> str:
    """BibTeX (biblatex types where BibTeX has none) of the entries, sorted by key."""
    converted = []
    for entry in entries:
        entry_type, fields = standard_fields(entry)
        converted.append(replace(entry, entry_type=entry_type, raw=fields))
    return to_bibtex(converted) if converted else ""
