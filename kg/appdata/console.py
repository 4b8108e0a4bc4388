"""The SPARQL console: a typed or canned query, read-only, with a row cap and a timeout, errors in words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kg.errors import KgError
from kg.query import QuerySpec, run_console, run_spec
from kg.store import ResultTable, Store


@dataclass
class ConsoleResult:
    table: ResultTable | None
    error: str = ""
    notice: str = ""


def console(store: Store, sparql: str, limit: int = 1000, timeout: float = 10.0) -> ConsoleResult:
    """A typed query, read-only, with a row cap and a timeout; errors and cuts said in words."""
    try:
        table = run_console(store, sparql, limit=limit, timeout=timeout)
    except KgError as exc:
        message = str(exc)
        return ConsoleResult(None, _said_once(message, timeout))
    return ConsoleResult(table, "", cut_notice(table, limit))


def canned(
    store: Store, spec: QuerySpec, params: Mapping[str, str], limit: int = 1000, timeout: float = 10.0
) -> ConsoleResult:
    """A canned query with the user's parameter values (validated and bound by kg.query)."""
    try:
        table = run_spec(store, spec, params, limit=limit, timeout=timeout)
    except KgError as exc:
        message = str(exc)
        return ConsoleResult(None, _said_once(message, timeout))
    return ConsoleResult(table, "", cut_notice(table, limit))


def cut_notice(table: ResultTable, limit: int) -> str:
    if not table.truncated:
        return ""
    return f"Result cut at {limit} rows: more rows exist. Narrow the query or raise the row cap."


def display_records(table: ResultTable) -> list[dict[str, str]]:
    """Rows for a table widget: every IRI as ``<…>``, the form that pastes back into a query as it is
    (``res:claim/r/1-2`` would not: a ``/`` may not stand in a prefixed name)."""
    out = []
    for row in table.rows:
        out.append({c: f"<{t.value}>" if t.kind == "uri" else t.value for c, t in row.items()})
    return out


def _said_once(message: str, timeout: float) -> str:
    """A store's timeout message, said once in the console's words; other errors unchanged."""
    if "timed out" in message or "did not answer" in message:
        return f"Timed out after {timeout:g} s: no result is shown. Narrow the query or raise the timeout."
    return message
