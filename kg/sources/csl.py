"""CSL-JSON of a work: what citeproc (and Zotero, Mendeley, pandoc) read, from the facts the entry holds.

One item per entry, in the Citation Style Language's input schema (``csl-data.json``): the type of the
work's kind (:mod:`kg.sources.work_types`), names split into family and given parts by bibtexparser's
name middleware (an organisation, braced in BibTeX, is a ``literal`` name; BibTeX's ``and others``
cannot be said in CSL and is left out), dates as ``date-parts`` from ``date`` or ``year`` (none for an
undated work, so a style prints its own "n.d."), and values decoded for people (``\\&`` is ``&``).
"""

from __future__ import annotations

import re
from typing import Any

from bibtexparser.middlewares.names import split_multiple_persons_names

from kg.records import BibEntry
from kg.sources.bibtex import name_parts, plain
from kg.sources.bibtex_standard import is_undated
from kg.sources.work_types import WORK_TYPES

#: BibTeX field -> CSL variable, for the plain text ones.
_TEXT_VARIABLES = {
    "title": "title",
    "volume": "volume",
    "number": "issue",
    "pages": "page",
    "edition": "edition",
    "publisher": "publisher",
    "address": "publisher-place",
    "doi": "DOI",
    "url": "URL",
    "isbn": "ISBN",
    "issn": "ISSN",
    "type": "genre",
    "series": "collection-title",
    "language": "language",
}
_CONTAINER_FIELDS = ("journal", "booktitle")
_ISSUER_FIELDS = ("institution", "school", "organization")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def csl_name(name: str) -> dict[str, str]:
    """One BibTeX name as a CSL name: ``{"family", "given"}``, or ``{"literal"}`` for an organisation."""
    text = name.strip()
    if text.startswith("{") and text.endswith("}"):
        return {"literal": plain(text)}
    given, family, suffix = name_parts(text)
    name_out = {"family": family}
    if given:
        name_out["given"] = given
    if suffix:
        name_out["suffix"] = suffix
    return name_out


def csl_names(raw: str) -> list[dict[str, str]]:
    """Every name of an ``author`` or ``editor`` field (``others`` left out: CSL has no word for it)."""
    return [csl_name(n) for n in split_multiple_persons_names(raw) if n.strip() != "others"]


def csl_date(text: str) -> dict[str, Any] | None:
    """``2012-06-29`` or ``2011-10`` or ``2012`` as CSL ``date-parts``; None for anything else."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    return {"date-parts": [[int(part) for part in match.groups() if part]]}


def csl_item(entry: BibEntry) -> dict[str, Any]:
    """The entry as one CSL-JSON item (``id`` is the BibTeX key)."""
    raw, fields = entry.raw, entry.fields
    item: dict[str, Any] = {"id": entry.key, "type": WORK_TYPES[entry.kind].csl}
    for role in ("author", "editor"):
        if raw.get(role, "").strip():
            item[role] = csl_names(raw[role])
    if "author" not in item and fields.get("organization"):
        item["author"] = [{"literal": fields["organization"]}]  # the organisation's own work (as bib/ reads it)
    for field_name, variable in _TEXT_VARIABLES.items():
        if fields.get(field_name):
            item[variable] = fields[field_name]
    container = next((fields[f] for f in _CONTAINER_FIELDS if fields.get(f)), "")
    if container:
        item["container-title"] = container
    issuer = next((fields[f] for f in _ISSUER_FIELDS if fields.get(f)), "")
    if issuer and "publisher" not in item and item.get("author") != [{"literal": issuer}]:
        item["publisher"] = issuer
    described = WORK_TYPES[entry.kind].described_as
    if described and "genre" not in item and described.lower() != item.get("title", "").lower():
        item["genre"] = described
    issued = None if is_undated(entry) else csl_date(fields.get("date", "")) or csl_date(fields.get("year", ""))
    if issued:
        item["issued"] = issued
    if fields.get("candidatenote"):
        item["note"] = fields["candidatenote"]
    accessed = csl_date(fields.get("urldate", ""))
    if accessed:
        item["accessed"] = accessed
    return item


def csl_json(entries: list[BibEntry]) -> list[dict[str, Any]]:
    """CSL-JSON items of the entries, sorted by key."""
    return [csl_item(e) for e in sorted(entries, key=lambda e: e.key)]
