"""One :func:`validate` for ``kg build`` and ``kg validate`` alike: SHACL, then (if the graph conforms) HermiT.

SHACL shapes (:mod:`kg.validate.shacl`, pySHACL) say whether the graph is well formed; the OWL
reasoner (:mod:`kg.validate.reasoner`, HermiT) says whether it is consistent with the ontology
and what follows from it. The reasoner runs only over a graph that conforms, and only when asked
(``reasoning=False`` is ``--no-reason``); its inferences are returned for the caller to add.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.graph.vocabulary import ontology
from kg.validate.reasoner import ReasoningResult, reason
from kg.validate.shacl import ShaclResult, run_shacl, shapes

__all__ = ["Reasoner", "Shacl", "Validation", "validate"]


#: A SHACL validator: (graph, project folder for line numbers) -> verdict.
Shacl = Callable[[Graph, Path | None], ShaclResult]
#: A reasoner: (graph, ontology, folder for temporary files) -> verdict and inferred triples.
Reasoner = Callable[[Graph, Graph, Path | None], tuple[ReasoningResult, Graph]]


@dataclass
class Validation:
    """The verdicts on one graph: SHACL's, and the reasoner's (None when SHACL failed first)."""

    shacl: ShaclResult
    reasoning: ReasoningResult | None
    inferred: Graph = field(default_factory=Graph)

    @property
    def conforms(self) -> bool:
        return self.shacl.conforms


def validate(
    graph: Graph,
    *,
    reasoning: bool = True,
    root: Path | None = None,
    workdir: Path | None = None,
    progress: Callable[[str], None] = lambda _: None,
    reasoner: Reasoner | None = None,
    shacl: Shacl | None = None,
) -> Validation:
    """SHACL, then (if the graph conforms and ``reasoning``) HermiT.

    ``root`` is the project folder the graph's text files are relative to, for line numbers in
    violations; ``workdir`` holds the reasoner's temporary files; ``reasoner`` runs HermiT (default:
    over the whole graph at once; the build passes :func:`kg.pipeline.reasoning.reason_in_parts`,
    which gives the same answer part by part, cached and in parallel); ``shacl`` likewise validates
    the shapes (default: pySHACL over the whole graph; the build passes
    :func:`kg.pipeline.validation.shacl_in_parts`). Raises
    :class:`InconsistentOntologyError` and :class:`ReasonerError`.
    """
    progress("[validate] SHACL shapes ...")
    verdict = shacl(graph, root) if shacl is not None else run_shacl(graph, shapes(), root)
    progress(f"[validate] {verdict.summary()}")
    if not verdict.conforms:
        return Validation(verdict, None)
    if not reasoning:
        return Validation(verdict, ReasoningResult("skipped", "reasoning turned off (--no-reason)"))
    progress("[validate] OWL reasoning ...")
    result, inferred = (reasoner or reason)(graph, ontology(), workdir)
    progress(f"[validate] {result.summary()}")
    return Validation(verdict, result, inferred)
