"""Which quality flags concern an item: the flags on it, and those on what it is made of or rests on.

A curator flags one node (the claim, or the work, or the figure), but a reader meets the problem
wherever that node shows: a news-as-evidence flag on the NPR work concerns every claim resting on
it; a flag on a curated claim concerns the extracted claim over the same words and every figure
stated there. Each flag comes with the words for how it reaches the item, so a page can say
"on its source NPR (2010)" instead of pretending the flag was set on the item itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kg.appdata import pages
from kg.appdata.catalogue import Catalogue, ClaimItem, Flag
from kg.appdata.names import RES


@dataclass(frozen=True)
class Concern:
    flag: Flag
    via: str  # "" when the flag is on the item itself


def target_words(cat: Catalogue, iri: str) -> tuple[str, str, dict[str, str]]:
    """What a flagged item that is no claim, figure or work is, in words (never its IRI), and where it opens:
    a report by its title, a candidate source as the candidate for its work, a table by its report."""
    path = iri[len(RES) :] if iri.startswith(RES) else ""
    kind, _, rest = path.partition("/")
    last = rest.rsplit("/", 1)[-1]
    if kind == "report":
        return "report", cat.reports.get(last, last), {}
    if kind == "candidate":
        work = next((s for s in cat.sources.values() if s.key == last), None)
        name = work.name if work else last
        return "candidate source", f"a candidate source for {name}", {"page": pages.SOURCES.url_path, "work": last}
    if kind == "study":
        return "study", "a study", {"page": pages.STUDIES.url_path, "study": "res:" + path}
    report = rest.split("/", 1)[0]
    where = f" of {cat.reports[report]}" if report in cat.reports else ""
    return kind or "item", f"a {kind or 'part'}{where}", {}


def _overlapping(cat: Catalogue, claim: ClaimItem) -> list[ClaimItem]:
    """Other claims of the same report whose words overlap this one's (a curated and an extracted claim)."""
    by_report: dict[str, list[ClaimItem]] | None = cat.memo.get("claims by report")
    if by_report is None:
        by_report = cat.memo["claims by report"] = defaultdict(list)
        for c in cat.claims:
            by_report[c.report].append(c)
    return [
        c for c in by_report.get(claim.report, ()) if c.iri != claim.iri and c.start < claim.end and claim.start < c.end
    ]


def concerning(cat: Catalogue, iri: str) -> list[Concern]:
    """Every flag that concerns the claim, figure or work ``iri``, each once, the item's own first."""
    found: dict[str, Concern] = {}

    def add(target: str, via: str) -> None:
        for flag_iri in cat.flags_on.get(target, ()):
            if flag_iri not in found:
                found[flag_iri] = Concern(cat.flags[flag_iri], via)

    add(iri, "")
    claim, figure = cat.claim(iri), cat.figure(iri)
    if claim is not None:
        for other in _overlapping(cat, claim):
            add(other.iri, f"on the same words, as {'a curated' if other.curated else 'an extracted'} claim")
        for stat in claim.statistics:
            shown = cat.figure(stat)
            add(stat, f"on a figure it states ({shown.text if shown else 'a figure'})")
        sources = claim.sources
    elif figure is not None:
        for claim_iri in figure.claims:
            add(claim_iri, "on the claim it is stated in")
            stated = cat.claim(claim_iri)
            for other in _overlapping(cat, stated) if stated else ():
                add(other.iri, "on the claim it is stated in")
        sources = figure.sources
    else:
        sources = ()
    for source in sources:
        known = cat.sources.get(source)
        add(source, f"on its source {known.name if known else 'a source'}")
    return list(found.values())


def flag_kinds_concerning(cat: Catalogue, iri: str) -> frozenset[str]:
    """The kinds (in words) of every flag concerning an item; held per catalogue, for filters."""
    held: dict[str, frozenset[str]] = cat.memo.setdefault("flag kinds concerning", {})
    if iri not in held:
        held[iri] = frozenset(c.flag.kind for c in concerning(cat, iri))
    return held[iri]
