"""The SPARQL 1.1 Protocol's query operation, read from an HTTP request, and the answer's format chosen.

Pure functions of the request's parts (method, query string, headers, body), so that every refusal
is tested without a socket. A request is one of the protocol's three forms: GET with ``query=``,
POST of a form (``application/x-www-form-urlencoded``) with ``query=``, or POST of the query itself
(``application/sparql-query``). Refused, with :class:`ProtocolError` (HTTP 400, the protocol's
"malformed query" or "query request refused"; 415 and 406 where the media type is the problem):
an update (``update=``, ``application/sparql-update``), a dataset of the client's choosing
(``default-graph-uri``, ``named-graph-uri``, as ``FROM`` is refused in the text), a body or query
string over :data:`MAX_BODY` bytes, several ``query`` values.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

#: The largest request body (and query string) read, in bytes: a query may be 64,000 characters
#: (kg.query.MAX_CHARS), up to 4 bytes each in UTF-8 and 3 characters a byte when form-encoded.
MAX_BODY = 1_000_000

#: The answer's media types: SELECT and ASK answers, then CONSTRUCT and DESCRIBE answers, each by
#: the name of the format that writes it; the first of each is the default.
TABLE_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
#: The media type each format is sent as.
SENT_AS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
#: ASK has a boolean answer, which only the JSON and XML results formats can carry.
BOOLEAN_FORMATS = ("json", "xml")


class ProtocolError(Exception):
    """A request the endpoint refuses: ``status`` is the HTTP status, the message says why in one line."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def query_of(method: str, query_string: str, content_type: str, body: bytes) -> str:
    """The query text of a protocol request, or :class:`ProtocolError`."""
    if len(query_string) > MAX_BODY or len(body) > MAX_BODY:
        raise ProtocolError(413, f"the request is larger than {MAX_BODY:,} bytes")
    params = _form(query_string)
    media = content_type.split(";", 1)[0].strip().lower()
    if method == "POST":
        if media == "application/sparql-update":
            raise ProtocolError(400, "updates are refused; the endpoint is read-only")
        if media == "application/x-www-form-urlencoded":
            posted = _form(_text(body))
            params = {k: params.get(k, []) + posted.get(k, []) for k in {*params, *posted}}
        elif media == "application/sparql-query":
            if "query" in params:
                raise ProtocolError(400, "the query is given twice: in the body and as query=")
            params["query"] = [_text(body)]
        else:
            raise ProtocolError(
                415,
                "POST a query as application/sparql-query or application/x-www-form-urlencoded, "
                f"not {media or 'no type'}",
            )
    elif method != "GET":
        raise ProtocolError(405, f"{method} is not part of the SPARQL query protocol: use GET or POST")
    if "update" in params:
        raise ProtocolError(400, "updates are refused; the endpoint is read-only")
    for name in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
        if name in params:
            raise ProtocolError(400, f"{name} is refused: queries run over the endpoint's own graph")
    queries = params.get("query", [])
    if not queries:
        raise ProtocolError(400, "no query: send query=... (GET or a form POST) or POST application/sparql-query")
    if len(queries) > 1:
        raise ProtocolError(400, "more than one query= parameter")
    return queries[0]


def _form(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"the request is not UTF-8: {exc.reason}") from None


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"the request body is not UTF-8 (byte {exc.start})") from None


@dataclass(frozen=True)
class _Choice:
    media: str
    quality: float
    order: int


def _accepted(accept: str) -> list[_Choice]:
    choices = []
    for order, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        quality = 1.0
        for parameter in pieces[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if pieces[0]:
            choices.append(_Choice(pieces[0].lower(), quality, order))
    return sorted((c for c in choices if c.quality > 0), key=lambda c: (-c.quality, c.order))


def answer_format(form: str, accept: str) -> str:
    """The format of the answer to a query of ``form`` for an ``Accept`` header, or ProtocolError 406."""
    graph = form in ("CONSTRUCT", "DESCRIBE")
    known = GRAPH_TYPES if graph else TABLE_TYPES
    default = next(iter(known.values()))
    if not accept.strip():
        return default
    for choice in _accepted(accept):
        if choice.media in known and (graph or form != "ASK" or known[choice.media] in BOOLEAN_FORMATS):
            return known[choice.media]
        if choice.media in ("*/*", "application/*", "text/*") and (
            choice.media == "*/*" or default_fits(choice, default)
        ):
            return default
    offered = ", ".join(t for t, f in known.items() if graph or form != "ASK" or f in BOOLEAN_FORMATS)
    raise ProtocolError(406, f"cannot answer a {form} query as {accept}; ask for one of: {offered}")


def default_fits(choice: _Choice, default: str) -> bool:
    """``text/*`` or ``application/*`` covers the default format's media type."""
    return SENT_AS[default].startswith(choice.media[:-1])
