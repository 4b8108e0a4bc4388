"""Downloads of what a page shows: CSV and JSON of a table; BibTeX, CSL-JSON, RIS of the works behind it.

The works are those of the build's bibliography snapshot in the graph, put together by the same
code as ``kg export`` (:func:`kg.exports.citations.render`): no file of the project is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

from kg.exports.citations import bibliography, render, snapshot
from kg.store import Store
from kg.store.formats import to_csv, to_json
from kg.store.results import ResultTable, Term

#: The formats a page offers for the works behind what it shows: (label, file suffix, media type).
WORK_FORMATS = {
    "bibtex": ("BibTeX", "bib", "application/x-bibtex"),
    "csl-json": ("CSL-JSON", "json", "application/vnd.citationstyles.csl+json"),
    "ris": ("RIS", "ris", "application/x-research-info-systems"),
}


def _cell(value: object) -> object:
    """A cell on one line: a quote's line breaks and runs of spaces read as one space (the stored text keeps them)."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list | tuple):
        return [_cell(v) for v in value]
    return value


def records_csv(records: Sequence[Mapping[str, object]]) -> str:
    table = ResultTable(columns=list(records[0]) if records else [])
    table.rows = [{k: Term("literal", str(_cell(v))) for k, v in r.items()} for r in records]
    return to_csv(table)


def records_json(records: Sequence[Mapping[str, object]]) -> str:
    return json.dumps([{k: _cell(v) for k, v in r.items()} for r in records], indent=2, ensure_ascii=False, default=str)


def table_csv(table: ResultTable) -> str:
    return to_csv(table)


def table_json(table: ResultTable) -> str:
    return to_json(table)


def works_as(store: Store, keys: Iterable[str], fmt: str) -> str:
    """The bibliography entries with these keys in one of :data:`WORK_FORMATS` (unknown keys skipped)."""
    entries = bibliography(snapshot(store, keys), False)
    return render(entries.values(), fmt) if entries else ""


def bibtex_for(store: Store, keys: Iterable[str]) -> str:
    """BibTeX of the bibliography entries with these keys, as ``kg export bibtex`` writes it."""
    return works_as(store, keys, "bibtex")
