"""The command line: exit codes and errors that name file, line and what is wrong."""

from __future__ import annotations

import json

import pytest

from kg.cli import main
from tests.conftest import copy_project


@pytest.fixture()
def project(tmp_path, monkeypatch):
    paths = copy_project(tmp_path / "project")
    monkeypatch.setenv("KG_HOME", str(paths.root))
    return paths


def _run(args, capsys):
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for command in ("build", "validate", "query", "queries", "export", "add", "push", "app"):
        assert command in out


def test_unclosed_brace_in_bib_names_file_and_line(project, capsys):
    bib = project.references_bib
    bib.write_text(
        bib.read_text(encoding="utf-8") + "\n@article{broken2020,\n  title = {No closing brace,\n", encoding="utf-8"
    )
    status, _, err = _run(["build", "--out", str(project.root / "out"), "--quiet"], capsys)
    assert status == 2
    assert "bib/references.bib:" in err and "cannot parse this entry" in err


def test_duplicate_bib_key_names_file_and_line(project, capsys):
    bib = project.references_bib
    text = bib.read_text(encoding="utf-8")
    first_entry = text[text.index("@") : text.index("\n}\n", text.index("@")) + 3]
    bib.write_text(text + "\n" + first_entry, encoding="utf-8")
    status, _, err = _run(["validate", "--quiet"], capsys)
    assert status == 2
    assert "duplicate key" in err and "bib/references.bib:" in err


def test_turtle_syntax_error_in_the_ontology_names_file_and_line(project):
    import pyoxigraph as ox

    from kg.errors import InputError
    from kg.sources.rdf import parse_triples

    lines = project.ontology_file.read_text(encoding="utf-8").splitlines()
    lines.insert(40, 'ekg:Broken a owl:Class ; rdfs:label "unterminated .')
    with pytest.raises(InputError) as err:
        parse_triples("\n".join(lines).encode(), "kg/data/evidence-kg.ttl", ox.RdfFormat.TURTLE)
    assert (err.value.file, err.value.line) == ("kg/data/evidence-kg.ttl", 41)  # the line of the fault itself
    assert "Turtle syntax error" in err.value.message


def test_annotation_quote_not_in_text_names_file_and_line(project, capsys):
    path = project.annotations / "usc2012.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "quote: "
    at = text.index(marker)
    end = text.index("\n", at)
    path.write_text(text[: at + len(marker)] + "Words that the report never says." + text[end:], encoding="utf-8")
    line = text[:at].count("\n") + 1
    status, _, err = _run(["validate", "--quiet", "--no-reason"], capsys)
    assert status == 2
    assert f"annotations/usc2012.yaml:{line}" in err or "annotations/usc2012.yaml:" in err
    assert "not found" in err


def test_unknown_query_and_bad_parameters(built, build_dir, capsys):
    status, _, err = _run(["query", "no-such-query", "--build", str(build_dir)], capsys)
    assert status == 2 and "unknown query 'no-such-query'" in err
    status, _, err = _run(["query", "provenance", "--build", str(build_dir)], capsys)
    assert status == 2 and "needs --param item=VALUE" in err
    status, _, err = _run(["query", "provenance", "--param", "item", "--build", str(build_dir)], capsys)
    assert status == 2 and "--param takes NAME=VALUE" in err
    status, _, err = _run(["query", "provenance", "--param", "item=not an iri", "--build", str(build_dir)], capsys)
    assert status == 2 and "not a valid IRI" in err


def test_invalid_sparql_file_names_the_file(build_dir, tmp_path, capsys):
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: Bad\nSELECT ?x WHERE { ?x ?y }\n")
    status, _, err = _run(["query", str(bad), "--build", str(build_dir)], capsys)
    assert status == 2 and str(bad) in err and "not valid SPARQL" in err
    update = tmp_path / "update.rq"
    update.write_text("# title: Update\nDELETE WHERE { ?s ?p ?o }\n")
    status, _, err = _run(["query", str(update), "--build", str(build_dir)], capsys)
    assert status == 2 and "updates are refused" in err


def test_query_formats(build_dir, capsys):
    status, out, _ = _run(["query", "reports", "--format", "json", "--build", str(build_dir)], capsys)
    assert status == 0
    payload = json.loads(out)
    assert payload["head"]["vars"][:2] == ["report", "key"]
    assert {b["key"]["value"] for b in payload["results"]["bindings"]} == {"policing2020", "usc2012"}
    status, out, _ = _run(["query", "reports", "--format", "csv", "--build", str(build_dir)], capsys)
    assert out.splitlines()[0].startswith("report,key,title")
    status, out, err = _run(["query", "citations", "--limit", "5", "--build", str(build_dir)], capsys)
    assert status == 0 and "(5 rows)" in out and "NOTICE: Result cut at 5 rows" in out


def test_missing_graph_says_run_build(tmp_path, capsys):
    status, _, err = _run(["query", "reports", "--build", str(tmp_path)], capsys)
    assert status == 2 and "run `kg build` first" in err


def test_queries_lists_titles_and_params(capsys):
    status, out, _ = _run(["queries"], capsys)
    assert status == 0 and "provenance" in out and "--param item=<iri>" in out
