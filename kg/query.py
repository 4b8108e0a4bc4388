"""Named SPARQL queries: a registry read from ``queries/*.rq``, run safely on any store.

Each file starts with a comment header that the CLI and the app read::

    # title: Sources of a statistic
    # description: Every source a statistic rests on, directly or through a chain.
    # param: item iri  The statistic or claim

Parameters are typed (iri, string, integer), validated, and bound by the engine. Every
query a user supplies (a file or the app's console) is parsed first and refused if it
updates, loads, reaches another service (SERVICE) or names its own dataset (FROM).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import QueryError
from kg.store import DEFAULT_LIMIT, DEFAULT_TIMEOUT, ResultTable, Store, Term
from kg.vocab import PREFIXES

PARAM_TYPES = ("iri", "string", "integer")

#: Prepended to console queries so users can write ``ekg:Claim`` straight away.
PREFIX_BLOCK = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


@dataclass(frozen=True)
class ParamSpec:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class QuerySpec:
    """One canned query: its name (the file stem), header and text."""

    name: str
    title: str
    description: str
    params: tuple[ParamSpec, ...]
    text: str
    path: Path
    columns: tuple[str, ...] = field(default=())


def parse_header(text: str, path: Path) -> tuple[str, str, tuple[ParamSpec, ...]]:
    title, description, params = "", "", []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = re.match(r"#\s*(title|description|param):\s*(.*)$", line)
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = (description + " " + value).strip()
        else:
            parts = value.split(None, 2)
            if len(parts) < 2 or parts[1] not in PARAM_TYPES:
                raise QueryError(f"{path}:{number}: '# param:' needs NAME TYPE DESCRIPTION, TYPE one of {PARAM_TYPES}")
            params.append(ParamSpec(parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    if not title:
        raise QueryError(f"{path}:1: the query has no '# title:' header line")
    return title, description, tuple(params)


def load_query_file(path: Path) -> QuerySpec:
    text = path.read_text(encoding="utf-8")
    title, description, params = parse_header(text, path)
    check_read_only(text, str(path))
    _check_params_projected(text, params, path)
    return QuerySpec(path.stem, title, description, params, text, path)


def _check_params_projected(text: str, params: tuple[ParamSpec, ...], path: Path) -> None:
    """Engine-side substitution (SEP-0007) binds only variables the SELECT clause projects."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    match = re.search(r"\bSELECT\b(.*?)\bWHERE\b", body, re.IGNORECASE | re.DOTALL)
    projection = match.group(1) if match else ""
    for param in params:
        if not re.search(rf"\?{re.escape(param.name)}\b", projection) and "*" not in projection:
            raise QueryError(f"{path}: parameter ?{param.name} must appear in the SELECT clause to be bound")


def load_registry(folder: Path) -> dict[str, QuerySpec]:
    """Every ``*.rq`` in the folder, by name."""
    return {p.stem: load_query_file(p) for p in sorted(folder.glob("*.rq"))}


# --- safety --------------------------------------------------------------------------


def _names(node: object) -> set[str]:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            found.add(item.name)
            stack.extend(item.values())
        elif isinstance(item, (list, ParseResults)):
            stack.extend(item)
    return found


@lru_cache(maxsize=256)
def check_read_only(sparql: str, where: str = "query") -> None:
    """Refuse anything but a read-only SELECT/ASK over the store's own data.

    The parsed query is inspected, not its text: a string literal containing the
    word SERVICE is fine; a SERVICE clause is not. rdflib's parser is imported here, not at the
    top: it costs a third of a second, which the app's first page need not pay.
    """
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree = parseQuery(sparql)
    except Exception as exc:
        try:
            update = parseUpdate(sparql)
        except Exception:
            raise QueryError(f"{where}: not valid SPARQL: {_first_line(exc)}") from exc
        kinds = sorted(_names(update) - {"Update", "Quads", "PrefixDecl", "TriplesBlock"})
        raise QueryError(
            f"{where}: updates are refused ({', '.join(kinds) or 'UPDATE'}); the store is read-only"
        ) from exc
    names = _names(tree)
    if "ServiceGraphPattern" in names:
        raise QueryError(f"{where}: SERVICE is refused: queries may not reach other endpoints")
    if "DatasetClause" in names:
        raise QueryError(f"{where}: FROM / FROM NAMED is refused: queries run over the store's own graph")
    if not names & {"SelectQuery", "AskQuery"}:
        raise QueryError(f"{where}: only SELECT and ASK queries are supported")


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


# --- parameters ----------------------------------------------------------------------

_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^<>"{}|^`\\\s]*$')


def expand_iri(value: str) -> str:
    """A full IRI from ``<...>``, a full IRI, or a prefixed name such as ``res:claim/...``."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        value = str(PREFIXES[prefix]) + local
    if not _IRI.match(value):
        raise QueryError(f"not a valid IRI: {value!r}")
    return value


def bind_param(spec: ParamSpec, raw: str) -> Term:
    if spec.type == "iri":
        try:
            return Term("uri", expand_iri(raw))
        except QueryError as exc:
            raise QueryError(f"parameter '{spec.name}': {exc}") from exc
    if spec.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", raw.strip()):
            raise QueryError(f"parameter '{spec.name}' must be an integer, got {raw!r}")
        return Term("literal", str(int(raw)), "http://www.w3.org/2001/XMLSchema#integer")
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


# --- running -------------------------------------------------------------------------


def resolve_spec(registry: Mapping[str, QuerySpec], name_or_path: str) -> QuerySpec:
    if name_or_path in registry:
        return registry[name_or_path]
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return load_query_file(path)
    close = [n for n in registry if n.startswith(name_or_path[:3])]
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise QueryError(f"unknown query '{name_or_path}'. Run `kg queries` to list them.{hint}")


def run_spec(
    store: Store,
    spec: QuerySpec,
    params: Mapping[str, str] | None = None,
    *,
    limit: int | None = DEFAULT_LIMIT,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> ResultTable:
    bindings = bind_params(spec, params or {})
    return store.select(spec.text, bindings, limit=limit, timeout=timeout)


def run_query(
    store: Store,
    name: str,
    params: Mapping[str, str] | None = None,
    *,
    queries_dir: Path | None = None,
    limit: int | None = DEFAULT_LIMIT,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> ResultTable:
    """Run a canned query by name (or a ``.rq`` path) with raw string parameters."""
    from kg.paths import ProjectPaths

    folder = queries_dir or ProjectPaths.discover().queries
    spec = resolve_spec(load_registry(folder), name)
    return run_spec(store, spec, params, limit=limit, timeout=timeout)


def run_console(
    store: Store, sparql: str, *, limit: int | None = DEFAULT_LIMIT, timeout: float | None = DEFAULT_TIMEOUT
) -> ResultTable:
    """A query a user typed: the usual prefixes declared first, checked read-only, then run.

    A prefix the user declares again simply overrides ours (SPARQL allows redeclaring).
    """
    text = PREFIX_BLOCK + sparql
    check_read_only(text, "console")
    return store.select(text, limit=limit, timeout=timeout)
