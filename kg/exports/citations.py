"""The works behind a claim or statistic, in the formats researchers cite with.

Everything comes from the graph, so an export works on the embedded store and a remote endpoint
alike, with no project folder beside it: the keys from the canned query ``export-bibtex``, the
entries from the bibliography snapshot the build wrote (``export-entries``: each entry already
written in every format by the sources stage, with its candidate source merged). Here the entries
are only put together: BibTeX blocks and references one after another, CSL-JSON items in a list,
RIS records numbered by rispy.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import rispy

from kg.errors import ExportError
from kg.project import ProjectPaths
from kg.query import find_spec, run_query
from kg.store import Store
from kg.store.binding import inject_value_rows
from kg.store.results import Term

#: The formats of ``kg export``, by name: what each is called and the file suffix it takes.
FORMATS = {"bibtex": "BibTeX entries", "csl-json": "CSL-JSON items", "ris": "RIS records", "references": "references"}
DEFAULT_STYLE = "apa"
WORK, REPORT = "work", "report"


@dataclass(frozen=True)
class Entry:
    """One entry of the build's bibliography snapshot, written in every export format."""

    key: str
    role: str
    renderings: dict[str, Any]


@dataclass(frozen=True)
class WorksExport:
    """The works found, and keys the graph names but the snapshot has no entry for."""

    entries: tuple[Entry, ...]
    missing: tuple[str, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(e.key for e in self.entries)


def bibtex_keys(store: Store, item: str, *, with_report: bool = False, paths: ProjectPaths | None = None) -> list[str]:
    """Keys of the works ``item`` rests on (directly or through a chain), and its report's if asked.

    An IRI that is neither a claim nor a statistic of the graph is an error, not an empty answer:
    a typo must not look like a claim that rests on nothing.
    """
    rows = run_query(store, "export-bibtex", {"item": item}, paths=paths, limit=None).records()
    if not rows:
        raise ExportError(f"{item} is not a claim or statistic of the graph (see `kg query claims`)")
    wanted = {"source", "report"} if with_report else {"source"}
    return sorted({r["key"] for r in rows if r["role"] in wanted})


def snapshot(
    store: Store, keys: Iterable[str] | None = None, *, paths: ProjectPaths | None = None
) -> dict[str, list[Entry]]:
    """The snapshot's entries (those with ``keys`` if given), by role (``work``, ``report``)."""
    spec = find_spec(paths or ProjectPaths.find(), "export-entries")
    text = spec.text
    if keys is not None:
        wanted = sorted(set(keys))
        if not wanted:
            return {WORK: [], REPORT: []}
        text = inject_value_rows(text, ["key"], [(Term("literal", k),) for k in wanted])
    found: dict[str, list[Entry]] = {WORK: [], REPORT: []}
    for row in store.select(text, limit=None).records():
        found.setdefault(row["role"], []).append(Entry(row["key"], row["role"], json.loads(row["renderings"])))
    return found


def bibliography(entries: dict[str, list[Entry]], with_reports: bool) -> dict[str, Entry]:
    """Every entry a key of the graph may name, by key: the works, then (if asked) the reports, which win."""
    chosen = {e.key: e for e in entries.get(WORK, [])}
    if with_reports:
        chosen.update({e.key: e for e in entries.get(REPORT, [])})
    return chosen


def works_for_item(
    store: Store, item: str, *, with_report: bool = False, paths: ProjectPaths | None = None
) -> WorksExport:
    """The bibliography entries of every work a claim or statistic rests on."""
    keys = bibtex_keys(store, item, with_report=with_report, paths=paths)
    entries = bibliography(snapshot(store, keys, paths=paths), with_report)
    return WorksExport(tuple(entries[k] for k in keys if k in entries), tuple(k for k in keys if k not in entries))


def all_works(store: Store, *, with_reports: bool = False, paths: ProjectPaths | None = None) -> WorksExport:
    """Every work of the build's bibliography (and the reports if asked), by key."""
    entries = bibliography(snapshot(store, paths=paths), with_reports)
    return WorksExport(tuple(entries[k] for k in sorted(entries)), ())


def styles(entries: Iterable[Entry]) -> list[str]:
    """The citation styles the snapshot's references are written in."""
    return sorted({style for e in entries for style in e.renderings.get("references", {})})


def render(entries: Iterable[Entry], fmt: str, style: str = DEFAULT_STYLE) -> str:
    """The entries in one of :data:`FORMATS` (``style`` for ``references``: one of the citation styles)."""
    chosen = sorted(entries, key=lambda e: e.key)
    if not chosen:
        return ""
    if fmt == "bibtex":
        return "\n".join(e.renderings["bibtex"] for e in chosen)
    if fmt == "csl-json":
        return json.dumps([e.renderings["csl-json"] for e in chosen], indent=2, ensure_ascii=False) + "\n"
    if fmt == "ris":
        return rispy.dumps([e.renderings["ris"] for e in chosen])
    if fmt == "references":
        known = styles(chosen)
        if style not in known:
            raise ExportError(f"unknown citation style '{style}'; expected one of {', '.join(known)}")
        lines = sorted(e.renderings["references"][style] for e in chosen if style in e.renderings["references"])
        return "".join(line + "\n" for line in lines)
    raise ExportError(f"unknown export format '{fmt}'; expected one of {', '.join(FORMATS)}")
