"""Every claim, figure, source and flag of the graph, read once per store and held in memory.

Pages filter and page these lists in Python instead of asking the store on every click: a full
claims query grows with the graph, filtering the held list is a small fraction of it
(``benchmarks/app_speed.py`` measures both). The lists are read with no row limit (a page that silently showed the first
10,000 of 16,000 claims would lie about its totals), from a handful of light queries joined
here, and each item carries the words a person reads (see :mod:`kg.appdata.words`).
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from kg.appdata import words
from kg.appdata.names import split
from kg.appdata.settings import all_rows
from kg.appdata.source_names import EVIDENCE_SOURCE_KIND, Source, source_from
from kg.appdata.statistics import format_value, unit_label
from kg.appdata.text import flat
from kg.store import Store


@dataclass(frozen=True)
class Flag:
    iri: str
    id: str
    kind: str  # words, one spelling per kind
    rationale: str
    origin: str  # "curated" or "computed"
    report: str
    targets: tuple[str, ...]
    quotes: tuple[str, ...]
    note: str = ""  # a curator's sourced note: what a careful reader knows from outside the text
    note_source: str = ""  # its address, or the key of the work it is drawn from


@dataclass(frozen=True)
class ClaimItem:
    iri: str
    report: str  # key
    section: str
    kind: str  # words
    curated: bool
    extracted: bool
    quote: str
    start: int
    end: int
    sources: tuple[str, ...]  # IRIs of what it rests on directly
    evidence: tuple[str, ...]  # its evidence kinds, in words
    excerpts: tuple[str, ...]  # IRIs of the interview excerpts that support it
    source_kinds: frozenset[str]  # the kinds of source it rests on (words.SOURCE_KINDS)
    platforms: tuple[str, ...]
    agencies: tuple[str, ...]
    organisations: tuple[str, ...]
    statistics: tuple[str, ...]  # IRIs of the figures stated in it

    @property
    def origin(self) -> str:
        return (
            "curated and extracted" if self.curated and self.extracted else "curated" if self.curated else "extracted"
        )


@dataclass(frozen=True)
class FigureItem:
    iri: str
    report: str
    start: int
    end: int
    text: str
    shown: str  # "19.1 %"
    value: float
    unit: str
    measure: str
    year: str
    kind: str
    status: str  # words
    claims: tuple[str, ...]
    sources: tuple[str, ...]
    source_kinds: frozenset[str]
    originators: tuple[str, ...]


@dataclass
class Catalogue:
    reports: dict[str, str]  # key -> "Title (year)"
    claims: list[ClaimItem]
    figures: list[FigureItem]
    sources: dict[str, Source]
    flags: dict[str, Flag]
    flags_on: dict[str, tuple[str, ...]]  # target IRI -> flag IRIs
    vocabulary: dict[str, str]
    #: Answers derived from the catalogue and kept with it (flags concerning each item, relations).
    memo: dict[str, Any] = field(default_factory=dict)

    def claim(self, iri: str) -> ClaimItem | None:
        return self._claims_by_iri().get(iri)

    def figure(self, iri: str) -> FigureItem | None:
        return self._figures_by_iri().get(iri)

    def _claims_by_iri(self) -> dict[str, ClaimItem]:
        if "claims by IRI" not in self.memo:
            self.memo["claims by IRI"] = {c.iri: c for c in self.claims}
        return self.memo["claims by IRI"]

    def _figures_by_iri(self) -> dict[str, FigureItem]:
        if "figures by IRI" not in self.memo:
            self.memo["figures by IRI"] = {f.iri: f for f in self.figures}
        return self.memo["figures by IRI"]


def build(store: Store) -> Catalogue:
    """Read the graph's claims, figures, sources and flags (a few seconds at 1,000 reports)."""
    vocabulary = words.labels(store)
    reports = words.reports_by_key(store)
    sources: dict[str, Source] = {}
    source_rows: dict[str, dict[str, str]] = {}
    for row in all_rows(store, "app-source-nodes"):
        sources.setdefault(row["source"], source_from(row, vocabulary))
        source_rows.setdefault(row["source"], row)
    works = [
        (iri, s.name, source_rows[iri].get("date", ""), source_rows[iri].get("title", ""))
        for iri, s in sources.items()
        if s.key and source_rows[iri].get("kind")
    ]
    for iri, name in words.distinct_names(works).items():
        sources[iri] = replace(sources[iri], name=name)
    rests: dict[str, list[str]] = defaultdict(list)
    evidence: dict[str, list[str]] = defaultdict(list)
    supported: dict[str, list[str]] = defaultdict(list)
    for row in all_rows(store, "app-rests-on"):
        if row["how"] == "rests on":
            rests[row["item"]].append(row["source"])
        elif row["how"] == "evidence kind":
            evidence[row["item"]].append(row["source"])
        elif row["how"] == "supported by":
            supported[row["item"]].append(row["source"])

    def kinds_of(item: str) -> frozenset[str]:
        """The kinds of source an item rests on; with no source node, what its evidence kind says."""
        found = {sources[s].kind for s in rests.get(item, ()) if s in sources}
        found |= {EVIDENCE_SOURCE_KIND[e] for e in evidence.get(item, ()) if e in EVIDENCE_SOURCE_KIND and not found}
        return frozenset(found or {"no source given"})

    mentions: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in all_rows(store, "app-mention-edges"):
        mentions[(row["claim"], row["type"])].append(row["label"])
    figures = [_figure(r, rests, kinds_of) for r in all_rows(store, "app-statistics")]
    stated: dict[str, list[str]] = defaultdict(list)
    for f in figures:
        for claim in f.claims:
            stated[claim].append(f.iri)
    claims = [
        ClaimItem(
            iri=r["claim"],
            report=r["report"],
            section=r.get("section", ""),
            kind=words.term(vocabulary, r["kind"]) if r.get("kind") else "",
            curated=r["curated"] == "true",
            extracted=r["extracted"] == "true",
            quote=flat(r["quote"]).strip(),  # shown and searched on one line; the stored text is unchanged
            start=int(r["start"]),
            end=int(r["end"]),
            sources=tuple(rests.get(r["claim"], ())),
            evidence=tuple(words.EVIDENCE_WORDS.get(e, e) for e in evidence.get(r["claim"], ())),
            excerpts=tuple(supported.get(r["claim"], ())),
            source_kinds=kinds_of(r["claim"]),
            platforms=tuple(mentions.get((r["claim"], "platform"), ())),
            agencies=tuple(mentions.get((r["claim"], "agency"), ())),
            organisations=tuple(mentions.get((r["claim"], "organisation"), ())),
            statistics=tuple(stated.get(r["claim"], ())),
        )
        for r in all_rows(store, "app-catalogue-claims")
    ]
    flags, flags_on = _flags(store)
    with_figures = {f.iri for f in figures} | {c.iri for c in claims if c.statistics}
    flags = {iri: _said_of_what_it_concerns(flag, with_figures) for iri, flag in flags.items()}
    return Catalogue(reports, claims, figures, sources, flags, flags_on, vocabulary)


#: A candidate that does not bear out what the report attributes to it: "figure" only where there is one.
_NOT_IN_SOURCE = words.flag_kind("figure-not-in-source")
STATEMENT_NOT_IN_SOURCE = _NOT_IN_SOURCE.replace("figure", "statement", 1)


def _said_of_what_it_concerns(flag: Flag, with_figures: set[str]) -> Flag:
    """The flag, its kind in words true of what it sits on: a candidate's mismatch on a claim that states
    no figure (a date, a name) reads "statement not in the cited source", never "figure"."""
    if flag.kind != _NOT_IN_SOURCE or any(t in with_figures for t in flag.targets):
        return flag
    return replace(flag, kind=STATEMENT_NOT_IN_SOURCE)


def _figure(r: dict[str, str], rests: dict[str, list[str]], kinds_of: Callable[[str], frozenset[str]]) -> FigureItem:
    return FigureItem(
        iri=r["stat"],
        report=r["report"],
        start=int(r["start"]),
        end=int(r["end"]),
        text=flat(r["text"]),
        shown=format_value(r["value"], r["upper"], r["unit"]),
        value=float(r["value"]),
        unit=unit_label(r["unit"]) or "count",
        measure=flat(r["measure"]).strip() or words.NO_MEASURE,
        year=r["year"],
        kind=r["statKind"].replace("-", " "),
        status=words.status(r["status"], bool(rests.get(r["stat"]))),
        claims=tuple(split(r["claims"])),
        sources=tuple(rests.get(r["stat"], ())),
        source_kinds=kinds_of(r["stat"]),
        originators=tuple(split(r["originators"], "\t")),
    )


def _flags(store: Store) -> tuple[dict[str, Flag], dict[str, tuple[str, ...]]]:
    quotes: dict[str, list[str]] = defaultdict(list)
    for row in all_rows(store, "app-flag-quotes"):
        quotes[row["flag"]].append(row["quote"])
    targets: dict[str, list[str]] = defaultdict(list)
    first: dict[str, dict[str, str]] = {}
    for row in all_rows(store, "app-flag-targets"):
        first.setdefault(row["flag"], row)
        if row.get("target"):
            targets[row["flag"]].append(row["target"])
    flags = {
        iri: Flag(
            iri=iri,
            id=row.get("id", ""),
            kind=words.flag_kind(row.get("kind", "other")),
            rationale=flat(row.get("rationale", "")).strip(),
            origin=row.get("origin") or "curated",
            report=row.get("report", ""),
            targets=tuple(targets[iri]),
            quotes=tuple(flat(q).strip() for q in quotes[iri]),
            note=row.get("note", ""),
            note_source=row.get("noteUrl") or row.get("noteWork", ""),
        )
        for iri, row in first.items()
    }
    on: dict[str, list[str]] = defaultdict(list)
    for iri, flag in flags.items():
        for target in flag.targets:
            on[target].append(iri)
    return flags, {k: tuple(v) for k, v in on.items()}


_held: weakref.WeakKeyDictionary[Store, Catalogue] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def catalogue(store: Store) -> Catalogue:
    """The store's catalogue, built on first use and held as long as the store lives.

    The app asks for it in a background thread as soon as the store is loaded, so the first
    page that needs it usually finds it ready; a second caller waits for the first build.
    """
    with _lock:
        found = _held.get(store)
        if found is None:
            found = _held[store] = build(store)
        return found


def warm(store: Store) -> threading.Thread:
    """Start building the catalogue in the background (the app's first page does not need it)."""

    def read() -> None:
        try:
            catalogue(store)
        except Exception:  # noqa: BLE001 - the page that needs it reads it again and says what failed
            return

    thread = threading.Thread(target=read, name="kg-catalogue", daemon=True)
    thread.start()
    return thread
