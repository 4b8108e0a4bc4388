"""The evidence stage: what the tool infers on top of extraction and resolution (see :mod:`kg.evidence.stage`).

Re-exports only: :func:`~kg.evidence.stage.infer` and :class:`~kg.evidence.records.Evidence`.
"""

from kg.evidence.records import Evidence
from kg.evidence.stage import _claim_texts as _claim_texts  # benchmarks/pairing_recall.py reads the claims' texts
from kg.evidence.stage import infer

__all__ = ["Evidence", "infer"]
