"""The Streamlit app's library layer: every question a page asks, answered from the graph.

Pages stay thin: they lay out widgets and call these functions. Everything here reads the
graph through :mod:`kg.query` (named ``queries/app-*.rq`` files, parameters bound by the
engine) or :mod:`kg.store`; user input never becomes SPARQL text, except in the SPARQL
console, which goes through :func:`kg.query.run_console` (read-only, row cap, timeout).
Text shown from the reports is read from the unchanged corpus files and sliced by offsets.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import cast

from kg.errors import KgError
from kg.paths import ProjectPaths
from kg.query import PREFIX_BLOCK, QuerySpec, parse_header, run_console, run_spec
from kg.store import ResultTable, Store, open_store
from kg.store.results import to_csv, to_json

RES = "https://w3id.org/evidence-kg/resource/"
EKG = "https://w3id.org/evidence-kg/ontology#"

#: Node colours of the graphs, by the kind of node (a legend shows them).
NODE_COLOURS = {
    "claim": "#4e79a7",
    "statistic": "#f28e2b",
    "work": "#59a14f",
    "study": "#76b7b2",
    "excerpt": "#edc948",
    "platform": "#b07aa1",
    "organisation": "#ff9da7",
    "flag": "#e15759",
    "other": "#bab0ac",
}


# --- where things are ------------------------------------------------------------------


def project_paths() -> ProjectPaths:
    return ProjectPaths.discover()


def build_dir() -> Path:
    """The built graph's folder: ``KG_BUILD_DIR`` if set, else the project's ``build/``."""
    chosen = os.environ.get("KG_BUILD_DIR")
    return Path(chosen) if chosen else project_paths().build


def store_setting() -> str:
    """A key naming the store the app reads (endpoint URL or build folder), for caches."""
    return os.environ.get("KG_ENDPOINT") or str(build_dir())


def load_store() -> Store:
    """The remote endpoint when ``KG_ENDPOINT`` is set, else the embedded store over ``kg.nt``.

    Loaded once per process and setting.
    Raises :class:`kg.errors.StoreError` (telling the user to run ``kg build``) when there is no graph.
    """
    return _store_for(store_setting())


@lru_cache(maxsize=4)
def _store_for(setting: str) -> Store:
    del setting  # the cache key: one store per build folder or endpoint
    return open_store(build_dir())


def canned_queries() -> dict[str, QuerySpec]:
    """Every named query of ``queries/``, by name (headers read; the files are the project's own)."""
    return {p.stem: spec(p.stem) for p in sorted(project_paths().queries.glob("*.rq"))}


@lru_cache(maxsize=64)
def spec(name: str) -> QuerySpec:
    """One named query, fast: header read, not re-parsed.

    The app runs only the project's own files, which ``kg.query.load_registry`` checks
    read-only in the test suite; parsing every one again in Python would cost the first page
    about five seconds. What a user types goes through :func:`console`, which checks it.
    """
    path = project_paths().queries / f"{name}.rq"
    text = path.read_text(encoding="utf-8")
    title, description, params = parse_header(text, path)
    return QuerySpec(name, title, description, params, text, path)


def run(store: Store, name: str, **params: str) -> ResultTable:
    """Run a named query with raw string parameters (validated and bound by kg.query)."""
    return run_spec(store, spec(name), params)


def rows(store: Store, name: str, **params: str) -> list[dict[str, str]]:
    return run(store, name, **params).records()


def short(iri: str) -> str:
    """``res:claim/usc2012/9911-10059`` for a resource IRI; other IRIs unchanged."""
    return "res:" + iri[len(RES) :] if iri.startswith(RES) else iri


def full(iri: str) -> str:
    return RES + iri[4:] if iri.startswith("res:") else iri


def split(value: str, sep: str = " ") -> list[str]:
    return [v for v in value.split(sep) if v]


# --- downloads -------------------------------------------------------------------------


def records_csv(records: Sequence[Mapping[str, object]]) -> str:
    table = ResultTable(columns=list(records[0]) if records else [])
    from kg.store.results import Term

    table.rows = [{k: Term("literal", str(v)) for k, v in r.items()} for r in records]
    return to_csv(table)


def records_json(records: Sequence[Mapping[str, object]]) -> str:
    return json.dumps(list(records), indent=2, ensure_ascii=False, default=str)


def table_csv(table: ResultTable) -> str:
    return to_csv(table)


def table_json(table: ResultTable) -> str:
    return to_json(table)


def bibtex_for(keys: Iterable[str]) -> str:
    """BibTeX of the bibliography entries with these keys (keys without an entry are skipped)."""
    from kg.add import load_references
    from kg.references import to_bibtex

    wanted = set(keys)
    entries = [e for e in load_references(project_paths()) if e.key in wanted]
    return to_bibtex(entries) if entries else ""


# --- overview --------------------------------------------------------------------------


def counts(store: Store) -> dict[str, int]:
    return {r["what"]: int(r["n"] or 0) for r in rows(store, "app-counts")}


def reports(store: Store) -> list[dict[str, str]]:
    return rows(store, "reports")


@dataclass(frozen=True)
class Share:
    label: str
    value: float
    text: str
    stat: str
    named: bool


def carrier_shares(store: Store) -> list[Share]:
    """The 2012 report's carrier shares: each percentage of the carrier sentence with the carrier named before it.

    A share is named by the carrier mention between the previous figure and itself; a
    share with no mention there keeps the words the text gives (``Wireline``) or, when
    the text names nothing, is labelled as unnamed, never guessed.
    """
    stats = [r for r in statistics(store) if r["report"] == "usc2012" and r["unit"].endswith("/PERCENT")]
    carriers = [
        m for m in rows(store, "app-mentions-of-class", **{"class": EKG + "Carrier"}) if m["report"] == "usc2012"
    ]
    if not carriers:
        return []
    first, last = min(int(m["start"]) for m in carriers), max(int(m["end"]) for m in carriers)
    in_list = sorted((s for s in stats if first <= int(s["start"]) <= last + 40), key=lambda s: int(s["start"]))
    text = report_text(store, "usc2012")
    shares, previous_end = [], first
    for stat in in_list:
        start = int(stat["start"])
        between = [m for m in carriers if previous_end <= int(m["start"]) and int(m["end"]) <= start]
        if between:
            label, named = between[-1]["text"], True
        else:
            words = re.sub(r"[\s(),]+|\band\b|followed by", " ", text[previous_end:start]).strip(" ,.%()")
            label, named = (words, True) if words else ("(not named)", False)
        shares.append(Share(label, float(stat["value"]), stat["text"], stat["stat"], named))
        previous_end = int(stat["end"])
    return shares


@dataclass(frozen=True)
class TableRow:
    label: str
    value: str | None  # None: the text leaves the figure out
    start: int
    end: int


def phone_table(store: Store) -> tuple[list[TableRow], str]:
    """The 2012 report's phone-number table as the text gives it: row labels, figures missing.

    The rows are the lines of the flagged table (the flag ``table-figures-missing`` anchors
    its last row); a figure is shown only where the line itself carries one after its label,
    which in this text is never. Returns the rows and the flag's rationale.
    """
    flags = [r for r in rows(store, "app-flags", item=RES + "stat/usc2012/4545-4548")]
    rationale = next((f["rationale"] for f in flags if f["id"] == "table-figures-missing"), "")
    anchor = run(store, "app-item", item=RES + "stat/usc2012/4545-4548").records()
    if not anchor:
        return [], rationale
    text = report_text(store, "usc2012")
    end_of_table = text.find("\n", int(anchor[0]["end"]))
    start_of_table = int(anchor[0]["start"])
    # walk back over the run of "Number of ..." lines that make the table
    while True:
        previous = text.rfind("\n", 0, start_of_table - 1)
        line = text[previous + 1 : start_of_table].strip()
        if line and not line.startswith("Number of"):
            break
        if previous < 0:
            break
        start_of_table = previous + 1 if line else previous
    table_rows = []
    offset = start_of_table
    for line in text[start_of_table:end_of_table].split("\n"):
        if line.strip().startswith("Number of"):
            start = offset + len(line) - len(line.lstrip())
            figure = re.search(r"\s(\d[\d,.]*)\s*$", line)
            table_rows.append(
                TableRow(line.strip(), figure.group(1) if figure else None, start, start + len(line.strip()))
            )
        offset += len(line) + 1
    return table_rows, rationale


# --- report text -----------------------------------------------------------------------


def report_text(store: Store, report: str) -> str:
    """The unchanged text of a report, read from the file its ``ekg:textFile`` names."""
    files = {r["key"]: r["textFile"] for r in rows(store, "app-report-files")}
    return _read_text(files[report])


@lru_cache(maxsize=8)
def _read_text(relative: str) -> str:
    root = project_paths().root
    path = (root / relative).resolve()
    if root.resolve() not in path.parents:
        raise KgError(f"text file outside the project: {relative}")
    return path.read_text(encoding="utf-8")


_PARAGRAPH_END = re.compile(r"[.!?:\"”’)\]]\s*\n\s*\n")


def paragraph_bounds(text: str, start: int, end: int, limit: int = 900) -> tuple[int, int]:
    """The paragraph around ``[start, end)``: from after the last break that ends a sentence, at most ``limit`` away."""
    lo = max(0, start - limit)
    before = [m.end() for m in _PARAGRAPH_END.finditer(text, lo, start)]
    para_start = before[-1] if before else lo
    after = _PARAGRAPH_END.search(text, end, min(len(text), end + limit))
    para_end = after.start() + 1 if after else min(len(text), end + limit)
    return para_start, para_end


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def highlighted_paragraph(text: str, start: int, end: int, marks: Sequence[tuple[int, int]] = ()) -> str:
    """HTML of the paragraph with ``[start, end)`` (and extra spans) in ``<mark>``; all text escaped."""
    p_start, p_end = paragraph_bounds(text, start, end)
    spans = sorted({(max(s, p_start), min(e, p_end)) for s, e in [(start, end), *marks] if s < p_end and e > p_start})
    out, position = [], p_start
    for s, e in spans:
        if s < position:
            continue
        out.append(html.escape(_flat(text[position:s])))
        out.append(f"<mark>{html.escape(_flat(text[s:e]))}</mark>")
        position = e
    out.append(html.escape(_flat(text[position:p_end])))
    prefix = "… " if p_start > 0 and text[p_start - 1] not in "\n" else ""
    return prefix + "".join(out).strip()


# --- claims ----------------------------------------------------------------------------


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


@dataclass(frozen=True)
class ClaimFilter:
    text: str = ""
    reports: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    has_statistic: bool = False
    curated_only: bool = False


def _fold(text: str) -> str:
    return _flat(text).casefold().replace("’", "'").replace("“", '"').replace("”", '"')


def search_terms(text: str) -> list[str]:
    """Words and "quoted phrases" of a search, folded for matching."""
    phrases = re.findall(r'"([^"]+)"', text)
    rest = re.sub(r'"[^"]*"', " ", text)
    return [_fold(p) for p in phrases if p.strip()] + [_fold(w) for w in rest.split()]


def filter_claims(all_claims: Iterable[Claim], f: ClaimFilter) -> list[Claim]:
    """Claims matching every term of the search (in the quote, section or a source key) and every filter."""
    terms = search_terms(f.text)
    out = []
    for c in all_claims:
        haystack = _fold(" ".join([c.quote, c.section, *c.sources, *c.platforms, *c.agencies]))
        if any(t not in haystack for t in terms):
            continue
        if f.reports and c.report not in f.reports:
            continue
        if f.sections and c.section not in f.sections:
            continue
        if f.kinds and c.kind not in f.kinds:
            continue
        if f.platforms and not set(f.platforms) & set(c.platforms):
            continue
        if f.agencies and not set(f.agencies) & set(c.agencies):
            continue
        if f.evidence and not set(f.evidence) & set(c.evidence):
            continue
        if f.has_statistic and not c.statistics:
            continue
        if f.curated_only and not c.curated:
            continue
        out.append(c)
    return out


def facet_values(all_claims: Sequence[Claim]) -> dict[str, list[str]]:
    """The values each claim filter offers, sorted."""

    def values(attr: str) -> list[str]:
        found: set[str] = set()
        for c in all_claims:
            value = getattr(c, attr)
            found.update(value if isinstance(value, tuple) else [value])
        return sorted(v for v in found if v)

    return {
        "report": values("report"),
        "section": values("section"),
        "kind": values("kind"),
        "platform": values("platforms"),
        "agency": values("agencies"),
        "evidence": values("evidence"),
    }


@dataclass
class ItemDetail:
    """One claim or statistic with everything the detail views show."""

    iri: str
    report: str
    quote: str
    start: int
    end: int
    section: str
    kind: str
    paragraph_html: str
    claim: str = ""
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
    text = _read_text(first["textFile"])
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
        claim=" ".join(sorted({r["claim"] for r in found if r["claim"]})),
        sources=rows(store, "app-sources", item=iri),
        excerpts=rows(store, "app-excerpts", claim=iri),
        relations=rows(store, "app-relations", claim=iri),
        flags=rows(store, "app-flags", item=iri),
    )


# --- statistics ------------------------------------------------------------------------

_UNITS = {
    "PERCENT": "%",
    "NUM": "",
    "YR": "years",
    "MO": "months",
    "WK": "weeks",
    "DAY": "days",
    "HR": "hours",
    "MIN": "minutes",
    "CCY_USD": "USD",
}


def unit_label(unit: str) -> str:
    code = unit.rsplit("/", 1)[-1]
    return _UNITS.get(code, code)


def format_value(value: str, upper: str, unit: str) -> str:
    """``19.1 %``, ``$99,000,000,000``, ``4–6``: the normalised value as people read it."""

    def number(v: str) -> str:
        x = float(v)
        return f"{int(x):,}" if x == int(x) else f"{x:,}"

    shown = number(value) + (f"–{number(upper)}" if upper else "")
    code = unit.rsplit("/", 1)[-1]
    if code == "CCY_USD":
        return "$" + shown.replace("–", "–$")
    if code == "PERCENT":
        return shown + " %"
    label = unit_label(unit)
    return f"{shown} {label}".strip()


def statistics(store: Store) -> list[dict[str, str]]:
    """One row per statistic (sources and originators joined), in text order."""
    return rows(store, "app-statistics")


def statistics_table(store: Store) -> list[dict[str, object]]:
    """The Statistics page's table: value, unit, measure, report, sources, relayed or primary."""
    out = []
    for r in statistics(store):
        out.append(
            {
                "figure": _flat(r["text"]),
                "value": float(r["value"]),
                "upper": float(r["upper"]) if r["upper"] else None,
                "as read": format_value(r["value"], r["upper"], r["unit"]),
                "unit": unit_label(r["unit"]) or "count",
                "measure": r["measure"],
                "kind": r["statKind"],
                "report": r["report"],
                "sources": " ".join(split(r["sources"])) or "(no source given)",
                "originates with": "; ".join(split(r["originators"], "\t")),
                "status": r["status"] or "unknown",
                "statistic": short(r["stat"]),
            }
        )
    return out


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str


@dataclass(frozen=True)
class Node:
    iri: str
    label: str
    kind: str  # a key of NODE_COLOURS


_KIND_OF_CLASS = {
    "CuratedClaim": "claim",
    "ExtractedClaim": "claim",
    "Claim": "claim",
    "SupportedClaim": "claim",
    "PlatformClaim": "claim",
    "NewsBasedClaim": "claim",
    "Statistic": "statistic",
    "RelayedStatistic": "statistic",
    "Study": "study",
    "InterviewExcerpt": "excerpt",
    "QualityFlag": "flag",
    "Report": "work",
}


def node_kind(iri: str, classes: Iterable[str] = ()) -> str:
    """The legend kind of a node, from its most specific classes or, failing that, its IRI."""
    for c in classes:
        if c in _KIND_OF_CLASS:
            return _KIND_OF_CLASS[c]
    path = iri[len(RES) :] if iri.startswith(RES) else ""
    head = path.split("/", 1)[0]
    return {
        "claim": "claim",
        "stat": "statistic",
        "work": "work",
        "study": "study",
        "excerpt": "excerpt",
        "platform": "platform",
        "org": "organisation",
        "originator": "organisation",
        "flag": "flag",
        "report": "work",
        "data": "study",
    }.get(head, "other")


def chain(store: Store, iri: str, label: str) -> tuple[list[Node], list[Edge]]:
    """The chain of custody behind an item, as nodes and edges (the item first)."""
    nodes = {iri: Node(iri, label, node_kind(iri))}
    edges: list[Edge] = []
    classes: dict[str, list[str]] = {}
    for r in rows(store, "app-chain", item=iri):
        classes.setdefault(r["to"], []).append(r["toClass"])
        if r["to"] not in nodes:
            nodes[r["to"]] = Node(r["to"], r["toLabel"], "other")
        edge = Edge(r["from"], r["to"], r["relation"])
        if edge not in edges:
            edges.append(edge)
    for key, node in list(nodes.items()):
        if key != iri:
            nodes[key] = Node(key, node.label, node_kind(key, classes.get(key, [])))
    return list(nodes.values()), edges


def chain_text(nodes: Sequence[Node], edges: Sequence[Edge]) -> list[str]:
    """The chain as indented lines: ``rests on → Study: …`` under the node it starts from."""
    labels = {n.iri: n for n in nodes}
    out: list[str] = []

    def walk(iri: str, depth: int, seen: frozenset[str]) -> None:
        for e in edges:
            if e.source == iri and e.target not in seen:
                n = labels[e.target]
                out.append(f"{'    ' * depth}└ {e.label} → [{n.kind}] {n.label}")
                walk(e.target, depth + 1, seen | {e.target})

    if nodes:
        walk(nodes[0].iri, 0, frozenset({nodes[0].iri}))
    return out


# --- sources ---------------------------------------------------------------------------


def works(store: Store) -> list[dict[str, object]]:
    """The bibliography with each work's flags spelled out."""
    out = []
    for r in rows(store, "app-works"):
        flags = []
        if r["undated"] == "true":
            flags.append("undated")
        if r["kind"] == "news-item":
            flags.append("news")
        if r["kind"] == "personal-communication":
            flags.append("personal communication")
        if int(r["variants"] or 0):
            flags.append("variant spelling in the text")
        flags.extend(k.replace("-", " ") for k in split(r["flagKinds"]) if k.replace("-", " ") not in flags)
        out.append(
            {
                "key": r["key"],
                "kind": r["kind"],
                "year": r["year"],
                "reference": r["reference"],
                "cited by": r["citedBy"],
                "citations": int(r["occurrences"] or 0),
                "claims": int(r["claims"] or 0),
                "statistics": int(r["statistics"] or 0),
                "flags": ", ".join(flags),
                "work": r["work"],
            }
        )
    return out


def unresolved_citations(store: Store) -> list[dict[str, str]]:
    return rows(store, "app-unresolved")


def work_dependents(store: Store, iri: str) -> list[dict[str, str]]:
    return rows(store, "app-work-dependents", work=iri)


def work_citations(store: Store, iri: str) -> list[dict[str, str]]:
    return rows(store, "app-work-citations", work=iri)


# --- platforms and agencies ------------------------------------------------------------


def entities(store: Store) -> list[dict[str, str]]:
    return rows(store, "app-entities")


def mention_counts(entity: Mapping[str, str]) -> dict[str, int]:
    """``{"usc2012": 17, ...}`` from the query's ``key=count`` pairs: one entry per report that mentions it."""
    pairs = (item.split("=", 1) for item in split(entity.get("mentionsByReport", ""), "\t"))
    return {key: int(count) for key, count in pairs}


_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"  # noqa: E501
_DATE = re.compile(rf"\b(?:{_MONTH}\s+(?:\d{{1,2}},\s+)?(?:19|20)\d\d|(?:19|20)\d\d)\b")


@dataclass(frozen=True)
class DatedEvent:
    date: str
    what: str  # "event" (the sentence dates something) or "source" (an endnote dating a cited source)
    report: str
    sentence: str
    start: int
    end: int


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span: from after the last ``. `` (or paragraph break) to the next."""
    stops = list(re.finditer(r"[.!?][\"”’)]?\s+(?=[A-Z“\"(])|\n\s*\n(?=[A-Z])", text[max(0, start - 600) : start]))
    s = max(0, start - 600) + stops[-1].end() if stops else max(0, start - 600)
    after = re.search(r"[.!?][\"”’)]?(?=\s+[A-Z“\"(]|\s*$)", text[end : end + 600])
    e = end + after.end() if after else min(len(text), end + 600)
    return s, e


def _cites_year(sentence: str, date: str) -> bool:
    """Whether the date only appears as a citation's year: ``(Smith, 2015)`` or ``Kennedy (2012)``."""
    year = re.escape(date)
    parenthetical = re.search(rf"[,&]\s*(?:n\.d\.;\s*)?{year}[a-z]?\s*[;),]", sentence)
    narrative = re.search(rf"[A-Z][\w’'-]+(?: et al\.?| and [A-Z][\w’'-]+)?\s*\({year}[a-z]?\)", sentence)
    others = [m for m in re.finditer(year, sentence)]
    cited = len(re.findall(rf"[,&]\s*{year}[a-z]?\s*[;),]", sentence)) + len(
        re.findall(rf"[A-Z][\w’'-]+(?: et al\.?| and [A-Z][\w’'-]+)?\s*\({year}[a-z]?\)", sentence)
    )
    return bool(parenthetical or narrative) and cited >= len(others)


def dated_events(store: Store, iri: str) -> list[DatedEvent]:
    """Sentences of the reports that mention the entity and give a date (a year, or a month and year)."""
    shortest: dict[tuple[str, int], tuple[int, str]] = {}  # (report, sentence end) -> (start, text file)
    for m in rows(store, "app-entity-mentions", entity=iri):
        text = _read_text(m["textFile"])
        s, e = sentence_bounds(text, int(m["start"]), int(m["end"]))
        if (m["report"], e) not in shortest or shortest[(m["report"], e)][0] < s:
            shortest[(m["report"], e)] = (s, m["textFile"])
    out = []
    for (report, e), (s, text_file) in shortest.items():
        sentence = _flat(_read_text(text_file)[s:e]).strip()
        dates = [d for d in _DATE.findall(sentence) if not _cites_year(sentence, d)]
        if dates:
            source = bool(re.match(rf"\(?{re.escape(dates[0])}\)", sentence)) or "Retrieved from" in sentence
            what = "source date (endnote)" if source else "event"
            out.append(DatedEvent(", ".join(dict.fromkeys(dates)), what, report, sentence, s, e))
    return sorted(out, key=lambda d: (re.search(r"\d{4}", d.date).group(0), d.report, d.start))  # type: ignore[union-attr]


# --- graph neighbourhoods --------------------------------------------------------------


def neighbourhood(
    store: Store, center: str, depth: int = 1, max_nodes: int = 40
) -> tuple[list[Node], list[Edge], bool]:
    """Nodes within ``depth`` steps of ``center`` over the evidence relations, at most ``max_nodes``.

    Returns the nodes (centre first), the edges among them, and whether the size bound cut it.
    """
    me = run(store, "app-node", node=center).records()
    label = me[0]["label"] if me else short(center)
    classes = [r["kind"] for r in me]
    nodes: dict[str, Node] = {center: Node(center, label, node_kind(center, classes))}
    edges: list[Edge] = []
    frontier, cut = [center], False
    for _ in range(depth):
        next_frontier = []
        for iri in frontier:
            found = rows(store, "app-neighbours", node=iri)
            by_node: dict[str, list[dict[str, str]]] = {}
            for r in found:
                by_node.setdefault(r["neighbour"], []).append(r)
            for other, rs in by_node.items():
                if other not in nodes:
                    if len(nodes) >= max_nodes:
                        cut = True
                        continue
                    nodes[other] = Node(other, rs[0]["label"], node_kind(other, [r["kind"] for r in rs]))
                    next_frontier.append(other)
                for r in rs:
                    prop = r["property"].rsplit("#", 1)[-1]
                    edge = Edge(iri, other, prop) if r["outgoing"] == "true" else Edge(other, iri, prop)
                    if edge not in edges:
                        edges.append(edge)
        frontier = next_frontier
    return list(nodes.values()), edges, cut


def turtle(store: Store, nodes: Iterable[Node]) -> str:
    """Turtle of every triple whose subject is one of the nodes (their anchors not included)."""
    import pyoxigraph as ox

    from kg.store.embedded import to_ox

    triples = []
    for n in nodes:
        for row in run(store, "app-triples", node=n.iri).rows:
            if row["node"].kind == "uri" and row["o"].kind != "triple":
                obj = cast("ox.NamedNode | ox.Literal | ox.BlankNode", to_ox(row["o"]))
                triples.append(ox.Triple(ox.NamedNode(n.iri), ox.NamedNode(row["p"].value), obj))
    prefixes = dict(re.findall(r"PREFIX (\w+): <([^>]+)>", PREFIX_BLOCK))
    return (ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b"").decode("utf-8")


def pyvis_html(nodes: Sequence[Node], edges: Sequence[Edge], height: int = 520) -> str:
    """A self-contained pyvis page of the graph; labels drawn as plain text, tooltips escaped.

    vis-network draws labels on a canvas (never parsed as HTML); pyvis writes the data with
    Jinja's ``tojson`` (which escapes ``<``, ``>``, ``&``); the tooltip is set with
    ``innerHTML``, so titles are HTML-escaped here.
    """
    from pyvis.network import Network

    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    net.set_options(
        json.dumps(
            {
                "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 150}},
                "edges": {
                    "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                    "font": {"size": 10, "align": "middle"},
                    "color": {"color": "#999999"},
                },
                "nodes": {"shape": "dot", "size": 14, "font": {"size": 12}},
                "interaction": {"hover": True},
            }
        )
    )
    for i, n in enumerate(nodes):
        label = n.label if len(n.label) <= 32 else n.label[:30] + "…"
        title = html.escape(f"{n.kind}: {n.label}\n{short(n.iri)}")
        net.add_node(
            n.iri,
            label=label,
            title=title,
            color=NODE_COLOURS.get(n.kind, NODE_COLOURS["other"]),
            size=22 if i == 0 else 14,
            borderWidth=3 if i == 0 else 1,
        )
    for e in edges:
        net.add_edge(e.source, e.target, label=e.label, title=html.escape(e.label))
    page = net.generate_html(notebook=False)
    # pyvis adds Bootstrap from a CDN for styling it does not need here: keep the page self-contained
    page = re.sub(r'<link[^>]*href="https?://[^"]*"[^>]*>', "", page)
    page = re.sub(r'<script[^>]*src="https?://[^"]*"[^>]*>\s*</script>', "", page)
    return page.replace("<center>\n<h1></h1>\n</center>", "")


def legend_html(kinds: Iterable[str]) -> str:
    chips = [
        f'<span style="display:inline-block;margin-right:12px"><span style="display:inline-block;width:12px;'
        f'height:12px;border-radius:6px;background:{NODE_COLOURS.get(k, NODE_COLOURS["other"])};margin-right:4px">'
        f"</span>{html.escape(k)}</span>"
        for k in dict.fromkeys(kinds)
    ]
    return "".join(chips)


# --- SPARQL console --------------------------------------------------------------------


@dataclass
class ConsoleResult:
    table: ResultTable | None
    error: str = ""
    notice: str = ""


def console(store: Store, sparql: str, limit: int = 1000, timeout: float = 10.0) -> ConsoleResult:
    """A typed query, read-only, with a row cap and a timeout; errors and cuts said in words."""
    try:
        table = run_console(store, sparql, limit=limit, timeout=timeout)
    except KgError as exc:
        message = str(exc)
        if "timed out" in message or "did not answer" in message:
            return ConsoleResult(None, f"Timed out after {timeout:g} s: no result is shown. {message}")
        return ConsoleResult(None, message)
    return ConsoleResult(table, "", cut_notice(table, limit))


def canned(
    store: Store, spec: QuerySpec, params: Mapping[str, str], limit: int = 1000, timeout: float = 10.0
) -> ConsoleResult:
    """A canned query with the user's parameter values (validated and bound by kg.query)."""
    try:
        table = run_spec(store, spec, params, limit=limit, timeout=timeout)
    except KgError as exc:
        message = str(exc)
        if "timed out" in message:
            return ConsoleResult(None, f"Timed out after {timeout:g} s: no result is shown. {message}")
        return ConsoleResult(None, message)
    return ConsoleResult(table, "", cut_notice(table, limit))


def cut_notice(table: ResultTable, limit: int) -> str:
    if not table.truncated:
        return ""
    return f"Result cut at {limit} rows: more rows exist. Narrow the query or raise the row cap."


def display_records(table: ResultTable) -> list[dict[str, str]]:
    """Rows for a table widget: resource IRIs shortened to ``res:…``."""
    return [{c: short(v) for c, v in r.items()} for r in table.records()]


def counts_before(store: Store, report: str, offset: int, window: int = 600) -> list[dict[str, str]]:
    """The count statistics stated in the ``window`` characters of prose before an offset (each value once)."""
    seen: set[str] = set()
    out = []
    for r in statistics(store):
        if r["report"] == report and r["statKind"] == "count" and offset - window <= int(r["start"]) < offset:
            if r["value"] not in seen:
                seen.add(r["value"])
                out.append(r)
    return out


def flag_rows(store: Store, iri: str) -> list[dict[str, str]]:
    """The curated quality flags on a claim, statistic or work."""
    return rows(store, "app-flags", item=iri)


def rows_of(store: Store, name: str, iri: str) -> list[dict[str, str]]:
    """Rows of a named query whose single parameter is an IRI."""
    return run(store, name, **{spec(name).params[0].name: iri}).records()


# --- light HTML for the first page (no chart library, no dataframe) ---------------------


def bar_chart_html(bars: Sequence[tuple[str, float, str]], unit: str = "%") -> str:
    """A horizontal bar chart in plain HTML: (label, value, tooltip) per bar, largest first; all text escaped."""
    if not bars:
        return ""
    top = max(v for _, v, _ in bars) or 1.0
    rows_html = []
    for label, value, tip in sorted(bars, key=lambda b: -b[1]):
        width = 100.0 * value / top
        rows_html.append(
            f'<div title="{html.escape(tip, quote=True)}" style="display:flex;align-items:center;margin:3px 0">'
            f'<div style="width:190px;text-align:right;padding-right:8px;font-size:0.9em">{html.escape(label)}</div>'
            f'<div style="flex:1"><div style="width:{width:.1f}%;background:#4e79a7;height:18px;border-radius:2px">'
            f"</div></div>"
            f'<div style="width:70px;padding-left:8px;font-size:0.9em">{value:g} {html.escape(unit)}</div></div>'
        )
    return '<div role="img" aria-label="bar chart">' + "".join(rows_html) + "</div>"


def html_table(records: Sequence[Mapping[str, object]], missing: str = "") -> str:
    """A small table in plain HTML (every cell escaped); ``None`` cells show ``missing`` greyed out."""
    if not records:
        return ""
    columns = list(records[0])
    head = "".join(f'<th style="text-align:left">{html.escape(str(c))}</th>' for c in columns)
    body = []
    for r in records:
        cells = []
        for c in columns:
            value = r[c]
            if value is None:
                cells.append(f'<td style="color:#888;font-style:italic">{html.escape(missing)}</td>')
            else:
                cells.append(f"<td>{html.escape(str(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table style="width:100%;font-size:0.9em"><tr>{head}</tr>{"".join(body)}</table>'
