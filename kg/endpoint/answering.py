"""The answer to one SPARQL Protocol request, apart from HTTP: the protocol read, the query read and
run, its answer streamed in the chosen format (:func:`answer`), bounded by :class:`Settings`."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from kg.endpoint.connection import REQUEST_TIMEOUT
from kg.endpoint.protocol import SENT_AS, ProtocolError, answer_format, query_of
from kg.errors import QueryError, StoreError
from kg.query import PREFIX_MAP, QUERY_FORMS, read_query
from kg.query.engine_errors import in_user_lines
from kg.store import Store
from kg.store.formats import PIECES, encoded

#: The endpoint's path (``/query`` is accepted too, Oxigraph's name for it).
PATHS = ("/sparql", "/query")


@dataclass(frozen=True)
class Settings:
    """What every answer is bounded by, and who may call from a browser."""

    limit: int = 10_000
    timeout: float = 30.0
    cors: str | None = None  #: the one origin allowed to read answers from a browser ("*" for any)
    verbose: bool = False
    request_timeout: float = REQUEST_TIMEOUT  #: seconds from a request's first byte to its last
    allowed_hosts: tuple[str, ...] = ()  #: more names the Host may give (a proxy's; ``.example.org``: under it)


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    #: A streamed answer's pieces (sent chunked), after ``body``; ``close`` ends the store's stream.
    chunks: Iterator[bytes] | None = None
    close: Callable[[], None] | None = None


def answer(store: Store, settings: Settings, method: str, target: str, headers: dict[str, str], body: bytes) -> Answer:
    """The answer to one request: the protocol read, the query read, run, and written in the chosen format.

    A query's answer is streamed: its rows (or triples) come from the store's worker a part at a
    time and are formatted and sent as they come, so that this process never holds an answer whole
    (issue 22: formatted whole, an answer at the cap was held three times over). The first piece is
    made before the status is chosen, so a failure of the query is still an error status."""
    url = urlsplit(target)
    if url.path == "/" and method == "GET":
        return Answer(200, _about(settings).encode("utf-8"))
    if url.path.rstrip("/") not in PATHS:
        return Answer(404, f"no such resource {url.path}; the SPARQL endpoint is /sparql\n".encode())
    stack = contextlib.ExitStack()
    try:
        text = query_of(method, url.query, headers.get("content-type", ""), body)
        reading = read_query(text, where="query", prefixes=PREFIX_MAP, forms=QUERY_FORMS, timeout=settings.timeout)
        fmt = answer_format(reading.form, headers.get("accept", ""))
        cut: tuple[tuple[str, str], ...] = ()
        try:
            if reading.form in ("CONSTRUCT", "DESCRIBE"):
                pieces = stack.enter_context(
                    store.construct_stream(reading.text, fmt, PREFIX_MAP, timeout=settings.timeout)
                )
            else:
                table = stack.enter_context(
                    store.select_stream(reading.text, limit=settings.limit, timeout=settings.timeout)
                )
                cut = (("X-SPARQL-MaxRows", str(settings.limit)),) if table.truncated else ()
                pieces = encoded(PIECES[fmt](table.columns, table.boolean, table.batches))
            first = next(pieces, b"")
        except QueryError as exc:
            raise in_user_lines(exc, reading.prefix_lines, "query") from None
        return Answer(200, first, SENT_AS[fmt], cut, chunks=pieces, close=stack.close)
    except ProtocolError as exc:
        stack.close()
        return Answer(exc.status, f"{exc}\n".encode())
    except QueryError as exc:
        stack.close()
        return Answer(400, f"{exc}\n".encode())
    except StoreError as exc:
        stack.close()
        return Answer(500, f"{exc}\n".encode())


def _about(settings: Settings) -> str:
    return (
        "A read-only SPARQL 1.1 endpoint over the evidence knowledge graph: GET or POST queries to /sparql.\n"
        f"Answers: at most {settings.limit:,} rows, {settings.timeout:g} s per query; SELECT and ASK as SPARQL JSON, "
        "XML, CSV or TSV, CONSTRUCT and DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML (by the Accept header).\n"
        "Updates, SERVICE and FROM are refused. The prefixes of `kg prefixes` are declared for every query.\n"
    )
