"""Figures and claims of different reports paired as suggestions, never mixed with the curated relations.

Claim pairs are measured against the 28 curated cross-report relations (annotations/cross-report.yaml):
recall is the share of curated pairs the suggestions hold, precision the share of suggestions that are
curated pairs (a low bound: a curator judged only some pairs). Floors are what word overlap measures.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml

from kg.evidence import compare
from kg.evidence.records import Measure
from kg.query import run_query
from kg.records import Span, StatisticRecord
from tests.conftest import ROOT
from tests.evidence_support import curated, find_quote

#: Word overlap (TF-IDF cosine) on the curated claims; measured today.
CLAIM_FLOORS = (0.07, 0.04)


def _stat(report: str, start: int, value: str, unit: str = "YEAR", kind: str = "age", upper: str | None = None):
    return StatisticRecord(
        Span(report, start, start + 2), value, Decimal(value), unit, kind, "", Decimal(upper) if upper else None
    )


def _pairs(a: StatisticRecord, b: StatisticRecord, phrase_a: str, phrase_b: str, subject: str | None = None):
    measures = {
        a.span: Measure(a.span, phrase_a, subject_entity=subject),
        b.span: Measure(b.span, phrase_b, subject_entity=subject),
    }
    return compare.figure_pairs({a.span.report: [a], b.span.report: [b]}, measures)


def test_figures_measuring_the_same_thing_corroborate_within_the_tolerance():
    found = _pairs(_stat("a", 0, "15"), _stat("b", 0, "16"), "age of average victim", "age of the average victim")
    assert [(p.relation, p.basis) for p in found] == [("corroborates", "age average victim")]
    assert _pairs(_stat("a", 0, "15"), _stat("b", 0, "19"), "age of average victim", "age of average victim")[
        0
    ].relation == ("contradicts")
    # a range that holds the other value agrees with it, whatever the tolerance
    ranged = _pairs(
        _stat("a", 0, "12", upper="14"), _stat("b", 0, "14"), "age of victims recruited", "age of victims recruited"
    )
    assert ranged[0].relation == "corroborates"


def test_figures_of_one_report_or_of_different_things_are_not_paired():
    assert _pairs(_stat("a", 0, "15"), _stat("a", 9, "15"), "age of average victim", "age of average victim") == []
    assert _pairs(_stat("a", 0, "15"), _stat("b", 0, "15"), "age of average victim", "age of first arrest") == []
    share = _stat("a", 0, "19", "PERCENT", "percentage")
    other = _stat("b", 0, "25", "PERCENT", "percentage")
    assert [p.relation for p in _pairs(share, other, "share", "share", subject="metro-pcs")] == ["contradicts"]


def test_claims_sharing_rare_words_are_paired_across_reports_only():
    claims = {
        "a": [
            (Span("a", 0, 10), "Closing one site sends traffic to other advertising sites."),
            (Span("a", 20, 30), "Budgets fell."),
        ],
        "b": [(Span("b", 0, 10), "Shutting a site sends its traffic to other advertising sites abroad.")],
    }
    found = compare.claim_pairs(claims)
    assert [(p.a, p.b, p.relation) for p in found] == [(Span("a", 0, 10), Span("b", 0, 10), "similar")]
    assert 0 < found[0].score <= 1 and "advertising" in found[0].basis


def test_claim_pairs_against_the_curated_relations(store, reports):
    relations = yaml.safe_load((ROOT / "annotations" / "cross-report.yaml").read_text(encoding="utf-8"))["relations"]

    def span_of(report: str, claim_id: str) -> str:
        claim = next(c for c in curated(report)["claims"] if c["id"] == claim_id)
        start, end = find_quote(reports[report].text, claim["quote"], claim.get("occurrence", 1))
        return f"{report}/{start}-{end}"

    gold = {(span_of("policing2020", r["claim_a"]), span_of("usc2012", r["claim_b"])) for r in relations}
    rows = run_query(store, "suggestions", {}, limit=None).records()
    suggested = {
        (r["itemA"].split("claim/", 1)[-1], r["itemB"].split("claim/", 1)[-1]) for r in rows if r["kind"] == "claim"
    }
    hits = gold & suggested
    recall, precision = len(hits) / len(gold), len(hits) / len(suggested)
    print(
        f"\nclaim pairs: {len(suggested)} suggested, {len(hits)} of {len(gold)} curated relations among them: "
        f"recall {recall:.3f}, precision against the curated ones {precision:.3f}"
    )
    assert recall >= CLAIM_FLOORS[0] and precision >= CLAIM_FLOORS[1]


def test_the_suggestions_query_lists_both_quotes_anchored_and_apart_from_curated_relations(store, reports):
    rows = run_query(store, "suggestions", {}, limit=None).records()
    assert rows and {r["origin"] for r in rows} == {"suggested"}
    assert {r["kind"] for r in rows} <= {"figure", "claim"}
    for r in rows:
        assert r["reportA"] != r["reportB"]
        for side in "AB":
            text = reports[r[f"report{side}"]].text
            assert text[int(r[f"start{side}"]) : int(r[f"end{side}"])] == r[f"quote{side}"]
            if r["kind"] == "figure":
                assert r[f"figure{side}"] and r[f"figure{side}"] in r[f"quote{side}"]
    curated_pairs = {(r["claimA"], r["claimB"]) for r in run_query(store, "cross-report", {}, limit=None).records()}
    assert len(curated_pairs) == 28  # the curated relations stay as they are
    typed = store.select(
        "PREFIX ekg: <https://w3id.org/evidence-kg/ontology#> SELECT ?p WHERE { ?p a ekg:Pairing , ekg:ClaimRelation }"
    ).records()
    assert typed == []


@pytest.mark.parametrize("value", ["0.10"])
def test_the_tolerance_is_stated(value):
    assert compare.TOLERANCE == Decimal(value)
