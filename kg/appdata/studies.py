"""Studies as the app shows them: each study's method, sample, population, place and period, with
what rests on it (claims, figures, interview excerpts) and the works it is drawn from.

Read from the canned ``studies`` query (the same answer ``kg query studies`` gives) and the held
catalogue, whose claims and figures name the study among the sources they rest on directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.appdata.catalogue import catalogue
from kg.appdata.names import split
from kg.appdata.settings import all_rows
from kg.store import Store


@dataclass(frozen=True)
class Study:
    iri: str
    key: str
    label: str
    report: str
    own: bool  # the report's own research (its primary data), not one it describes from a citation
    method: str
    sample: str
    population: str
    place: str
    period: str
    works: tuple[str, ...]  # keys of the works it is drawn from
    claims: tuple[str, ...]  # IRIs of the claims resting on it directly
    figures: tuple[str, ...]  # IRIs of the figures resting on it directly
    excerpts: int  # interview excerpts that are part of it

    @property
    def whose(self) -> str:
        return "the report's own study" if self.own else "a study the report describes from its sources"


def studies(store: Store) -> list[Study]:
    """Every study of the graph, the reports' own first, each with what rests on it."""
    cat = catalogue(store)
    resting: dict[str, list[str]] = {}
    for claim in cat.claims:
        for source in claim.sources:
            resting.setdefault(source, []).append(claim.iri)
    figures: dict[str, list[str]] = {}
    for figure in cat.figures:
        for source in figure.sources:
            figures.setdefault(source, []).append(figure.iri)
    out = []
    for r in all_rows(store, "studies"):
        iri = r["study"]
        out.append(
            Study(
                iri=iri,
                key=r["key"],
                label=" ".join((r.get("label") or r["key"]).split()),
                report=r["report"],
                own=r.get("own") == "true",
                method=" ".join(r.get("method", "").split()),
                sample=r.get("sampleSize", ""),
                population=" ".join(r.get("population", "").split()),
                place=" ".join(r.get("place", "").split()),
                period=r.get("period", ""),
                works=tuple(split(r.get("works", ""))),
                claims=tuple(resting.get(iri, ())),
                figures=tuple(figures.get(iri, ())),
                excerpts=int(r.get("excerpts") or 0),
            )
        )
    return out


def study_records(found: list[Study], reports: dict[str, str]) -> list[dict[str, object]]:
    """The studies as rows of a table and its downloads: words, counts, no IRIs."""
    return [
        {
            "study": s.label,
            "report": reports.get(s.report, s.report),
            "whose": s.whose,
            "method": s.method,
            "sample": s.sample,
            "population": s.population,
            "place": s.place,
            "period": s.period,
            "claims resting on it": len(s.claims),
            "figures resting on it": len(s.figures),
            "interview excerpts": s.excerpts,
        }
        for s in found
    ]
