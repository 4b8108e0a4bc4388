"""Claims as the app shows them: the list with its filters, and one claim or figure in detail."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.appdata.names import short, split
from kg.appdata.settings import rows, run
from kg.appdata.text import highlighted_paragraph, report_text
from kg.store import Store


@dataclass(frozen=True)
class Claim:
    iri: str
    report: str
    section: str
    kind: str
    curated: bool
    quote: str
    start: int
    end: int
    evidence: tuple[str, ...]
    sources: tuple[str, ...]
    platforms: tuple[str, ...]
    agencies: tuple[str, ...]
    organisations: tuple[str, ...]
    statistics: int
    flags: int

    def as_record(self) -> dict[str, object]:
        return {
            "claim": short(self.iri),
            "report": self.report,
            "section": self.section,
            "kind": self.kind,
            "curated": self.curated,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "evidence": " ".join(self.evidence),
            "sources": " ".join(self.sources),
            "platforms": "; ".join(self.platforms),
            "agencies": "; ".join(self.agencies),
            "statistics": self.statistics,
            "flags": self.flags,
        }


def claims(store: Store) -> list[Claim]:
    out = []
    for r in rows(store, "app-claims"):
        out.append(
            Claim(
                iri=r["claim"],
                report=r["report"],
                section=r["section"],
                kind=r["kind"],
                curated=r["curated"] == "true",
                quote=r["quote"],
                start=int(r["start"]),
                end=int(r["end"]),
                evidence=tuple(split(r["evidenceKinds"])),
                sources=tuple(split(r["sourceKeys"])),
                platforms=tuple(split(r["platforms"], "\t")),
                agencies=tuple(split(r["agencies"], "\t")),
                organisations=tuple(split(r["organisations"], "\t")),
                statistics=int(r["statistics"] or 0),
                flags=int(r["flags"] or 0),
            )
        )
    return out


@dataclass
class ItemDetail:
    """One claim or statistic with everything the detail views show."""

    def where(self) -> str:
        """``characters 120–188``, with ``page 3`` first when the report was read from a PDF."""
        characters = f"characters {self.start}–{self.end}"
        return f"page {self.page} · {characters}" if self.page else characters

    iri: str
    report: str
    quote: str
    start: int
    end: int
    section: str
    kind: str
    paragraph_html: str
    claim: str = ""
    page: str = ""  # the page of the PDF the quote stands on, when the report was read from one
    sources: list[dict[str, str]] = field(default_factory=list)
    excerpts: list[dict[str, str]] = field(default_factory=list)
    relations: list[dict[str, str]] = field(default_factory=list)
    flags: list[dict[str, str]] = field(default_factory=list)

    def bibtex_keys(self) -> list[str]:
        return sorted(
            {s["key"] for s in self.sources if s["key"]} | {e["datedBy"] for e in self.excerpts if e["datedBy"]}
        )


def item_detail(store: Store, iri: str) -> ItemDetail | None:
    """A claim or statistic: its quote in its paragraph (highlighted), sources, interview evidence, relations, flags."""
    found = run(store, "app-item", item=iri).records()
    if not found:
        return None
    first = found[0]
    text = report_text(store, first["report"])
    start, end = int(first["start"]), int(first["end"])
    return ItemDetail(
        iri=iri,
        report=first["report"],
        quote=first["quote"],
        start=start,
        end=end,
        section=first["section"],
        kind=first["kind"],
        paragraph_html=highlighted_paragraph(text, start, end),
        page=first.get("page", ""),
        claim=" ".join(sorted({r["claim"] for r in found if r["claim"]})),
        sources=rows(store, "app-sources", item=iri),
        excerpts=rows(store, "app-excerpts", claim=iri),
        relations=rows(store, "app-relations", claim=iri),
        flags=rows(store, "app-flags", item=iri),
    )
