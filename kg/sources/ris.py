"""RIS of a work, written by rispy: the tagged format EndNote, Zotero and Mendeley all import.

Made from the work's CSL-JSON item (:mod:`kg.sources.csl`), so the three exports cannot disagree on
names, dates or venues; the type is the kind's RIS type (:mod:`kg.sources.work_types`). Names are
``Family, Given``; an organisation is its name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import rispy

from kg.records import BibEntry
from kg.sources.csl import csl_item
from kg.sources.work_types import WORK_TYPES


def _name(name: dict[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    given = name.get("given", "")
    suffix = name.get("suffix", "")
    return ", ".join(part for part in (name.get("family", ""), given, suffix) if part)


def _date(date: dict[str, Any] | None) -> tuple[str, str]:
    """RIS's ``PY`` (the year) and ``DA`` (``YYYY/MM/DD/``, as much as is known)."""
    if not date:
        return "", ""
    parts = date["date-parts"][0]
    full = "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))
    return str(parts[0]), (full + "/" if len(parts) > 1 else "")


def ris_record(entry: BibEntry) -> dict[str, Any]:
    """One entry as a rispy record (the keys are rispy's names of the RIS tags)."""
    item = csl_item(entry)
    record: dict[str, Any] = {"type_of_reference": WORK_TYPES[entry.kind].ris, "id": entry.key}
    if item.get("author"):
        record["authors"] = [_name(n) for n in item["author"]]
    if item.get("editor"):
        record["secondary_authors"] = [_name(n) for n in item["editor"]]
    if item.get("title"):
        record["title"] = item["title"]
    if item.get("container-title"):
        key = "journal_name" if entry.kind in ("journal-article", "news-item") else "secondary_title"
        record[key] = item["container-title"]
    year, date = _date(item.get("issued"))
    if year:
        record["year"] = year
    if date:
        record["date"] = date
    for variable, key in (
        ("publisher", "publisher"),
        ("publisher-place", "place_published"),
        ("volume", "volume"),
        ("issue", "number"),
        ("DOI", "doi"),
        ("ISBN", "issn"),
        ("ISSN", "issn"),
        ("edition", "edition"),
        ("genre", "type_of_work"),
    ):
        if item.get(variable):
            record[key] = item[variable]
    if item.get("page"):
        first, _, last = item["page"].replace("--", "-").partition("-")
        record["start_page"] = first.strip()
        if last.strip():
            record["end_page"] = last.strip()
    if item.get("URL"):
        record["urls"] = [item["URL"]]
    if item.get("note"):
        record["notes"] = [item["note"]]
    accessed = _date(item.get("accessed"))[1]
    if accessed:
        record["access_date"] = accessed
    return record


def to_ris(entries: Iterable[BibEntry]) -> str:
    """RIS text of the entries, sorted by key (empty when there are none)."""
    records = [ris_record(e) for e in sorted(entries, key=lambda e: e.key)]
    return rispy.dumps(records) if records else ""
