"""RDF for curated tables: a report's table (or a list the text writes as one), row by row.

Each table, row, column and cell is a node, so that any report's table is queried and shown the
same way (``app-tables``): a cell carries its words and anchor and, when a statistic was
extracted at its span, that statistic; a cell the text leaves empty says so (``ekg:figureMissing``),
never filled in. Everything is ``ekg:origin ekg:Curated``.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.graph.terms import add_anchor, add_location, report_iri, span_iri
from kg.records import Report, StatisticSource
from kg.sources.annotations import CuratedTable
from kg.vocab import EKG, RES


def table_iri(report: str, table_id: str) -> URIRef:
    return RES[f"table/{report}/{table_id}"]


def add_table(graph: Graph, report: Report, table: CuratedTable, statistics: list[StatisticSource]) -> URIRef:
    node = table_iri(report.key, table.id)
    graph.add((node, RDF.type, EKG.Table))
    graph.add((node, RDFS.label, Literal(table.caption)))
    graph.add((node, EKG.localId, Literal(table.id)))
    graph.add((node, EKG.inReport, report_iri(report.key)))
    graph.add((node, EKG.hasAnchor, add_anchor(graph, report, table.span)))
    if table.note:
        graph.add((node, RDFS.comment, Literal(table.note)))
    for index, label in enumerate(table.columns):
        column = URIRef(f"{node}/column/{index}")
        graph.add((node, EKG.hasColumn, column))
        graph.add((column, RDF.type, EKG.TableColumn))
        graph.add((column, EKG.columnIndex, Literal(index, datatype=XSD.nonNegativeInteger)))
        graph.add((column, RDFS.label, Literal(label)))
    stats = [s.statistic.span for s in statistics]
    for r, row in enumerate(table.rows, start=1):
        row_node = URIRef(f"{node}/row/{r}")
        graph.add((node, EKG.hasRow, row_node))
        graph.add((row_node, RDF.type, EKG.TableRow))
        graph.add((row_node, EKG.rowIndex, Literal(r, datatype=XSD.nonNegativeInteger)))
        if row.label is not None and row.span is not None:
            graph.add((row_node, RDFS.label, Literal(row.label)))
            graph.add((row_node, EKG.hasAnchor, add_anchor(graph, report, row.span)))
        for c, cell in enumerate(row.cells, start=1):
            cell_node = URIRef(f"{row_node}/cell/{c}")
            graph.add((row_node, EKG.hasCell, cell_node))
            graph.add((cell_node, RDF.type, EKG.TableCell))
            graph.add((cell_node, EKG.columnIndex, Literal(c, datatype=XSD.nonNegativeInteger)))
            if cell.span is None or cell.text is None:
                graph.add((cell_node, EKG.figureMissing, Literal(True)))
                continue
            graph.add((cell_node, EKG.cellText, Literal(cell.text)))
            graph.add((cell_node, EKG.hasAnchor, add_anchor(graph, report, cell.span)))
            for span in stats:
                if span.overlaps(cell.span):
                    graph.add((cell_node, EKG.cellStatistic, span_iri("stat", span)))
    graph.add((node, EKG.origin, EKG.Curated))
    add_location(graph, node, table.location)
    return node
