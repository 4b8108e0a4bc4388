"""Candidate sources: the curated layer (bib/candidates.yaml), kg enrich's suggestions, and where a reader sees them.

A candidate is never what the report says: it is a node of its own, labelled curated or suggested, and
a work's own title stays as the report gives it. Every reader-facing place (the references query, the
app, the BibTeX, CSL-JSON and RIS exports) gives the link and says "candidate".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from kg.cli import main
from kg.enrich.run import Outcome, write_outcome
from kg.enrich.services import services
from kg.errors import InputError
from kg.exports.citations import all_works, render
from kg.graph.candidates import FIGURE_FLAG
from kg.pipeline.read_side import best_candidates
from kg.project import ProjectPaths
from kg.query import run_query
from kg.sources.bibliography import load_references
from kg.sources.candidates import Candidate, check_candidate_works, load_candidates, load_curated
from kg.vocab import EKG, PRISM, RES
from tests.conftest import copy_project, seeded_out


@pytest.fixture(scope="module")
def curated(paths) -> list[Candidate]:
    return load_curated(paths)


def test_every_cited_work_has_a_reviewed_candidate_record(paths, curated) -> None:
    keys = {e.key for e in load_references(paths)}
    assert {c.work for c in curated} == keys  # found, or a stub that says "not found"
    for c in curated:
        if c.status == "found":
            assert c.evidence_url.startswith(("http://", "https://")) and c.evidence_says, c.work
            assert c.title or c.link, c.work
        else:
            assert not (c.title or c.link) and (c.searched or c.note), c.work


def test_candidates_are_nodes_of_their_own_and_never_the_works_title(built, paths, curated) -> None:
    graph = built.graph
    entries = {e.key: e for e in load_references(paths)}
    for c in curated:
        node = RES[f"candidate/curated/{c.work}"]
        work = RES[f"work/{c.work}"]
        assert (node, RDF.type, EKG.SourceCandidate) in graph
        assert (node, EKG.candidateFor, work) in graph
        assert (node, EKG.origin, EKG.Curated) in graph
        assert (node, EKG.lookupResult, Literal(c.status)) in graph
        own = entries[c.work].fields.get("title")
        assert set(graph.objects(work, DCTERMS.title)) == ({Literal(own)} if own else set())
        if c.link and c.url:
            assert (node, PRISM.url, Literal(c.url)) in graph
        if c.evidence_url:
            assert (node, DCTERMS.source, URIRef(c.evidence_url)) in graph


def test_the_references_query_says_where_each_title_and_link_came_from(store, paths) -> None:
    rows = {r["key"]: r for r in run_query(store, "references", {}, paths=paths, limit=None).records()}
    best = best_candidates(load_candidates(paths))
    for key, row in rows.items():
        if row["urlFrom"] == "curated candidate":
            assert row["url"] == best[key].url
        assert row["titleFrom"] in {"text", "reference list", "curated candidate", "enrichment", ""}
        assert bool(row["title"]) == bool(row["titleFrom"])
    assert rows["ilo2014"]["urlFrom"] == "curated candidate" and rows["ilo2014"]["url"] == best["ilo2014"].url
    assert rows["anderson2012"]["titleFrom"] == "text"  # the report gives it: no candidate over it
    assert rows["npr2010"]["lookup"] == "not found" and not rows["npr2010"]["url"]  # a stub says so
    assert {r["lookup"] for r in rows.values()} == {"found", "not found"}


def test_a_figure_the_candidate_page_does_not_give_is_flagged(store, paths, curated) -> None:
    mismatched = {c.work for c in curated if c.figure_matches is False}
    assert mismatched
    flags = run_query(store, "flags", {}, paths=paths, limit=None).records()
    raised = [f for f in flags if f["kind"] == FIGURE_FLAG]
    assert {w for f in raised for w in f["works"].split()} == mismatched
    assert all(f["origin"] == "curated" and "candidate" in f["rationale"] for f in raised)
    # each is anchored in the report: the figure, or the citation where the figure is not a statistic
    assert all(f["text"] for f in raised)


def test_exports_carry_the_candidate_link_and_say_it_is_one(paths, store) -> None:
    entries = [e for e in all_works(store).entries if e.key == "ilo2014"]
    best = best_candidates(load_candidates(paths))["ilo2014"]
    bibtex = render(entries, "bibtex")
    assert f"url = {{{best.url}}}" in bibtex and "candidate source" in bibtex
    item = json.loads(render(entries, "csl-json"))[0]
    assert item["URL"] == best.url and "candidate" in item["note"] and item["title"] == best.title
    ris = render(entries, "ris")
    assert f"UR  - {best.url}" in ris and "N1  - " in ris and "candidate" in ris


@pytest.mark.slow
def test_kg_enrich_suggestions_are_labelled_suggested_and_never_outrank_a_curated_one(
    build_dir: Path, tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "p")
    curated = {c.work: c for c in load_curated(project)}
    stub = next(k for k, c in curated.items() if c.status == "not found" and k.startswith("kosloski"))
    found = next(k for k, c in curated.items() if c.status == "found" and c.url)
    outcome = Outcome()
    for key in (stub, found):
        outcome.proposed.append(
            Candidate(
                key,
                "enrichment",
                "found",
                "",
                0,
                title=f"Suggested {key}",
                doi=f"10.5555/{key}",
                service="crossref",
                score=0.9,
                reasons="authors 1/1; year",
            )
        )
    write_outcome(project.bib / "enrichment.json", outcome, services())
    seeded_out(build_dir, project.build)  # the reports' records from the session build's cache
    assert main(["--project", str(project.root), "build", "--no-reason", "--quiet"]) == 0
    from kg.store import EmbeddedStore

    store = EmbeddedStore.from_file(project.build / "kg.nt")
    rows = {r["key"]: r for r in run_query(store, "references", {}, paths=project, limit=None).records()}
    assert rows[stub]["doi"] == f"10.5555/{stub}" and rows[stub]["doiFrom"] == "enrichment"
    assert rows[found]["urlFrom"] == "curated candidate"  # the reviewed one first
    origins = store.select(
        "PREFIX ekg: <https://w3id.org/evidence-kg/ontology#> SELECT ?o WHERE { "
        f"<{RES[f'candidate/enrichment/{stub}']}> ekg:origin ?o }}"
    ).records()
    assert [r["o"] for r in origins] == [str(EKG.Suggested)]
    store.close()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "candidates:\n  - work: nosuchwork\n    status: not found\n    searched: [x]\n",
            ":2: no cited work has the key 'nosuchwork'",
        ),
        (
            "candidates:\n  - work: npr2010\n    status: found\n    title: T\n",
            ":2: candidate for 'npr2010' is found but has no 'evidence'",
        ),
        ("candidates:\n  - work: npr2010\n    status: maybe\n", ":3: candidate for 'npr2010': unknown status 'maybe'"),
    ],
)
def test_a_bad_candidate_file_names_the_line(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "candidates.yaml").write_text(text, encoding="utf-8")
    paths = ProjectPaths(tmp_path)
    with pytest.raises(InputError) as caught:
        check_candidate_works(load_candidates(paths), {"npr2010"})
    assert f"bib/candidates.yaml{message}" in str(caught.value)


@pytest.mark.slow
def test_a_bad_candidate_file_stops_the_build_in_one_line_and_keeps_its_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "p")
    (project.bib / "candidates.yaml").write_text("candidates:\n  - work: nosuchwork\n    status: found\n")
    assert main(["--project", str(project.root), "build", "--no-reason", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: bib/candidates.yaml:2: ") and err.count("\n") == 1, err
    assert not (project.build / "kg.nt").exists()


def test_a_hostile_address_is_never_made_a_link() -> None:
    from kg.app.ui import external_link

    from kg.appdata.links import _link

    for bad in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd"):
        assert _link(bad, "") == "" and external_link(bad, "open") == ""
    assert _link("", "10.5555/x") == "https://doi.org/10.5555/x"
    html = external_link('https://example.org/"><script>', "open <b>")
    assert "<script>" not in html and "<b>" not in html and 'rel="noopener noreferrer"' in html
