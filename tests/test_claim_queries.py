"""The claim-centred canned queries (claim-evidence, cross-report, flags, secondary-statistics,
studies) answer on the real corpus what the curators wrote and the texts say.

Expected values come from ``annotations/*.yaml`` (read here with plain ``yaml.safe_load``, not
through ``kg.annotations``) and from reading the report texts in ``corpus/``; anchors are checked
against the texts with ``text[start:end]``. Nothing here is copied from a query's output.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
import yaml

from kg.query import run_query
from tests.conftest import ROOT

REPORTS = ("policing2020", "usc2012")
EVIDENCE_KINDS = {"cited-work", "interview", "study", "own-data", "relayed-from", "no-source-given"}


def rows(store, name, **params):
    return run_query(store, name, params, limit=None).records()


def words(text: str) -> str:
    """Whitespace folded, as the curators type quotes (the 2020 text has blank lines between lines)."""
    return " ".join(text.split())


@cache
def curated(report: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / "annotations" / f"{report}.yaml").read_text(encoding="utf-8"))


@cache
def cross_pairs() -> list[dict[str, str]]:
    return yaml.safe_load((ROOT / "annotations" / "cross-report.yaml").read_text(encoding="utf-8"))["relations"]


def yaml_claims() -> list[tuple[str, dict[str, Any]]]:
    return [(report, claim) for report in REPORTS for claim in curated(report)["claims"]]


def yaml_claim(report: str, claim_id: str) -> dict[str, Any]:
    return next(c for c in curated(report)["claims"] if c["id"] == claim_id)


@pytest.fixture(scope="module")
def claim_iris(store) -> dict[tuple[str, str], str]:
    """(report, whitespace-folded quote) -> claim IRI, from the claims query."""
    return {(r["report"], words(r["quote"])): r["claim"] for r in rows(store, "claims")}


def iri_of(claim_iris, report: str, claim_id: str) -> str:
    return claim_iris[(report, words(yaml_claim(report, claim_id)["quote"]))]


def assert_anchored(row: dict[str, str], reports) -> None:
    text = reports[row["report"]].text
    assert text[int(row["start"]) : int(row["end"])] == row["text"], row


# --- the done-criterion: claims listed, anchored, each with evidence or "no source given" -----------


def test_every_claim_is_listed_anchored_and_has_evidence_or_says_none(store, reports):
    listed = rows(store, "claims")
    assert len(listed) >= 60
    assert len(listed) == len(yaml_claims())
    for claim in listed:
        # a claim IRI is res:claim/<report>/<start>-<end>: its quote must be the text at those offsets
        report, span = claim["claim"].rsplit("/", 2)[-2:]
        start, end = (int(x) for x in span.split("-"))
        assert report == claim["report"] and reports[report].text[start:end] == claim["quote"], claim["claim"]
        evidence = rows(store, "claim-evidence", claim=claim["claim"])
        assert evidence, f"{claim['claim']} has neither evidence nor a 'no source given' row"
        kinds = {r["evidenceKind"] for r in evidence}
        assert kinds <= EVIDENCE_KINDS
        assert ("no-source-given" in kinds) == (claim["evidenceKind"] == "no-source-given"), claim["claim"]


def test_every_curated_claim_shows_the_evidence_its_curator_named(store, reports, claim_iris):
    for report, claim in yaml_claims():
        evidence = claim.get("evidence", {})
        found = rows(store, "claim-evidence", claim=iri_of(claim_iris, report, claim["id"]))
        keys = Counter((r["evidenceKind"], r["key"]) for r in found)
        if evidence.get("none"):
            # a figure attributed to someone with nothing cited (chain ncmec-average-age) still has no source
            sourced = [r for r in found if r["evidenceKind"] != "relayed-from"]
            assert [(r["evidenceKind"], r["label"]) for r in sourced] == [("no-source-given", "no source given")]
            continue
        # works cited inside the quote are evidence too, so the curator's works are a subset
        assert set(evidence.get("works", [])) <= {k for kind, k in keys if kind == "cited-work"}, claim["id"]
        assert {k for kind, k in keys if kind == "interview"} == set(evidence.get("interviews", [])), claim["id"]
        studies = {k for kind, k in keys if kind in ("study", "own-data")}
        assert studies == set(evidence.get("studies", [])), claim["id"]
        for row in found:
            if row["evidenceKind"] != "relayed-from":
                assert_anchored(row, reports)


# --- claim-evidence, claim by claim ------------------------------------------------------------------


def test_a_relayed_figure_shows_the_news_citation_after_the_quote_and_the_originator(store, reports, claim_iris):
    # "... being exploited (NPR, 2010)." — the citation follows the curated quote, which ends at "exploited"
    found = rows(store, "claim-evidence", claim=iri_of(claim_iris, "policing2020", "intro-pimp-earnings"))
    cited = [r for r in found if r["evidenceKind"] == "cited-work"]
    assert [(r["key"], r["text"]) for r in cited] == [("npr2010", "NPR, 2010")]
    assert_anchored(cited[0], reports)
    assert cited[0]["placement"].endswith("characters after the quote")
    relayed = [r for r in found if r["evidenceKind"] == "relayed-from"]
    assert [r["label"] for r in relayed] == ["National Center for Missing and Exploited Children"]


def test_a_claim_resting_on_the_interviews_shows_the_excerpt_with_its_speaker(store, reports, claim_iris):
    found = rows(store, "claim-evidence", claim=iri_of(claim_iris, "policing2020", "intro-initial-findings"))
    by_kind = {r["evidenceKind"]: r for r in found}
    assert set(by_kind) == {"interview", "own-data"}
    excerpt = by_kind["interview"]
    assert excerpt["key"] == "sort-of-terrible" and excerpt["role"] == "detective"
    # the detective's whole block quote, from its first sentence to the end of its paragraph
    assert excerpt["text"].startswith("It’s been sort of terrible quite honestly. It didn’t slow down")
    assert excerpt["text"].endswith("[they have moved to] the darknet.")
    assert by_kind["own-data"]["key"] == "interviews2019"
    assert by_kind["own-data"]["text"] == "There were 13 respondents in this study."
    for row in found:
        assert_anchored(row, reports)


def test_an_excerpt_quoted_inside_the_claim_is_placed_there(store, claim_iris):
    # "... as an “evidentiary gold mine” and an important part ..." quotes the interviewees' words
    found = rows(store, "claim-evidence", claim=iri_of(claim_iris, "usc2012", "mp-gold-mine"))
    excerpts = {r["key"]: r for r in found if r["evidenceKind"] == "interview"}
    assert set(excerpts) == {"evidentiary-gold-mine", "tiny-computers"}
    assert excerpts["evidentiary-gold-mine"]["placement"] == "inside the quote"
    assert excerpts["tiny-computers"]["placement"] != "inside the quote"
    assert excerpts["tiny-computers"]["role"] == "agent"


def test_an_endnote_marker_inside_the_quote_anchors_the_field_notes(store, claim_iris):
    # "... Everyone thinks cops are on there now.”[35]" and endnote 35 is "Musto. Field notes, 2012."
    found = rows(store, "claim-evidence", claim=iri_of(claim_iris, "usc2012", "lh-no-one-backpage"))
    notes = [r for r in found if r["key"] == "musto_fieldnotes_2012"]
    assert [(r["text"], r["placement"]) for r in notes] == [("[35]", "inside the quote")]
    speaker = [r for r in found if r["evidenceKind"] == "interview"]
    assert [(r["key"], r["role"]) for r in speaker] == [("cops-on-there", "detective")]


def test_a_cited_study_and_its_work(store, claim_iris):
    found = rows(store, "claim-evidence", claim=iri_of(claim_iris, "policing2020", "intro-craigslist-homicide"))
    assert {(r["evidenceKind"], r["key"]) for r in found} == {
        ("cited-work", "cunningham2019"),
        ("study", "cunningham2019-homicide"),
    }


def test_a_claim_with_no_source_has_exactly_one_row_saying_so(store, claim_iris):
    found = rows(store, "claim-evidence", claim=iri_of(claim_iris, "policing2020", "intro-epstein"))
    assert len(found) == 1
    assert (found[0]["evidenceKind"], found[0]["label"], found[0]["key"]) == ("no-source-given", "no source given", "")


def test_an_unsourced_figure_named_after_its_originator(store, claim_iris):
    # "The National Center for Missing and Exploited Children has found that the average victim is 15 years
    # of age." names NCMEC and cites nothing (chain ncmec-average-age, evidence {none: true})
    found = rows(store, "claim-evidence", claim=iri_of(claim_iris, "policing2020", "lit-average-age-15"))
    assert sorted((r["evidenceKind"], r["label"]) for r in found) == [
        ("no-source-given", "no source given"),
        ("relayed-from", "National Center for Missing and Exploited Children"),
    ]


def test_an_extracted_sentence_with_a_cited_figure(store, reports):
    # The sentence of the design example: "$99 billion ... (Children’s Rights, n.d.; International Labour
    # Organization, 2014)." Both citations sit inside the sentence. The curated claim intro-99-billion
    # (1134-1291) covers all it says (both figures, both works), so the sentence is that one claim, with
    # both origins; no second claim node stands at the sentence's span.
    sentence, claim = "res:claim/policing2020/1045-1361", "res:claim/policing2020/1134-1291"
    assert reports["policing2020"].text[1045:1361].startswith("While human trafficking includes forced labor")
    assert rows(store, "claim-evidence", claim=sentence) == []
    found = rows(store, "claim-evidence", claim=claim)
    assert {r["key"] for r in found if r["evidenceKind"] == "cited-work"} == {"childrensrights_nd", "ilo2014"}
    assert all(r["placement"].endswith("characters after the quote") for r in found if r["key"] == "ilo2014")
    origins = store.select(
        "PREFIX ekg: <https://w3id.org/evidence-kg/ontology#> SELECT ?o WHERE { "
        "<https://w3id.org/evidence-kg/resource/claim/policing2020/1134-1291> ekg:origin ?o }"
    ).records()
    assert {r["o"].rsplit("#", 1)[-1] for r in origins} == {"Curated", "Extracted"}


def test_anything_but_a_claim_has_no_evidence_rows(store):
    assert rows(store, "claim-evidence", claim="res:stat/policing2020/1224-1235") == []
    assert rows(store, "claim-evidence", claim="res:claim/nowhere/0-1") == []


# --- cross-report -------------------------------------------------------------------------------------


def test_cross_report_pairs_are_the_curated_ones(store):
    table = run_query(store, "cross-report")
    assert table.columns[:4] == ["claimA", "claimB", "relation", "rationale"]
    found = table.records()
    expected = {(p["claim_a"], p["claim_b"], p["relation"]) for p in cross_pairs()}
    assert len(expected) >= 10
    assert {(r["idA"], r["idB"], r["relation"]) for r in found} == expected
    assert len(found) == len(cross_pairs())
    # "Sources of 2012 make Backpage the number one site ...; a 2012 detective thought no one used it any more."
    assert ("net-number-one", "lh-no-one-backpage", "contradicts") in expected
    rationale = {(p["claim_a"], p["claim_b"]): p["rationale"] for p in cross_pairs()}
    for r in found:
        assert (r["reportA"], r["reportB"]) == ("policing2020", "usc2012")
        assert r["rationale"] == rationale[(r["idA"], r["idB"])]
        assert words(r["quoteA"]) == words(yaml_claim("policing2020", r["idA"])["quote"])
        assert words(r["quoteB"]) == words(yaml_claim("usc2012", r["idB"])["quote"])


# --- flags --------------------------------------------------------------------------------------------


def _yaml_flag_quotes(flag: dict[str, Any]) -> list[str]:
    return [q["quote"] if isinstance(q, dict) else q for q in flag["quotes"]]


def test_flags_one_row_per_anchor_with_the_exact_text(store, reports):
    table = run_query(store, "flags")
    assert table.columns[:7] == ["flag", "kind", "report", "start", "end", "text", "rationale"]
    # the rules' flags are listed beside the curated ones, each with its origin; the curated rows are unchanged
    from kg.graph.candidates import FIGURE_FLAG

    # a curated candidate source whose page gives another figure raises its own flag (bib/candidates.yaml)
    found = [r for r in table.records() if r["origin"] == "curated" and r["kind"] != FIGURE_FLAG]
    from_candidates = {r["flag"] for r in table.records() if r["kind"] == FIGURE_FLAG}
    assert all(flag.rsplit("/", 1)[1].startswith("candidate-") for flag in from_candidates) and from_candidates
    assert {r["origin"] for r in table.records()} == {"curated", "suggested"}
    # 25 flags on the 2020 report and 19 on the 2012 report, counted by hand in the YAML files
    assert len({r["flag"] for r in found}) == 25 + 19
    flags = {(report, f["id"]): f for report in REPORTS for f in curated(report)["flags"]}
    assert len(found) == sum(len(f["quotes"]) for f in flags.values())
    for r in found:
        flag = flags[(r["report"], r["id"])]
        assert_anchored(r, reports)
        assert words(r["text"]) in {words(q) for q in _yaml_flag_quotes(flag)}
        assert (r["kind"], r["rationale"]) == (flag["kind"], flag["rationale"])
        assert set(r["works"].split()) == set(flag.get("works", [])), r["id"]


def test_a_repeated_endnote_is_flagged_at_each_occurrence(store, reports):
    six = [r for r in rows(store, "flags") if r["id"] == "same-date-many-speakers"]
    assert len(six) == 6 and len({r["start"] for r in six}) == 6
    assert {r["text"] for r in six} == {"Musto. Personal communication, June 29, 2012."}
    half = [r for r in rows(store, "flags") if r["id"] == "about-half"]
    assert [(r["kind"], r["text"]) for r in half] == [("count-conflict", "about half (2,050)")]


# --- secondary statistics ------------------------------------------------------------------------------


def test_relayed_figures_with_their_chain(store, reports):
    found = rows(store, "secondary-statistics")
    for r in found:
        assert_anchored(r, reports)
        assert r["originator"] and r["originatorLabel"], r
    chains = {(r["report"], r["text"], r["viaKey"], r["originatorLabel"]) for r in found}
    # "According to the National Center for Missing and Exploited Children, each pimp or trafficker can
    # make $150,000-$200,000 per girl, with an estimated four to six girls ... (NPR, 2010)."
    ncmec = "National Center for Missing and Exploited Children"
    assert ("policing2020", "$150,000-$200,000", "npr2010", ncmec) in chains
    assert ("policing2020", "four to six", "npr2010", ncmec) in chains
    # "The National Center for Missing and Exploited Children has found that the average victim is 15 years
    # of age." — nothing cited
    assert ("policing2020", "15 years", "", ncmec) in chains
    # "According to the Internet tracking site, Alexa, Craigslist currently ranks as the 27th in the U.S."
    assert ("policing2020", "27th", "", "Alexa") in chains
    # the ABA's reading, relayed by Newcombe (2015, para. 3): "... under the age of 18 is by definition a victim"
    assert ("policing2020", "18", "newcombe2015", "American Bar Association") in chains
    # endnote [1]: "Quantcast estimates Adult Search’s monthly unique visitors at 467,868, MyRedBook’s at
    # 243,360, and Cityvibe’s at 138,402."
    for figure in ("467,868", "243,360", "138,402"):
        assert ("usc2012", figure, "quantcast_nd", "Quantcast") in chains
    quantcast = [r for r in found if r["text"] == "467,868"][0]
    assert Decimal(quantcast["value"]) == 467_868 and quantcast["viaKind"] == "data-set"
    # the 2012 report's own count of posts is primary data, never relayed
    assert not any(r["text"].startswith("18,429") for r in found)


# --- studies -------------------------------------------------------------------------------------------


def test_studies_with_their_figures_and_what_rests_on_them(store):
    table = run_query(store, "studies")
    found = {r["key"]: r for r in table.records()}
    expected = {(report, s["id"]): s for report in REPORTS for s in curated(report)["studies"]}
    assert len(found) == len(expected) == 12 + 4
    for (report, key), study in expected.items():
        r = found[key]
        assert r["report"] == report and r["label"] == study["label"]
        assert r["own"] == ("true" if study["own"] else "false"), key
        assert r["sampleSize"] == str(study.get("sample_size", "")), key
        assert r["place"] == study.get("place", "") and r["period"] == study.get("period", ""), key
        assert set(r["works"].split()) == set(study.get("works", [])), key
        resting = {c["id"] for c in curated(report)["claims"] if key in c.get("evidence", {}).get("studies", [])}
        assert int(r["claims"]) == len(resting) and set(r["claimKeys"].split()) == resting, key
        excerpts = [e for e in curated(report)["interviews"] if e.get("study") == key]
        assert int(r["excerpts"]) == len(excerpts), key
    # hand-read: 13 respondents in 2020, 18,429 posts and 15 agents in 2012
    assert (found["interviews2019"]["sampleSize"], found["la-posts"]["sampleSize"]) == ("13", "18429")
    assert found["le-interviews"]["sampleSize"] == "15" and found["fedina2019-victims"]["sampleSize"] == "115"
    # the 2012 report's figures of posts and phone numbers rest on its own data set
    assert int(found["la-posts"]["statistics"]) > 0 and int(found["interviews2019"]["statistics"]) > 0
    assert all(int(r["statistics"]) == 0 for r in found.values() if r["own"] == "false")


# --- the command line picks them up ----------------------------------------------------------------------


NEW_QUERIES = ("claim-evidence", "cross-report", "flags", "secondary-statistics", "studies")


def test_kg_queries_lists_them_and_kg_query_runs_them(build_dir, capsys, monkeypatch):
    import csv
    import io
    import json

    from kg.cli import main

    monkeypatch.delenv("KG_ENDPOINT", raising=False)
    assert main(["queries", "--format", "json"]) == 0
    listed = {q["name"]: q for q in json.loads(capsys.readouterr().out)}
    assert set(NEW_QUERIES) <= set(listed)
    assert [p["name"] for p in listed["claim-evidence"]["params"]] == ["claim"]
    for name in NEW_QUERIES:
        argv = ["query", name, "--format", "csv", "--build", str(build_dir)]
        if name == "claim-evidence":
            argv += ["--param", "claim=res:claim/policing2020/1134-1291"]
        assert main(argv) == 0, name
        table = list(csv.reader(io.StringIO(capsys.readouterr().out)))
        assert len(table) > 1, name
