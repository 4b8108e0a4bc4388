"""Parts batched into one HermiT run: copies that cannot meet, groups that respect the bounds.

That a batch's answers are the parts' own is tests/test_reason_parts.py's (the build's path reasons
through batches); here the renaming and the grouping, which that proof rests on."""

from __future__ import annotations

from rdflib import Literal, URIRef

from kg.pipeline.reason_batch import _original, batches, copy_iri
from kg.vocab import EKG, RES


def test_a_copy_renames_res_individuals_only_and_maps_back():
    node = RES["claim/r1/10-20"]
    copied = copy_iri(node, 7)
    assert copied != node and str(copied).startswith(str(RES) + "~7/")
    assert _original(copied) == (7, node)
    assert copy_iri(EKG.Suggested, 7) == EKG.Suggested, "the ontology's individuals are shared"
    assert copy_iri(Literal("x"), 7) == Literal("x")
    assert _original(URIRef(str(RES) + "work/a")) == (None, URIRef(str(RES) + "work/a"))


def _part(lines: int) -> bytes:
    return b"".join(b"<a> <b> <c%d> .\n" % i for i in range(lines))


def test_batches_give_each_worker_a_run_and_cap_the_lines_of_a_run():
    parts = [_part(10) for _ in range(8)]
    assert batches(parts, 2) == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert batches(parts, 1) == [list(range(8))]
    assert batches(parts, 2, limit=25) == [[0, 1], [2, 3], [4, 5], [6, 7]]
    big = [_part(10), _part(100), _part(10)]
    assert batches(big, 1, limit=50) == [[0], [1], [2]], "a part larger than the cap runs alone"
    assert sorted(i for g in batches(big, 3) for i in g) == [0, 1, 2]
    assert batches([], 2) == []
