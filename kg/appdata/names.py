"""IRIs as people read them: resource IRIs shortened to ``res:…``, lists split."""

from __future__ import annotations

from kg.vocab import RES as _RES

RES = str(_RES)


def short(iri: str) -> str:
    """``res:claim/REPORT/9911-10059`` for a resource IRI; other IRIs unchanged."""
    return "res:" + iri[len(RES) :] if iri.startswith(RES) else iri


def full(iri: str) -> str:
    return RES + iri[4:] if iri.startswith("res:") else iri


def split(value: str, sep: str = " ") -> list[str]:
    return [v for v in value.split(sep) if v]
