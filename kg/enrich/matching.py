"""Which of the works a service returned is the cited work: a score that says why, and only a clear best.

A citation such as "Castells (2000)" is matched on what it gives: the authors' family names (every
one must be among the work's authors) and the year (the same year; one year off counts half, as
online-first and print years often differ). When the report gives a title, the work's title must
agree with it word for word (stop words aside, 80% of the report's words): a candidate is never
proposed over a title the report itself gives. A best match is proposed only when it scores at least
:data:`PROPOSE_AT` (all authors and the year, or all authors, a year off and the title)
and no other work (another DOI) comes within :data:`MARGIN` of it: a "Castells
2000" with two works of that year is reported ambiguous, not guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.enrich.services import Found, title_words
from kg.records import BibEntry
from kg.resolve.names import normalise_name

PROPOSE_AT = 0.85
MARGIN = 0.15
TITLE_AGREES = 0.8
_STOP = frozenset("a an and the of in on for to at by with from as or is are its into how what".split())


@dataclass(frozen=True)
class Scored:
    """A returned work with its match score (0-1) and the reasons for it, in words."""

    found: Found
    score: float
    reasons: str

    @property
    def identity(self) -> str:
        """What makes two returned works the same work: the DOI, else the title and year."""
        return self.found.doi or f"{normalise_name(self.found.title)}|{self.found.year}"


@dataclass(frozen=True)
class Decision:
    """The outcome for one cited work: the proposed match (or None) and what was seen."""

    best: Scored | None
    status: str  # "proposed", "ambiguous", "no match", "no candidates"
    considered: int
    detail: str
    ranked: tuple[Scored, ...] = ()  # every distinct work returned, best first


def _words(text: str) -> set[str]:
    return {w for w in normalise_name(text).split() if w not in _STOP and len(w) > 1}


def _author_part(entry: BibEntry, found: Found) -> tuple[float, str]:
    cited = [normalise_name(n) for n in (entry.family_names or entry.authors) if normalise_name(n)]
    if not cited:
        return 0.0, "no authors given"
    theirs = [normalise_name(a) for a in found.authors]
    tokens = {t for a in theirs for t in a.split()}
    hits = [c for c in cited if c in theirs or all(t in tokens for t in c.split())]
    return len(hits) / len(cited), f"authors {len(hits)}/{len(cited)}"


def _year_part(entry: BibEntry, found: Found) -> tuple[float, str]:
    if not entry.year.isdigit():
        return 0.5, "cited undated"
    if not found.year.isdigit():
        return 0.0, "no year returned"
    gap = abs(int(found.year) - int(entry.year))
    return {0: 1.0, 1: 0.5}.get(gap, 0.0), f"year {found.year}" + ("" if gap == 0 else f" (cited {entry.year})")


def _title_part(title: str, found: Found) -> float:
    mine = _words(title)
    return len(mine & _words(found.title)) / len(mine) if mine else 0.0


def score(entry: BibEntry, found: Found) -> Scored:
    """How well ``found`` matches the cited work, with the reasons."""
    authors, author_words = _author_part(entry, found)
    year, year_words = _year_part(entry, found)
    title = title_words(entry)
    reasons = [author_words, year_words]
    if title:
        agree = _title_part(title, found)
        reasons.append(f"title words {agree:.0%} of the report's")
        total = 0.4 * authors + 0.2 * year + 0.4 * agree if agree >= TITLE_AGREES else 0.0
        if agree < TITLE_AGREES:
            reasons.append("title differs from the report's: not proposed")
    else:
        total = 0.6 * authors + 0.4 * year if authors == 1.0 or not entry.authors else 0.6 * authors * 0.5
        reasons.append("no title given")
    if found.service_score is not None:
        reasons.append(f"{found.service} relevance {found.service_score:g}")
    return Scored(found, round(total, 3), "; ".join(reasons))


def decide(entry: BibEntry, returned: list[Found]) -> Decision:
    """The clear best of everything the services returned for one cited work, or why there is none."""
    if not returned:
        return Decision(None, "no candidates", 0, "the services returned nothing")
    best_of: dict[str, Scored] = {}
    services_of: dict[str, set[str]] = {}
    for found in returned:
        scored = score(entry, found)
        services_of.setdefault(scored.identity, set()).add(found.service)
        kept = best_of.get(scored.identity)
        if kept is None or scored.score > kept.score:
            best_of[scored.identity] = scored
    ranked = sorted(best_of.values(), key=lambda s: -s.score)
    top = ranked[0]
    if top.score < PROPOSE_AT:
        detail = f"best score {top.score:.2f} < {PROPOSE_AT}: {top.reasons}"
        return Decision(None, "no match", len(ranked), detail, tuple(ranked))
    runner = ranked[1].score if len(ranked) > 1 else 0.0
    if top.score - runner < MARGIN:
        detail = f"{top.score:.2f} and {runner:.2f} for two different works"
        return Decision(None, "ambiguous", len(ranked), detail, tuple(ranked))
    agreeing = services_of[top.identity]
    detail = f"score {top.score:.2f}, next {runner:.2f}; {top.reasons}"
    detail += "" if len(agreeing) < 2 else "; both services agree"
    return Decision(top, "proposed", len(ranked), detail, tuple(ranked))
