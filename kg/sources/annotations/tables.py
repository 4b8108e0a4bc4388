"""A curated table read row by row from its quote: labels and cells are quotes found in order inside it.

Any report's table (or a list the text writes as one) is kept the same way: caption, columns,
rows, and for each cell the figure's span, or None where the text leaves the figure out.
"""

from __future__ import annotations

from typing import Protocol

from kg.records import SourceLocation, Span
from kg.sources.annotations import schema
from kg.sources.annotations.anchoring import Place, ReportText
from kg.sources.annotations.records import CuratedTable, TableCell, TableRow


class AnnotationFile(Protocol):
    """What reading a table needs of the file it is in (the report file reader is one).

    Named here, not imported, so that the reader of a report's file may use this module without the
    two importing each other.
    """

    key: str
    text: ReportText

    def item_line(self, place: Place, field: str, index: int) -> int: ...

    def exact(self, span: Span) -> str: ...

    def location(self, place: Place) -> SourceLocation: ...


def read_table(file: AnnotationFile, t: schema.TableModel, place: Place) -> CuratedTable:
    """The table, each row label and cell found in order inside the table's own quote."""
    span = file.text.anchor(place, t.quote, t.occurrence)
    rows, cursor = [], span.start
    for i, row in enumerate(t.rows):
        line = file.item_line(place, "rows", i)
        if len(row.cells) != len(t.columns) - 1:
            raise place.error(
                "rows",
                f"row {i + 1} has {len(row.cells)} cells; the columns after the label are {len(t.columns) - 1}",
                line,
            )
        label_span = None
        if row.label is not None:
            label_span = file.text.anchor_within(place, row.label, span, cursor, "rows", line)
            cursor = label_span.end
        cells = []
        for cell in row.cells:
            if cell is None:
                cells.append(TableCell(None, None))
                continue
            cell_span = file.text.anchor_within(place, cell, span, cursor, "rows", line)
            cursor = cell_span.end
            cells.append(TableCell(cell_span, file.exact(cell_span)))
        label = file.exact(label_span) if label_span else None
        rows.append(TableRow(label, label_span, tuple(cells)))
    return CuratedTable(
        id=t.id,
        report=file.key,
        caption=t.caption,
        columns=tuple(t.columns),
        span=span,
        rows=tuple(rows),
        note=t.note or "",
        location=file.location(place),
    )
