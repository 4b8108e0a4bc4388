"""The command line: exit codes and errors that name file, line and what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_turtle_syntax_error_in_the_ontology_names_file_and_line(project):
    import pyoxigraph as ox

    from kg.errors import InputError
    from kg.sources.rdf import parse_triples

    lines = project.ontology_file.read_text(encoding="utf-8").splitlines()
    lines.insert(40, 'ekg:Broken a owl:Class ; rdfs:label "unterminated .')
    with pytest.raises(InputError) as err:
        parse_triples("\n".join(lines).encode(), "ontology/evidence-kg.ttl", ox.RdfFormat.TURTLE)
    assert (err.value.file, err.value.line) == ("ontology/evidence-kg.ttl", 41)  # the line of the fault itself
    assert "Turtle syntax error" in err.value.message


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


def test_queries_lists_titles_and_params(capsys):
    status, out, _ = _run(["queries"], capsys)
    assert status == 0 and "provenance" in out and "--param item=<iri>" in out


def test_a_broken_shapes_file_names_file_and_line():
    import pyoxigraph as ox

    from kg.errors import InputError
    from kg.project.data import SHAPES
    from kg.sources.rdf import parse_triples

    lines = SHAPES.read_text(encoding="utf-8").splitlines()
    lines.insert(20, "ekg:BrokenShape a sh:NodeShape ; sh:targetClass")
    with pytest.raises(InputError) as err:
        parse_triples("\n".join(lines).encode(), "ontology/shapes.ttl", ox.RdfFormat.TURTLE)
    assert err.value.file == "ontology/shapes.ttl" and err.value.line in (21, 22)
    assert "Turtle syntax error" in err.value.message


def test_an_unexpected_failure_is_one_line_and_its_traceback_is_kept_in_a_file(monkeypatch, capsys, tmp_path):
    """A fault the tool did not foresee (here a ValueError deep in a command): one line, exit 2, nothing lost."""
    import re

    from kg.cli import program, query

    def broken(args):
        raise ValueError("Exceeds the limit (4300 digits) for integer string conversion\nsecond line")

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)  # re-read TMPDIR
    monkeypatch.setattr(query, "cmd_prefixes", broken)
    assert program.main(["prefixes"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("error: an unexpected failure of the tool (ValueError: Exceeds the limit"), err
    kept = Path(re.search(r"the traceback is in (\S+):", err).group(1))
    assert kept.parent == tmp_path and "Traceback (most recent call last)" in kept.read_text(encoding="utf-8")
    assert "second line" in kept.read_text(encoding="utf-8")


def test_a_query_from_stdin_that_is_not_utf8_names_the_byte_and_its_offset(tmp_path):
    """Read as text, the byte became a lone surrogate and was reported as one; the user sent no surrogate."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "kg", "query", "-", "--build", str(tmp_path)],
        input=b'SELECT * WHERE { ?s ?p "caf\xe9" }\n',
        capture_output=True,
        timeout=60,
        check=False,
    )
    err = done.stderr.decode()
    assert done.returncode == 2 and err.count("\n") == 1, err
    assert "<stdin>: not UTF-8 text: byte 0xe9 at offset 27" in err and "surrogate" not in err


def test_a_folder_given_as_a_query_is_called_a_folder(tmp_path, capsys):
    status, _, err = _run(["query", str(tmp_path), "--build", str(tmp_path)], capsys)
    assert status == 2 and err.count("\n") == 1
    assert f"{tmp_path}: is a folder, not a query" in err and "unknown query" not in err
