"""``kg serve``'s HTTP server: a read-only SPARQL 1.1 Protocol endpoint at ``/sparql`` over one store.

Each request is read by :mod:`kg.endpoint.protocol`, its query by :func:`kg.query.read_query` (the
check every query a user writes goes through: no update, no SERVICE, no FROM, escapes processed
once), and the text that was read is run on the store under the row cap and the timeout. Over the
embedded store a query runs in a forked worker without network access, with a memory ceiling, and
is killed at its timeout (:mod:`kg.store.workers`); a cut answer carries ``X-SPARQL-MaxRows`` (as
Virtuoso's does), which :class:`kg.store.RemoteStore` reads as "cut".

Each request is read whole by one accept loop, then answered by a bounded pool of threads (the store
runs a few queries at once and queues the rest, the wait counting against the timeout); a client that
does not finish sending its request within :data:`REQUEST_TIMEOUT` seconds of its first byte is dropped
without ever holding a thread, and kept-alive connections idle in the loop (:mod:`kg.endpoint.connection`).
A request whose ``Host`` is not a name served, or that a page of another origin sent, is refused
with 403 (:mod:`kg.endpoint.hosts`). A body is read only by its ``Content-Length``: a chunked body
is refused (411), and a body shorter than its length, or followed at once by bytes that start no
request, is refused (400); each with the connection closed, so no body is read as a request.
CORS headers are sent only when an origin is given.
"""

from __future__ import annotations

import contextlib
import http.server
import io
import itertools
import re
import socket
import sys
import time
from typing import Any

from kg.endpoint.answering import PATHS, Answer, Settings, answer
from kg.endpoint.connection import BACKLOG, IDLE_TIMEOUT, SelectingIntake
from kg.endpoint.framing import content_length
from kg.endpoint.hosts import HostCheck
from kg.endpoint.protocol import MAX_BODY
from kg.errors import QueryError, StoreError
from kg.store import Store

#: What may follow a request's body at once: the start of another request (pipelining).
_NEXT_REQUEST = re.compile(rb"[A-Z]{0,7}$|(?:GET|POST|HEAD|OPTIONS|PUT|DELETE|PATCH) ")


class _Writer(io.BufferedIOBase):
    """The answer written straight to the socket (``sendall``: no partial writes)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.sock.sendall(data)
        return len(data)


class _Handler(http.server.BaseHTTPRequestHandler):
    """One whole request, read from the bytes the accept loop gathered; the answer written to the socket."""

    server: EndpointServer
    protocol_version = "HTTP/1.1"

    def __init__(self, sock: socket.socket, address: Any, server: EndpointServer, data: bytes = b"") -> None:
        self.data = data
        self.body_pending = False
        super().__init__(sock, address, server)

    def setup(self) -> None:
        self.connection = self.request
        self.connection.settimeout(self.server.settings.request_timeout)  # writing the answer
        self.rfile = io.BytesIO(self.data)
        self.wfile = _Writer(self.connection)

    def handle(self) -> None:
        """One request: a kept-alive connection goes back to the accept loop to wait for the next."""
        self.close_connection = True
        self.handle_one_request()
        if self.body_pending:  # a body this method never read cannot be left to be read as a request
            self.close_connection = True

    def finish(self) -> None:
        return None

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        self.body_pending = bool(self.headers.get("Transfer-Encoding")) or self.headers.get(
            "Content-Length", "0"
        ).strip() not in ("", "0")
        return True

    def handle_expect_100(self) -> bool:
        return True  # the accept loop sent 100 Continue when the client waited for it

    def _refuse(self, status: int, message: str) -> None:
        """Answer and close: what the client sent next cannot be trusted to start a request."""
        self.close_connection = True
        self._send(Answer(status, f"{message}\n".encode(), headers=(("Connection", "close"),)))

    def _read_body(self) -> bytes | None:
        """The body by its Content-Length, or None when the request was refused (the connection closes)."""
        if self.headers.get("Transfer-Encoding"):
            self._refuse(411, "send the request with a Content-Length (chunked bodies are not read)")
            return None
        lengths = self.headers.get_all("Content-Length", [])
        if len({value.strip() for value in lengths}) > 1:
            self._refuse(400, "more than one Content-Length")
            return None
        length = content_length(self.headers.get("Content-Length", "0"))
        if length is None:
            self._refuse(411, "send the request with a Content-Length")
            return None
        if length > MAX_BODY:
            self._refuse(413, f"the request is larger than {MAX_BODY:,} bytes")
            return None
        body = self.rfile.read(length)
        if len(body) < length:
            self._refuse(400, f"the body ended after {len(body):,} of the {length:,} bytes of its Content-Length")
            return None
        self.body_pending = False
        following = self.data[self.rfile.tell() :][:8]  # what had arrived with it
        if following and not _NEXT_REQUEST.match(following):
            self._refuse(400, "more bytes followed the body than its Content-Length says")
            return None
        return body

    def do_GET(self) -> None:  # noqa: N802 - http.server's names
        self._serve("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")

    def do_OPTIONS(self) -> None:  # noqa: N802 - a browser's CORS preflight
        if self.server.settings.cors:
            self._send(Answer(204, b"", headers=(("Access-Control-Max-Age", "600"),)))
        else:
            self._send(Answer(405, b"cross-origin requests are not allowed (start kg serve with --cors ORIGIN)\n"))

    def do_PUT(self) -> None:  # noqa: N802
        self._send(Answer(405, b"the endpoint is read-only\n"))

    do_DELETE = do_PATCH = do_PUT  # noqa: N815

    def _serve(self, method: str) -> None:
        started = time.perf_counter()
        headers = {k.lower(): v for k, v in self.headers.items()}
        if len(self.headers.get_all("Host", [])) > 1:
            self._refuse(400, "more than one Host header")
            return
        refused = self.server.hosts.refusal(headers)
        if refused is not None:
            self._refuse(403, refused)
            return
        body = b""
        if method == "POST" or self.headers.get("Content-Length") or self.headers.get("Transfer-Encoding"):
            read = self._read_body()
            if read is None:
                return
            body = read
        reply = answer(self.server.store, self.server.settings, method, self.path, headers, body)
        self._send(reply)
        if self.server.settings.verbose:
            elapsed = (time.perf_counter() - started) * 1000
            print(f"{method} {self.path[:80]} -> {reply.status} in {elapsed:.1f} ms", file=sys.stderr, flush=True)

    def _send(self, reply: Answer) -> None:
        try:
            self._send_headers(reply)
            if reply.chunks is None:
                self.wfile.write(reply.body)
                return
            chunked = self.request_version != "HTTP/1.0"
            for piece in itertools.chain([reply.body], reply.chunks):
                if piece and chunked:  # three writes: the piece is not copied into a chunk
                    self.wfile.write(b"%x\r\n" % len(piece))
                    self.wfile.write(piece)
                    self.wfile.write(b"\r\n")
                elif piece:
                    self.wfile.write(piece)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except (StoreError, QueryError):  # the answer broke off after its status was sent: the client sees it cut
            self.close_connection = True
        finally:
            if reply.close is not None:
                reply.close()

    def _send_headers(self, reply: Answer) -> None:
        self.connection.settimeout(self.server.settings.request_timeout)  # sendall: the whole answer
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        if reply.chunks is None:
            self.send_header("Content-Length", str(len(reply.body)))
        elif self.request_version == "HTTP/1.0":  # no chunks in HTTP/1.0: the end of the answer is the close
            self.close_connection = True
            self.send_header("Connection", "close")
        else:
            self.send_header("Transfer-Encoding", "chunked")
        origin = self.server.settings.cors
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Expose-Headers", "X-SPARQL-MaxRows")
            if origin != "*":
                self.send_header("Vary", "Origin")
        for name, value in reply.headers:
            self.send_header(name, value)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
        return None  # one line per request with --verbose (above), nothing otherwise


class EndpointServer(SelectingIntake, http.server.HTTPServer):
    """The endpoint bound to ``address:port`` (an accept loop reading whole requests, a bounded pool of
    threads answering them, a listen backlog of :data:`BACKLOG`)."""

    allow_reuse_address = True
    request_queue_size = BACKLOG

    def __init__(self, store: Store, address: str, port: int, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.hosts = HostCheck.serving(address, settings.cors, settings.allowed_hosts)
        if ":" in address:  # an IPv6 address (``--address ::1``): HTTPServer's family is IPv4 otherwise
            self.address_family = socket.AF_INET6
        self.request_timeout = settings.request_timeout
        self.start_threads()
        super().__init__((address, port), _Handler)

    def serve_request(self, sock: socket.socket, address: Any, data: bytes, eof: bool) -> int | None:
        """Answer the whole request in ``data``; the bytes it took, or None when the connection closes."""
        handler = _Handler(sock, address, self, data)
        return None if handler.close_connection else handler.rfile.tell()

    def server_bind(self) -> None:
        """Bound with ``TCP_DEFER_ACCEPT`` (Linux): a connection that sends nothing stays in the kernel
        rather than in the accept loop (before the loop, idle connections took the 32 threads, and with
        a backlog of 128 the 161st connection could not connect)."""
        defer = getattr(socket, "TCP_DEFER_ACCEPT", None)
        if defer is not None:
            with contextlib.suppress(OSError):
                self.socket.setsockopt(socket.IPPROTO_TCP, defer, int(IDLE_TIMEOUT))
        super().server_bind()

    def server_close(self) -> None:
        super().server_close()
        self.stop_threads()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = host.decode() if isinstance(host, bytes) else host
        shown = f"[{shown}]" if ":" in shown else shown
        return f"http://{shown}:{port}{PATHS[0]}"
