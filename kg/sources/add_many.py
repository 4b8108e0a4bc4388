"""``kg add`` of many reports at once: several files, a folder, or a reference manager's export.

A folder stands for the reports in it (``.pdf``, ``.txt``, ``.md``, not its subfolders); each
report's id is its file's name (letters, digits, ``-`` and ``_``). A BibTeX file (``.bib``) or a
CSL-JSON file (``.json``), as Zotero or Better BibTeX export them, stands for the reports its
entries name in their ``file`` field (Zotero's ``Description:path:type`` triples separated by
``;``, or plain paths, relative to the export's folder): each is added with its entry as the
report's own BibTeX entry (BibTeX: every field as written but ``file``; CSL-JSON: its title,
authors, year and URL), its id the entry's key.

Each report is added by :func:`kg.sources.add.add_report`, which checks it whole before writing
anything; a report that fails does not stop the others. What failed is listed at the end, one line
each (``file: what is wrong``), and the command then exits with status 2.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.project import ProjectPaths
from kg.records import BibEntry
from kg.sources.add import add_report
from kg.sources.bibtex import load_bibtex, to_bibtex
from kg.sources.report_entry import ReportFacts

REPORT_SUFFIXES = (".pdf", ".txt", ".md")
LIBRARY_SUFFIXES = (".bib", ".json")


@dataclass(frozen=True)
class Planned:
    """One report to add: its file, its id, and what the export says about it."""

    source: Path
    report_id: str
    shown: str
    entry: BibEntry | None = None
    facts: ReportFacts = field(default_factory=ReportFacts)


@dataclass
class Outcome:
    added: list[tuple[str, str]] = field(default_factory=list)  # (id, corpus path)
    failed: list[str] = field(default_factory=list)  # "file: what is wrong"


def report_id_for(name: str) -> str:
    """An id from a file's or an entry's name: letters, digits, ``-`` and ``_``, starting with a letter."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-_")[:60] or "report"
    return cleaned if cleaned[0].isalpha() else f"r{cleaned}"


def plan(sources: list[Path]) -> tuple[list[Planned], list[str]]:
    """The reports the arguments stand for, and the arguments that stand for none (with why)."""
    planned: list[Planned] = []
    failed: list[str] = []
    for source in sources:
        try:
            if source.is_dir():
                files = sorted(p for p in source.iterdir() if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
                if not files:
                    raise InputError(str(source), 0, f"the folder holds no report ({', '.join(REPORT_SUFFIXES)})")
                planned += [Planned(f, report_id_for(f.stem), str(f)) for f in files]
            elif source.suffix.lower() == ".bib":
                found, bad = _from_bibtex(source)
                planned += found
                failed += bad
            elif source.suffix.lower() == ".json":
                found, bad = _from_csl_json(source)
                planned += found
                failed += bad
            else:
                planned.append(Planned(source, report_id_for(source.stem), str(source)))
        except InputError as exc:
            failed.append(str(exc))
    return _unique_ids(planned), failed


def _unique_ids(planned: list[Planned]) -> list[Planned]:
    """Two files named alike (``a.pdf``, ``a.txt``) get ``a`` and ``a-2``."""
    seen: dict[str, int] = {}
    unique = []
    for item in planned:
        count = seen[item.report_id] = seen.get(item.report_id, 0) + 1
        unique.append(item if count == 1 else replace(item, report_id=f"{item.report_id}-{count}"))
    return unique


def attached_files(raw: str) -> list[str]:
    """The paths a ``file`` field names: Zotero's ``Description:path:mime`` triples (``;``-separated,
    ``\\:`` an escaped colon), or plain paths."""
    paths = []
    for part in re.split(r"(?<!\\);", raw):
        pieces = re.split(r"(?<!\\):", part.strip())
        if len(pieces) >= 3 and "/" in pieces[-1]:  # Description:path:application/pdf
            pieces = pieces[1:-1]
        path = ":".join(pieces).replace("\\:", ":").replace("\\;", ";").strip()
        if path:
            paths.append(path)
    return paths


def _report_file(names: list[str], folder: Path) -> Path | None:
    """The first attachment that can be a report (a PDF first), relative to the export's folder."""
    ranked = sorted(names, key=lambda n: (not n.lower().endswith(".pdf"), names.index(n)))
    for name in ranked:
        if name.lower().endswith(REPORT_SUFFIXES):
            path = Path(name).expanduser()
            return path if path.is_absolute() else folder / path
    return None


def _from_bibtex(library: Path) -> tuple[list[Planned], list[str]]:
    planned, failed = [], []
    for entry in load_bibtex(library):
        where = f"{library}:{entry.line}"
        source = _report_file(attached_files(entry.fields.get("file", "")), library.parent)
        if source is None:
            failed.append(f"{where}: entry '{entry.key}' names no PDF or text (no file field with one)")
            continue
        planned.append(Planned(source, report_id_for(entry.key), where, entry=entry))
    return planned, failed


def _from_csl_json(library: Path) -> tuple[list[Planned], list[str]]:
    try:
        items = json.loads(library.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(library), 0, f"not a CSL-JSON file: {exc}") from exc
    if isinstance(items, dict) and isinstance(items.get("items"), list):
        items = items["items"]
    if not isinstance(items, list):
        raise InputError(str(library), 0, "not a CSL-JSON file: expected a list of items")
    planned, failed = [], []
    for number, item in enumerate(items, start=1):
        key = str(item.get("citation-key") or item.get("id") or f"item{number}") if isinstance(item, dict) else ""
        where = f"{library}: item {number} ('{key}')"
        files = item.get("file", "") if isinstance(item, dict) else ""
        names = attached_files(";".join(map(str, files)) if isinstance(files, list) else str(files))
        source = _report_file(names, library.parent)
        if source is None:
            failed.append(f"{where}: names no PDF or text (no file field with one)")
            continue
        planned.append(Planned(source, report_id_for(key.rsplit("/", 1)[-1]), where, facts=csl_facts(item)))
    return planned, failed


def csl_facts(item: dict[str, Any]) -> ReportFacts:
    """Title, authors (``Family, Given`` or a literal name), year and URL of a CSL-JSON item."""
    authors = []
    for person in item.get("author", []) or []:
        if isinstance(person, dict):
            name = person.get("literal") or ", ".join(p for p in (person.get("family"), person.get("given")) if p)
            if name:
                authors.append(str(name))
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    year = str(parts[0][0]) if parts and parts[0] else ""
    return ReportFacts(
        title=str(item.get("title", "")), authors=tuple(authors), year=year, url=str(item.get("URL", ""))
    )


def add_reports(paths: ProjectPaths, sources: list[Path], progress: Callable[[str], None]) -> Outcome:
    """Add every report the arguments stand for; a bad one is listed, the good ones are added."""
    planned, failed = plan(sources)
    outcome = Outcome(failed=failed)
    for item in planned:
        try:
            added = _add_one(paths, item, progress)
        except InputError as exc:
            outcome.failed.append(str(exc) if str(exc).startswith(str(item.source)) else f"{item.shown}: {exc}")
            continue
        outcome.added.append((item.report_id, added))
        progress(f"added '{item.report_id}' ({added}) from {item.source}")
    return outcome


def _add_one(paths: ProjectPaths, item: Planned, progress: Callable[[str], None]) -> str:
    if item.entry is None:
        return add_report(paths, item.source, item.report_id, progress, facts=item.facts)
    own = replace(item.entry, key=item.report_id, raw={k: v for k, v in item.entry.raw.items() if k != "file"})
    with tempfile.TemporaryDirectory(prefix="kg-add-") as folder:
        bib = Path(folder) / f"{item.report_id}.bib"
        bib.write_text(to_bibtex([own]), encoding="utf-8")
        return add_report(paths, item.source, item.report_id, progress, bib_file=bib, facts=item.facts)
