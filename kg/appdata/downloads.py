"""Downloads of what a page shows: CSV and JSON of a table; BibTeX, CSL-JSON, RIS of the works behind it.

The works are written by the same code as ``kg export`` (:func:`kg.exports.citations.render`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from kg.appdata.settings import build_dir, project_paths
from kg.exports.citations import bibliography, render
from kg.pipeline.outputs import WORKS_BIB
from kg.records import BibEntry
from kg.sources.candidates import CURATED_FILE, ENRICHMENT_FILE
from kg.store.results import ResultTable, Term, to_csv, to_json

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


def works_as(keys: Iterable[str], fmt: str) -> str:
    """The bibliography entries with these keys in one of :data:`WORK_FORMATS` (unknown keys skipped)."""
    wanted = set(keys)
    entries = [e for e in _references(_bib_signature()) if e.key in wanted]
    return render(entries, fmt) if entries else ""


def bibtex_for(keys: Iterable[str]) -> str:
    """BibTeX of the bibliography entries with these keys, as ``kg export bibtex`` writes it."""
    return works_as(keys, "bibtex")


def _bib_signature() -> tuple[tuple[str, int, int], ...]:
    """Each bibliography and candidate file with its size and modification time: a new or edited file reads again."""
    found = []
    bib = project_paths().bib
    works = build_dir() / WORKS_BIB  # the works the build read from the reports' own lists
    candidates = [bib / CURATED_FILE, bib / ENRICHMENT_FILE]  # an export fills a work's link from its candidate
    listed = sorted([*bib.glob("*.bib"), *bib.glob("added/*.bib")]) + [p for p in candidates if p.is_file()]
    for path in [*listed, *([works] if works.is_file() else [])]:
        info = path.stat()
        found.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(found)


@lru_cache(maxsize=2)
def _references(signature: tuple[tuple[str, int, int], ...]) -> list[BibEntry]:
    """The project's references and the build's extracted works, parsed once per version of their files
    (parsing them is the slow part of a download)."""
    del signature  # the cache key
    return list(bibliography(project_paths(), False, build_dir()).values())
