"""The Overview page: what the graph holds, its reports, and every curated table drawn from the data.

Tables come from the curated layer (``tables:`` in a report's annotations, queried with
``app-tables``), so any report's table is shown the same way: its rows in the text's words,
each cell's figure from the statistic extracted there, a cell the text leaves out shown as
missing, the flags anchored in it, and the figures the prose states just before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.appdata.catalogue import catalogue
from kg.appdata.settings import all_rows, rows
from kg.appdata.statistics import format_value
from kg.store import Store


def counts(store: Store) -> dict[str, int]:
    return {r["what"]: int(r["n"] or 0) for r in rows(store, "app-counts")}


def claims_sentence(counts: dict[str, int], per_report: list[int]) -> str:
    """The claim counts in one sentence that adds up: curated plus found, less those both made."""
    total, curated, found = counts.get("claims", 0), counts.get("curated claims", 0), counts.get("extracted claims", 0)
    both = counts.get("claims both curated and extracted", 0)
    parts = [
        f"**{total:,} claims**: {curated:,} written by a curator and {found:,} found by the tool"
        + (
            f", {both:,} of them by both ({curated:,} + {found:,} − {both:,} = {curated + found - both:,})"
            if both
            else ""
        )
        + "."
    ]
    if len(per_report) > 1:
        shown = " + ".join(f"{n:,}" for n in per_report) if len(per_report) <= 6 else f"{len(per_report):,} reports"
        parts.append(f"By report: {shown} = {sum(per_report):,}.")
    return " ".join(parts)


def gazetteer_sentence(counts: dict[str, int]) -> str:
    """The gazetteer's size, said apart from what the reports mention (a new project's gazetteer lists
    platforms and agencies its one report never names), and the two kinds of cross-report link."""
    return (
        f"Platforms and organisations count those the reports mention; the gazetteer lists "
        f"{counts.get('gazetteer platforms', 0):,} platforms and {counts.get('gazetteer organisations', 0):,} "
        f"organisations, mentioned or not. Curated relations are a curator's judgement that two claims agree or "
        f"disagree; pairings are claims the tool found sharing their words, for a curator to review."
    )


def reports(store: Store) -> list[dict[str, str]]:
    return all_rows(store, "reports")


@dataclass(frozen=True)
class Cell:
    text: str | None  # the words in the text; None when the text leaves the figure out
    stat: str = ""
    value: float | None = None
    shown: str = ""  # the value as people read it ("19.1 %")


@dataclass(frozen=True)
class Row:
    label: str | None  # None when the text names nothing
    cells: tuple[Cell, ...]


@dataclass
class Table:
    iri: str
    id: str
    report: str
    caption: str
    note: str
    start: int
    end: int
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    @property
    def is_chart(self) -> bool:
        """A one-figure-per-row table whose every cell holds a percentage: drawn as bars too."""
        cells = [c for r in self.rows for c in r.cells]
        return (
            len(self.columns) == 2 and bool(cells) and all(c.value is not None and c.shown.endswith("%") for c in cells)
        )

    def records(self) -> list[dict[str, object]]:
        """The table as rows of column heading -> text (None for a missing figure), for display and download."""
        out = []
        for row in self.rows:
            record: dict[str, object] = {self.columns[0]: row.label if row.label is not None else "(not named)"}
            for heading, cell in zip(self.columns[1:], row.cells, strict=False):
                record[heading] = cell.value if cell.value is not None else cell.text
            out.append(record)
        return out


def tables(store: Store) -> list[Table]:
    """Every curated table, in report and text order."""
    found: dict[str, Table] = {}
    cells: dict[tuple[str, int], list[tuple[int, Cell]]] = {}
    labels: dict[tuple[str, int], str | None] = {}
    for r in rows(store, "app-tables"):
        table = found.setdefault(
            r["table"],
            Table(r["table"], r["id"], r["report"], r["caption"], r["note"], int(r["start"]), int(r["end"])),
        )
        if r["columnLabel"]:
            table.columns.append(r["columnLabel"])
            continue
        key = (r["table"], int(r["rowIndex"]))
        labels[key] = r["rowLabel"] or None
        value = float(r["value"]) if r["value"] else None
        shown = format_value(r["value"], "", r["unit"]) if r["value"] else ""
        text = None if r["missing"] == "true" else r["cellText"]
        cells.setdefault(key, []).append((int(r["column"]), Cell(text, r["stat"], value, shown)))
    for (iri, _index), row_cells in sorted(cells.items(), key=lambda item: item[0][1]):
        ordered = tuple(cell for _, cell in sorted(row_cells, key=lambda pair: pair[0]))
        found[iri].rows.append(Row(labels[(iri, _index)], ordered))
    return list(found.values())


def table_flags(store: Store, iri: str) -> list[dict[str, str]]:
    """The curated flags anchored inside a table."""
    return rows(store, "app-flags-within", item=iri)


def counts_before(store: Store, report: str, offset: int, window: int = 600) -> list[dict[str, str]]:
    """The count statistics stated in the ``window`` characters of prose before an offset (each value once).

    Read from the store's catalogue, which the app holds already: asking for every statistic again
    cost about a second per table at 1,000 reports.
    """
    seen: set[float] = set()
    out = []
    for f in catalogue(store).figures:
        if f.report == report and f.kind == "count" and offset - window <= f.start < offset and f.value not in seen:
            seen.add(f.value)
            out.append({"text": f.text, "measure": f.measure, "value": f"{f.value:g}", "start": str(f.start)})
    return out
