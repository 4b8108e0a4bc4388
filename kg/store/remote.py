"""A remote SPARQL 1.1 endpoint (Oxigraph server, Fuseki, Virtuoso, GraphDB, QLever, ...).

Queries go over the SPARQL protocol. The protocol has no parameter binding, so a
parameter becomes a ``BIND(term AS ?name)`` placed first in the query's outermost group (and
its UNION branches and the subqueries that project it): the value is an escaped RDF term built
from a validated :class:`Term`, never user text pasted into the query. (``BIND`` rather than
``VALUES``, which means the same for one row, because Virtuoso refuses a transitive path that
starts at a ``VALUES`` variable.)

Nothing incomplete is ever shown as complete. Each of these raises :class:`StoreError`:
a server that is down; one that does not answer, or keeps the answer trickling, past the
timeout (the whole answer must arrive before the deadline, not just each packet); an
error page with HTTP 200; HTTP 206 or Virtuoso's "incomplete results" header (its
behaviour on a timeout); any other HTTP error; a connection that breaks off mid-answer;
malformed or truncated JSON; JSON that is not a SPARQL results document; an answer larger
than the byte cap. A server-side row cap (Virtuoso's ``X-SPARQL-MaxRows``) marks the table as
cut, with the usual notice.

**The byte cap** (``max_answer_mb``, default ``KG_MAX_ANSWER_MB`` or 256) bounds the answer body
*after* decompression, checked as it is read: a 3 MB gzip body that inflates to 3 GB stops at
the cap. Each ``read1(amt, decode_content=True)`` of urllib3 2.6+ returns at most ``amt``
decoded bytes (it keeps the rest of the compressed input for the next call, instead of
inflating a whole network read at once), so memory stays within the cap plus one chunk; with
an older urllib3 the chunk is made small, which bounds what one read can inflate to
(~1000 × the chunk for gzip).

**An endpoint URL may carry protocol parameters**: ``http://host:8890/sparql?default-graph-uri=urn:kg``
makes a server that queries the union of all its graphs (Virtuoso, with its system graphs) read one;
they stay in the URL of every request, the query goes in a form body.

**The timeout is not sent as a ``timeout`` parameter.** The SPARQL protocol has none, and the
servers that read one disagree on its unit (milliseconds for Virtuoso and Stardog, seconds
for Fuseki and GraphDB/RDF4J, a number with a unit for QLever): 30 would stop Virtuoso after
30 ms, 30000 would let Fuseki run 8 hours. A header is ignored by servers that do not know
it (checked with the Oxigraph server), so the one convention with an unambiguous unit is
sent: Blazegraph's ``X-BIGDATA-MAX-QUERY-MILLIS`` (Blazegraph also backs the Wikidata Query
Service). Elsewhere the client-side deadline alone applies.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import requests
import urllib3

from kg.errors import QueryError, StoreError
from kg.store.base import DEFAULT_LIMIT, DEFAULT_MAX_ANSWER_MB, DEFAULT_TIMEOUT, Store, max_answer_setting
from kg.store.binding import inject_values
from kg.store.results import ResultTable, Term, parse_sparql_json

#: urllib3 2.6+ inflates at most the amount asked for per read; before, a whole network read at once.
_BOUNDED_DECODE = tuple(int(part) for part in urllib3.__version__.split(".")[:2] if part.isdigit()) >= (2, 6)
_CHUNK = 64 * 1024 if _BOUNDED_DECODE else 4 * 1024
#: Seconds allowed to open the connection (the rest of the timeout is for the answer).
_CONNECT_TIMEOUT = 10.0


def _sibling(url: str, path: str) -> str:
    parts = urlsplit(url)
    base = parts.path.rsplit("/", 1)[0] if parts.path.endswith(("/query", "/sparql")) else parts.path.rstrip("/")
    return urlunsplit((parts.scheme, parts.netloc, base + path, "", ""))


def check_results_document(payload: object) -> None:
    """Refuse JSON that is not a SPARQL 1.1 results document (an error object, a list, ...)."""
    if not isinstance(payload, dict):
        raise StoreError(f"the answer is JSON but not SPARQL results (a {type(payload).__name__})")
    if "boolean" in payload:
        if not isinstance(payload["boolean"], bool):
            raise StoreError("the ASK answer's 'boolean' is not true or false")
        return
    head, results = payload.get("head"), payload.get("results")
    if not isinstance(head, dict) or not isinstance(head.get("vars", []), list):
        raise StoreError("the answer is JSON but not SPARQL results: no 'head' with 'vars'")
    if not isinstance(results, dict) or not isinstance(results.get("bindings"), list):
        raise StoreError("the answer is JSON but not SPARQL results: no 'results' with 'bindings'")
    for binding in results["bindings"]:
        if not isinstance(binding, dict):
            raise StoreError("a row of the SPARQL results is not an object")
        for term in binding.values():
            if not isinstance(term, dict) or "type" not in term or "value" not in term:
                raise StoreError("a value in the SPARQL results has no 'type' and 'value'")


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint given by URL (read-only use; ``load_file`` pushes a graph)."""

    def __init__(
        self,
        endpoint: str,
        *,
        store_url: str | None = None,
        update_url: str | None = None,
        max_answer_mb: float | None = None,
    ) -> None:
        if not re.match(r"^https?://", endpoint):
            raise StoreError(f"endpoint must be an http(s) URL, got {endpoint!r}")
        self.max_answer_mb = max_answer_mb if max_answer_mb is not None else _max_answer_setting()
        self.endpoint = endpoint
        self.store_url = store_url or _sibling(endpoint, "/store")
        self.update_url = update_url or _sibling(endpoint, "/update")
        self.description = f"remote SPARQL endpoint {endpoint}"
        self._session = requests.Session()

    # --- the protocol ----------------------------------------------------------------

    def _post_query(self, sparql: str, accept: str, timeout: float | None) -> tuple[requests.Response, bytes]:
        """POST the query; return the response and its whole body, read before the deadline."""
        deadline = None if timeout is None else time.monotonic() + timeout
        http_timeout = None if timeout is None else (min(_CONNECT_TIMEOUT, timeout), timeout)
        # A form POST: the one request every server answers (Virtuoso 7.2 never answers a POST of
        # application/sparql-query). Parameters in the endpoint's URL (default-graph-uri=...) stay there.
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Accept": accept}
        if timeout is not None:  # see the module docstring: the one timeout convention that is harmless elsewhere
            headers["X-BIGDATA-MAX-QUERY-MILLIS"] = str(max(1, math.ceil(timeout * 1000)))
        try:
            response = self._session.post(
                self.endpoint,
                data=urlencode({"query": sparql}).encode("ascii"),
                headers=headers,
                timeout=http_timeout,
                stream=True,
            )
        except requests.Timeout as exc:
            raise StoreError(f"{self.endpoint} did not answer within {timeout:g} s; no result is shown") from exc
        except requests.ConnectionError as exc:
            raise StoreError(f"cannot reach the SPARQL endpoint {self.endpoint}: is the server running?") from exc
        except requests.RequestException as exc:
            raise StoreError(f"the request to {self.endpoint} failed: {exc}") from exc
        body = self._read_body(response, deadline, timeout)
        status = response.status_code
        if status == 206:
            raise StoreError(f"{self.endpoint} returned a partial result (HTTP 206); it is not shown as complete")
        if response.headers.get("X-SQL-State", "").strip().upper() == "S1TAT":
            raise StoreError(
                f"{self.endpoint} returned incomplete results (timed out on the server: "
                f"{response.headers.get('X-SQL-Message', 'S1TAT')}); they are not shown as complete"
            )
        if status == 400:
            raise QueryError(f"the endpoint rejected the query: {_snippet(body, 300)}")
        if status != 200:
            raise StoreError(f"{self.endpoint} answered HTTP {status}: {_snippet(body, 200)}")
        return response, body

    def _read_body(self, response: requests.Response, deadline: float | None, timeout: float | None) -> bytes:
        """The whole body, or StoreError: past the deadline (even if bytes keep trickling), past the
        byte cap (counted after decompression, while reading), or cut off."""
        cap = int(self.max_answer_mb * 2**20)
        declared = response.headers.get("Content-Length", "").strip()
        if declared.isdigit() and not response.headers.get("Content-Encoding") and int(declared) > cap:
            response.close()
            raise StoreError(self._too_big())
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                if deadline is not None and time.monotonic() > deadline:
                    raise StoreError(
                        f"{self.endpoint} did not finish its answer within {timeout:g} s; no result is shown"
                    )
                chunk = response.raw.read1(_CHUNK, decode_content=True)
                if not chunk:
                    break
                size += len(chunk)
                if size > cap:
                    raise StoreError(self._too_big())
                chunks.append(chunk)
        except StoreError:
            raise
        except Exception as exc:  # urllib3's ProtocolError / ReadTimeoutError, OSError: the answer is incomplete
            if "timed out" in str(exc).lower():
                raise StoreError(f"{self.endpoint} did not answer within {timeout:g} s; no result is shown") from exc
            raise StoreError(
                f"the connection to {self.endpoint} broke off mid-answer ({type(exc).__name__}); "
                "the incomplete result is not shown"
            ) from exc
        finally:
            response.close()
        return b"".join(chunks)

    def _too_big(self) -> str:
        return (
            f"the answer from {self.endpoint} exceeded {self.max_answer_mb:g} MB (KG_MAX_ANSWER_MB); "
            "nothing is shown. Narrow the query or lower its LIMIT"
        )

    # --- the Store interface ---------------------------------------------------------

    def select(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        limit: int | None = DEFAULT_LIMIT,
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> ResultTable:
        text = inject_values(sparql, bindings or {}, as_bind=True)
        response, body = self._post_query(text, "application/sparql-results+json", timeout)
        content_type = response.headers.get("Content-Type", "")
        if "json" not in content_type:
            raise StoreError(
                f"{self.endpoint} answered with {content_type or 'no content type'} instead of SPARQL JSON results "
                f"(an error page?): {_snippet(body, 120)!r}"
            )
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError(f"{self.endpoint} sent malformed or incomplete JSON results: {exc}") from exc
        check_results_document(payload)
        table = parse_sparql_json(payload, limit)
        server_cap = response.headers.get("X-SPARQL-MaxRows", "").strip()
        if server_cap.isdigit() and len(payload.get("results", {}).get("bindings", [])) >= int(server_cap):
            # Virtuoso cuts every answer at ResultSetMaxRows and says so only in this header.
            cap = int(server_cap) if limit is None else min(int(server_cap), limit)
            table.truncated, table.limit = True, cap
        return table

    def construct(
        self, sparql: str, bindings: Mapping[str, Term] | None = None, *, timeout: float | None = None
    ) -> str:
        text = inject_values(sparql, bindings or {}, as_bind=True)
        response, body = self._post_query(text, "application/n-triples", timeout)
        content_type = response.headers.get("Content-Type", "")
        if "n-triples" not in content_type and "text/plain" not in content_type:
            raise StoreError(
                f"{self.endpoint} answered with {content_type or 'no content type'} instead of N-Triples: "
                f"{_snippet(body, 120)!r}"
            )
        return body.decode("utf-8")

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
                    timeout=(min(_CONNECT_TIMEOUT, timeout), timeout),
                )
        except requests.Timeout as exc:
            raise StoreError(f"{self.store_url} did not accept the graph within {timeout:g} s") from exc
        except requests.ConnectionError as exc:
            raise StoreError(f"cannot reach {self.store_url}: is the server running?") from exc
        except requests.RequestException as exc:
            raise StoreError(f"pushing the graph to {self.store_url} failed: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc}") from exc
        if response.status_code not in (200, 201, 204):
            raise StoreError(f"{self.store_url} refused the graph: HTTP {response.status_code} {response.text[:200]}")

    def close(self) -> None:
        self._session.close()


_max_answer_setting = max_answer_setting
__all__ = ["DEFAULT_MAX_ANSWER_MB", "RemoteStore", "check_results_document"]


def _snippet(body: bytes, size: int) -> str:
    return body[:size].decode("utf-8", errors="replace")
