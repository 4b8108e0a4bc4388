"""The nodes and edges of the drawn graphs, in words a first-time reader follows.

A graph of 80 nodes is only readable if every label is a few words: a work is drawn as its short
citation ("NPR (2010)"), a claim as its first words, a report as its short title, and the full
text goes to the tooltip and the table. Edges read as the ontology's own labels ("rests on"),
read from the graph. IRIs stay in the node records for technical details and downloads only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kg.appdata import pages, words
from kg.appdata.names import RES
from kg.appdata.settings import spec
from kg.query.params import bind_param
from kg.store import Store
from kg.store.binding import inject_value_rows

#: No drawn label is longer than this (characters); vis-network wraps it onto two or three lines.
LABEL_LIMIT = 40
#: A claim, an excerpt or a figure is drawn as its first words, up to this many characters.
QUOTE_WORDS = 32

#: Each kind of node: the words in the legend and the table, and their plural for a summary node.
KIND_WORDS: dict[str, tuple[str, str]] = {
    "claim": ("claim", "claims"),
    "statistic": ("figure", "figures"),
    "work": ("cited work", "cited works"),
    "candidate": ("candidate source (not what the report says)", "candidate sources"),
    "report": ("report", "reports"),
    "study": ("study", "studies"),
    "excerpt": ("interview excerpt", "interview excerpts"),
    "platform": ("platform", "platforms"),
    "organisation": ("organisation or agency", "organisations or agencies"),
    "flag": ("quality flag", "quality flags"),
    "more": ("more of a kind, not drawn", "more of a kind, not drawn"),
    "other": ("other", "others"),
}

#: The first of a node's classes found here names its kind (a report is a report, not a work).
_KIND_OF_CLASS = {
    "Report": "report",
    "Statistic": "statistic",
    "Claim": "claim",
    "InterviewExcerpt": "excerpt",
    "Study": "study",
    "QualityFlag": "flag",
    "CitedWork": "work",
    "SourceCandidate": "candidate",
    "Platform": "platform",
    "Organization": "organisation",
    "Agent": "organisation",
}
_KIND_OF_PATH = {
    "claim": "claim",
    "stat": "statistic",
    "work": "work",
    "candidate": "candidate",
    "report": "report",
    "study": "study",
    "data": "study",
    "excerpt": "excerpt",
    "platform": "platform",
    "org": "organisation",
    "originator": "organisation",
    "flag": "flag",
}
#: The IRIs of summary nodes start so: they stand for nodes, and are no resource of the graph.
MORE = "more:"
#: What a claim without a curated kind (an extracted one) is grouped as.
NO_CLAIM_KIND = "unclassified"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str  # words: "rests on"
    relation: str = ""  # the property's IRI, for technical details


@dataclass(frozen=True)
class Node:
    iri: str
    label: str  # the words drawn: at most LABEL_LIMIT characters
    kind: str  # a key of KIND_WORDS
    text: str = ""  # the full words: tooltip and table
    group: str = ""  # a claim's kind ("finding"); for a summary node, the kind it stands for
    hidden: int = 0  # for a summary node ("+12 more claims"): how many it stands for

    @property
    def full(self) -> str:
        return self.text or self.label


def first_words(text: str, limit: int = QUOTE_WORDS) -> str:
    """The text on one line, cut at a word before ``limit`` characters, with an ellipsis if cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    cut = cut.rstrip(" ,;:.-–—(")
    return cut + ("…)" if cut.count("(") > cut.count(")") else "…")


def kind_of(iri: str, classes: Iterable[str] = ()) -> str:
    """The legend kind of a node, from its classes (any vocabulary) or, failing that, its IRI."""
    names = {words.local_name(c) for c in classes}
    for name, kind in _KIND_OF_CLASS.items():
        if name in names:
            return kind
    path = iri[len(RES) :] if iri.startswith(RES) else ""
    return _KIND_OF_PATH.get(path.split("/", 1)[0], "other")


def kind_words(kind: str, plural: bool = False) -> str:
    return KIND_WORDS.get(kind, KIND_WORDS["other"])[1 if plural else 0]


def edge_words(vocabulary: Mapping[str, str], relation: str) -> str:
    """A relation as the ontology labels it ("rests on"); unlabelled ones split into words."""
    return words.term(vocabulary, relation)


def node_from_row(row: Mapping[str, str], vocabulary: Mapping[str, str]) -> Node:
    """A node's short label and full text from what ``app-graph-nodes`` found for it."""
    iri = row["node"]
    kind = kind_of(iri, row.get("classes", "").split())
    quote = " ".join(row.get("quote", "").split())
    name = row.get("prefLabel") or row.get("plainLabel") or ""
    group = ""
    if kind == "work":
        label = words.short_citation(row.get("firstAuthor", ""), row.get("authors", ""), row.get("year", ""))
        text = row.get("reference") or row.get("title") or label
        if row.get("workKind"):
            text += f" ({words.work_kind(row['workKind'])})"
    elif kind == "report":
        year = f" ({row['year']})" if row.get("year") else ""
        title = row.get("title") or name or row.get("key", "")
        label = first_words(title, LABEL_LIMIT - len(year)) + year
        text = row.get("reference") or title + year
    elif kind in ("claim", "excerpt", "statistic") and quote:
        label, text = first_words(quote), quote
        if kind == "statistic":  # "two" alone says nothing: "two (urban cities)"
            measure = " ".join(row.get("measure", "").split())
            label = first_words(f"{quote} ({measure or 'figure'})", LABEL_LIMIT)
        if kind == "claim":
            code = row.get("claimKind", "")
            group = words.term(vocabulary, code) if code else NO_CLAIM_KIND
        if kind == "statistic" and row.get("measure"):
            text = f"{quote} — what it measures: {' '.join(row['measure'].split())}"
    elif kind == "flag":
        said = words.flag_kind(row.get("flagKind", "other"))
        label = first_words(f"Flag: {said}", LABEL_LIMIT)
        text = f"{said}: {row['rationale']}" if row.get("rationale") else said
    else:
        shown = " ".join((name or quote or row.get("title") or row.get("localId") or "").split())
        label, text = first_words(shown, LABEL_LIMIT), shown  # nothing found: the kind, and no text
    return Node(iri, first_words(label, LABEL_LIMIT) or kind_words(kind), kind, text, group)


def describe(store: Store, iris: Sequence[str], vocabulary: Mapping[str, str]) -> dict[str, Node]:
    """Every node's words, in one query over all of them (``app-graph-nodes``, bound as VALUES)."""
    if not iris:
        return {}
    query = spec("app-graph-nodes")
    param = query.params[0]
    text = inject_value_rows(query.text, [param.name], [(bind_param(param, iri),) for iri in iris])
    found = {r["node"]: node_from_row(r, vocabulary) for r in store.select(text, limit=None).records()}
    return {iri: found.get(iri) or node_from_row({"node": iri}, vocabulary) for iri in iris}


#: The page that opens each kind of node, and the URL parameter naming it.
_PAGE_OF_KIND = {
    "claim": (pages.CLAIMS, "claim"),
    "statistic": (pages.STATISTICS, "stat"),
    "study": (pages.STUDIES, "study"),
    "platform": (pages.ENTITIES, "entity"),
    "organisation": (pages.ENTITIES, "entity"),
}


def node_page(node: Node, work_keys: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """The address of the page a drawn node opens on (from the registry, :mod:`kg.appdata.pages`) and its
    parameters ("" when it has none: a report, a summary box).
    ``work_keys``: a cited work's IRI to its key (the Sources page names works by key)."""
    from kg.appdata.names import short

    if node.kind == "work" and node.iri in work_keys:
        return pages.SOURCES.url_path, {"work": work_keys[node.iri]}
    if node.kind in _PAGE_OF_KIND and node.iri.startswith(RES):
        page, param = _PAGE_OF_KIND[node.kind]
        return page.url_path, {param: short(node.iri)}
    return "", {}


def summary_label(kind: str, group: str, hidden: int) -> str:
    """``+12 more claims (finding)``: what a summary node says on the graph."""
    if kind == "claim":
        return first_words(f"+{hidden} more {'claim' if hidden == 1 else 'claims'} ({group})", LABEL_LIMIT)
    return first_words(f"+{hidden} more {kind_words(kind, plural=hidden != 1)}", LABEL_LIMIT)


def _kind_and_group(node: Node) -> str:
    if node.kind == "more":
        return "more"
    return f"{kind_words(node.kind)} ({node.group})" if node.group else kind_words(node.kind)


def _iri(iri: str) -> str:
    return "" if iri.startswith(MORE) else iri


def node_records(nodes: Sequence[Node], with_iri: bool = False) -> list[dict[str, str]]:
    """The nodes as a table a person reads: the label drawn, the kind in words, the full text.

    ``with_iri`` adds each node's IRI, for the technical details and the downloads only.
    """
    out = []
    for n in nodes:
        record = {"drawn as": n.label, "kind": _kind_and_group(n), "full text": n.full}
        if with_iri:
            record["iri"] = _iri(n.iri)
        out.append(record)
    return out


def edge_records(nodes: Sequence[Node], edges: Sequence[Edge], with_iri: bool = False) -> list[dict[str, str]]:
    """The edges as sentences in three columns: ``Heil & Nichols (2014)`` · ``rests on`` · …"""
    label = {n.iri: n.label for n in nodes}
    out = []
    for e in edges:
        record = {"from": label[e.source], "relation": e.label, "to": label[e.target]}
        if with_iri:
            record |= {"from iri": _iri(e.source), "relation iri": e.relation, "to iri": _iri(e.target)}
        out.append(record)
    return out
