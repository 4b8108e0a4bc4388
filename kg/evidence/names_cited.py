"""Bodies a report cites as authors: ``(Human Rights Watch 2012: 20)``, ``International Crisis Group (2012)``.

A reference list writes a person as family name and given names or initials (``Bates, D.``, ``Bates D``);
a body has no given name: its entry's one author is its name, written whole (``Human Rights Watch``,
``UNICEF``). That is a cue no list of names is needed for: a citation whose work has one such author names
a body, at the words of the citation that spell it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.evidence.acronyms import NOT_BODIES
from kg.evidence.names import Candidate
from kg.records import BibEntry, ResolvedCitation

#: Particles of personal names: "van de Walle", "de la Cruz" are persons.
_PARTICLES = frozenset("van von de der den del della di da dos du la le ten ter wa bin ibn al el st st.".split())
_CONNECTORS = frozenset("of for and the on in & für und der des".split())


def corporate(author: str) -> bool:
    """True when one author of an entry is written as a body's name, not a person's."""
    words = author.split()
    if "," in author or not words:
        return False
    if len(words) == 1:
        return bool(re.fullmatch(r"[A-Z][A-Z&]{2,9}", author))  # "UNICEF", "OECD"; a lone surname is a person's
    if any(w.lower() in _PARTICLES for w in words) or len(words) > 6 or "the" in words[1:]:
        return False  # a person's particle; a title read as the author ("Front Lines of the Real Culture Wars")
    if any(re.fullmatch(r"[A-Z]{1,3}|[A-Z]\.(?:-?[A-Z]\.)*", w) for w in words[1:]):
        return False  # "Bates DM", "Smith J.": initials
    if words[-1].lower() in NOT_BODIES:
        return False  # "Project Officer": a post
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _CONNECTORS for w in words)


def corporate_authors(text: str, citations: list[ResolvedCitation], works: dict[str, BibEntry]) -> Iterator[Candidate]:
    """The places the report's citations name a body as the author of the work they cite."""
    for resolved in citations:
        entry = works.get(resolved.key or "")
        if entry is None or len(entry.authors) != 1 or not corporate(entry.authors[0]):
            continue
        name = resolved.citation.authors.strip()
        if " ".join(name.split()).casefold() != " ".join(entry.authors[0].split()).casefold():
            continue
        span = resolved.citation.span
        at = text.find(name, span.start, span.end)
        if at >= 0:
            yield Candidate(at, at + len(name), name, "Organization", "cited-body")
