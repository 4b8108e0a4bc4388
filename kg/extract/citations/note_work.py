"""One work a note cites, and the works a note cites by a statute's official citation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.citations.pieces import Found, View


@dataclass(frozen=True)
class NoteWork:
    """One work a note cites: what was found, its citation text and its names, as report offsets.

        ``short`` marks a citation that only points to a work (``Musto (2011)``), not a reference to it;
        ``back`` is ``ibid`` or ``op. cit.`` for one that points to the work cited before; ``law`` one
        that cites a statute by its official citation (``Pub. L. No. 96-354``, ``12 U.S.C. § 3311``); ``web``
    one that names a document and where it is posted (:mod:`kg.extract.citations.online`).
    """

    found: Found
    cited: tuple[int, int]
    anchor: tuple[int, int]
    short: bool = False
    back: str = ""
    law: bool = False
    web: tuple[str, str, str] | None = None  # a document named and posted online: its publisher, title, address


#: A statute's official citation: a public law, a code section, a session law, a regulation or a register.
STATUTE = re.compile(
    r"\b(?:Pub(?:lic|\.)?\s*L(?:aw|\.)?\s*(?:No\.?\s*)?\d+[-–]\d+"
    r"|\d+\s+U\.\s?S\.\s?C\.?\s*(?:app\.\s*)?§+\s*\d+[\w.–-]*(?:\([\w]+\))*"
    r"|\d+\s+(?:C\.\s?F\.\s?R\.|Fed\.\s?Reg\.|Stat\.)\s*(?:§+\s*)?\d[\d,.–-]*\d)"
)
_STATUTE_YEAR = re.compile(r"\((?:[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2},\s+)?)?((?:1[6-9]|20)\d\d)\)")


def statute(view: View, a: int, b: int) -> NoteWork | None:
    """A stretch of a note that cites a statute (``Pub. L. No. 109-231, 120 Stat. 493 (June 15, 2006)``): a work
    of its own, named by its first official citation, dated by the date in parentheses after it."""
    m = STATUTE.search(view.norm, a, b)
    if m is None:
        return None
    date = _STATUTE_YEAR.search(view.norm, m.end(), b)
    name = " ".join(m.group().split())
    found = Found(m.start(), m.end(), name, date.group(1) if date else "", "endnote")
    return NoteWork(found, view.to_raw(a, b), view.to_raw(m.start(), m.end()), law=True)


__all__ = ["STATUTE", "NoteWork", "statute"]
