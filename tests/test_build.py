"""kg build: deterministic, atomic, with progress and a summary."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest

from kg.cli import main
from tests.conftest import copy_project, seeded_out


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


@pytest.mark.slow
def test_two_builds_of_the_same_inputs_are_byte_identical(built, paths, tmp_path):
    from kg.pipeline import build

    again = build(paths, tmp_path, progress=lambda _: None)
    assert again.outputs["kg.nt"].read_bytes() == built.outputs["kg.nt"].read_bytes()
    assert again.outputs["kg.ttl"].read_bytes() == built.outputs["kg.ttl"].read_bytes()


@pytest.mark.slow
def test_turtle_and_jsonld_hold_the_same_graph(built):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    nt = Graph().parse(built.outputs["kg.nt"], format="nt")
    ttl = Graph().parse(built.outputs["kg.ttl"], format="turtle")
    assert isomorphic(nt, ttl)
    jsonld = Graph().parse(built.outputs["kg.jsonld"], format="json-ld")
    assert len(jsonld) == len(nt)


@pytest.mark.slow
def test_build_shows_progress_and_a_summary(tmp_path, capsys):
    status = main(["build", "--out", str(tmp_path), "--no-reason"])
    captured = capsys.readouterr()
    assert status == 0
    assert "[extract] 0 of 2 reports unchanged (cached); extracting 2" in captured.err
    assert "SHACL: conforms" in captured.out and "citation occurrences" in captured.out


# --- a build that fails, is killed or interrupted, or runs beside another ---------------------------


def _kg_build(project, out, *extra: str) -> subprocess.Popen:
    env = dict(os.environ, KG_HOME=str(project.root))
    command = [sys.executable, "-m", "kg.cli", "build", "--out", str(out), *extra]
    return subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def _outputs(out) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


def _change_an_input(project) -> None:
    """A new claim, so that a build writes outputs that differ from the previous ones."""
    path = project.annotations / "usc2012.yaml"
    text = path.read_text(encoding="utf-8")
    extra = (
        "  - id: added-for-the-test\n    quote: The prevalence of mobile phone carriers provides insights\n"
        "    section: Analysis of Phone Numbers in Online Classified Ad Sites\n    kind: finding\n"
        "    evidence: {none: true}\n"
    )
    path.write_text(text.replace("\nchains:\n", "\n" + extra + "\nchains:\n", 1), encoding="utf-8")


@pytest.mark.slow
def test_a_build_that_fails_while_writing_leaves_the_previous_outputs_intact(build_dir, tmp_path, capsys, monkeypatch):
    """The failure comes after every output but the last was written, from changed inputs."""
    import kg.pipeline.outputs

    project = copy_project(tmp_path / "project")
    out = seeded_out(build_dir, tmp_path / "out", outputs=True)  # the session build's outputs: the previous ones
    monkeypatch.setenv("KG_HOME", str(project.root))
    before = _outputs(out)
    _change_an_input(project)
    real = kg.pipeline.outputs._serialize_file
    calls = {"n": 0}

    def failing(fmt, source, target, prefixes):
        if fmt == ox.RdfFormat.JSON_LD:  # kg.ttl is written; the disk fills up while writing kg.jsonld
            calls["n"] += 1
            raise OSError(28, "No space left on device")
        return real(fmt, source, target, prefixes)

    monkeypatch.setattr(kg.pipeline.outputs, "_serialize_file", failing)
    capsys.readouterr()
    assert main(["build", "--out", str(out), "--no-reason", "--quiet"]) == 2  # one line, no traceback
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"error: {out / 'kg.jsonld'}: cannot write it: the disk is full (ENOSPC); "
        "the previous outputs were left as they were"
    ], err
    assert calls["n"] == 1
    assert _outputs(out) == before
    assert not list(out.glob(".*.tmp"))
    monkeypatch.setattr(kg.pipeline.outputs, "_serialize_file", real)
    assert main(["build", "--out", str(out), "--no-reason", "--quiet"]) == 0
    assert _outputs(out)["kg.nt"] != before["kg.nt"], "the changed input changes the graph, so the test can fail"


@pytest.mark.slow
def test_a_killed_build_leaves_the_previous_outputs_intact(build_dir, tmp_path):
    project = copy_project(tmp_path / "project")
    out = seeded_out(build_dir, tmp_path / "out", outputs=True)  # the session build's outputs: the previous ones
    before = _outputs(out)
    _change_an_input(project)
    proc = _kg_build(project, out, "--no-reason")
    assert proc.stderr is not None
    for line in proc.stderr:
        if "wrote kg.ttl" in line:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert _outputs(out) == before
    # the next build removes what the killed one left behind, and writes the new graph
    assert _kg_build(project, out, "--no-reason", "--quiet").wait(timeout=300) == 0
    assert not list(out.glob(".*.tmp"))
    assert _outputs(out)["kg.nt"] != before["kg.nt"]


def _processes_naming(text: str) -> list[int]:
    """Pids of processes whose command line contains ``text`` (Linux's /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    if text.encode() in handle.read():
                        found.append(int(entry))
            except OSError:
                continue
    return found


def _wait_for_the_reasoner(proc: subprocess.Popen, out) -> None:
    assert proc.stderr is not None
    for line in proc.stderr:
        if "HermiT on" in line:
            break
    deadline = time.monotonic() + 60
    while not _processes_naming(str(out / ".kg-reason-")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_naming(str(out / ".kg-reason-")), "HermiT never started"


@pytest.mark.slow
@pytest.mark.reasoner
@pytest.mark.skipif(not os.path.isdir("/proc"), reason="looks for the reasoner's process in /proc")
def test_an_interrupted_build_stops_its_reasoner_and_removes_its_files(build_dir, tmp_path):
    project = copy_project(tmp_path / "project")
    out = seeded_out(build_dir, tmp_path / "out", without=("reason",))
    proc = _kg_build(project, out, "--reasoner", "hermit")
    _wait_for_the_reasoner(proc, out)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 2
    assert "interrupted" in (proc.stderr.read() if proc.stderr else "")
    assert not _processes_naming(str(out / ".kg-reason-")), "java outlived the build"
    assert not list(out.glob(".kg-reason-*")) and not list(out.glob(".*.tmp"))
    assert not (out / "kg.nt").exists()


@pytest.mark.slow
@pytest.mark.reasoner
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_build_killed_while_reasoning_leaves_no_java_behind(build_dir, tmp_path):
    project = copy_project(tmp_path / "project")
    out = seeded_out(build_dir, tmp_path / "out", without=("reason",))
    proc = _kg_build(project, out, "--reasoner", "hermit")
    _wait_for_the_reasoner(proc, out)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while _processes_naming(str(out / ".kg-reason-")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _processes_naming(str(out / ".kg-reason-")), "java outlived the build"
    assert list(out.glob(".kg-reason-*")), "a killed build cannot clean up: its temporary folder is left"
    assert _kg_build(project, out, "--no-reason", "--quiet").wait(timeout=300) == 0
    assert not list(out.glob(".kg-reason-*")), "the next build removes it"


@pytest.mark.slow
def test_two_builds_at_once_wait_for_each_other(build_dir, tmp_path):
    project = copy_project(tmp_path / "project")
    out = seeded_out(build_dir, tmp_path / "out")
    first, second = _kg_build(project, out, "--no-reason"), _kg_build(project, out, "--no-reason")
    results = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in (first, second)]
    assert [code for code, _ in results] == [0, 0], results
    assert any("another build is writing" in err for _, err in results), "neither build waited"
    assert not list(out.glob(".*.tmp"))
    alone = seeded_out(build_dir, tmp_path / "alone")
    assert _kg_build(project, alone, "--no-reason", "--quiet").wait(timeout=300) == 0
    assert _outputs(out) == _outputs(alone)


def test_outputs_have_the_usual_file_mode(built):
    umask = os.umask(0)
    os.umask(umask)
    for path in built.outputs.values():
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path
