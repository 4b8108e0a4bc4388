"""A report nobody annotated, in a style neither seed report uses (a policy brief: numbered paragraphs,
Harvard citations without commas, a reference list), goes through `kg add` and `kg build` and comes
out with entities beyond the gazetteer, suggested flags, a chain of custody, claim kinds and a
suggested pairing with another report, every quote anchored in its text.
"""

from __future__ import annotations

import pytest

from kg.cli import main
from kg.query import run_query
from kg.store import EmbeddedStore
from tests.conftest import copy_project, seeded_out, session_build
from tests.evidence_support import BRIEF, BRIEF_ENTRY

#: The whole path (kg add, kg build with the reasoner, kg query) on a third report: end to end.
pytestmark = pytest.mark.slow

REPORT = "briefstyle"


@pytest.fixture(scope="module")
def built(tmp_path_factory, request):
    folder = tmp_path_factory.mktemp("third")
    paths = copy_project(folder / "project")
    bib = folder / "briefstyle.bib"
    bib.write_text((BRIEF / "references.bib").read_text(encoding="utf-8") + BRIEF_ENTRY, encoding="utf-8")
    project = ["--project", str(paths.root)]
    assert main([*project, "add", str(BRIEF / "report.txt"), "--bib", str(bib), "--id", REPORT]) == 0
    session = session_build(request.config).outputs["kg.nt"].parent
    out = seeded_out(session, folder / "out")  # the seed reports from the session build's cache
    assert main([*project, "build", "--out", str(out), "--quiet"]) == 0  # SHACL and the reasoner
    text = (paths.corpus / f"{REPORT}.txt").read_text(encoding="utf-8")
    return EmbeddedStore.from_file(out / "kg.nt"), paths, text


def rows(built, name, **params):
    store, paths, _ = built
    return run_query(store, name, params, paths=paths, limit=None).records()


def test_entities_beyond_the_gazetteer(built):
    _, _, text = built
    found = {r["label"]: r for r in rows(built, "entities") if f"{REPORT}=" in r["mentionsByReport"]}
    assert found["Harbor County Department of Social Services"]["altLabels"] == "HCDSS"
    assert found["Operation Clean Sweep"]["kind"] == "Operation"
    assert found["State v. Delgado"]["kind"] == "LegalCase"
    assert found["Allow States and Victims to Fight Online Sex Trafficking Act"]["kind"] == "Legislation"
    assert {r["origin"] for r in found.values()} == {"extracted"}
    mentions = [r for r in rows(built, "mentions") if r["report"] == REPORT]
    assert {"HCDSS", "FOSTA", "listcrawler.com", "Kik", "Veritas Labs"} <= {r["text"] for r in mentions}
    for r in mentions:
        assert text[int(r["start"]) : int(r["end"])] == r["text"]


def test_flags_a_chain_and_claim_kinds(built):
    _, _, text = built
    flags = [r for r in rows(built, "flags") if r["report"] == REPORT]
    assert flags and {r["origin"] for r in flags} == {"suggested"}
    kinds = {r["kind"] for r in flags}
    assert {"no-source", "news-as-evidence", "undated-source", "relayed-figure", "not-in-bibliography"} <= kinds
    assert {"uncited-reference", "personal-communication-as-evidence"} <= kinds
    for r in flags:
        assert text[int(r["start"]) : int(r["end"])] == r["text"]
    # "According to the National Center for Missing and Exploited Children, reports of online enticement rose by
    # 97 percent ... (Daily Courier 2021)": report -> Daily Courier 2021 -> the National Center
    stats = [r for r in rows(built, "statistics") if r["report"] == REPORT and r["text"] == "97 percent"]
    assert stats and stats[0]["sourceKey"] == "dailycourier2021"
    chain = rows(built, "provenance", item=stats[0]["stat"])
    assert ("dailycourier2021", "rests on") in {(r["key"], r["relation"]) for r in chain}
    assert ("National Center for Missing and Exploited Children", "suggested") in {
        (r["title"], r["origin"]) for r in chain if r["relation"] == "originates with (suggested chain)"
    }
    claims = [r for r in rows(built, "claim-kinds") if r["report"] == REPORT]
    assert {"background", "method", "finding", "recommendation"} <= {r["kind"] for r in claims}
    assert all(r["curated"] == "false" and r["kind"] == r["extractedKind"] for r in claims)
    for r in claims:
        start, end = (int(x) for x in r["claim"].rsplit("/", 1)[-1].split("-"))
        assert text[start:end] == r["quote"]


def test_a_suggested_pairing_with_another_report(built):
    _, _, text = built
    pairs = [r for r in rows(built, "suggestions") if REPORT in (r["reportA"], r["reportB"])]
    figures = [r for r in pairs if r["kind"] == "figure"]
    # "The average victim was 16 years of age" beside policing2020's "the average victim is 15 years of age"
    assert any(
        {r["figureA"], r["figureB"]} == {"15 years", "16 years"} and r["relation"] == "corroborates" for r in figures
    )
    for r in pairs:
        side = "A" if r["reportA"] == REPORT else "B"
        assert text[int(r[f"start{side}"]) : int(r[f"end{side}"])] == r[f"quote{side}"]
