"""The graph's fragments made in the worker pool are the entries the parent process would make.

:func:`kg.pipeline.warm.warm_fragments` files each report's layer, each work's triples and each
bibliography entry's renderings in the build cache before the graph is assembled; the assembly then
reads them instead of making them. Checked on the real corpus: the entries made in two worker
processes are, key for key and value for value, those the serial assembly makes, and it makes
none that the assembly then lacks.
"""

from __future__ import annotations

import pickle

from kg.graph import build_graph
from kg.graph.assemble import REPORT_KIND, WORK_KIND
from kg.pipeline.cache import BuildCache
from kg.pipeline.pool import Runner
from kg.pipeline.read_side import read_side_graph
from kg.pipeline.stages import extract_all, infer_evidence
from kg.pipeline.warm import ENTRY_KIND, warm_fragments

KINDS = (REPORT_KIND, WORK_KIND, ENTRY_KIND)


def _plain(value: object) -> object:
    """A cached value as comparable data (a report layer's nodes are an object without ``==``)."""
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return vars(value) if hasattr(value, "__dict__") else value


def _entries(cache: BuildCache) -> dict[tuple[str, str], object]:
    return {k: _plain(pickle.loads(staged.read_bytes())) for k, staged in cache.new.items() if k[0] in KINDS}


def test_fragments_made_in_workers_are_those_the_assembly_makes(paths, tmp_path):
    extraction = extract_all(paths)
    evidence = infer_evidence(extraction)

    serial = BuildCache(tmp_path / "serial")
    build_graph(extraction, evidence, serial, [])
    read_side_graph(extraction, serial)
    made_here = _entries(serial)

    warmed = BuildCache(tmp_path / "warmed")
    said: list[str] = []
    warm_fragments(extraction, evidence, warmed, Runner(jobs=2), said.append)
    made_there = _entries(warmed)
    assert any(line.startswith("[fragments] 2 report layers") for line in said), said
    assert {k[0] for k in made_there} == set(KINDS)
    assert made_there.keys() == made_here.keys()
    for key, value in made_here.items():
        assert made_there[key] == value, key

    # the assembly reads them: it files nothing more
    before = dict(warmed.new)
    build_graph(extraction, evidence, warmed, [])
    read_side_graph(extraction, warmed)
    assert {k for k in warmed.new if k[0] in KINDS} == set(before)


def test_one_job_leaves_the_fragments_to_the_assembly(paths, tmp_path):
    extraction = extract_all(paths)
    cache = BuildCache(tmp_path / "one")
    warm_fragments(extraction, infer_evidence(extraction), cache, Runner(jobs=1), lambda _: None)
    assert not cache.new
