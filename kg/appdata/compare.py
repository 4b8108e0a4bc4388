"""What two reports agree and disagree on, and their figures side by side.

A relation row holds both quotes and both sides' evidence (the names of the works, interview
excerpts and endnotes each claim rests on), so "what does each report rest on?" is one look.
Figures are lined up by what they measure: the kind of figure and its unit (money with money,
percentages with percentages), each report's figures in its own column.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from kg.appdata.catalogue import Catalogue, ClaimItem, FigureItem
from kg.appdata.names import RES
from kg.appdata.search import fold
from kg.appdata.settings import all_rows
from kg.store import Store


@dataclass(frozen=True)
class Side:
    claim: str
    report: str
    quote: str
    evidence: tuple[str, ...]  # "NPR (2010) (news article)", "interview excerpt (detective)"


@dataclass(frozen=True)
class Relation:
    iri: str
    kind: str  # corroborates, refines, contradicts; similar (a suggested pairing of claims)
    made_by: str  # "curated" or "suggested by the tool"
    rationale: str
    a: Side
    b: Side


def evidence_of(cat: Catalogue, claim: ClaimItem | None) -> tuple[str, ...]:
    """What a claim rests on, in words: each source by name and kind; with none, what the text says."""
    if claim is None:
        return ()
    named = []
    for iri in dict.fromkeys((*claim.sources, *claim.excerpts)):
        source = cat.sources.get(iri)
        if source is not None:
            said = source.what.lower() in source.name.lower()  # "Musto (2012), Field notes": not again
            named.append(source.name if said else f"{source.name} ({source.what})")
    return tuple(named) or tuple(sorted(claim.source_kinds))


def relations(store: Store, cat: Catalogue) -> list[Relation]:
    """Every cross-report relation with both sides spelled out (curated and suggested), kept with the catalogue."""
    held: list[Relation] | None = cat.memo.get("relations")
    if held is None:
        held = cat.memo["relations"] = _read_relations(store, cat)
    return held


def _read_relations(store: Store, cat: Catalogue) -> list[Relation]:
    out = []
    for r in all_rows(store, "app-compare"):
        sides = []
        for end in ("A", "B"):
            claim = cat.claim(r[f"claim{end}"])
            sides.append(
                Side(
                    claim=r[f"claim{end}"],
                    report=r[f"report{end}"],
                    quote=claim.quote if claim else "",
                    evidence=evidence_of(cat, claim),
                )
            )
        made_by = "curated" if r["origin"] == "curated" else "suggested by the tool"
        out.append(Relation(r["relation"], r["kind"], made_by, r.get("rationale", ""), sides[0], sides[1]))
    return sorted(out, key=lambda r: (r.made_by != "curated", r.kind))  # the reviewed truth first


def oriented(relation: Relation, first: str) -> tuple[Side, Side]:
    """The two sides with report ``first`` on the left when it takes part."""
    return (
        (relation.b, relation.a)
        if relation.b.report == first and relation.a.report != first
        else (relation.a, relation.b)
    )


def figure_groups(cat: Catalogue, reports: tuple[str, ...]) -> dict[str, dict[str, list[FigureItem]]]:
    """``{what it measures: {report: figures}}`` for the chosen reports, each list by value."""
    groups: dict[str, dict[str, list[FigureItem]]] = defaultdict(lambda: defaultdict(list))
    for f in cat.figures:
        if f.report in reports:
            unit = "" if f.unit in ("count", "", "%") else f" ({f.unit})"
            groups[f"{f.kind or 'figure'}{unit}"][f.report].append(f)
    for by_report in groups.values():
        for figures in by_report.values():
            figures.sort(key=lambda f: f.value)
    return {k: dict(v) for k, v in sorted(groups.items())}


_WORK = RES + "work/"  # a cited work; a report's own interviews and excerpts sit under most of its claims
_SHARED = re.compile(r"^Shared:\s*(?P<words>.+?)\s*\(similarity (?P<score>[\d.]+)\)\s*$")


def basis(relation: Relation) -> str:
    """Why the two claims are related, in words: a curator's rationale as written, a pairing's rule spelled out
    ("Shared: pimp internet (similarity 0.174)" reads as the words both quotes use and what the score means)."""
    found = _SHARED.match(relation.rationale) if relation.made_by != "curated" else None
    if not found:
        return relation.rationale
    shared = ", ".join(f"“{w}”" for w in found["words"].split())
    return (
        f"The tool paired them because both quotes use the words {shared} "
        f"(similarity {float(found['score']):.2f} on a scale of 0 to 1); a curator has not reviewed it."
    )


def matching(found: list[Relation], text: str) -> list[Relation]:
    """The relations whose quotes, basis or evidence hold every word of ``text`` (folded as Search folds)."""
    terms = [fold(t) for t in text.split() if t.strip()]
    if not terms:
        return found
    out = []
    for r in found:
        hay = fold(" ".join([r.a.quote, r.b.quote, r.rationale, *r.a.evidence, *r.b.evidence]))
        if all(t in hay for t in terms):
            out.append(r)
    return out


def themes(cat: Catalogue, found: list[Relation]) -> list[tuple[str, list[Relation]]]:
    """The relations grouped by theme: each under the cited work or platform it shares with the most others.

    A theme is what several relations have in common: a cited work a side rests on (not the report's own
    interviews), or a platform a side mentions; displacement after Backpage spreads over many one-pair rows.
    Each relation goes under one theme, the most shared of its own; one on most rows tells none apart and is
    no theme; a theme gathers two rows at least; the rest come last. Biggest first, curated first within."""

    def keys(r: Relation) -> set[str]:
        out: set[str] = set()
        for side in (r.a, r.b):
            claim = cat.claim(side.claim)
            if claim:
                works = [cat.sources[s] for s in claim.sources if s.startswith(_WORK) and s in cat.sources]
                out |= {f"rests on {w.name}" for w in works}
                out |= {f"mentions {p}" for p in claim.platforms}
        return out

    held = {r.iri: keys(r) for r in found}
    counts = Counter(k for ks in held.values() for k in ks)
    common = {k for k, n in counts.items() if len(found) >= 4 and n > len(found) / 2}  # on most rows: tells none apart
    grouped: dict[str, list[Relation]] = defaultdict(list)
    for r in found:
        shared = [k for k in held[r.iri] if counts[k] > 1 and k not in common]
        grouped[max(shared, key=lambda k: (counts[k], k)) if shared else ""].append(r)
    alone = grouped.pop("", [])
    for key in [k for k, members in grouped.items() if len(members) < 2]:  # a theme gathers two rows at least
        alone += grouped.pop(key)
    ordered = sorted(grouped.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [*ordered, *([("sharing no cited work or platform with another relation", alone)] if alone else [])]
