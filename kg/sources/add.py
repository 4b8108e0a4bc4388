"""``kg add``: bring a new report into the project so the next build extracts it.

A report is a PDF or a UTF-8 text (``.txt``, ``.md``). A PDF's text layer is read once
(:mod:`kg.sources.pdf`) and stored in ``corpus/ID.txt``, the exact text every anchor points into,
with ``corpus/ID.pages.json`` beside it (where each page starts, and the PDF's checksum); a text
is copied unchanged. The report's own BibTeX entry is appended to ``bib/reports.bib``: from
``--bib`` when it holds an entry keyed by the id, from the flags, else from the PDF's metadata and
first page (:mod:`kg.sources.report_entry`). The other entries of ``--bib`` (the works it cites, a
Zotero export as it is) are kept in ``bib/added/ID.bib``, every field exactly as written. Without
``--bib``, the build reads the report's own reference list or notes.

Everything is checked before anything is written, and each file is written atomically, so a
refused report leaves the project as it was. What cannot be used is refused with one line
saying what to do: an empty file, a file in another format (a word-processor file, anything with
NUL bytes), a text that is not UTF-8, a PDF that is damaged, encrypted or has no text layer (a
scan), or a file over the size limit.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from kg.errors import InputError, os_error_message
from kg.project import ProjectPaths
from kg.project.files import write_atomically
from kg.records import BibEntry
from kg.sources.add_lock import add_lock
from kg.sources.bibliography import load_references, load_reports_bib
from kg.sources.bibtex import load_bibtex, to_bibtex
from kg.sources.layout import page_map_json
from kg.sources.pdf import MAX_PDF_BYTES, PdfText
from kg.sources.pdf_worker import read_pdf_bounded
from kg.sources.report_entry import ReportFacts, report_entry

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{1,63}$")

#: The largest report text ``kg add`` takes: 10 MB is about 5,000 pages of prose.
MAX_TEXT_BYTES = 10 * 1024 * 1024

#: File signatures of formats that are neither text nor PDF, and what to do with them.
_NOT_TEXT = (
    (b"PK\x03\x04", "a zip archive (a .docx, .odt or .epub?): save it as PDF or as plain text (UTF-8) and add that"),
    (b"\xd0\xcf\x11\xe0", "an old Office document: save it as PDF or as plain text (UTF-8) and add that"),
    (b"{\\rtf", "an RTF document: save it as PDF or as plain text (UTF-8) and add that"),
)


def check_report_text(raw: bytes, shown: str) -> str:
    """The report's text, or an InputError saying why the file cannot be one."""
    if len(raw) > MAX_TEXT_BYTES:
        raise InputError(
            shown, 0, f"the file is {len(raw) / 1e6:.1f} MB; a report text may be at most {MAX_TEXT_BYTES // 2**20} MB"
        )
    for signature, what in _NOT_TEXT:
        if raw.startswith(signature):
            raise InputError(shown, 0, f"this is {what}")
    if b"\x00" in raw:
        raise InputError(shown, 0, "this is not a text file (it holds NUL bytes): add the report as PDF or UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(shown, 0, f"the report text must be UTF-8: {exc}") from exc
    if not text.strip():
        raise InputError(shown, 0, "the file is empty: there is no text to extract")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(10, len(text) // 1000):
        raise InputError(shown, 0, f"this is not plain text ({controls} control characters): add the report as text")
    return text


def _read_source(source: Path, progress: Callable[[str], None]) -> tuple[bytes, str, PdfText | None]:
    """The bytes to store as the report's text, that text, and the PDF it was read from (if it was)."""
    shown = str(source)
    if not source.is_file():
        raise InputError(shown, 0, "file not found")
    size = source.stat().st_size
    with source.open("rb") as handle:
        is_pdf = b"%PDF-" in handle.read(1024)  # a PDF reader finds the header within the first 1024 bytes
    limit = MAX_PDF_BYTES if is_pdf else MAX_TEXT_BYTES
    if size > limit:
        what = "a PDF" if is_pdf else "a report text"
        raise InputError(shown, 0, f"the file is {size / 1e6:.1f} MB; {what} may be at most {limit // 2**20} MB")
    if size == 0:
        raise InputError(shown, 0, "the file is empty: there is no text to extract")
    raw = source.read_bytes()
    if not is_pdf:
        return raw, check_report_text(raw, shown), None
    pdf = read_pdf_bounded(raw, shown)
    encoded = pdf.text.encode("utf-8")
    check_report_text(encoded, shown)
    blank = f" ({len(pdf.empty_pages)} without text: {', '.join(map(str, pdf.empty_pages[:10]))})"
    unmapped = f", {pdf.unmapped:,} glyphs without a Unicode mapping (written as U+FFFD)" if pdf.unmapped else ""
    progress(
        f"read {source}: {len(pdf.pages)} pages{blank if pdf.empty_pages else ''}, {len(pdf.text):,} characters"
        f"{unmapped}; {pdf.raised:,} raised note markers, {len(pdf.furniture):,} furniture lines, "
        f"{len(pdf.notes):,} footnote zones"
    )
    return encoded, pdf.text, pdf


def _check_id_free(paths: ProjectPaths, report_id: str) -> None:
    """An InputError when ``bib/reports.bib`` already has a report with this id."""
    if any(e.key == report_id for e in load_reports_bib(paths)):
        raise InputError(
            paths.relative(paths.reports_bib), 0, f"a report with id '{report_id}' is already in the corpus"
        )


def _bib_entries(bib_file: Path | None, report_id: str, paths: ProjectPaths) -> tuple[BibEntry | None, list[BibEntry]]:
    """The report's own entry in ``--bib`` (if any) and the works it lists, checked against the project's keys."""
    if bib_file is None:
        return None, []
    entries = load_bibtex(bib_file, str(bib_file))
    own = next((e for e in entries if e.key == report_id), None)
    works = [e for e in entries if e.key != report_id]
    known = {e.key: e for e in load_references(paths)}
    for work in works:
        if work.key in known:
            other = known[work.key]
            raise InputError(str(bib_file), work.line, f"key '{work.key}' is already used at {other.file}:{other.line}")
    return own, works


def add_report(
    paths: ProjectPaths,
    source: Path,
    report_id: str,
    progress: Callable[[str], None],
    bib_file: Path | None = None,
    facts: ReportFacts | None = None,
) -> str:
    """Add a report; return the corpus path of its text. Raise InputError, writing nothing, on bad input."""
    if not _ID.match(report_id):
        raise InputError(
            str(source), 0, f"report id {report_id!r} must start with a letter and use letters, digits, - or _"
        )
    _check_id_free(paths, report_id)
    stored, text, pdf = _read_source(source, progress)
    with add_lock(paths.root, progress):  # from the check that the id is free to the last write
        return _write_report(paths, source, report_id, progress, stored, text, pdf, bib_file, facts)


def _write_report(
    paths: ProjectPaths,
    source: Path,
    report_id: str,
    progress: Callable[[str], None],
    stored: bytes,
    text: str,
    pdf: PdfText | None,
    bib_file: Path | None,
    facts: ReportFacts | None,
) -> str:
    """Under the add lock: check the id again (another add may have taken it), then write everything."""
    _check_id_free(paths, report_id)
    own, works = _bib_entries(bib_file, report_id, paths)
    entry = report_entry(report_id, facts or ReportFacts(), own, text, pdf, str(source))
    if entry.fields.get("basis"):
        progress(f"the report's {entry.fields['basis']} (give --title, --author or --year to change it)")

    digest = hashlib.sha256(stored).hexdigest()
    suffix = ".txt" if pdf is not None else (source.suffix or ".txt")
    corpus_name = f"{report_id}{suffix}"
    extra = {"file": f"corpus/{corpus_name}", "sha256": digest}
    page_map = b""
    if pdf is not None:
        source_digest = hashlib.sha256(source.read_bytes()).hexdigest()
        page_map = page_map_json(pdf.pages, digest, source.name, source_digest, pdf.furniture, pdf.notes).encode(
            "utf-8"
        )
        extra |= {"pagemap": f"corpus/{report_id}.pages.json", "pagemapsha256": hashlib.sha256(page_map).hexdigest()}
    report_bib = to_bibtex([entry], extra=extra)
    added = to_bibtex(works, extra={"citedin": report_id}, sort=False) if works else ""

    files: list[tuple[Path, bytes]] = [(paths.corpus / corpus_name, stored)]
    if page_map:
        files.append((paths.corpus / f"{report_id}.pages.json", page_map))
    if added:
        files.append((paths.added_bib / f"{report_id}.bib", added.encode("utf-8")))
    current = paths.reports_bib.read_text(encoding="utf-8")
    files.append((paths.reports_bib, (current.rstrip("\n") + "\n\n" + report_bib).encode("utf-8")))
    _write_all(paths, files, progress)
    if page_map:
        progress(f"wrote corpus/{report_id}.pages.json (where each of its {len(pdf.pages)} pages starts)")  # type: ignore[union-attr]
    if added:
        progress(f"recorded {len(works)} cited works in bib/added/{report_id}.bib")
    return f"corpus/{corpus_name}"


def _write_all(paths: ProjectPaths, files: list[tuple[Path, bytes]], progress: Callable[[str], None]) -> None:
    """Write each file atomically, ``bib/reports.bib`` last; when one cannot be written (a full disk, a
    read-only folder, a file-size limit), remove the new ones written before it and say so in one line."""
    written: list[Path] = []
    for target, data in files:
        existed = target.exists()
        try:
            if target.parent == paths.corpus and target.suffix == ".txt":
                progress(f"writing {paths.relative(target)} (sha256 {hashlib.sha256(data).hexdigest()[:12]}...)")
            write_atomically(target, data, make_folder=True)
        except OSError as exc:
            for done in written:
                done.unlink(missing_ok=True)
            why = os_error_message(exc).removeprefix(f"{exc.filename}: ") if exc.filename else os_error_message(exc)
            raise InputError(paths.relative(target), 0, f"cannot write it: {why}; nothing was added") from exc
        if not existed:
            written.append(target)
