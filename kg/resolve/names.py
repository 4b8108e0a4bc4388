"""Names as citations write them and as entries hold them, and when two are the same authors.

A citation writes ``Fedina, Williamson, & Perdue``, ``Fedina et al.``, ``World Health Organization
[WHO]``; an entry holds family names as bibtexparser reads its ``author`` field. Both are reduced to
lower-case ASCII family names (``Bouché`` -> ``bouche``) to be compared; ``et al.`` stands for two or
more authors, the first named.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from kg.extract.citations.names import author_shaped
from kg.extract.citations.pieces import PARTICLES
from kg.records import BibEntry, CitationRecord, ResolvedCitation

#: How alike two spellings of a name must be to count as the same name misspelled.
FUZZY_NAME_RATIO = 0.8


def normalise_name(text: str) -> str:
    """Lower-case ASCII letters and digits, single spaces: ``Bouché`` -> ``bouche``, ``U.S.`` -> ``us``."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    folded = re.sub(r"[^a-z0-9 ]", "", folded.lower().replace("-", " "))
    return " ".join(folded.split())


@dataclass(frozen=True)
class Names:
    """The authors of a work or a citation: family names, or one organisation."""

    whole: str  # normalised, all names together (an organisation's name)
    families: tuple[str, ...]
    et_al: bool

    def matches(self, other: Names) -> bool:
        """Same authors: the whole name agrees, or the family names do (``et al.`` covering the rest)."""
        if self.whole and self.whole == other.whole and not (self.et_al or other.et_al):
            return True
        if not self.families or not other.families:
            return False
        if self.et_al or other.et_al:
            # "Fedina et al." stands for two or more authors, the first of them Fedina.
            if self.families[0] != other.families[0]:
                return False
            if self.et_al and other.et_al:
                return True
            listed = other if self.et_al else self
            return len(listed.families) > 1
        return self.families == other.families

    def resembles(self, other: Names) -> bool:
        """Close spellings of the same authors (``Vallacampa`` for ``Villacampa``)."""
        if len(self.families) == len(other.families) == 1 and " " in self.whole:
            return _alike(self.whole, other.whole)  # an organisation: "Polaris Projet"
        if not self.families or not other.families:
            return False
        if len(self.families) != len(other.families) and not (self.et_al or other.et_al):
            return False
        pairs = list(zip(self.families, other.families, strict=False))
        if self.et_al or other.et_al:
            pairs = pairs[:1]
        return bool(pairs) and all(_alike(a, b) for a, b in pairs)


def first_in_another_form(names: Names, listed: Names) -> bool:
    """The first author written in another form than the list's: one word of the family name the list gives
    (``Casas et al.`` for ``de Las Casas``, ``Mayerhofer`` for ``Ludwig-Mayerhofer``, ``Adam et al.`` for a list's
    first author read as ``Kingma DP Ba J Adam``), the other authors as the list has them."""
    if not names.families or not listed.families or names.families[0] == listed.families[0]:
        return False
    cited, first = names.families[0], listed.families[0]
    if cited not in first.split() and first not in cited.split():
        return False
    if names.et_al:
        return True
    return names.families[1:] == listed.families[1:] and not listed.et_al


@lru_cache(maxsize=65536)
def _alike(a: str, b: str) -> bool:
    """Whether two spellings are close. A book's hundreds of citations ask the same pairs again and again, so the
    answers are kept; the cheap upper bounds of the ratio turn most pairs away before the full comparison."""
    if not a and not b:
        return True  # SequenceMatcher's ratio of two empty strings is 1
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < FUZZY_NAME_RATIO:  # SequenceMatcher.real_quick_ratio
        return False
    matcher = SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= FUZZY_NAME_RATIO and matcher.ratio() >= FUZZY_NAME_RATIO


_INITIALS = re.compile(r"^(?:[A-Z]\.\s*-?)+$")


def cited_names(authors: str) -> Names:
    """The names of a citation as written: ``Fedina, Williamson, & Perdue``, ``Shively, M., ... & Hunt, D.``."""
    et_al = bool(re.search(r"\bet al\.?", authors))
    bare = re.sub(r"\s*\[[^\]]*\]", "", authors)  # "World Health Organization [WHO]"
    bare = re.sub(r"[’']s$", "", bare.strip())  # "Smith's (2010) study"
    bare = re.sub(r",?\s*\bet al\.?", "", bare).strip(" ,")
    # "und": a German text's "and"; a slash parts names too ("Holst/Maier 1998")
    parts = re.split(r"\s*,?\s*(?:&|\band\b|\bund\b)\s*|\s*,\s*|\s*/\s*", bare)
    families = tuple(normalise_name(p) for p in parts if p.strip() and not _INITIALS.match(p.strip()))
    return Names(normalise_name(bare), tuple(f for f in families if f), et_al)


def entry_names(entry: BibEntry) -> Names:
    """The names of an entry's ``author`` field: family names (bibtexparser's reading), an organisation, ``and others``.

    Only ``author`` counts: an entry that names only an ``organization`` has no authors to match.
    """
    families = list(entry.family_names) if entry.raw.get("author", "").strip() else []
    et_al = bool(families) and families[-1] == "others"
    normalised = tuple(normalise_name(f) for f in families if f != "others")
    return Names(" ".join(normalised), normalised, et_al)


def author_families(entries: list[BibEntry]) -> frozenset[str]:
    """The names, folded, a report's entries give as authors: family names and whole organisation names."""
    names: set[str] = set()
    for entry in entries:
        names.update(normalise_name(f) for f in entry.family_names)
        names.update(normalise_name(a) for a in entry.authors)
    return frozenset(n for n in names if n)


def a_title(citation: CitationRecord, outcome: ResolvedCitation, families: frozenset[str]) -> bool:
    """A work's title with its year (``Snow White (1937)``, ``Copyright Act (1790)``), read as a citation:
    no entry matched it and its name is not shaped as authors are, nor given by an entry as an author.
    It is no citation and is dropped."""
    if outcome.key is not None or citation.marker is not None or citation.back:
        return False
    if citation.form not in ("narrative", "parenthetical") or " v. " in citation.authors or not citation.year:
        return False
    return not author_shaped(citation.authors, families)


#: A lower-case particle opening a citation's names (``von``, ``van``, ``de``).
_LEADING_PARTICLE = re.compile(rf"^(?:{'|'.join(sorted(PARTICLES))})\s+(?=[A-Z])")


def shorter_names(authors: str) -> list[tuple[str, str]]:
    """Shorter readings of a narrative citation's names, each with why, for the resolver to try when the names as
    read fit no entry: words of the sentence a text in another language runs into the names. German writes a
    preposition as a particle (``von McCourt und Burkart (2003)`` is "by McCourt and Burkart"), capitalises its
    nouns (``den Worten Levines (2012)``: "in the words of Levine") and writes a genitive without an apostrophe."""
    found: list[tuple[str, str]] = []
    if m := _LEADING_PARTICLE.match(authors):
        authors = authors[m.end() :]
        found.append((authors, f"'{m.group().strip()}' read as a word of the text"))
    words = authors.split()
    if len(words) == 2 and all(w[:1].isupper() and w.isalpha() for w in words):
        found.append((words[1], f"'{words[0]}' read as a word of the text"))
        if words[1].endswith("s") and len(words[1]) > 4:
            found.append((words[1][:-1], f"'{words[1]}' read as the genitive of '{words[1][:-1]}'"))
    return found
