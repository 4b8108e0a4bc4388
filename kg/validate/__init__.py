"""The validate stage: one :func:`validate` for ``kg build`` and ``kg validate`` alike.

SHACL shapes (:mod:`kg.validate.shacl`, pySHACL) say whether the graph is well formed; the OWL
reasoner (:mod:`kg.validate.reasoner`, HermiT) says whether it is consistent with the ontology
and what follows from it. The reasoner runs only over a graph that conforms, and only when asked
(``reasoning=False`` is ``--no-reason``); its inferences are returned for the caller to add.
"""

from kg.validate.deadline import ReasonerTimeoutError
from kg.validate.reasoner import InconsistentOntologyError, ReasonerError, ReasoningResult
from kg.validate.shacl import ShaclResult, Violation
from kg.validate.verdict import Validation, validate

__all__ = [
    "InconsistentOntologyError",
    "ReasonerError",
    "ReasonerTimeoutError",
    "ReasoningResult",
    "ShaclResult",
    "Validation",
    "Violation",
    "validate",
]
