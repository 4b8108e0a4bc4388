"""The build's graph as lines: the rules reasoner, the counts and the runs give what the rdflib graph gave.

``kg build`` holds no whole rdflib graph (kg.pipeline.run): it reasons and counts over the merged
N-Triples lines of its runs (kg.pipeline.line_reasoning), which live in files (kg.graph.runs), and
its graph of what was added besides holds no report's layer (kg.graph.layered). These tests compare
each with the rdflib path on the real corpus's graph.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from kg.graph.fragments import sorted_ntriples
from kg.graph.layered import LayeredGraph
from kg.graph.runs import RunStore, run_lines
from kg.graph.vocabulary import ontology
from kg.pipeline.counts import count_graph
from kg.pipeline.line_reasoning import count_lines, reason_over_lines
from kg.validate.rules import reason_with_rules
from kg.vocab import EKG, RES


@pytest.fixture(scope="module")
def whole(paths, build_dir) -> Graph:
    """The real corpus's graph before reasoning, assembled in rdflib (as ``kg validate`` does)."""
    from kg.pipeline import assemble
    from kg.pipeline.cache import BuildCache

    graph, _, verdict = assemble(paths, lambda _: None, reasoning=False, cache=BuildCache(build_dir))
    assert verdict.conforms
    return graph


def test_the_rules_over_lines_infer_what_they_infer_over_the_graph(whole):
    lines = sorted_ntriples(whole)
    result, inferred = reason_over_lines(lambda: run_lines(lines), ontology())
    expected_result, expected = reason_with_rules(whole, ontology())
    assert inferred == list(run_lines(sorted_ntriples(expected)))
    assert result.inferred == expected_result.inferred > 1000
    assert any(b"restsOnTransitively" in line for line in inferred)


def test_counts_of_lines_are_the_graphs_counts(whole):
    counts = count_lines(run_lines(sorted_ntriples(whole)))
    assert counts == count_graph(whole)
    assert counts["claims"] > 100 and counts["reports"] == 2


def test_runs_spilled_to_files_merge_to_the_graphs_lines(whole, tmp_path):
    lines = list(run_lines(sorted_ntriples(whole)))
    store = RunStore(tmp_path, spill_bytes=200_000)
    for start in range(0, len(lines), 997):  # overlapping runs: every line twice
        store.append(b"\n".join(sorted(lines[start : start + 1500])) + b"\n")
    assert len(store.files) > 3, "the runs went to files"
    removed = {lines[10], lines[-1]}
    assert list(store.lines((), removed)) == [line for line in lines if line not in removed]


def test_a_layered_graph_refuses_a_removal_from_a_layer_it_did_not_keep():
    graph = LayeredGraph(kept={"kept"})
    graph.keep_layer("kept", f"<{RES}stat/kept/1-2> <{EKG.evidenceStatus}> <{EKG.x}> .\n".encode())
    graph.recording = True
    graph.remove((URIRef(f"{RES}stat/kept/1-2"), EKG.evidenceStatus, None))
    assert graph.runs()[1] == {f"<{RES}stat/kept/1-2> <{EKG.evidenceStatus}> <{EKG.x}> .".encode()}
    with pytest.raises(AssertionError, match="other"):
        graph.remove((URIRef(f"{RES}stat/other/1-2"), EKG.evidenceStatus, None))
