"""The BibTeX behind a claim or statistic: every work it rests on, directly or through a chain.

The keys come from the graph (the canned query ``export-bibtex``, so it works on the embedded
store and a remote endpoint alike); the entries themselves from the project's ``.bib`` files,
written back as they were written (:func:`kg.sources.bibtex.to_bibtex`).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import ExportError
from kg.project import ProjectPaths
from kg.query import run_query
from kg.sources.bibliography import load_references, load_reports_bib
from kg.sources.bibtex import to_bibtex
from kg.store import Store

#: Bookkeeping fields of bib/ that are not part of a work's citation.
PRIVATE_FIELDS = ("citedin", "kindbasis")


@dataclass(frozen=True)
class BibtexExport:
    """The BibTeX text, the keys it holds, and keys the graph names but no ``.bib`` file defines."""

    text: str
    keys: tuple[str, ...]
    missing: tuple[str, ...]


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


def bibtex_for_item(store: Store, paths: ProjectPaths, item: str, *, with_report: bool = False) -> BibtexExport:
    """The BibTeX entries of every work a claim or statistic rests on, as written in the ``.bib`` files."""
    keys = bibtex_keys(store, item, with_report=with_report, paths=paths)
    entries = {e.key: e for e in load_references(paths)}
    if with_report:
        entries.update({e.key: e for e in load_reports_bib(paths)})
    found = [entries[k] for k in keys if k in entries]
    text = to_bibtex(found, skip=PRIVATE_FIELDS) if found else ""
    return BibtexExport(text, tuple(e.key for e in found), tuple(k for k in keys if k not in entries))
