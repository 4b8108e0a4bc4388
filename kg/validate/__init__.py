"""The validate stage: one :func:`validate` for ``kg build`` and ``kg validate`` alike (see :mod:`kg.validate.verdict`).

Re-exports only: the verdict, the SHACL and reasoner results, and their errors.
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
