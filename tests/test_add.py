"""kg add: a report the project has never seen joins the corpus and the graph."""

from __future__ import annotations

import hashlib

import pytest

from kg.cli import main
from kg.query import run_query
from kg.store import EmbeddedStore
from tests.conftest import ROOT, copy_project, seeded_out

FIXTURE = ROOT / "tests" / "fixtures" / "third_style"
OWN_ENTRY = """
@techreport{thirdstyle,
  title  = {Moderation and Displacement on Small Platforms},
  year   = {2024},
  kind   = {report},
}
"""


@pytest.fixture()
def project(tmp_path, monkeypatch):
    paths = copy_project(tmp_path / "project")
    monkeypatch.setenv("KG_HOME", str(paths.root))
    return paths


@pytest.fixture()
def bib_file(tmp_path):
    path = tmp_path / "thirdstyle.bib"
    path.write_text((FIXTURE / "references.bib").read_text(encoding="utf-8") + OWN_ENTRY, encoding="utf-8")
    return path


@pytest.mark.slow
def test_add_then_build_extracts_the_new_report(project, bib_file, build_dir, tmp_path, capsys):
    text = FIXTURE / "report.txt"
    assert main(["add", str(text), "--bib", str(bib_file), "--id", "thirdstyle"]) == 0
    copy = project.corpus / "thirdstyle.txt"
    assert hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(text.read_bytes()).digest()
    assert "thirdstyle" in project.reports_bib.read_text(encoding="utf-8")

    out = seeded_out(build_dir, tmp_path / "out")  # the seed reports from the cache: the new one is extracted
    assert main(["build", "--out", str(out), "--no-reason", "--quiet"]) == 0
    store = EmbeddedStore.from_file(out / "kg.nt")
    reports = {r["key"] for r in run_query(store, "reports", paths=project).records()}
    assert reports == {"policing2020", "usc2012", "thirdstyle"}
    citations = [r for r in run_query(store, "citations", paths=project).records() if r["report"] == "thirdstyle"]
    assert {"okonkwo2018", "vanderberg2016", "lindqvist2020"} <= {r["key"] for r in citations}
    source = copy.read_text(encoding="utf-8")
    for r in citations:
        assert source[int(r["start"]) : int(r["end"])] == r["text"]
    stats = [r for r in run_query(store, "statistics", paths=project).records() if r["report"] == "thirdstyle"]
    assert any(r["text"].startswith("61 percent") for r in stats)
    # the next build keeps it
    assert main(["build", "--out", str(out), "--no-reason", "--quiet"]) == 0


def test_add_refuses_bad_input_and_writes_nothing(project, bib_file, tmp_path, capsys):
    before = project.reports_bib.read_bytes()
    text = FIXTURE / "report.txt"
    assert main(["add", str(text), "--bib", str(bib_file), "--id", "policing2020"]) == 2
    assert "already in the corpus" in capsys.readouterr().err
    assert main(["add", str(text), "--bib", str(bib_file), "--id", "third style"]) == 2
    assert "must start with a letter" in capsys.readouterr().err
    assert main(["add", str(text), "--id", "thirdstyle", "--year", "24"]) == 2
    assert "--year '24' must be a year" in capsys.readouterr().err
    clash = tmp_path / "clash.bib"
    clash.write_text(
        OWN_ENTRY + "\n@article{heil2014, title={x}, year={2014}, kind={journal-article}}\n", encoding="utf-8"
    )
    assert main(["add", str(text), "--bib", str(clash), "--id", "thirdstyle"]) == 2
    assert "key 'heil2014' is already used at bib/references.bib:" in capsys.readouterr().err
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("caf\xe9".encode("latin-1"))
    assert main(["add", str(latin1), "--bib", str(bib_file), "--id", "thirdstyle"]) == 2
    assert "must be UTF-8" in capsys.readouterr().err
    assert project.reports_bib.read_bytes() == before
    assert not (project.corpus / "thirdstyle.txt").exists()
