"""Formatting bibliography entries for people: a one-line reference and BibTeX export."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.records import BibEntry

_SKIP_IN_BIBTEX = {"citedin", "kindbasis"}
#: Fields BibTeX and biblatex read verbatim: never LaTeX-escaped.
_VERBATIM_FIELDS = {"url", "doi", "file", "sha256", "eprint"}
#: LaTeX's special characters in running text; the loader unescapes them for people to read.
_LATEX_SPECIAL = re.compile(r"(?<!\\)([&%$#_])")


def format_reference(entry: BibEntry) -> str:
    """An APA-like reference built only from the facts the entry holds."""
    who = _author_list(entry.authors)
    f = entry.fields
    date = f.get("date") or entry.year or "n.d."
    if who:
        parts = [f"{who} ({date})."] + ([f"{entry.title}."] if entry.title else [])
    elif entry.title:  # APA: with no author, the title takes the author's place
        parts = [f"{entry.title}. ({date})."]
    else:
        parts = [f"({date})."]
    venue = (
        f.get("journal") or f.get("booktitle") or f.get("publisher") or f.get("institution") or f.get("howpublished")
    )
    if venue:
        parts.append(f"{venue}.")
    if f.get("kind") in {"personal-communication", "field-notes"} and not entry.title:
        parts.append("Personal communication." if f.get("kind") == "personal-communication" else "Field notes.")
    return " ".join(parts)


def _author_list(authors: tuple[str, ...] | list[str]) -> str:
    """``A``, ``A, & B``, ``A, B, & C``; BibTeX's ``and others`` reads as ``et al.``."""
    names = list(authors)
    if not names:
        return ""
    if names[-1] == "others":
        return ", ".join(names[:-1]) + " et al."
    return ", ".join(names[:-1]) + (", & " if len(names) > 1 else "") + names[-1]


def to_bibtex(entries: Iterable[BibEntry]) -> str:
    """BibTeX text for entries (the fields as loaded, minus our internal bookkeeping)."""
    blocks = []
    for entry in sorted(entries, key=lambda e: e.key):
        lines = [f"@{entry.entry_type}{{{entry.key},"]
        for name, value in sorted(entry.fields.items()):
            if name in _SKIP_IN_BIBTEX:
                continue
            lines.append(f"  {name} = {{{_latex(name, value)}}},")
        lines.append("}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _latex(name: str, value: str) -> str:
    """A field value as BibTeX needs it: ``&`` written ``\\&`` again (the loader reads ``\\&`` as ``&``)."""
    return value if name in _VERBATIM_FIELDS else _LATEX_SPECIAL.sub(r"\\\1", value)
