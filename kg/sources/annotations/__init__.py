"""The curated layer: claims, interview excerpts, studies, citation chains, flags, tables and
cross-report relations, written by hand in ``annotations/*.yaml`` and loaded strictly.

Curated data is never disguised as extraction: every record comes from a file a person wrote,
and the graph labels it ``ekg:origin ekg:Curated``. What a curator types is the text's own
words; every anchor is computed from them (:mod:`~kg.sources.annotations.anchoring`), never
typed by hand, so a quote that is not in the text, or is ambiguous, is an error naming the file
and line. The files' shape is declared in :mod:`~kg.sources.annotations.schema`.

Files
-----
``annotations/<report key>.yaml`` (one per report)::

    report: REPORT
    studies:    [{id, label, own, method, sample_size, population, place, period,
                  sections, cues, works, quote, occurrence}]
    interviews: [{id, quote, occurrence, role, study, dated_by, endnote, note}]
    claims:     [{id, quote, occurrence, section, kind,
                  evidence: {works, interviews, studies, none, note}}]
    chains:     [{id, quote, occurrence, works, originator, note}]
    flags:      [{id, kind, quotes: [quote | {quote, occurrence}], rationale, works,
                  note: {text, source: {url, work}}}]
    tables:     [{id, caption, columns, quote, occurrence, note,
                  rows: [{label: quote | null, cells: [quote | null]}]}]

``annotations/cross-report.yaml`` (any file with ``relations``)::

    report_a: REPORT-A
    report_b: REPORT-B
    relations:  [{claim_a, claim_b, relation, rationale}]

Whitespace in a quote matches any whitespace run in the text; ``occurrence`` (1-based) is
required when, and only when, the quote occurs more than once. A table's row labels and cells
are quotes found in order inside the table's own quote; ``null`` is a figure the text leaves out.
A flag's ``note`` is what a careful reader knows from outside the text; it needs a ``source``:
``url`` (an http(s) address) and/or ``work`` (a bibliography key), so no fact stands unsourced.
"""

from kg.sources.annotations.load import check_work_keys, load_annotations, unknown_work_keys
from kg.sources.annotations.records import (
    Annotations,
    Chain,
    CrossRelation,
    CuratedClaim,
    CuratedTable,
    Flag,
    FlagNote,
    InterviewExcerpt,
    TableCell,
    TableRow,
    WorkRef,
)

__all__ = [
    "Annotations",
    "Chain",
    "check_work_keys",
    "CrossRelation",
    "CuratedClaim",
    "CuratedTable",
    "Flag",
    "FlagNote",
    "InterviewExcerpt",
    "load_annotations",
    "TableCell",
    "TableRow",
    "unknown_work_keys",
    "WorkRef",
]
