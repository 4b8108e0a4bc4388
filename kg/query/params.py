"""Query parameters: raw ``name=value`` strings validated against a query's typed parameters.

An IRI may be written in full, in angle brackets, or with one of the usual prefixes
(``res:claim/...``); each value becomes one :class:`~kg.store.Term`, which the store binds
(as a substitution and a ``VALUES`` block), never text pasted into the query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kg.errors import QueryError
from kg.query.registry import ParamSpec, QuerySpec
from kg.store import Term
from kg.store.iri import is_iri
from kg.vocab import PREFIXES


def expand_iri(value: str) -> str:
    """A full IRI from ``<...>``, a full IRI, or a prefixed name such as ``res:claim/...``."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        value = str(PREFIXES[prefix]) + local
    if not is_iri(value):
        raise QueryError(
            f'not a valid IRI: {value[:200]!r} (an absolute IRI by RFC 3987, without spaces, quotes or <>"{{}}|^`\\)'
        )
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


def bind_param(spec: ParamSpec, raw: str) -> Term:
    if spec.type == "iri":
        try:
            return Term("uri", expand_iri(raw))
        except QueryError as exc:
            raise QueryError(f"parameter '{spec.name}': {exc}") from exc
    if spec.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", raw.strip()):
            raise QueryError(f"parameter '{spec.name}' must be an integer, got {raw[:40]!r}")
        try:
            return Term("literal", str(int(raw)), "http://www.w3.org/2001/XMLSchema#integer")
        except ValueError:  # past Python's 4,300 digits: no count of anything in a graph is that long
            raise QueryError(
                f"parameter '{spec.name}' has {len(raw.strip()):,} digits; too long for an integer"
            ) from None
    surrogate = _SURROGATE.search(raw)
    if surrogate:  # it cannot be written as UTF-8 for the engine: say so, not "the query failed"
        raise QueryError(
            f"parameter '{spec.name}': U+{ord(surrogate.group()):04X} is a lone surrogate, not a character"
        )
    return Term("literal", raw)


def bind_params(spec: QuerySpec, raw: Mapping[str, str]) -> dict[str, Term]:
    """Validate raw ``name=value`` strings against the query's declared parameters."""
    known = {p.name: p for p in spec.params}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise QueryError(
            f"query '{spec.name}' has no parameter {', '.join(unknown)}; it takes: {', '.join(known) or 'none'}"
        )
    missing = [p.name for p in spec.params if p.name not in raw]
    if missing:
        raise QueryError(f"query '{spec.name}' needs --param {missing[0]}=VALUE ({known[missing[0]].description})")
    return {name: bind_param(known[name], value) for name, value in raw.items()}
