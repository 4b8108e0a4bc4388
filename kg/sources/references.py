"""A bibliography entry formatted for people: a one-line, APA-like reference from the facts it holds."""

from __future__ import annotations

from kg.records import BibEntry


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
