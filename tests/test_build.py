"""kg build: deterministic, atomic, with progress and a summary."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from kg.cli import main
from tests.conftest import copy_project


def test_build_writes_every_output_and_counts(built):
    for name in ("kg.ttl", "kg.jsonld", "kg.nt", "summary.json"):
        assert built.outputs[name].is_file() and built.outputs[name].stat().st_size > 0
    counts = built.counts
    assert counts["reports"] == 2
    assert counts["citation occurrences"] > 100
    assert counts["statistics"] > 80
    assert counts["curated claims"] >= 60
    assert counts["works"] > 60
    assert counts["platforms"] > 20 and counts["agencies"] > 5
    assert built.shacl.conforms


def test_kg_nt_is_sorted_and_instances_have_no_blank_nodes(built):
    lines = built.outputs["kg.nt"].read_bytes().splitlines()
    assert lines == sorted(lines)
    # only the ontology's OWL class expressions use blank nodes (canonically labelled)
    instance = [line for line in lines if line.startswith(b"<https://w3id.org/evidence-kg/resource/")]
    assert instance and not any(b"_:" in line for line in instance)
    assert all(line.split(b" ")[0].startswith(b"_:c14n") for line in lines if line.startswith(b"_:"))


def test_two_builds_of_the_same_inputs_are_byte_identical(built, paths, tmp_path):
    from kg.build import build

    again = build(paths, tmp_path, progress=lambda _: None)
    assert again.outputs["kg.nt"].read_bytes() == built.outputs["kg.nt"].read_bytes()
    assert again.outputs["kg.ttl"].read_bytes() == built.outputs["kg.ttl"].read_bytes()


def test_turtle_and_jsonld_hold_the_same_graph(built):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    nt = Graph().parse(built.outputs["kg.nt"], format="nt")
    ttl = Graph().parse(built.outputs["kg.ttl"], format="turtle")
    assert isomorphic(nt, ttl)
    jsonld = Graph().parse(built.outputs["kg.jsonld"], format="json-ld")
    assert len(jsonld) == len(nt)


def test_build_shows_progress_and_a_summary(tmp_path, capsys):
    status = main(["build", "--out", str(tmp_path), "--no-reason"])
    captured = capsys.readouterr()
    assert status == 0
    assert "[3/5] extracting and resolving citations" in captured.err
    assert "SHACL: conforms" in captured.out and "citation occurrences" in captured.out


def test_a_failed_build_leaves_the_previous_outputs_intact(tmp_path, capsys, monkeypatch):
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    monkeypatch.setenv("KG_HOME", str(project.root))
    assert main(["build", "--out", str(out), "--no-reason", "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    annotation = project.annotations / "policing2020.yaml"
    text = annotation.read_text(encoding="utf-8")
    annotation.write_text(
        text.replace("There were 13 respondents in this study.", "There were 14 respondents in this study."),
        encoding="utf-8",
    )
    assert main(["build", "--out", str(out), "--no-reason", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "annotations/policing2020.yaml:" in err and "not found" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_killed_build_leaves_the_previous_graph_intact(tmp_path):
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    env = dict(os.environ, KG_HOME=str(project.root))
    first = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", "--out", str(out), "--no-reason", "--quiet"],
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert first.returncode == 0, first.stderr
    before = (out / "kg.nt").read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", "--out", str(out), "--no-reason"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.time() + 300
    assert proc.stderr is not None
    for line in proc.stderr:
        if "wrote kg.ttl" in line or time.time() > deadline:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert (out / "kg.nt").read_bytes() == before
    # the next build cleans what the killed one left behind
    assert main(["build", "--out", str(out), "--no-reason", "--quiet"]) == 0 or pytest.fail("rebuild failed")
    assert not list(out.glob(".*.tmp"))
