"""Validation: SHACL shapes (pyshacl) and OWL reasoning (owlready2 with HermiT).

The reasoner runs at build time over the part of the graph that needs reasoning (types
and object properties of the evidence nodes, not anchors and selectors); what it
infers (defined classes, the transitive ``restsOnTransitively`` chain, inverses) is
materialised into the graph so that queries never wait for a reasoner.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.errors import KgError
from kg.vocab import EKG, OA, RES, SH


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


@dataclass
class ReasoningResult:
    status: str  # "consistent", "inconsistent", "skipped"
    message: str = ""
    inferred: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        if self.status == "consistent":
            return f"reasoning (HermiT): consistent, {self.inferred} triples inferred in {self.seconds:.1f} s"
        if self.status == "skipped":
            return f"reasoning skipped: {self.message}"
        return f"reasoning (HermiT): INCONSISTENT: {self.message}"


class InconsistentOntologyError(KgError):
    """The ontology plus the data admit no model: an explicit, different error from bad data."""


# --- locations -------------------------------------------------------------------------


def locate(graph: Graph, node: URIRef) -> str:
    """Where a node comes from: ``file:line`` of its declaration or of its anchor in a text."""
    for declared in graph.objects(node, EKG.declaredAt):
        return str(declared)
    for anchor in graph.objects(node, EKG.hasAnchor):
        for source in graph.objects(anchor, OA.hasSource):
            text_file = next(graph.objects(source, EKG.textFile), None)
            for selector in graph.objects(anchor, OA.hasSelector):
                start = next(graph.objects(selector, OA.start), None)
                if start is not None and text_file is not None:
                    return f"{text_file}:{_line_of(str(text_file), int(str(start)))}"
    return ""


_LINE_CACHE: dict[str, str] = {}


def _line_of(text_file: str, offset: int) -> int:
    from kg.paths import ProjectPaths

    if text_file not in _LINE_CACHE:
        path = ProjectPaths.discover().root / text_file
        _LINE_CACHE[text_file] = path.read_text(encoding="utf-8") if path.is_file() else ""
    return _LINE_CACHE[text_file].count("\n", 0, offset) + 1


# --- SHACL -------------------------------------------------------------------------------


def run_shacl(data: Graph, shapes: Graph) -> ShaclResult:
    import pyshacl

    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", abort_on_first=False)
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
                location=locate(data, node) if isinstance(node, URIRef) else "",
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            )
        )
    violations.sort(key=lambda v: (v.location, v.node, v.message))
    return ShaclResult(bool(conforms), violations)


# --- OWL reasoning -------------------------------------------------------------------------

#: Predicates whose triples the reasoner needs (besides rdf:type).
_REASONED_PREDICATES = (
    EKG.restsOn,
    EKG.evidenceStatus,
    EKG.resolution,
    EKG.mentions,
    EKG.statedIn,
    EKG.resolvesTo,
    EKG.attributesTo,
    EKG.corroborates,
    EKG.contradicts,
    EKG.refines,
    EKG.claimKind,
    EKG.origin,
    EKG.partOfStudy,
    EKG.datedBy,
)
_SKIPPED_TYPES = {EKG.Anchor, OA.SpecificResource, OA.TextQuoteSelector, OA.TextPositionSelector, EKG.Mention}


def reasoning_input(graph: Graph, ontology: Graph) -> Graph:
    """The ontology plus the typed evidence nodes and their object properties."""
    subset = Graph()
    for triple in ontology:
        subset.add(triple)
    skipped = {s for t in _SKIPPED_TYPES for s in graph.subjects(RDF.type, t)}
    for s, o in graph.subject_objects(RDF.type):
        if isinstance(s, URIRef) and str(s).startswith(str(RES)) and s not in skipped:
            subset.add((s, RDF.type, o))
            subset.add((s, RDF.type, OWL.NamedIndividual))
    for predicate in _REASONED_PREDICATES:
        for s, o in graph.subject_objects(predicate):
            if s not in skipped and isinstance(o, URIRef):
                subset.add((s, predicate, o))
    return subset


def java_available() -> bool:
    return shutil.which(os.environ.get("KG_JAVA", "java")) is not None


def reason(graph: Graph, ontology: Graph) -> tuple[ReasoningResult, Graph]:
    """Run HermiT; return the result and the newly inferred ABox triples."""
    import time

    if not java_available():
        return ReasoningResult("skipped", "Java was not found on PATH, so OWL reasoning was skipped"), Graph()
    import owlready2

    started = time.perf_counter()
    subset = reasoning_input(graph, ontology)
    with tempfile.TemporaryDirectory(prefix="kg-reason-") as tmp:
        source = Path(tmp) / "input.nt"
        subset.serialize(destination=str(source), format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(source.as_uri()).load()
        log = io.StringIO()
        try:
            with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
                owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            raise InconsistentOntologyError(
                "the ontology and the data are inconsistent (HermiT found no model); "
                "check disjoint classes and property ranges against the data"
            ) from exc
        except owlready2.OwlReadyJavaError as exc:
            return ReasoningResult("skipped", f"the reasoner could not run: {str(exc).splitlines()[0][:200]}"), Graph()
        after = world.as_rdflib_graph()
        inferred = Graph()
        for s, p, o in after:
            if not (isinstance(s, URIRef) and str(s).startswith(str(RES))):
                continue
            if p == RDF.type and o in (OWL.NamedIndividual, OWL.Thing):
                continue
            if isinstance(o, Literal):
                continue
            if (s, p, o) not in graph and (s, p, o) not in subset:
                inferred.add((s, p, o))
        del onto
    _complete_entailments(graph, ontology, inferred)
    elapsed = time.perf_counter() - started
    return ReasoningResult("consistent", inferred=len(inferred), seconds=elapsed), inferred


def _complete_entailments(graph: Graph, ontology: Graph, inferred: Graph) -> None:
    """Add what owlready2 leaves out of its report but HermiT entails.

    owlready2 reports only the most specific inferred type of each individual and no
    property value that follows from an asserted sub-property. Queries should not need
    to know that, so the named ``ekg:`` superclasses of inferred types, and every asserted
    ``ekg:restsOn`` pair as ``ekg:restsOnTransitively``, are materialised too.
    """
    for s, cls in list(inferred.subject_objects(RDF.type)):
        for parent in ontology.transitive_objects(cls, RDFS.subClassOf):
            if isinstance(parent, URIRef) and str(parent).startswith(str(EKG)) and (s, RDF.type, parent) not in graph:
                inferred.add((s, RDF.type, parent))
    for s, o in graph.subject_objects(EKG.restsOn):
        if (s, EKG.restsOnTransitively, o) not in graph:
            inferred.add((s, EKG.restsOnTransitively, o))


def ontology_graph(ontology_file: Path) -> Graph:
    graph = Graph()
    graph.parse(ontology_file, format="turtle")
    return graph


def label_of(graph: Graph, node: URIRef) -> str:
    label = graph.value(node, RDFS.label)
    return str(label) if label else str(node)
