"""The read side's copy in the graph (kg.pipeline.read_side): what the exports and the app read instead."""

from __future__ import annotations

import hashlib
import json

from rdflib import Literal
from rdflib.namespace import RDF

from kg.pipeline.cache import BuildCache
from kg.pipeline.read_side import read_side_graph, renderings
from kg.vocab import EKG, RES


def test_each_report_text_is_the_unchanged_text_with_the_builds_sentences(built, store):
    extraction = built.extraction
    for report in extraction.reports:
        node = RES[f"text/{report.key}"]
        (content,) = built.graph.objects(node, EKG.content)
        assert str(content) == report.text
        assert hashlib.sha256(str(content).encode("utf-8")).hexdigest() == report.sha256
        spans = [int(n) for n in str(next(built.graph.objects(node, EKG.sentenceSpans))).split()]
        assert list(zip(spans[::2], spans[1::2], strict=True)) == [
            (s.span.start, s.span.end) for s in extraction.sentences[report.key]
        ]
        paragraphs = [int(n) for n in str(next(built.graph.objects(node, EKG.paragraphSpans))).split()]
        assert paragraphs == sorted(paragraphs) and len(paragraphs) > 20
    found = store.select(f"SELECT (COUNT(?t) AS ?n) WHERE {{ ?t a <{EKG}ReportText> }}").rows[0]["n"].value
    assert int(found) == len(extraction.reports)


def test_every_work_and_report_has_one_entry_in_every_format(built):
    graph, extraction = built.graph, built.extraction
    entries = {
        (str(graph.value(node, EKG.entryRole)), str(graph.value(node, EKG.entryKey))): json.loads(
            str(graph.value(node, EKG.renderings))
        )
        for node in graph.subjects(RDF.type, EKG.BibliographyEntry)
    }
    works = {e.key for e in extraction.references} | {e.key for e in extraction.extracted_works}
    assert {k for role, k in entries if role == "work"} == works
    assert {k for role, k in entries if role == "report"} == set(extraction.report_entries)
    for entry in extraction.report_entries.values():
        assert entries[("report", entry.key)] == json.loads(json.dumps(renderings(entry)))
    for found in entries.values():
        assert set(found) == {"bibtex", "csl-json", "ris", "references"}
        assert found["bibtex"].startswith("@") and found["csl-json"]["id"] and found["references"]["apa"]
    assert (RES["entry/work/ilo2014"], EKG.renderings, None) in graph
    assert "candidate source" in entries[("work", "ilo2014")]["bibtex"]
    assert not list(graph.triples((None, EKG.renderings, Literal(""))))


def test_a_rebuild_formats_no_entry_again(built, tmp_path):
    first = BuildCache(tmp_path)
    graph = read_side_graph(built.extraction, first)
    assert first.hits == 0
    first.commit()
    again = BuildCache(tmp_path)
    assert set(read_side_graph(built.extraction, again)) == set(graph)
    entries = len(list(graph.subjects(RDF.type, EKG.BibliographyEntry)))
    assert again.hits == entries > 90
