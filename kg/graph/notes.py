"""A report's footnotes and endnotes as nodes of the graph, prose-only ones included.

A note is a source of its own in a report: it may cite works (``See Musto (2011)``, a full reference,
``Ibid.``) or say something without citing (a comment, a definition). Either way it is an
``ekg:Note``, anchored at its text like every quoted thing, with its number and, where the notes
are numbered afresh per chapter, the ordinal of its chapter's run of notes. Its marker in the running
text resolves to it (``ekg:resolvesToNote``): the citation occurrences at the marker that carry its
number do, and a marker whose note cites nothing, which gives no occurrence, is an ``ekg:NoteMarker``
that does. A citation written in the note's own text is ``ekg:inNote`` the note.

The occurrences are found by their anchors in the graph the report's layer is being written to (an
indexed look-up per marker and per citation), so the whole is linear in notes, markers and citations.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.graph.terms import add_anchor, anchor_iri, report_iri, span_iri
from kg.records import NoteRecord, Report, Span
from kg.vocab import EKG


def note_iri(span: Span) -> URIRef:
    return span_iri("note", span)


def _occurrences_at(graph: Graph, span: Span) -> list[URIRef]:
    """The citation occurrences anchored exactly at ``span``."""
    return [
        node
        for node in graph.subjects(EKG.hasAnchor, anchor_iri(span))
        if isinstance(node, URIRef) and (node, RDF.type, EKG.CitationOccurrence) in graph
    ]


def _numbers_of(graph: Graph, node: URIRef) -> set[int]:
    """The note numbers an occurrence at a marker carries (one, or more where two notes cite one work)."""
    return {int(v) for v in graph.objects(node, EKG.endnoteNumber) if isinstance(v, Literal)}


def add_notes(graph: Graph, report: Report, notes: Iterable[NoteRecord], cited: Iterable[Span]) -> list[URIRef]:
    """The note nodes of one report, in text order; ``cited`` are where its citation occurrences stand
    (they are in ``graph`` already)."""
    rep = report_iri(report.key)
    written: dict[Span, URIRef] = {}
    holder: dict[Span, Span] = {}  # a citation's span -> the note it is written in
    cited_spans = sorted(set(cited), key=lambda s: (s.start, s.end))
    starts = [s.start for s in cited_spans]
    for note in sorted(notes, key=lambda n: (n.span.start, n.span.end)):
        if note.span in written:
            continue
        node = note_iri(note.span)
        written[note.span] = node
        graph.add((node, RDF.type, EKG.Note))
        graph.add((node, EKG.hasAnchor, add_anchor(graph, report, note.span)))
        graph.add((node, EKG.inReport, rep))
        graph.add((node, EKG.origin, EKG.Extracted))
        graph.add((node, EKG.noteNumber, Literal(note.number)))
        if note.chapter is not None:
            graph.add((node, EKG.noteChapter, Literal(note.chapter)))
        for marker in note.markers:
            at = [o for o in _occurrences_at(graph, marker) if note.number in _numbers_of(graph, o)]
            for occurrence in at:
                graph.add((occurrence, EKG.resolvesToNote, node))
            if not at:  # a note that cites nothing: its marker gives no occurrence, but still points to it
                pointer = span_iri("marker", marker, str(note.number))
                graph.add((pointer, RDF.type, EKG.NoteMarker))
                graph.add((pointer, EKG.hasAnchor, add_anchor(graph, report, marker)))
                graph.add((pointer, EKG.inReport, rep))
                graph.add((pointer, EKG.origin, EKG.Extracted))
                graph.add((pointer, EKG.noteNumber, Literal(note.number)))
                graph.add((pointer, EKG.resolvesToNote, node))
        i = bisect_left(starts, note.span.start)
        while i < len(cited_spans) and cited_spans[i].start < note.span.end:
            inside = cited_spans[i]
            held = holder.get(inside)
            if inside.end <= note.span.end and (held is None or _length(note.span) < _length(held)):
                holder[inside] = note.span
            i += 1
    for inside, span in holder.items():  # where two notes the reader found overlap, the inner one holds it
        for occurrence in _occurrences_at(graph, inside):
            graph.add((occurrence, EKG.inNote, written[span]))
    return list(written.values())


def _length(span: Span) -> int:
    return span.end - span.start


__all__ = ["add_notes", "note_iri"]
