"""Each report's curated inputs looked up in an index made once: the same as filtering every entry.

The filters (entries whose ``citedin`` names the report, keys that start with ``<report>-``, the
report's curated studies) ran over every entry for every report, reports x entries in all."""

from __future__ import annotations

from dataclasses import replace

from kg.pipeline.stages import CuratedIndex, report_inputs
from kg.sources.annotations import load_annotations
from kg.sources.bibliography import load_references
from kg.sources.text import load_reports


def _filtered(report, references, annotations):
    key = report.key
    mine = tuple(e for e in references if key in {k.strip() for k in e.fields.get("citedin", "").split(",")})
    taken = tuple(sorted(e.key for e in references if e.key.startswith(f"{key}-")))
    studies = tuple(s for s in annotations.studies if s.report == key)
    return mine, taken, studies


def test_the_index_gives_each_report_what_the_filters_gave(paths):
    reports = load_reports(paths)
    references = load_references(paths)
    annotations = load_annotations(paths, reports)
    # keys that a prefix test must tell apart: "<report>-..." of two reports, one key a prefix of the other's
    first = reports[0].key
    extra = [
        replace(references[0], key=f"{first}-x-1", fields={"citedin": f" {first} ,{first}"}),
        replace(references[0], key=f"{first}-x-2", fields={}),
        replace(references[0], key=f"{first}x-3", fields={"citedin": f"{first}x"}),
    ]
    entries = references + extra
    fake = replace(reports[0], key=f"{first}-x")
    index = CuratedIndex(entries, annotations)
    for report in [*reports, fake]:
        got = report_inputs(paths, report, entries, annotations, (), index)
        mine, taken, studies = _filtered(report, entries, annotations)
        assert (got.entries, got.taken, got.studies) == (mine, taken, studies)
    assert any(report_inputs(paths, r, entries, annotations, (), index).studies for r in reports)
    assert report_inputs(paths, fake, entries, annotations, (), index).taken == (f"{first}-x-1", f"{first}-x-2")
