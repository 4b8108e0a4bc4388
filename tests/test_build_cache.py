"""The incremental, parallel build: per-report records and reasoning parts cached by content key.

A build in worker processes writes the bytes of a serial one; a rebuild with nothing changed takes
every record and part from the cache and writes the same bytes again; a changed input changes the
keys of exactly the reports that read it; a failed build leaves the previous cache as it was.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kg.cli import main
from kg.pipeline import build
from kg.pipeline.cache import CACHE_DIR
from kg.pipeline.pool import Runner
from kg.pipeline.stages import report_inputs
from kg.pipeline.tasks import inputs_key
from kg.sources.bibliography import load_references
from kg.sources.gazetteer import load_gazetteers
from kg.sources.text import load_reports
from tests.conftest import copy_project, seeded_out


def _cache(out: Path) -> dict[str, bytes]:
    root = out / CACHE_DIR
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.pickle"))}


def _records(cache: dict[str, bytes]) -> dict[str, bytes]:
    """The per-report extraction records of a cache (beside them: the SHACL and reasoning parts)."""
    return {name: data for name, data in cache.items() if name.startswith("extract/")}


def _keys(paths, references) -> dict[str, str]:
    gazetteer = tuple(load_gazetteers([(p, paths.relative(p)) for p in paths.gazetteer_files]).entries)
    return {r.key: inputs_key(report_inputs(paths, r, references, None, gazetteer)) for r in load_reports(paths)}


def test_a_report_key_changes_only_with_what_that_report_reads(paths):
    references = load_references(paths)
    before = _keys(paths, references)
    assert len(set(before.values())) == len(before) == 2
    index, entry = next((i, e) for i, e in enumerate(references) if e.fields.get("citedin") == "policing2020")
    changed = list(references)
    changed[index] = replace(entry, fields=dict(entry.fields, title=entry.fields.get("title", "") + " (revised)"))
    after = _keys(paths, changed)
    assert after["policing2020"] != before["policing2020"], "an entry the report cites is part of its key"
    assert after["usc2012"] == before["usc2012"], "an entry only another report cites is not"
    added = [*references, replace(entry, key="usc2012-someone2020", fields={"citedin": "elsewhere"})]
    assert _keys(paths, added)["usc2012"] != before["usc2012"], "a key its own list's works could take is"
    assert _keys(paths, added)["policing2020"] == before["policing2020"]


@pytest.mark.slow
@pytest.mark.reasoner
def test_a_parallel_build_and_a_cached_rebuild_write_the_bytes_of_a_serial_build(built, paths, tmp_path):
    """HermiT part by part (cached, in parallel) writes the bytes of the session's build (rules, serial)."""
    out = tmp_path / "out"
    said: list[str] = []
    build(paths, out, said.append, runner=Runner(jobs=2), reasoner="hermit")
    serial = built.outputs["kg.nt"].read_bytes()
    assert (out / "kg.nt").read_bytes() == serial
    assert "[extract] 0 of 2 reports unchanged (cached); extracting 2 ..." in said
    first = _cache(out)
    assert any(k.startswith("extract/") for k in first) and any(k.startswith("reason/") for k in first)
    said.clear()
    build(paths, out, said.append, runner=Runner(jobs=2), reasoner="hermit")
    assert "[extract] 2 of 2 reports unchanged (cached); extracting 0 ..." in said
    reasoned = next(line for line in said if line.startswith("[reason] "))
    assert reasoned.endswith("HermiT on 0 ..."), reasoned
    assert (out / "kg.nt").read_bytes() == serial
    assert _cache(out) == first


@pytest.mark.slow  # three builds of a copy of the project
def test_a_failed_build_leaves_the_previous_cache_intact(build_dir, tmp_path, monkeypatch):
    import kg.pipeline.outputs

    project = copy_project(tmp_path / "project")
    out = seeded_out(build_dir, tmp_path / "out")
    monkeypatch.setenv("KG_HOME", str(project.root))
    assert main(["build", "--out", str(out), "--no-reason", "--quiet", "--jobs", "1"]) == 0
    before = _cache(out)
    assert len(_records(before)) == 2
    bib = project.references_bib
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text.replace("  author    = {Aradillas},", "  author    = {Aradillas Jr},", 1))

    def failing(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kg.pipeline.outputs, "_serialize_file", failing)
    assert main(["build", "--out", str(out), "--no-reason", "--quiet", "--jobs", "1"]) == 2  # one line, exit 2
    assert _cache(out) == before
    monkeypatch.undo()
    monkeypatch.setenv("KG_HOME", str(project.root))
    assert main(["build", "--out", str(out), "--no-reason", "--quiet", "--jobs", "1"]) == 0
    after = _records(_cache(out))
    assert len(after) == 2 and len(set(after) & set(_records(before))) == 1, "one report's record is new, the old gone"
