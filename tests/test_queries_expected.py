"""Each canned query answers the question it names, checked against the real corpus.

Expected values were read off the report texts by hand (offsets verified with
``text[start:end]``), not copied from the query output.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.query import run_query

STAT_99B = "res:stat/policing2020/1224-1235"
STAT_PIMP = "res:stat/policing2020/1466-1483"


def rows(store, name, **params):
    return run_query(store, name, params).records()


def test_reports(store):
    result = {r["key"]: r for r in rows(store, "reports")}
    assert set(result) == {"policing2020", "usc2012"}
    assert result["policing2020"]["title"] == "Policing Internet Sex Trafficking"
    assert result["policing2020"]["year"] == "2020" and result["usc2012"]["year"] == "2012"
    assert result["usc2012"]["textFile"] == "corpus/003_93f97854f7705840.txt"
    assert int(result["policing2020"]["citations"]) >= 70 and int(result["usc2012"]["citations"]) >= 30


def test_references_columns_and_known_works(store):
    table = run_query(store, "references")
    assert table.columns == [
        "key",
        "kind",
        "title",
        "titleFrom",
        "year",
        "firstAuthor",
        "url",
        "urlFrom",
        "doi",
        "doiFrom",
        "lookup",
        "citedBy",
        "occurrences",
    ]
    by_key = {r["key"]: r for r in table.records()}
    heil = by_key["heil2014"]
    assert heil["firstAuthor"] == "Heil" and heil["year"] == "2014" and heil["citedBy"] == "policing2020"
    # "(Heil & Nichols, 2014)" at 6228, 19986 and 22795 (across a line break), "Heil and Nichols (2014)" at 22094
    assert int(heil["occurrences"]) == 4
    assert by_key["childrensrights_nd"]["year"] == "n.d."
    pc = by_key["musto_pc_2012_06_29"]
    assert pc["kind"] == "personal-communication" and pc["citedBy"] == "usc2012"
    # endnotes [16], [21], [24], [29], [31], [37] are the personal communication of June 29, 2012
    assert int(pc["occurrences"]) == 6


def test_citations_columns_anchor_and_status(store, reports):
    table = run_query(store, "citations")
    assert table.columns == ["report", "start", "end", "text", "key", "firstAuthor", "year", "status"]
    records = table.records()
    ilo = [r for r in records if r["key"] == "ilo2014"]
    assert any(r["start"] == "1318" and r["end"] == "1359" for r in ilo)
    for r in records:
        assert reports[r["report"]].text[int(r["start"]) : int(r["end"])] == r["text"]
        assert r["status"] in {"resolved", "variant", "unresolved"}
    variants = {" ".join(r["text"].split()) for r in records if r["status"] == "variant"}
    assert "Makin & Brye, 2018" in variants and "Vallacampa & Torres, 2017" in variants
    markers = [r for r in records if r["report"] == "usc2012" and r["text"] == "[6]"]
    assert {r["key"] for r in markers} == {"anderson2012", "shively2012"}


def test_statistics_the_design_example(store):
    table = run_query(store, "statistics")
    assert table.columns == [
        "stat",
        "report",
        "start",
        "end",
        "text",
        "value",
        "upper",
        "unit",
        "measure",
        "year",
        "sourceKey",
        "sourceKind",
        "context",
        "subject",
        "place",
    ]
    records = table.records()
    billion = [r for r in records if r["start"] == "1224" and r["report"] == "policing2020"]
    assert {r["sourceKey"] for r in billion} == {"childrensrights_nd", "ilo2014"}
    assert Decimal(billion[0]["value"]) == Decimal(99_000_000_000)
    assert billion[0]["unit"].endswith("USD")
    pimp = [r for r in records if r["start"] == "1466"][0]
    assert (Decimal(pimp["value"]), Decimal(pimp["upper"])) == (150_000, 200_000)
    assert pimp["text"] == "$150,000-$200,000" and pimp["sourceKey"] == "npr2010" and pimp["sourceKind"] == "news-item"
    seventy_one = [r for r in records if r["text"] == "71 percent"][0]
    assert seventy_one["year"] == "2017" and seventy_one["sourceKey"] == "usdod2019"
    posts = [r for r in records if r["report"] == "usc2012" and r["text"].startswith("18,429")]
    assert posts and all(r["sourceKind"] == "study" for r in posts)


def test_statistics_without_a_source_say_so(store):
    records = rows(store, "statistics")
    unsourced = [r for r in records if r["sourceKind"] == "no-source-given"]
    assert unsourced and all(r["sourceKey"] == "" for r in unsourced)
    # "Craigslist currently ranks as the 27th": Alexa is named but nothing is cited
    assert any(r["text"].startswith("27th") for r in unsourced)


def test_mentions(store, reports):
    table = run_query(store, "mentions")
    assert table.columns == ["entity", "label", "kind", "report", "start", "end", "text"]
    records = table.records()
    texts = {r["text"] for r in records}
    for variant in ("F.B.I.", "I.C.E.", "Backpage.com", "Craigslist"):
        assert variant in texts, variant
    assert any(r["text"].startswith("D.O.J.") for r in records)
    for r in records:
        assert reports[r["report"]].text[int(r["start"]) : int(r["end"])] == r["text"]
        assert r["kind"], r


def test_claims(store):
    table = run_query(store, "claims")
    assert table.columns == ["claim", "report", "section", "kind", "quote", "sourceKeys", "evidenceKind"]
    records = table.records()
    assert len(records) >= 60
    assert {r["report"] for r in records} == {"policing2020", "usc2012"}
    assert all(r["evidenceKind"] for r in records), "every claim has evidence or 'no-source-given'"
    assert all(r["kind"] in {"finding", "background", "method", "recommendation", "limitation"} for r in records)


@pytest.mark.parametrize("item", [STAT_PIMP])
def test_provenance_of_a_relayed_figure_shows_the_whole_chain(store, item):
    records = rows(store, "provenance", item=item)
    relations = {(r["key"] or r["title"], r["relation"]) for r in records}
    assert ("npr2010", "rests on") in relations
    assert ("National Center for Missing and Exploited Children", "originates with (relayed)") in relations


def test_provenance_of_a_cited_figure(store):
    records = rows(store, "provenance", item=STAT_99B)
    assert {r["key"] for r in records if r["relation"] == "rests on"} == {"childrensrights_nd", "ilo2014"}
    years = {r["key"]: r["year"] for r in records}
    assert years["childrensrights_nd"] == "n.d." and years["ilo2014"] == "2014"


def test_unsupported_claims_are_claims_with_no_source(store):
    unsupported = rows(store, "unsupported-claims")
    claims = {r["claim"]: r for r in rows(store, "claims")}
    assert unsupported
    for r in unsupported:
        assert claims[r["claim"]]["evidenceKind"] == "no-source-given"
        assert claims[r["claim"]]["sourceKeys"] == ""
