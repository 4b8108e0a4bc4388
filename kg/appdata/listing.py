"""The Claims and Statistics lists: search, the filters a student needs, and pages of results.

Filters work on the held :class:`~kg.appdata.catalogue.Catalogue`, in words: reports by key
(shown by title), kinds of source as :data:`kg.appdata.words.SOURCE_KINDS` names them, flags by
kind (every flag that concerns the item, also through its figures and sources). A page shows
one slice and the totals, so a list of 16,000 claims costs what a list of ten does.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from kg.appdata.catalogue import Catalogue, ClaimItem, FigureItem
from kg.appdata.concerns import flag_kinds_concerning
from kg.appdata.text import flat
from kg.appdata.words import SOURCE_KINDS

T = TypeVar("T")


def _fold(text: str) -> str:
    return flat(text).casefold().replace("’", "'").replace("“", '"').replace("”", '"')


def search_terms(text: str) -> list[str]:
    """Words and "quoted phrases" of a search, folded for matching."""
    phrases = re.findall(r'"([^"]+)"', text)
    rest = re.sub(r'"[^"]*"', " ", text)
    return [_fold(p) for p in phrases if p.strip()] + [_fold(w) for w in rest.split()]


@dataclass(frozen=True)
class Filter:
    """What a list is narrowed to; an empty field does not narrow."""

    text: str = ""
    reports: tuple[str, ...] = ()
    source_kinds: tuple[str, ...] = ()
    only: bool = False  # rests only on the kinds chosen (not just on any of them)
    flag_kinds: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # claim kinds or figure kinds, in words
    sections: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    has_statistic: bool = False
    origin: str = ""  # "", "curated" or "extracted"


def _source_names(cat: Catalogue, sources: Iterable[str]) -> list[str]:
    return [cat.sources[s].name for s in sources if s in cat.sources]


def _common(cat: Catalogue, item: ClaimItem | FigureItem, f: Filter, terms: list[str], haystack: str) -> bool:
    if any(t not in haystack for t in terms):
        return False
    if f.reports and item.report not in f.reports:
        return False
    if f.source_kinds and f.only and not item.source_kinds <= set(f.source_kinds):
        return False
    if f.source_kinds and not set(f.source_kinds) & item.source_kinds:
        return False
    if f.kinds and item.kind not in f.kinds:
        return False
    return not (f.flag_kinds and not set(f.flag_kinds) & flag_kinds_concerning(cat, item.iri))


def _haystacks(cat: Catalogue, name: str, items: Sequence[ClaimItem | FigureItem]) -> dict[str, str]:
    """The folded words a search reads for each item, folded once per catalogue (not on every keystroke)."""
    held: dict[str, str] | None = cat.memo.get(f"haystacks of {name}")
    if held is None:
        held = {}
        for item in items:
            if isinstance(item, ClaimItem):
                parts = [item.quote, item.section, *_source_names(cat, item.sources), *item.platforms, *item.agencies]
            else:
                parts = [item.text, item.measure, *_source_names(cat, item.sources), *item.originators]
            held[item.iri] = _fold(" ".join(parts))
        cat.memo[f"haystacks of {name}"] = held
    return held


def options(cat: Catalogue) -> dict[str, list[str]]:
    """The values each filter offers, gathered once per catalogue; source kinds in the order of words.SOURCE_KINDS."""
    held: dict[str, list[str]] | None = cat.memo.get("filter options")
    if held is None:
        claim_kinds = {k for c in cat.claims for k in c.source_kinds}
        figure_kinds = {k for f in cat.figures for k in f.source_kinds}
        held = {
            "claim source kinds": [k for k in SOURCE_KINDS if k in claim_kinds],
            "figure source kinds": [k for k in SOURCE_KINDS if k in figure_kinds],
            "flag kinds": sorted({f.kind for f in cat.flags.values()}),
            "claim kinds": sorted({c.kind for c in cat.claims if c.kind}),
            "sections": sorted({c.section for c in cat.claims if c.section}),
            "platforms": sorted({p for c in cat.claims for p in c.platforms}),
            "agencies": sorted({a for c in cat.claims for a in c.agencies}),
            "statuses": sorted({f.status for f in cat.figures}),
            "figure kinds": sorted({f.kind for f in cat.figures if f.kind}),
            "reports": sorted(cat.reports, key=lambda k: cat.reports[k]),
        }
        cat.memo["filter options"] = held
    return held


def claims(cat: Catalogue, f: Filter) -> list[ClaimItem]:
    """Claims matching every search term (in the quote, section, sources or mentions) and every filter."""
    terms = search_terms(f.text)
    hay = _haystacks(cat, "claims", cat.claims) if terms else {}
    out = []
    for c in cat.claims:
        if not _common(cat, c, f, terms, hay.get(c.iri, "")):
            continue
        if f.sections and c.section not in f.sections:
            continue
        if f.platforms and not set(f.platforms) & set(c.platforms):
            continue
        if f.agencies and not set(f.agencies) & set(c.agencies):
            continue
        if f.has_statistic and not c.statistics:
            continue
        if f.origin == "curated" and not c.curated or f.origin == "extracted" and not c.extracted:
            continue
        out.append(c)
    return out


def figures(cat: Catalogue, f: Filter) -> list[FigureItem]:
    """Figures matching every search term (in the figure, its measure or its sources) and every filter."""
    terms = search_terms(f.text)
    hay = _haystacks(cat, "figures", cat.figures) if terms else {}
    out = []
    for s in cat.figures:
        if not _common(cat, s, f, terms, hay.get(s.iri, "")):
            continue
        if f.statuses and s.status not in f.statuses:
            continue
        out.append(s)
    return out


def sentence_folds(cat: Catalogue) -> dict[str, tuple[str, ...]]:
    """``{curated claim: extracted claims shown on its card}``: a sentence the tool found that holds words a
    curator made a claim of is one card, not two (the graph keeps both nodes). A sentence holding two
    curated claims goes with the first."""
    held: dict[str, tuple[str, ...]] | None = cat.memo.get("sentence folds")
    if held is None:
        curated: dict[str, list[ClaimItem]] = {}  # per report, in text order: a sentence is looked up
        for c in sorted((c for c in cat.claims if c.curated), key=lambda c: c.start):  # among its own
            curated.setdefault(c.report, []).append(c)  # report's few (all of them took 40 s at 1,000 reports)
        starts = {report: [c.start for c in held] for report, held in curated.items()}
        folds: dict[str, list[str]] = {}
        for e in cat.claims:
            if e.curated or e.report not in curated:
                continue
            before = curated[e.report][: bisect_left(starts[e.report], e.end)]  # those starting before it ends
            over = next((c for c in before if e.start < c.end), None)
            if over is not None:
                folds.setdefault(over.iri, []).append(e.iri)
        held = cat.memo["sentence folds"] = {k: tuple(v) for k, v in folds.items()}
    return held


def one_card_per_sentence(cat: Catalogue, items: Sequence[ClaimItem]) -> list[ClaimItem]:
    """``items`` without the extracted claims folded into a curated claim's card (see :func:`sentence_folds`)."""
    folded = {e for extracted in sentence_folds(cat).values() for e in extracted}
    return [c for c in items if c.iri not in folded]


def card_flag_kinds(cat: Catalogue, item: ClaimItem) -> set[str]:
    """Every flag kind concerning a card: its claim's and those of the sentences folded into it."""
    kinds = set(flag_kinds_concerning(cat, item.iri))
    for extracted in sentence_folds(cat).get(item.iri, ()):
        kinds |= flag_kinds_concerning(cat, extracted)
    return kinds


_STATUS_RANK = {"a cited work": 0, "relayed through a cited work": 1, "relayed, no work cited": 2}
#: How the Statistics list can be ordered; the first is the default. A figure that rests on a cited
#: work is what a reader comes to check, so those open the list, not "two (urban cities)" of an abstract.
FIGURE_ORDERS = ("cited figures first", "as in the reports", "largest value first")


def ordered(items: Sequence[FigureItem], how: str = FIGURE_ORDERS[0]) -> list[FigureItem]:
    """``items`` in one of :data:`FIGURE_ORDERS` (within a rank, reports and positions in the text)."""
    if how == "as in the reports":
        return sorted(items, key=lambda f: (f.report, f.start))
    if how == "largest value first":
        return sorted(items, key=lambda f: (-f.value, f.report, f.start))
    return sorted(items, key=lambda f: (_STATUS_RANK.get(f.status, 3), f.report, f.start))


def facets(cat: Catalogue, items: Sequence[ClaimItem | FigureItem]) -> dict[str, list[tuple[str, int]]]:
    """Each filter's values with how many of ``items`` have them, most common first (ties by name)."""
    counts: dict[str, Counter[str]] = {
        name: Counter() for name in ("report", "source", "flag", "kind", "section", "platform", "agency", "status")
    }
    for item in items:
        counts["report"][item.report] += 1
        counts["source"].update(item.source_kinds)
        counts["flag"].update(flag_kinds_concerning(cat, item.iri))
        if item.kind:
            counts["kind"][item.kind] += 1
        if isinstance(item, ClaimItem):
            if item.section:
                counts["section"][item.section] += 1
            counts["platform"].update(set(item.platforms))
            counts["agency"].update(set(item.agencies))
        else:
            counts["status"][item.status] += 1
    return {name: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for name, c in counts.items()}


def page(items: Sequence[T], number: int, size: int) -> tuple[list[T], int, int]:
    """Page ``number`` (from 1) of ``items``: its items, the page number used and how many pages there are."""
    pages = max(1, -(-len(items) // size))
    number = min(max(1, number), pages)
    return list(items[(number - 1) * size : number * size]), number, pages
