"""A remote SPARQL 1.1 endpoint (Oxigraph server, Fuseki, Virtuoso, GraphDB, QLever, ...).

Queries go over the SPARQL protocol. The protocol has no parameter binding, so a
parameter becomes a ``VALUES`` block placed first in the query's outermost group: the
value is an escaped RDF term built from a validated :class:`Term`, never user text
pasted into the query. A server that is down, hangs, answers with an error page or
with a partial result (HTTP 206, as Virtuoso does on a timeout) raises StoreError:
a truncated answer is never shown as complete.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

from kg.errors import QueryError, StoreError
from kg.store.base import DEFAULT_LIMIT, DEFAULT_TIMEOUT, Store
from kg.store.results import ResultTable, Term, parse_sparql_json

_SKIP = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_SAFE_IRI = re.compile(r'^[^<>"{}|^`\\\s]+$')


def inject_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """Put ``VALUES (?a ?b) { (t1 t2) }`` first inside the outermost ``{`` of the query body."""
    if not bindings:
        return sparql
    for name, term in bindings.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"bad parameter name '{name}'")
        if term.kind == "uri" and not _SAFE_IRI.match(term.value):
            raise QueryError(f"parameter '{name}': not a valid IRI: {term.value!r}")
    position = _first_group_brace(sparql)
    names = " ".join(f"?{n}" for n in bindings)
    values = " ".join(t.n3() for t in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    return sparql[: position + 1] + block + sparql[position + 1 :]


def _first_group_brace(sparql: str) -> int:
    """Offset of the ``{`` that opens the query's WHERE group (outside strings, IRIs, comments)."""
    masked = _SKIP.sub(lambda m: " " * len(m.group()), sparql)
    where = re.search(r"\bWHERE\s*\{", masked, re.IGNORECASE)
    if where:
        return where.end() - 1
    brace = masked.find("{")
    if brace < 0:
        raise QueryError("the query has no { ... } group to bind parameters in")
    return brace


def _sibling(url: str, path: str) -> str:
    parts = urlsplit(url)
    base = parts.path.rsplit("/", 1)[0] if parts.path.endswith(("/query", "/sparql")) else parts.path.rstrip("/")
    return urlunsplit((parts.scheme, parts.netloc, base + path, "", ""))


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint given by URL (read-only use; ``load_file`` pushes a graph)."""

    def __init__(self, endpoint: str, *, store_url: str | None = None, update_url: str | None = None) -> None:
        if not re.match(r"^https?://", endpoint):
            raise StoreError(f"endpoint must be an http(s) URL, got {endpoint!r}")
        self.endpoint = endpoint
        self.store_url = store_url or _sibling(endpoint, "/store")
        self.update_url = update_url or _sibling(endpoint, "/update")
        self.description = f"remote SPARQL endpoint {endpoint}"
        self._session = requests.Session()

    def _post_query(self, sparql: str, accept: str, timeout: float | None) -> requests.Response:
        try:
            response = self._session.post(
                self.endpoint,
                data=sparql.encode("utf-8"),
                headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept},
                timeout=timeout,
            )
        except requests.Timeout as exc:
            raise StoreError(f"{self.endpoint} did not answer within {timeout:g} s; no result is shown") from exc
        except requests.ConnectionError as exc:
            raise StoreError(f"cannot reach the SPARQL endpoint {self.endpoint}: is the server running?") from exc
        if response.status_code == 206:
            raise StoreError(f"{self.endpoint} returned a partial result (HTTP 206); it is not shown as complete")
        if response.status_code == 400:
            raise QueryError(f"the endpoint rejected the query: {response.text[:300]}")
        if response.status_code != 200:
            raise StoreError(f"{self.endpoint} answered HTTP {response.status_code}: {response.text[:200]}")
        return response

    def select(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        limit: int | None = DEFAULT_LIMIT,
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> ResultTable:
        text = inject_values(sparql, bindings or {})
        response = self._post_query(text, "application/sparql-results+json", timeout)
        content_type = response.headers.get("Content-Type", "")
        if "json" not in content_type:
            raise StoreError(
                f"{self.endpoint} answered with {content_type or 'no content type'} instead of SPARQL JSON results "
                f"(an error page?): {response.text[:120]!r}"
            )
        try:
            payload = response.json()
        except (ValueError, json.JSONDecodeError) as exc:
            raise StoreError(f"{self.endpoint} sent malformed or incomplete JSON results: {exc}") from exc
        return parse_sparql_json(payload, limit)

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None, *, timeout: float | None = None) -> str:
        response = self._post_query(inject_values(sparql, bindings or {}), "application/n-triples", timeout)
        return response.text

    def triple_count(self) -> int:
        table = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", limit=1)
        return int(table.rows[0]["n"].value) if table.rows else 0

    def load_file(self, path: Path, *, replace: bool = True, timeout: float = 600) -> None:
        """Push an N-Triples file with the Graph Store Protocol (PUT replaces the default graph)."""
        method = self._session.put if replace else self._session.post
        try:
            with path.open("rb") as body:
                response = method(
                    self.store_url,
                    params={"default": ""},
                    data=body,
                    headers={"Content-Type": "application/n-triples"},
                    timeout=timeout,
                )
        except requests.ConnectionError as exc:
            raise StoreError(f"cannot reach {self.store_url}: is the server running?") from exc
        except requests.Timeout as exc:
            raise StoreError(f"{self.store_url} did not accept the graph within {timeout:g} s") from exc
        if response.status_code not in (200, 201, 204):
            raise StoreError(f"{self.store_url} refused the graph: HTTP {response.status_code} {response.text[:200]}")

    def close(self) -> None:
        self._session.close()
