"""Notes as sources in the graph: every footnote and endnote the reader finds is an ``ekg:Note``, prose-only
ones included; a marker resolves to its note; a citation written in a note is in it."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF

from kg.extract.citations import read_citations
from kg.graph.extracted import add_citations
from kg.graph.notes import add_notes, note_iri
from kg.graph.terms import report_iri
from kg.project import data
from kg.records import BibEntry, NoteRecord, PageLayout, Report, Span
from kg.resolve.citations import resolve_citations
from kg.resolve.references import report_bibliography
from kg.validate.shacl import run_shacl
from kg.vocab import EKG, OA

_PAGE = (
    "Agencies set goals.¹ They report on them.² Most plan ahead.³ Some follow Musto.⁴\n"
    "¹ GAO, Results-Oriented Government: GPRA Has Established a Solid Foundation, GAO-04-38 "
    "(Washington, D.C.: Mar. 10, 2004).\n"
    "² GAO-04-38.\n"
    "³ The plans are online for anyone who asks the agencies for them.\n"
    "⁴ As Musto (2011) shows, plans vary.\n"
    "\fNothing more.\n"
)


def _graph(text: str) -> tuple[Graph, Report, list]:
    read = read_citations(text, "r")
    report = Report("r", Path("r.txt"), text, "0" * 64, "A report", "2007", "report")
    musto = BibEntry(
        "musto2011", "book", "book", {"title": "Clean Hands", "year": "2011"}, "b.bib", 1, family_names=("Musto",)
    )
    bib = report_bibliography("r", read.references, [musto], "r.txt", {})
    resolved = resolve_citations(read.citations, [musto, *bib.works], "r")
    graph = Graph()
    graph.add((report_iri("r"), RDF.type, EKG.Report))
    works_at = add_citations(graph, report, resolved)
    add_notes(graph, report, read.notes, works_at)
    return graph, report, read.notes


def _quote(graph: Graph, node) -> str:
    anchor = graph.value(node, EKG.hasAnchor)
    for selector in graph.objects(anchor, OA.hasSelector):
        if (selector, RDF.type, OA.TextQuoteSelector) in graph:
            return str(graph.value(selector, OA.exact))
    raise AssertionError(f"no quote for {node}")


def test_every_note_is_read_prose_only_ones_included() -> None:
    read = read_citations(_PAGE, "r")
    by_number = {n.number: n for n in read.notes}
    assert sorted(by_number) == [1, 2, 3, 4]
    prose = by_number[3]
    assert _PAGE[prose.span.start : prose.span.end] == "The plans are online for anyone who asks the agencies for them."
    marker = _PAGE.index("³")
    assert prose.markers == (Span("r", marker, marker + 1),)
    assert all(n.chapter is None for n in read.notes)


def test_each_note_is_a_node_at_its_exact_text_and_its_marker_resolves_to_it() -> None:
    graph, report, notes = _graph(_PAGE)
    nodes = set(graph.subjects(RDF.type, EKG.Note))
    assert nodes == {note_iri(n.span) for n in notes}
    for note in notes:
        assert _quote(graph, note_iri(note.span)) == _PAGE[note.span.start : note.span.end]
        assert graph.value(note_iri(note.span), EKG.noteNumber) == Literal(note.number)
    prose = next(n for n in notes if n.number == 3)
    pointers = list(graph.subjects(EKG.resolvesToNote, note_iri(prose.span)))
    assert len(pointers) == 1 and (pointers[0], RDF.type, EKG.NoteMarker) in graph
    assert (pointers[0], RDF.type, EKG.CitationOccurrence) not in graph
    assert _quote(graph, pointers[0]) == "³"
    cited = next(n for n in notes if n.number == 1)
    at_marker = list(graph.subjects(EKG.resolvesToNote, note_iri(cited.span)))
    assert at_marker and all((o, RDF.type, EKG.CitationOccurrence) in graph for o in at_marker)
    assert all(_quote(graph, o) == "¹" for o in at_marker)


def test_a_citation_written_in_a_note_is_in_that_note() -> None:
    text = "Plans vary.\n\fNotes\n\n[1] As Musto (2011) shows, plans vary.\n"
    graph, _, notes = _graph(text)
    (note,) = [n for n in notes if n.number == 1]
    inside = list(graph.subjects(EKG.inNote, note_iri(note.span)))
    assert inside and all(_quote(graph, o) == "Musto (2011)" for o in inside)


def test_endnotes_numbered_per_chapter_carry_their_chapter() -> None:
    filler = "The chapter goes on about other things at some length here. " * 8
    body = (
        f"CHAPTER ONE: CREATORS\n{filler}\nCreators copy.1 They borrow.2 They share.3\n"
        f"CHAPTER TWO: PIRATES\n{filler}\nPirates copy.1 They sell.2 They lose.3\n"
    )
    notes = (
        "NOTES\nCHAPTER ONE: CREATORS\n1. Creators have always borrowed.\n2. A remark.\n3. Another remark.\n"
        "CHAPTER TWO: PIRATES\n1. Piracy is an old word.\n2. Another remark here.\n3. A last remark.\n"
    )
    read = read_citations(body + notes, "b")
    assert [(n.number, n.chapter) for n in read.notes] == [(1, 1), (2, 1), (3, 1), (1, 2), (2, 2), (3, 2)]
    second = read.notes[3]
    assert [m.start for m in second.markers] == [(body + notes).index("Pirates copy.1") + len("Pirates copy.")]


def test_note_nodes_conform_to_the_shapes() -> None:
    graph, report, _ = _graph(_PAGE)
    graph.add((EKG.placeholder, RDF.type, EKG.Note))  # a note without anchor or number breaks its shape
    shapes = Graph().parse(data.SHAPES, format="turtle")
    about_notes = [v for v in run_shacl(graph, shapes).violations if "note" in v.message.lower()]
    assert {v.node for v in about_notes} == {str(EKG.placeholder)}
    graph.remove((EKG.placeholder, RDF.type, EKG.Note))
    assert [str(v) for v in run_shacl(graph, shapes).violations if "note" in v.message.lower()] == []


def test_a_citation_in_two_overlapping_notes_is_in_the_inner_one() -> None:
    """The reader may find two notes where one lies inside the other (a number split from a year): the
    citation is written in one note, the smaller."""
    text = "Plans vary.\n\fNotes\n\n[1] As Musto (2011) shows, plans vary.\n"
    graph, report, notes = _graph(text)
    (note,) = [n for n in notes if n.number == 1]
    outer = NoteRecord(Span("r", note.span.start - 4, note.span.end), 7)
    add_notes(graph, report, [outer, note], [Span("r", text.index("Musto"), text.index(") shows") + 1)])
    assert (graph.value(predicate=EKG.inNote, object=note_iri(outer.span))) is None
    assert list(graph.subjects(EKG.inNote, note_iri(note.span)))


def test_inside_a_footnote_zone_a_short_line_does_not_end_a_note() -> None:
    """A note's line cut short by an address too long for it (``... found online at`` / ``http://...``) goes on:
    inside the footnote zone the page's geometry shows, notes are told apart by their numbers."""
    body = "Agencies set goals for their programs and report on them every year.¹ Few managers use the results.²\n\n"
    foot = (
        "¹ Tables for specific program metrics can be found online at\n"
        "http://www.example.gov/reports/tables/strategicgoal1.html.\n"
        "² Managers were surveyed in 2003 and again in 2007 by the same office of the agency.\n"
    )
    text = body + foot
    without = read_citations(text, "r", PageLayout(pages=(0,)))
    within = read_citations(text, "r", PageLayout(pages=(0,), notes=((len(body), len(text)),)))
    first = "Tables for specific program metrics can be found online at"
    assert [text[n.span.start : n.span.end] for n in without.notes][0] == first
    texts = [text[n.span.start : n.span.end] for n in within.notes]
    assert texts == [first + "\nhttp://www.example.gov/reports/tables/strategicgoal1.html.", foot.splitlines()[2][2:]]
