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


def _filler(count: int) -> list[tuple[Span, str]]:
    """Claims of a report of their own, each with words no other claim has (so the others' words stay rare)."""
    words = ["".join(chr(97 + int(d)) for d in f"{i:04d}") + "zq" for i in range(3 * count)]
    return [(Span("zz", i * 10, i * 10 + 5), " ".join(words[3 * i : 3 * i + 3])) for i in range(count)]


def test_each_claim_gets_at_most_three_partners_the_best_ones():
    text = "Closing one site sends traffic to other advertising sites abroad"
    claims = {
        f"r{i:02d}": [(Span(f"r{i:02d}", 0, 10), text + (" offshore mirrors" if i < 3 else ""))] for i in range(12)
    }
    claims["zz"] = _filler(60)
    found = compare.claim_pairs(claims)
    degree: dict[Span, int] = {}
    for pair in found:
        degree[pair.a] = degree.get(pair.a, 0) + 1
        degree[pair.b] = degree.get(pair.b, 0) + 1
    assert len(degree) == 12 and max(degree.values()) == compare.PARTNERS  # not 11 each, as before
    # the three claims that also share the rarer "offshore mirrors" are one another's best partners
    assert {(p.a.report, p.b.report) for p in found if p.a.report < "r03" and p.b.report < "r03"} == {
        ("r00", "r01"),
        ("r00", "r02"),
        ("r01", "r02"),
    }


def test_claims_sharing_one_word_only_are_not_paired():
    claims = {
        "a": [(Span("a", 0, 10), "The number rose."), (Span("a", 20, 30), "Budgets fell in Ohio.")],
        "b": [(Span("b", 0, 10), "That number is disputed."), (Span("b", 20, 30), "Arrests grew in Texas.")],
    }
    assert compare.claim_pairs(claims) == []


def test_each_figure_gets_at_most_three_partners():
    stats = {f"r{i}": [_stat(f"r{i}", 0, "15")] for i in range(8)}
    measures = {s[0].span: Measure(s[0].span, "age of average victim") for s in stats.values()}
    found = compare.figure_pairs(stats, measures)
    degree: dict[Span, int] = {}
    for pair in found:
        degree[pair.a] = degree.get(pair.a, 0) + 1
        degree[pair.b] = degree.get(pair.b, 0) + 1
    assert len(degree) == 8 and max(degree.values()) == compare.PARTNERS and len(found) <= 8 * 3 // 2


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
