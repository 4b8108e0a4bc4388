"""Reading BibTeX files strictly: every entry kept, every problem named with file and line.

bibtexparser 2.x reports unparsable blocks and duplicate keys as "failed blocks"
instead of raising; a bibliography that silently lost an entry would silently lose
every citation resolved to it, so any failed block is an error here.
"""

from __future__ import annotations

import logging
from pathlib import Path

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, Entry

from kg.errors import InputError
from kg.records import BibEntry

#: The kinds of work the ontology knows (``kind`` field of an entry).
KINDS: frozenset[str] = frozenset(
    {
        "journal-article",
        "report",
        "report-section",
        "news-item",
        "web-page",
        "thesis",
        "conference-paper",
        "book",
        "chapter",
        "law",
        "court-case",
        "personal-communication",
        "field-notes",
        "data-set",
    }
)

#: What an entry without a ``kind`` field is taken to be, by its BibTeX type.
KIND_BY_ENTRY_TYPE: dict[str, str] = {
    "article": "journal-article",
    "techreport": "report",
    "report": "report",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "inproceedings": "conference-paper",
    "proceedings": "conference-paper",
    "online": "web-page",
    "dataset": "data-set",
}


def _entry_kind(entry: Entry, file: str, line: int) -> str:
    explicit = entry.fields_dict.get("kind")
    kind = explicit.value.strip() if explicit else KIND_BY_ENTRY_TYPE.get(entry.entry_type.lower(), "")
    if not kind:
        raise InputError(
            file,
            line,
            f"entry '{entry.key}' has type @{entry.entry_type} and no 'kind' field; "
            f"add kind = {{...}} with one of: {', '.join(sorted(KINDS))}",
        )
    if kind not in KINDS:
        raise InputError(
            file, line, f"entry '{entry.key}' has unknown kind '{kind}'; expected one of: {', '.join(sorted(KINDS))}"
        )
    return kind


_NAME_FIELDS = {"author", "editor"}
_LATEX_ESCAPES = {"\\&": "&", "\\%": "%", "\\_": "_", "\\$": "$", "\\#": "#", "--": "–"}


def _plain(value: str, keep_braces: bool = False) -> str:
    """A field as people read it: LaTeX escapes and protective braces removed, spaces folded.

    Name lists keep their braces: ``{National Center for Missing and Exploited Children}``
    is one organisation, not two authors split at "and".
    """
    for escape, char in _LATEX_ESCAPES.items():
        value = value.replace(escape, char)
    if not keep_braces:
        value = value.replace("{", "").replace("}", "")
    return " ".join(value.split())


def parse_bibtex(text: str, file: str) -> list[BibEntry]:
    """Parse BibTeX text; raise :class:`InputError` on the first failed block."""
    # bibtexparser logs failed blocks itself; we raise them as errors instead.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(text)
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            raise InputError(file, line, f"duplicate key '{block.key}': every entry needs its own key")
        raw = (block.raw or "").strip()
        first = raw.splitlines()[0] if raw else ""
        raise InputError(file, line, f"cannot parse this entry (unclosed brace or quote?): {first[:80]}")
    entries = []
    for entry in library.entries:
        line = (entry.start_line or 0) + 1
        fields = {f.key.lower(): _plain(str(f.value), f.key.lower() in _NAME_FIELDS) for f in entry.fields}
        entries.append(
            BibEntry(
                key=entry.key,
                entry_type=entry.entry_type.lower(),
                kind=_entry_kind(entry, file, line),
                fields=fields,
                file=file,
                line=line,
            )
        )
    return entries


def load_bibtex(path: Path, shown_as: str | None = None) -> list[BibEntry]:
    """Load one ``.bib`` file; errors name ``shown_as`` (a path relative to the project)."""
    name = shown_as or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(name, 0, "file not found") from exc
    except UnicodeDecodeError as exc:
        raise InputError(name, 0, f"not UTF-8 text: {exc}") from exc
    return parse_bibtex(text, name)
