"""SHACL validation, each violation located where a person can fix it.

Two engines give the same violations: pySHACL (:func:`run_shacl`, over an rdflib graph: the
reference, and ``kg validate``'s) and pyshacl-turbo (:func:`native_violations`, pySHACL's checks
in Rust over N-Triples text, no rdflib graph: the build's, some 50 times cheaper a triple).
tests/test_shacl_engine.py proves the two equal on the real graph broken in many ways.

A violation names its node and, where the graph says where the node came from, the file and
line: ``ekg:declaredAt`` for curated records and BibTeX entries, or the line of the node's
anchor in its report text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.project import data
from kg.sources.rdf import parse_triples, read_bytes, to_rdflib
from kg.validate.namespaces import linear_namespaces
from kg.vocab import EKG, OA, SH


@dataclass
class Violation:
    node: str
    path: str
    message: str
    location: str
    severity: str = "Violation"

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        path = f" ({self.path})" if self.path else ""
        return f"{where}{self.node}{path}: {self.message}"


@dataclass
class ShaclResult:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def summary(self) -> str:
        if self.conforms:
            return "SHACL: conforms"
        return f"SHACL: {len(self.violations)} violation(s)"


@lru_cache(maxsize=1)
def _shape_triples() -> tuple[ox.Triple, ...]:
    shown = "ontology/" + data.SHAPES.name
    return tuple(parse_triples(read_bytes(data.SHAPES, shown), shown, ox.RdfFormat.TURTLE))


def shapes() -> Graph:
    """The package's SHACL shapes (parsed once per process)."""
    return to_rdflib(list(_shape_triples()))


def run_shacl(graph: Graph, shapes_graph: Graph, root: Path | None = None) -> ShaclResult:
    """Validate ``graph``; ``root`` is the project folder its text files are relative to (for line numbers)."""
    import pyshacl

    with linear_namespaces(graph):  # pySHACL names every node it meets: linear in their number, not quadratic
        conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes_graph, inference="none", abort_on_first=False)
    return ShaclResult(bool(conforms), violations_in(report, graph, root))


@lru_cache(maxsize=1)
def _native_shapes() -> object:
    """The shapes compiled by pyshacl-turbo (once per process)."""
    from pyshacl_turbo import compile_shapes

    return compile_shapes(shapes())


def native_violations(ntriples: str, focus: list[str] | None = None, root: Path | None = None) -> list[Violation]:
    """The violations of N-Triples ``ntriples`` (instance data and the vocabulary it needs), judged by
    pyshacl-turbo: only the nodes ``focus`` names when given, as pySHACL's ``focus_nodes``.

    The text goes to the Rust engine as it is (no rdflib graph); only when there are violations is
    it parsed into rdflib, to locate them (:func:`locate`)."""
    from pyshacl_turbo.rdf import Input

    program = _native_shapes()
    data = Input(ntriples, "nt", None, {}, {})
    focus_nodes = [URIRef(node) for node in focus] if focus is not None else None
    _, report, _ = program.validate(data, focus_nodes=focus_nodes)  # type: ignore[attr-defined]
    if next(report.subjects(RDF.type, SH.ValidationResult), None) is None:
        return []
    graph = Graph()
    graph.parse(data=ntriples, format="nt")
    return violations_in(report, graph, root)


def violations_in(report: Graph, graph: Graph, root: Path | None = None) -> list[Violation]:
    """pySHACL's report as violations, each located in the project (sorted by place, node and message)."""
    texts: dict[str, str] = {}
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        node = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        severity = report.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                node=str(node),
                path=str(path or ""),
                message=str(message or "does not conform"),
                location=locate(graph, node, root, texts) if isinstance(node, URIRef) else "",
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            )
        )
    return sorted(violations, key=lambda v: (v.location, v.node, v.message))


def locate(graph: Graph, node: URIRef, root: Path | None = None, texts: dict[str, str] | None = None) -> str:
    """Where a node comes from: ``file:line`` of its declaration or of its anchor in a text."""
    for declared in graph.objects(node, EKG.declaredAt):
        return str(declared)
    cache = texts if texts is not None else {}
    for anchor in graph.objects(node, EKG.hasAnchor):
        for source in graph.objects(anchor, OA.hasSource):
            text_file = next(graph.objects(source, EKG.textFile), None)
            for selector in graph.objects(anchor, OA.hasSelector):
                start = next(graph.objects(selector, OA.start), None)
                if start is not None and text_file is not None and str(start).isdigit():  # a broken offset: no line
                    return f"{text_file}:{_line_of(root, str(text_file), int(str(start)), cache)}"
    return ""


def _line_of(root: Path | None, text_file: str, offset: int, cache: dict[str, str]) -> int:
    if text_file not in cache:
        path = (root or Path.cwd()) / text_file
        cache[text_file] = path.read_text(encoding="utf-8") if path.is_file() else ""
    return cache[text_file].count("\n", 0, offset) + 1
