"""The evidence stage: what the tool infers on top of extraction and resolution, for any report.

``infer(extraction)`` reads the records of the earlier stages and returns an
:class:`~kg.evidence.records.Evidence`: entities beyond the gazetteer and their mentions
(:mod:`~kg.evidence.entities`), chains of custody (:mod:`~kg.evidence.chains`), quality flags
(:mod:`~kg.evidence.flags`), the kind of each claim sentence (:mod:`~kg.evidence.kinds`), what each
figure measures (:mod:`~kg.evidence.measures`) and figures and claims of different reports paired
(:mod:`~kg.evidence.compare`). The rules read the text and the extracted records, never the
curated layer; the curated layer is read once, for identity only: a claim sentence a curated claim
stands for is that claim (``Evidence.claim_nodes``), so that the graph holds one node per claim.
"""

from kg.evidence.records import Evidence
from kg.evidence.stage import _claim_texts as _claim_texts  # benchmarks/pairing_recall.py reads the claims' texts
from kg.evidence.stage import infer

__all__ = ["Evidence", "infer"]
