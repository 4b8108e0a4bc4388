"""Provenance is exact: every quote in the graph is the text at its recorded offsets."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF

from kg.vocab import EKG, OA, RES


def _anchors(graph: Graph):
    for anchor in graph.subjects(OA.hasSource, None):
        source = graph.value(anchor, OA.hasSource)
        exact = prefix = suffix = start = end = None
        for selector in graph.objects(anchor, OA.hasSelector):
            if (selector, None, OA.TextQuoteSelector) in graph or graph.value(selector, OA.exact) is not None:
                exact = graph.value(selector, OA.exact)
                prefix = graph.value(selector, OA.prefix)
                suffix = graph.value(selector, OA.suffix)
            if graph.value(selector, OA.start) is not None:
                start, end = int(graph.value(selector, OA.start)), int(graph.value(selector, OA.end))
        yield anchor, source, exact, prefix, suffix, start, end


def test_every_anchor_in_the_graph_is_the_exact_text_at_its_offsets(built, paths):
    graph = Graph().parse(built.outputs["kg.nt"], format="nt")
    texts = {}
    for report in graph.subjects(EKG.textFile, None):
        texts[report] = (paths.root / str(graph.value(report, EKG.textFile))).read_text(encoding="utf-8")
    checked = 0
    for anchor, source, exact, prefix, suffix, start, end in _anchors(graph):
        assert source in texts, f"{anchor} points at no report text"
        assert exact is not None and start is not None, f"{anchor} lacks a selector"
        text = texts[source]
        assert text[start:end] == str(exact), f"{anchor}: {text[start:end]!r} != {str(exact)!r}"
        assert text[:start].endswith(str(prefix)) and text[end:].startswith(str(suffix)), anchor
        checked += 1
    assert checked > 500, f"only {checked} anchors checked"


def test_every_anchored_node_kind_has_anchors(built):
    graph = Graph().parse(built.outputs["kg.nt"], format="nt")
    for cls in (EKG.Claim, EKG.Statistic, EKG.CitationOccurrence, EKG.Mention, EKG.InterviewExcerpt, EKG.QualityFlag):
        nodes = {n for n in graph.subjects(RDF.type, cls) if str(n).startswith(str(RES))}
        assert nodes, cls
        assert all(graph.value(n, EKG.hasAnchor) is not None for n in nodes), cls
