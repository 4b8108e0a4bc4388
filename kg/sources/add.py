"""``kg add``: bring a new report into the project so the next build extracts it.

The text is copied unchanged into ``corpus/`` (its checksum recorded), the report's own
BibTeX entry is appended to ``bib/reports.bib`` and the works it cites are kept in
``bib/added/ID.bib``, every field exactly as the user wrote it. Everything is checked
before anything is written, and each file is written atomically, so a refused report
leaves the project as it was.

What cannot be used is refused with one line saying what to do: an empty file, a file
that is not text (a PDF, a word-processor file, anything with NUL bytes), a text that is
not UTF-8, or one over :data:`MAX_TEXT_BYTES`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from kg.errors import InputError
from kg.project import ProjectPaths
from kg.project.files import write_atomically
from kg.sources.bibliography import load_references, load_reports_bib
from kg.sources.bibtex import load_bibtex, to_bibtex

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{1,63}$")

#: The largest report text ``kg add`` takes: 10 MB is about 5,000 pages of prose.
MAX_TEXT_BYTES = 10 * 1024 * 1024

#: File signatures of formats that are not plain text, and what to do with them.
_NOT_TEXT = (
    (b"%PDF-", "a PDF: extract its text first (for example `pdftotext -layout FILE.pdf FILE.txt`) and add the text"),
    (b"PK\x03\x04", "a zip archive (a .docx, .odt or .epub?): save it as plain text (UTF-8) and add the text"),
    (b"\xd0\xcf\x11\xe0", "an old Office document: save it as plain text (UTF-8) and add the text"),
    (b"{\\rtf", "an RTF document: save it as plain text (UTF-8) and add the text"),
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
        raise InputError(shown, 0, "this is not a text file (it holds NUL bytes): add the report as UTF-8 text")
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


def add_report(
    paths: ProjectPaths, text_file: Path, bib_file: Path, report_id: str, progress: Callable[[str], None]
) -> str:
    """Add a report; return the corpus path of its text. Raise InputError, writing nothing, on bad input."""
    if not _ID.match(report_id):
        raise InputError(
            str(text_file), 0, f"report id {report_id!r} must start with a letter and use letters, digits, - or _"
        )
    if any(e.key == report_id for e in load_reports_bib(paths)):
        raise InputError(
            paths.relative(paths.reports_bib), 0, f"a report with id '{report_id}' is already in the corpus"
        )
    if not text_file.is_file():
        raise InputError(str(text_file), 0, "file not found")
    raw = text_file.read_bytes()
    check_report_text(raw, str(text_file))
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
    write_atomically(paths.corpus / corpus_name, raw, make_folder=True)
    if works:
        added = to_bibtex(works, extra={"citedin": report_id}, sort=False)
        write_atomically(paths.added_bib / f"{report_id}.bib", added.encode("utf-8"), make_folder=True)
        progress(f"recorded {len(works)} cited works in bib/added/{report_id}.bib")
    report_entry = to_bibtex(own, extra={"file": f"corpus/{corpus_name}", "sha256": digest})
    current = paths.reports_bib.read_text(encoding="utf-8")
    write_atomically(paths.reports_bib, (current.rstrip("\n") + "\n\n" + report_entry).encode("utf-8"))
    return f"corpus/{corpus_name}"
