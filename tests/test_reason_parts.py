"""HermiT part by part gives HermiT's whole-graph answer: on the real corpus and on a synthetic one.

The build reasons over content-defined parts of the graph (:mod:`kg.pipeline.reasoning`), each a
report group's forward closure, so that its cost grows with the reports and a changed report
reasons again over its own part only. These tests run HermiT over the whole graph and over parts of
one report each (the finest cut, where a missed dependency between reports would show) and
require the same inferred triples, then check the cut itself: every triple is in a part, parts are
forward-closed, and adding a report leaves the other reports' parts as they were.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.graph.vocabulary import ontology
from kg.pipeline.pool import Runner
from kg.pipeline.reasoning import split
from kg.validate.reasoner import java_available, reasoning_input
from kg.vocab import EKG, RES

ROOT = Path(__file__).resolve().parent.parent
needs_java = pytest.mark.skipif(not java_available(), reason="HermiT needs Java")

#: What scripts/synthetic_corpus.py emulates of the reasoner's answer: removed, so HermiT finds it again.
_EMULATED_PREDICATES = {EKG.supports, EKG.restsOnTransitively}
_EMULATED_TYPES = {EKG.SupportedClaim, EKG.NewsBasedClaim, EKG.PlatformClaim, EKG.RelayedStatistic}


@pytest.fixture(scope="module")
def real_graph(paths, build_dir) -> Graph:
    """The real corpus's graph before reasoning (SHACL-valid; what the build hands the reasoner).

    Its records come from the session build's cache (read, never written): the same graph, without
    extracting the corpus again."""
    from kg.pipeline import assemble
    from kg.pipeline.cache import BuildCache

    graph, _, verdict = assemble(paths, lambda _: None, reasoning=False, cache=BuildCache(build_dir))
    assert verdict.conforms
    return graph


@pytest.fixture(scope="module")
def synthetic_graph() -> Graph:
    """20 synthetic reports (shared works, cross-report relations), without the emulated inferences."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import synthetic_corpus

    lines, counts = synthetic_corpus.generate(20, 1, 24)
    assert counts["relations"] > 0, "the corpus has claims related across reports"
    graph = Graph()
    graph.parse(data="\n".join(lines) + "\n", format="nt")
    for triple in list(graph):
        s, p, o = triple
        if p in _EMULATED_PREDICATES or (p == RDF.type and o in _EMULATED_TYPES):
            graph.remove(triple)
    return graph


def _both(graph: Graph, tmp_path: Path) -> tuple[set, set, int]:
    from kg.pipeline.reasoning import reason_in_parts
    from kg.validate.reasoner import reason

    _, whole = reason(graph, ontology(), tmp_path)
    result, parted = reason_in_parts(graph, ontology(), tmp_path, Runner(jobs=2), every=1, shared_every=400)
    parts = len(split(reasoning_input(graph, Graph()), 1, 400))
    assert result.inferred == len(parted)
    return set(whole), set(parted), parts


@pytest.mark.slow
@pytest.mark.reasoner
@needs_java
def test_parts_infer_what_the_whole_graph_does_on_the_real_corpus(real_graph, tmp_path):
    whole, parted, parts = _both(real_graph, tmp_path)
    assert parts >= 3, "each report is a part of its own, and the shared nodes another"
    assert len(whole) > 1000, "HermiT infers something, so the comparison can fail"
    assert parted == whole, (sorted(whole - parted)[:5], sorted(parted - whole)[:5])


@pytest.mark.slow
@pytest.mark.reasoner
@needs_java
def test_parts_infer_what_the_whole_graph_does_on_a_synthetic_corpus(synthetic_graph, tmp_path):
    whole, parted, parts = _both(synthetic_graph, tmp_path)
    assert parts >= 21
    supports = {t for t in whole if t[1] == EKG.supports}
    assert supports and any(t[1] == RDF.type and t[2] == EKG.SupportedClaim for t in whole)
    assert parted == whole, (sorted(whole - parted)[:5], sorted(parted - whole)[:5])


def _report_parts(data: list, every: int) -> dict[frozenset, frozenset]:
    """Each part as (the reports whose nodes it holds) -> (its triples)."""
    base = str(RES)
    found = {}
    for part in split(data, every):
        owners = {str(t[0])[len(base) :].split("/")[1] for t in part if str(t[0]).startswith(base + "claim/")}
        found[frozenset(owners)] = frozenset(part)
    return found


def test_parts_cover_the_input_and_are_forward_closed(real_graph):
    data = list(reasoning_input(real_graph, Graph()))
    parts = split(data, 1, 64)
    assert {t for part in parts for t in part} == set(data)
    subjects = {t[0] for t in data}
    for part in parts:
        held = {t[0] for t in part}
        for _, _, o in part:
            if isinstance(o, URIRef) and o in subjects:
                assert o in held, f"{o} is reached but its triples are not in the part"


def test_adding_a_report_changes_only_its_own_part(synthetic_graph):
    """Content-defined cuts: the parts of the other reports are the same triples after one is added."""
    data = list(reasoning_input(synthetic_graph, Graph()))
    base = str(RES)
    last = "syn00020"
    without = [t for t in data if f"/{last}/" not in str(t[0]) and f"/{last}/" not in str(t[2])]
    without = [t for t in without if not str(t[0]).startswith(base + f"report/{last}")]
    before = {k: v for k, v in _report_parts(without, 4).items() if k}
    after = {k: v for k, v in _report_parts(data, 4).items() if k}
    unchanged = [k for k in before if k in after and before[k] == after[k]]
    changed = [k for k in after if k not in before or before[k] != after[k]]
    assert len(changed) == 1 and last in next(iter(changed)), changed
    assert len(unchanged) == len(before) - 1
