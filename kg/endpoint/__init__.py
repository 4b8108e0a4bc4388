"""The endpoint stage: ``kg serve``, a read-only SPARQL 1.1 Protocol endpoint over the built graph.

``protocol`` reads a request (GET, form POST, query POST) and chooses the answer's format;
``server`` answers it over a store, every query read by :func:`kg.query.read_query` first.
"""

from __future__ import annotations

from kg.endpoint.answering import Settings, answer
from kg.endpoint.protocol import MAX_BODY, ProtocolError, answer_format, query_of
from kg.endpoint.server import EndpointServer

__all__ = ["MAX_BODY", "EndpointServer", "ProtocolError", "Settings", "answer", "answer_format", "query_of"]
