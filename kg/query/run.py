"""Running queries on any store: canned ones with their parameters, typed ones from the console.

Every query a user supplies (a file, ``kg query -``, the app's console) is checked read-only
first (:mod:`kg.query.safety`); the canned ones are the package's and the project's own files,
checked when the registry is loaded. Each runs under a row cap and a timeout.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence

from kg.errors import QueryError
from kg.project import ProjectPaths
from kg.query.engine_errors import in_user_lines
from kg.query.params import bind_param, bind_params
from kg.query.portable import Portable, portable
from kg.query.prefixes import PREFIX_MAP
from kg.query.registry import QuerySpec, find_spec
from kg.query.safety import read_console
from kg.query.sites import check_binding_places
from kg.store import DEFAULT_LIMIT, DEFAULT_TIMEOUT, ResultTable, Store
from kg.store.binding import inject_value_rows
from kg.store.formats import TableStream
from kg.store.results import serialize_ntriples


def run_spec(
    store: Store,
    spec: QuerySpec,
    params: Mapping[str, str] | None = None,
    *,
    limit: int | None = DEFAULT_LIMIT,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> ResultTable:
    """A canned SELECT or ASK query with raw string parameters (validated, then bound by the store).

    The answer is made engine-independent where SPARQL leaves engines free (:mod:`kg.query.portable`).
    """
    bindings = bind_params(spec, params or {})
    check_binding_places(spec.text, list(bindings), str(spec.path))
    try:
        table = store.select(spec.text, bindings, limit=limit, timeout=timeout)
    except QueryError as exc:
        raise in_user_lines(exc, spec.prefix_lines, str(spec.path)) from None
    return portable(in_query_order(table, spec.text), spec.text)


@contextlib.contextmanager
def run_spec_stream(
    store: Store,
    spec: QuerySpec,
    params: Mapping[str, str] | None = None,
    *,
    limit: int | None = DEFAULT_LIMIT,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Iterator[TableStream]:
    """:func:`run_spec`'s answer a batch at a time (for writing it out as it comes: ``kg query``)."""
    bindings = bind_params(spec, params or {})
    check_binding_places(spec.text, list(bindings), str(spec.path))
    try:
        with store.select_stream(spec.text, bindings, limit=limit, timeout=timeout) as answer:
            rules = Portable(spec.text)
            columns = query_order(answer.columns, spec.text)
            batches = (rules(columns, batch) for batch in answer.batches)
            yield TableStream(columns, batches, answer.truncated, answer.limit, answer.boolean)
    except QueryError as exc:
        raise in_user_lines(exc, spec.prefix_lines, str(spec.path)) from None


def run_query(
    store: Store,
    name: str,
    params: Mapping[str, str] | None = None,
    *,
    paths: ProjectPaths | None = None,
    limit: int | None = DEFAULT_LIMIT,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> ResultTable:
    """Run a canned query by name (or a ``.rq`` path) with raw string parameters."""
    spec = find_spec(paths or ProjectPaths.find(), name)
    return run_spec(store, spec, params, limit=limit, timeout=timeout)


def run_construct(
    store: Store,
    spec: QuerySpec,
    params: Mapping[str, str | Sequence[str]],
    *,
    fmt: str = "turtle",
    timeout: float | None = DEFAULT_TIMEOUT,
) -> str:
    """A canned CONSTRUCT query, serialised (Turtle, JSON-LD, N-Triples) with the usual prefixes.

    A parameter may take several values (a list): the query then runs once over all of them, as
    the rows of one ``VALUES`` block.
    """
    text = _construct_text(spec, params)
    if text is None:
        return serialize_ntriples("", fmt, PREFIX_MAP)
    try:
        triples = store.construct(text, timeout=timeout)
    except QueryError as exc:
        raise in_user_lines(exc, spec.prefix_lines, str(spec.path)) from None
    return serialize_ntriples(triples, fmt, PREFIX_MAP)


@contextlib.contextmanager
def run_construct_stream(
    store: Store,
    spec: QuerySpec,
    params: Mapping[str, str | Sequence[str]],
    *,
    fmt: str = "turtle",
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Iterator[Iterator[bytes]]:
    """:func:`run_construct`'s answer as bytes, serialised by the store's worker and read a part at a time."""
    text = _construct_text(spec, params)
    if text is None:
        yield iter([serialize_ntriples("", fmt, PREFIX_MAP).encode("utf-8")])
        return
    try:
        with store.construct_stream(text, fmt, PREFIX_MAP, timeout=timeout) as pieces:
            yield pieces
    except QueryError as exc:
        raise in_user_lines(exc, spec.prefix_lines, str(spec.path)) from None


def _construct_text(spec: QuerySpec, params: Mapping[str, str | Sequence[str]]) -> str | None:
    """The CONSTRUCT query with its parameters' values as the rows of one ``VALUES`` block (None: no rows)."""
    known = {p.name: p for p in spec.params}
    unknown = sorted(set(params) - set(known))
    if unknown or set(known) - set(params):
        raise QueryError(f"query '{spec.name}' takes the parameters {', '.join(known) or 'none'}")
    names = list(params)
    choices = [[value] if isinstance(value, str) else list(value) for value in params.values()]
    rows = [
        tuple(bind_param(known[n], v) for n, v in zip(names, combo, strict=True))
        for combo in itertools.product(*choices)
    ]
    if not rows:
        return None
    check_binding_places(spec.text, names, str(spec.path))
    return inject_value_rows(spec.text, names, rows)


def run_console(
    store: Store, sparql: str, *, limit: int | None = DEFAULT_LIMIT, timeout: float | None = DEFAULT_TIMEOUT
) -> ResultTable:
    """A query a user typed: the usual prefixes declared first, read once, then run as read.

    A prefix the user declares again simply overrides ours (SPARQL allows redeclaring). The store
    gets the text that was checked (codepoint escapes processed), never the typed text.
    """
    reading = read_console(sparql)
    try:
        table = store.select(reading.text, limit=limit, timeout=timeout)
    except QueryError as exc:
        raise in_user_lines(exc, reading.prefix_lines, "console") from None
    return in_query_order(table, reading.text)


_SELECT_STAR = re.compile(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.IGNORECASE)
_VARIABLE = re.compile(r"[?$]([A-Za-z_0-9\u00B7\u00C0-\uFFFF]+)")


def in_query_order(table: ResultTable, text: str) -> ResultTable:
    """A ``SELECT *`` result's columns in the order the query first names them, as a reader expects.

    SPARQL leaves the order of ``*`` to the engine, and Oxigraph sorts the names; a user who
    wrote ``?claim ?quote ?report`` wants them in that order. Variables are looked for after the
    ``SELECT *``; a column not found there (none should be) keeps its place at the end.
    """
    table.columns = query_order(table.columns, text)
    return table


def query_order(columns: list[str], text: str) -> list[str]:
    """The columns in the order a ``SELECT *`` query first names them (see :func:`in_query_order`)."""
    star = _SELECT_STAR.search(text)
    if star is None or not columns:
        return columns
    first: dict[str, int] = {}
    for match in _VARIABLE.finditer(text, star.end()):
        first.setdefault(match.group(1), match.start())
    return sorted(columns, key=lambda c: (first.get(c, len(text)), columns.index(c)))
