"""Per-report parts of the build: a report's extraction record and graph layer, each work's triples.

A project moved elsewhere keeps every cache entry (no key holds an absolute path); a changed report
recomputes exactly its own record and layer, and the incremental build writes the bytes a build from
an empty cache writes.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from kg.cli import main
from kg.pipeline.cache import CACHE_DIR
from tests.conftest import copy_project, seeded_out

ARGS = ["--no-reason", "--quiet", "--jobs", "1"]
#: Each test builds a copy of the project two or three times: builds of their own, end to end.
pytestmark = pytest.mark.slow


def _cache(out: Path) -> dict[str, bytes]:
    root = out / CACHE_DIR
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.pickle"))}


def _kind(cache: dict[str, bytes], kind: str) -> set[str]:
    return {name for name in cache if name.startswith(f"{kind}/")}


def _build(project: Path, out: Path, monkeypatch) -> None:
    monkeypatch.setenv("KG_HOME", str(project))
    assert main(["build", "--out", str(out), *ARGS]) == 0


def test_a_moved_project_keeps_every_cache_entry(build_dir, tmp_path, monkeypatch):
    first = copy_project(tmp_path / "here").root
    _build(first, seeded_out(build_dir, first / "build"), monkeypatch)
    before = _cache(first / "build")
    assert {name.split("/")[0] for name in before} >= {"extract", "layer", "work", "shacl"}
    moved = tmp_path / "elsewhere" / "project"
    shutil.copytree(first, moved)
    shutil.rmtree(first)
    _build(moved, moved / "build", monkeypatch)
    assert _cache(moved / "build") == before, "every key the same: nothing recomputed, nothing dropped"


def _changed(before: dict[str, bytes], after: dict[str, bytes], kind: str) -> tuple[set[str], set[str]]:
    return _kind(before, kind) - _kind(after, kind), _kind(after, kind) - _kind(before, kind)


def test_a_changed_report_recomputes_its_own_parts_only_and_writes_a_fresh_builds_bytes(tmp_path, monkeypatch):
    # Not seeded from the session's cache: it compares the cache's bytes with a fresh build's, and a work's entry
    # pickles its triples in the order an rdflib graph yields them, which follows the process's string hashing.
    project = copy_project(tmp_path / "project").root
    out = tmp_path / "out"
    _build(project, out, monkeypatch)
    before = _cache(out)
    bib = project / "bib" / "reports.bib"
    text = bib.read_text(encoding="utf-8")
    assert "{Policing Internet Sex Trafficking}" in text
    bib.write_text(text.replace("{Policing Internet Sex Trafficking}", "{Policing Internet Sex Trafficking, revised}"))
    _build(project, out, monkeypatch)
    after = _cache(out)
    for kind in ("extract", "layer"):
        gone, new = _changed(before, after, kind)
        assert len(gone) == len(new) == 1, (kind, gone, new)
    assert _kind(after, "work") == _kind(before, "work"), "no work changed"
    fresh = tmp_path / "fresh"
    _build(project, fresh, monkeypatch)
    assert (fresh / "kg.nt").read_bytes() == (out / "kg.nt").read_bytes()
    assert (fresh / "kg.ttl").read_bytes() == (out / "kg.ttl").read_bytes()
    assert _cache(fresh) == after


NEW_REPORT = """Outreach in three cities: a short report

Findings

Caseworkers in Leeds reported 41% of referrals came through hotlines (Okafor, 2019). Shelter staff
described longer stays after 2020 (Brennan, 2021).

References

Brennan, T. (2021). Shelters after the pandemic. Social Problems, 12(2), 40-57.
Okafor, K. (2019). Hotlines and referrals. Crime Science, 8(1), 1-18.
"""


def test_a_report_added_then_removed_leaves_the_other_reports_parts_and_the_first_bytes(
    build_dir, tmp_path, monkeypatch
):
    project = copy_project(tmp_path / "project").root
    out = seeded_out(build_dir, tmp_path / "out")
    _build(project, out, monkeypatch)
    first, nt = _cache(out), (out / "kg.nt").read_bytes()
    saved = {name: (project / "bib" / name).read_bytes() for name in ("reports.bib", "references.bib")}
    corpus = set((project / "corpus").iterdir())
    source = tmp_path / "outreach.txt"
    source.write_text(NEW_REPORT, encoding="utf-8")
    assert main(["add", str(source)]) == 0
    _build(project, out, monkeypatch)
    added = _cache(out)
    for kind in ("extract", "layer"):
        gone, new = _changed(first, added, kind)
        assert not gone and len(new) == 1, (kind, gone, new)
    assert len(_changed(first, added, "work")[1]) == 2, "its two works"
    for path in set((project / "corpus").iterdir()) - corpus:
        path.unlink()
    for name, data in saved.items():
        (project / "bib" / name).write_bytes(data)
    _build(project, out, monkeypatch)
    assert (out / "kg.nt").read_bytes() == nt
    again = _cache(out)
    # The cache holds one claim pairing (the corpus-wide one), so the removal computed the first one again: the same
    # pairs, though a pickle's bytes may differ from another process's (string sharing in its memo).
    pairing = {name for name in first if name.startswith("claim-pairings/")}
    assert pairing == {name for name in again if name.startswith("claim-pairings/")} and len(pairing) == 1
    assert all(pickle.loads(again[name]) == pickle.loads(first[name]) for name in pairing)
    assert {k: v for k, v in again.items() if k not in pairing} == {k: v for k, v in first.items() if k not in pairing}
