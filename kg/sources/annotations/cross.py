"""Cross-report relations: a claim of one report corroborates, contradicts or refines a claim of another.

Read after every report file, since each relation names two curated claims by id.
"""

from __future__ import annotations

from kg.records import SourceLocation
from kg.sources.annotations import schema
from kg.sources.annotations.anchoring import Place
from kg.sources.annotations.records import Annotations, CrossRelation
from kg.sources.annotations.yamlfile import Mapping


def load_cross(shown: str, data: Mapping, model: schema.CrossFileModel, out: Annotations, known: set[str]) -> None:
    """Add the file's relations to ``out``, checking that both claims exist and no relation repeats."""
    top = Place(shown, "file", data)
    for key, value in (("report_a", model.report_a), ("report_b", model.report_b)):
        if value not in known:
            raise top.error(key, f"unknown report '{value}'; reports are: {', '.join(sorted(known))}")
    claims = {(c.report, c.id) for c in out.claims}
    seen: dict[tuple[str, str, str], int] = {}
    for relation, raw in zip(model.relations, data.get("relations") or [], strict=True):
        a, b = relation.claim_a, relation.claim_b
        place = Place(shown, f"relation {a} / {b}", raw)
        for key, report, claim in (("claim_a", model.report_a, a), ("claim_b", model.report_b, b)):
            if (report, claim) not in claims:
                raise place.error(key, f"unknown claim '{claim}' of report '{report}'")
        triple = (a, b, relation.relation)
        if triple in seen:
            raise place.error(None, f"duplicate relation (first on line {seen[triple]})")
        seen[triple] = place.line()
        out.relations.append(
            CrossRelation(
                model.report_a,
                a,
                model.report_b,
                b,
                relation.relation,
                relation.rationale,
                SourceLocation(shown, place.line()),
            )
        )
