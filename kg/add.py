"""``kg add``: bring a new report into the corpus so the next build extracts it.

The text is copied unchanged into ``corpus/`` (its checksum recorded), the report's own
BibTeX entry is appended to ``bib/reports.bib`` and the works it cites are kept in
``bib/added/ID.bib``. Everything is checked before anything is written, and each file
is written atomically, so a refused report leaves the project as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from kg.bibliography import load_bibtex
from kg.errors import InputError
from kg.paths import ProjectPaths
from kg.records import BibEntry

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{1,63}$")


def added_bib_files(paths: ProjectPaths) -> list[Path]:
    folder = paths.bib / "added"
    return sorted(folder.glob("*.bib")) if folder.is_dir() else []


def load_references(paths: ProjectPaths) -> list[BibEntry]:
    """``bib/references.bib`` plus the bibliographies of added reports (scoped to them).

    An entry of ``bib/added/ID.bib`` without a ``citedin`` field is cited by report ID.
    A key defined twice across the files is an error naming both places.
    """
    entries = load_bibtex(paths.references_bib, paths.relative(paths.references_bib))
    for path in added_bib_files(paths):
        report_id = path.stem
        for entry in load_bibtex(path, paths.relative(path)):
            if "citedin" not in entry.fields:
                fields = dict(entry.fields, citedin=report_id)
                entry = BibEntry(entry.key, entry.entry_type, entry.kind, fields, entry.file, entry.line)
            entries.append(entry)
    seen: dict[str, BibEntry] = {}
    for entry in entries:
        if entry.key in seen:
            first = seen[entry.key]
            raise InputError(
                entry.file, entry.line, f"key '{entry.key}' is already defined at {first.file}:{first.line}"
            )
        seen[entry.key] = entry
    return entries


def _entry_text(entry: BibEntry, extra: dict[str, str]) -> str:
    fields = dict(entry.fields, **extra)
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
    return f"@{entry.entry_type}{{{entry.key},\n{body}}}\n"


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def add_report(
    paths: ProjectPaths, text_file: Path, bib_file: Path, report_id: str, progress: Callable[[str], None]
) -> str:
    """Add a report; return the corpus path of its text. Raise InputError, writing nothing, on bad input."""
    if not _ID.match(report_id):
        raise InputError(
            str(text_file), 0, f"report id {report_id!r} must start with a letter and use letters, digits, - or _"
        )
    existing = load_bibtex(paths.reports_bib, paths.relative(paths.reports_bib))
    if any(e.key == report_id for e in existing):
        raise InputError(
            paths.relative(paths.reports_bib), 0, f"a report with id '{report_id}' is already in the corpus"
        )
    if not text_file.is_file():
        raise InputError(str(text_file), 0, "file not found")
    raw = text_file.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(text_file), 0, f"the report text must be UTF-8: {exc}") from exc
    entries = load_bibtex(bib_file, str(bib_file))
    own = [e for e in entries if e.key == report_id]
    if not own:
        raise InputError(
            str(bib_file), 0, f"no entry with key '{report_id}': the report's own entry must use its id as key"
        )
    works = [e for e in entries if e.key != report_id]
    known = {e.key: e for e in load_references(paths)}
    for work in works:
        if work.key in known:
            other = known[work.key]
            raise InputError(str(bib_file), work.line, f"key '{work.key}' is already used at {other.file}:{other.line}")

    corpus_name = f"{report_id}{text_file.suffix or '.txt'}"
    digest = hashlib.sha256(raw).hexdigest()
    progress(f"copying {text_file} -> corpus/{corpus_name} (sha256 {digest[:12]}...)")
    target = paths.corpus / corpus_name
    _write_atomic(target, raw)
    if works:
        added = "".join(_entry_text(w, {"citedin": report_id}) + "\n" for w in works)
        _write_atomic(paths.bib / "added" / f"{report_id}.bib", added.encode("utf-8"))
        progress(f"recorded {len(works)} cited works in bib/added/{report_id}.bib")
    report_entry = _entry_text(own[0], {"file": f"corpus/{corpus_name}", "sha256": digest})
    current = paths.reports_bib.read_text(encoding="utf-8")
    _write_atomic(paths.reports_bib, (current.rstrip("\n") + "\n\n" + report_entry).encode("utf-8"))
    return f"corpus/{corpus_name}"
