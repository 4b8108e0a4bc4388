"""OWL reasoning with HermiT (through owlready2), at build time, its verdict never dropped.

(The build's default is :mod:`kg.validate.rules`, which computes this module's answer from the
ontology's axioms without Java; ``--reasoner hermit`` runs HermiT as described here.)

The reasoner runs over the part of the graph that needs reasoning (types and object properties
of the evidence nodes, not anchors and selectors); what it infers (defined classes, the
transitive ``restsOnTransitively`` chain, inverses) is materialised into the graph so that
queries never wait for a reasoner.

A reasoner that cannot run is an error, not a warning: without Java, or with a Java that
fails, the build stops (exit 2) and the previous outputs stay, unless the user asked for
``--no-reason``. HermiT runs as a child process: an interrupted build (Ctrl+C, SIGTERM) kills
it and removes its temporary files, and on Linux it also dies if the build is killed outright.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.errors import KgError
from kg.validate.deadline import DeadlineSubprocess, reasoner_timeout
from kg.vocab import EKG, OA, RES


@dataclass
class ReasoningResult:
    status: str  # "consistent" or "skipped" (asked for with --no-reason)
    message: str = ""
    inferred: int = 0
    seconds: float = 0.0
    engine: str = "HermiT"  # or "rules" (kg.validate.rules: the ontology's axioms as rules, HermiT's answer)

    def summary(self) -> str:
        if self.status == "consistent":
            return f"reasoning ({self.engine}): consistent, {self.inferred} triples inferred in {self.seconds:.1f} s"
        return f"reasoning skipped: {self.message}"


class InconsistentOntologyError(KgError):
    """The ontology plus the data admit no model: an explicit, different error from bad data."""


class ReasonerError(KgError):
    """The reasoner could not run (no Java, a failing Java): its verdict is unknown, so nothing is written."""


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
_NO_JAVA = (
    "OWL reasoning needs Java, and {java!r} was not found: install Java 17 (Debian: apt-get install -y "
    "default-jre-headless), point KG_JAVA at it, or build without reasoning (--no-reason)"
)


def reasoning_input(graph: Graph, ontology: Graph) -> Graph:
    """The ontology plus the typed evidence nodes and their object properties."""
    subset = Graph()
    for triple in ontology:
        subset.add(triple)
    for triple in reasoning_triples(graph):
        subset.add(triple)
    return subset


def reasoning_triples(graph: Graph) -> list[tuple[Node, Node, Node]]:
    """The data part of :func:`reasoning_input` (each ``res:`` node's types, also as
    ``owl:NamedIndividual``, and its object properties that the ontology reasons about), unique."""
    found: dict[tuple[Node, Node, Node], None] = {}
    skipped = {s for t in _SKIPPED_TYPES for s in graph.subjects(RDF.type, t)}
    for s, o in graph.subject_objects(RDF.type):
        if isinstance(s, URIRef) and str(s).startswith(str(RES)) and s not in skipped:
            found[(s, RDF.type, o)] = None
            found[(s, RDF.type, OWL.NamedIndividual)] = None
    for predicate in _REASONED_PREDICATES:
        for s, o in graph.subject_objects(predicate):
            if s not in skipped and isinstance(o, URIRef):
                found[(s, predicate, o)] = None
    return list(found)


def java_command() -> str:
    """The Java the reasoner uses: ``KG_JAVA`` if set, else ``java`` on PATH."""
    return os.environ.get("KG_JAVA", "java")


def java_available() -> bool:
    return shutil.which(java_command()) is not None


def check_java() -> None:
    """Raise :class:`ReasonerError` unless the reasoner's Java runs (``java -version``).

    A build whose reasoning is all cached still checks, so that a machine that cannot reason never
    reports a verdict it could not have reached; the same messages as a failing HermiT run."""
    java = shutil.which(java_command())
    if java is None:
        raise ReasonerError(_NO_JAVA.format(java=java_command()))
    runner = DeadlineSubprocess(min(60.0, reasoner_timeout()), f"the reasoner's Java ({java} -version)")
    try:
        run = runner.run([java, "-version"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        raise ReasonerError(f"the reasoner could not start {java}: {exc}") from exc
    if run.returncode != 0:
        raise ReasonerError(f"the reasoner failed ({java}): {_java_message(run.stderr + run.stdout)}")


#: The JVM options of a HermiT run. A run lasts seconds, most of it in code the JVM has just loaded:
#: the optimising compiler (C2) and the parallel collector's threads cost more CPU than they save
#: there, so the quick compiler (C1) and the serial collector are asked for. Measured on a part of
#: 8,085 lines (10 reports of 47 KB): the JVM's CPU 5.1-5.7 s -> 3.6-4.4 s, the same inferences.
#: A JVM that does not know an option ignores it (the first option says so).
JVM_OPTIONS = ("-XX:+IgnoreUnrecognizedVMOptions", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")

#: The prefix of the reasoner's temporary folders (removed after each run; a build removes those
#: a killed build left in its output folder).
TEMP_PREFIX = ".kg-reason-"


def reason(graph: Graph, ontology: Graph, workdir: Path | None = None) -> tuple[ReasoningResult, Graph]:
    """Run HermiT over the whole graph at once; return the result and the newly inferred ABox triples.

    The build reasons by rules read from the ontology (:mod:`kg.validate.rules`), or with ``--reasoner
    hermit`` part by part (:func:`kg.pipeline.reasoning.reason_in_parts`): the same answer, proved by
    tests; this is the whole-graph run those answers are checked against, and what ``kg validate
    --graph --reasoner hermit`` uses. Raises :class:`InconsistentOntologyError` when
    HermiT finds no model and :class:`ReasonerError` when it cannot run at all.
    """
    started = time.perf_counter()
    subset = reasoning_input(graph, ontology)
    inferred = Graph()
    for triple in hermit_inferences(subset, workdir):
        if triple not in graph:
            inferred.add(triple)
    complete_entailments(graph, ontology, inferred)
    return ReasoningResult("consistent", inferred=len(inferred), seconds=time.perf_counter() - started), inferred


def hermit_inferences(subset: Graph, workdir: Path | None = None) -> list[tuple[Node, Node, Node]]:
    """What HermiT (through owlready2) infers about the ``res:`` individuals of ``subset`` (the ontology
    plus typed individuals and object properties), beyond ``subset`` itself: ABox triples only.

    Its temporary files go in a folder of ``workdir`` (the build's output folder, so that the next
    build can remove what a killed one left) or of the system's temporary folder.
    """
    java = shutil.which(java_command())
    if java is None:
        raise ReasonerError(_NO_JAVA.format(java=java_command()))
    import owlready2

    with (
        tempfile.TemporaryDirectory(prefix=TEMP_PREFIX, dir=workdir) as tmp,
        _hermit_settings(owlready2, java, Path(tmp)),
    ):
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
            raise ReasonerError(f"the reasoner failed ({java}): {_java_message(str(exc))}") from exc
        except OSError as exc:
            raise ReasonerError(f"the reasoner could not start {java}: {exc.strerror or exc}") from exc
        after = world.as_rdflib_graph()
        inferred: list[tuple[Node, Node, Node]] = []
        for s, p, o in after:
            if not (isinstance(s, URIRef) and str(s).startswith(str(RES))):
                continue
            if p == RDF.type and o in (OWL.NamedIndividual, OWL.Thing):
                continue
            if isinstance(o, Literal):
                continue
            if (s, p, o) not in subset:
                inferred.append((s, p, o))
        del onto
    return inferred


def _java_message(message: str) -> str:
    """What Java said, in full but on one line: owlready2 prefixes it with 'Java error message is:'."""
    lines = [line.strip() for line in message.replace("Java error message is:", "").splitlines() if line.strip()]
    text = " | ".join(lines) or "no message (the Java process exited with an error)"
    return text if len(text) <= 2000 else text[:2000] + " …"


@contextlib.contextmanager
def _hermit_settings(owlready2: object, java: str, tmp: Path) -> Iterator[None]:
    """owlready2's module settings for one run: our Java, our temp folder, HermiT dying with us, and
    killed (its whole process group) at the deadline (:mod:`kg.validate.deadline`).

    owlready2 writes HermiT's input with ``tempfile`` and leaves it behind when Java fails or the
    run is interrupted, so ``tempfile`` points into our own temporary folder (removed either way);
    and the child gets ``PR_SET_PDEATHSIG``, so a build killed outright does not orphan a ``java``.
    """
    import owlready2.reasoning as reasoning

    saved = (owlready2.JAVA_EXE, tempfile.tempdir, dict(reasoning._subprocess_kargs))  # type: ignore[attr-defined]
    saved_subprocess = reasoning.subprocess
    reasoning.subprocess = DeadlineSubprocess(reasoner_timeout(), f"the reasoner (HermiT, {java})", JVM_OPTIONS)
    owlready2.JAVA_EXE = java  # type: ignore[attr-defined]
    tempfile.tempdir = str(tmp)
    if sys.platform.startswith("linux"):
        reasoning._subprocess_kargs = {**saved[2], "preexec_fn": _die_with_parent}
    try:
        yield
    finally:
        owlready2.JAVA_EXE, tempfile.tempdir = saved[0], saved[1]  # type: ignore[attr-defined]
        reasoning._subprocess_kargs = saved[2]
        reasoning.subprocess = saved_subprocess


def _die_with_parent() -> None:
    """In the child, before exec: ask the kernel to kill it if the build process dies."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1


def complete_entailments(graph: Graph, ontology: Graph, inferred: Graph) -> None:
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


__all__ = [
    "InconsistentOntologyError",
    "ReasonerError",
    "ReasoningResult",
    "check_java",
    "complete_entailments",
    "hermit_inferences",
    "java_available",
    "reason",
    "reasoning_input",
    "reasoning_triples",
]
