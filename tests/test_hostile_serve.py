"""``kg serve`` under hostile clients, over raw sockets (issue 22, items 2 and 9), as a manifest.

Each case says the figure that makes it a failure: seconds until a slow client is dropped,
responses seen on one connection (a body read as a second request would give two), the latency
of an ordinary client while a hostile one is being served, the status a browser's forged request
gets. The server is the real :class:`EndpointServer` over an embedded store, in this process.
"""

from __future__ import annotations

import socket
import statistics
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest

from kg.endpoint import EndpointServer, Settings
from kg.endpoint.hosts import HostCheck
from kg.store import EmbeddedStore

ORDINARY = "SELECT ?o WHERE { ?s ?p ?o }"
#: 20 KB that the token caps let through and rdflib takes seconds to read (7.2 s idle, measured).
SLOW_TO_READ = (
    "SELECT * WHERE { VALUES ?v { "
    + "1 " * 7400
    + "} FILTER(?v IN ("
    + ",".join(["1"] * 990)
    + ")) }\n"
    + "# "
    + "x" * 3_200
)
#: 60 KB of ``1+1+...``: 75 s of reading before the caps.
OPERANDS = "SELECT * WHERE { FILTER(" + "+".join(["1"] * 29_990) + ") }"


def serve(settings: Settings, address: str = "127.0.0.1") -> Iterator[EndpointServer]:
    store = EmbeddedStore(workers=2)
    store.load_ntriples(b'<http://ex.org/s> <http://ex.org/p> "v" .\n')
    server = EndpointServer(store, address, 0, settings)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    store.close()


@pytest.fixture(scope="module")
def server() -> Iterator[EndpointServer]:
    yield from serve(Settings(timeout=20, request_timeout=2.0))


@pytest.fixture(scope="module")
def with_cors() -> Iterator[EndpointServer]:
    yield from serve(Settings(cors="https://yasgui.example.org", request_timeout=2.0))


def port(server: EndpointServer) -> int:
    return int(server.server_address[1])


def exchange(server: EndpointServer, data: bytes, wait: float = 10.0) -> tuple[bytes, bool, float]:
    """Send ``data`` at once; what came back until the server closed (or ``wait`` passed), whether it closed, when."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port(server)), timeout=wait) as sock:
        sock.sendall(data)
        return read_until_closed(sock, started, wait)


def read_until_closed(sock: socket.socket, started: float, wait: float) -> tuple[bytes, bool, float]:
    received = b""
    sock.settimeout(0.2)
    while time.monotonic() - started < wait:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            continue
        except ConnectionResetError:
            return received, True, time.monotonic() - started
        if not chunk:
            return received, True, time.monotonic() - started
        received += chunk
    return received, False, time.monotonic() - started


def get(query: str, host: str = "127.0.0.1", extra: str = "") -> bytes:
    return (f"GET /sparql?query={quote(query)} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n").encode()


def status(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


def body(response: bytes) -> str:
    return response.split(b"\r\n\r\n", 1)[1].decode()


# --- the Host header and browsers' forged requests (item 2) -------------------------------------


@pytest.mark.parametrize(
    ("host", "expected"),
    [("127.0.0.1", 200), ("localhost", 200), ("[::1]", 200), ("evil.example", 403), ("127.0.0.1.evil.example", 403)],
)
def test_the_host_header_must_name_the_address_served(server, host, expected):
    response, _, _ = exchange(server, get(ORDINARY, f"{host}:{port(server)}"))
    assert status(response) == expected
    if expected == 403:
        assert body(response).count("\n") == 1 and "DNS rebinding" in body(response)


def test_a_cross_site_form_post_is_refused(server):
    form = f"query={quote(ORDINARY)}".encode()
    request = (
        f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port(server)}\r\nOrigin: https://evil.example\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(form)}\r\n\r\n"
    ).encode() + form
    response, closed, _ = exchange(server, request)
    assert status(response) == 403 and closed
    assert "requests from pages at https://evil.example are refused" in body(response)


def test_a_cross_site_image_get_is_refused(server):
    response, _, _ = exchange(server, get(ORDINARY, f"127.0.0.1:{port(server)}", "Sec-Fetch-Site: cross-site\r\n"))
    assert status(response) == 403


def test_the_cors_origin_and_the_endpoints_own_pages_may_ask(server, with_cors):
    own = f"Origin: http://127.0.0.1:{port(server)}\r\nSec-Fetch-Site: same-origin\r\n"
    assert status(exchange(server, get(ORDINARY, f"127.0.0.1:{port(server)}", own))[0]) == 200
    allowed = "Origin: https://yasgui.example.org\r\nSec-Fetch-Site: cross-site\r\n"
    assert status(exchange(with_cors, get(ORDINARY, f"127.0.0.1:{port(with_cors)}", allowed))[0]) == 200
    other = "Origin: https://evil.example\r\n"
    assert status(exchange(with_cors, get(ORDINARY, f"127.0.0.1:{port(with_cors)}", other))[0]) == 403


def test_an_endpoint_on_every_address_accepts_ip_literals_and_its_own_names():
    check = HostCheck.serving("0.0.0.0")
    assert check.allows_host("192.168.1.20:7878") and check.allows_host(f"{socket.gethostname()}:7878")
    assert not check.allows_host("evil.example:7878")


# --- reading is bounded and not serialised (item 2) ----------------------------------------------


def test_60_kb_of_operands_is_refused_in_milliseconds_in_one_line(server):
    started = time.monotonic()
    form = f"query={quote(OPERANDS)}".encode()
    request = (
        f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(form)}\r\nConnection: close\r\n\r\n"
    ).encode() + form
    response, _, _ = exchange(server, request)
    elapsed = time.monotonic() - started
    assert status(response) == 400
    assert body(response) == (
        "query: the query has 29,990 operators and separators (+ - * / || && = < > , ...); at most 1,000 are "
        "accepted (the cap keeps reading it fast)\n"
    )
    assert elapsed < 0.5, elapsed  # 75 s of reading before the cap


@pytest.mark.slow  # the hostile reading takes seconds on purpose
def test_an_ordinary_query_answers_while_a_hostile_one_is_read(server):
    """One client sends 20 KB that take seconds to read; another's ordinary query answers in under 2 s."""
    form = f"query={quote(SLOW_TO_READ)}".encode()
    hostile = (
        f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(form)}\r\nConnection: close\r\n\r\n"
    ).encode() + form
    assert len(SLOW_TO_READ) > 20_000
    with ThreadPoolExecutor(1) as pool:
        slow = pool.submit(exchange, server, hostile, 60.0)
        time.sleep(0.3)  # the hostile reading has started
        started = time.monotonic()
        response, _, _ = exchange(server, get(ORDINARY))
        ordinary = time.monotonic() - started
        hostile_response, _, hostile_seconds = slow.result()
    assert status(response) == 200
    assert ordinary < 2.0, ordinary  # 14 s behind the global parser lock before
    assert status(hostile_response) == 200 and hostile_seconds > ordinary


def test_a_reading_past_the_querys_deadline_is_stopped():
    for served in serve(Settings(timeout=1.0, request_timeout=2.0)):
        started = time.monotonic()
        response, _, _ = exchange(served, get(SLOW_TO_READ), 30.0)
        elapsed = time.monotonic() - started
        assert status(response) == 400
        assert "reading the query took longer than its 1 s, so it was stopped" in body(response)
        assert elapsed < 3.0, elapsed


# --- HTTP: slow clients, bodies, lengths, many clients (item 9) --------------------------------


def test_a_slow_drip_client_is_dropped_at_the_request_deadline(server):
    """One byte every 0.2 s (each read well inside a per-read timeout): dropped at 2 s from the first byte."""
    request = get(ORDINARY)
    started = time.monotonic()
    dropped_at = None
    with socket.create_connection(("127.0.0.1", port(server)), timeout=5) as sock:
        for byte in request:
            try:
                sock.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                dropped_at = time.monotonic() - started
                break
            time.sleep(0.2)
            sock.settimeout(0.0)
            try:
                if sock.recv(1024) == b"":
                    dropped_at = time.monotonic() - started
                    break
            except BlockingIOError:
                pass
            sock.settimeout(5)
    assert dropped_at is not None and 1.9 < dropped_at < 3.0, dropped_at


@pytest.mark.slow
def test_the_documented_30_s_holds_for_a_slow_drip():
    """With the defaults, one byte a second: dropped 30 s after the first byte (it was never dropped before)."""
    for served in serve(Settings()):
        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", port(served)), timeout=5) as sock:
            sock.settimeout(1.0)
            dropped_at = None
            for byte in get(ORDINARY) * 2:
                try:
                    sock.sendall(bytes([byte]))
                    if sock.recv(1024) == b"":
                        dropped_at = time.monotonic() - started
                        break
                except TimeoutError:
                    continue
                except (BrokenPipeError, ConnectionResetError):
                    dropped_at = time.monotonic() - started
                    break
        assert dropped_at is not None and 29.5 < dropped_at < 32.0, dropped_at


def test_a_chunked_body_is_refused_and_never_read_as_a_request(server):
    smuggled = b"GET /sparql?query=SELECT%20*%20WHERE%20%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    chunk = f"{len(smuggled):x}\r\n".encode() + smuggled + b"\r\n0\r\n\r\n"
    request = (
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n" + chunk
    )
    response, closed, _ = exchange(server, request)
    assert status(response) == 411 and closed
    assert response.count(b"HTTP/1.1 ") == 1  # the body was not answered as a second request


def test_a_body_longer_than_its_content_length_is_refused_with_the_connection_closed(server):
    request = (
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 10\r\n\r\n" + ORDINARY.encode()
    )
    response, closed, _ = exchange(server, request)
    assert status(response) == 400 and closed
    assert "more bytes followed the body than its Content-Length says" in body(response)
    assert response.count(b"HTTP/1.1 ") == 1


def test_a_body_shorter_than_its_content_length_is_refused_or_dropped(server):
    request = (
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 500\r\n\r\n" + ORDINARY.encode()
    )
    with socket.create_connection(("127.0.0.1", port(server)), timeout=5) as sock:  # the client stops sending
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        response, closed, _ = read_until_closed(sock, time.monotonic(), 5.0)
    assert status(response) == 400 and closed
    assert "the body ended after 28 of the 500 bytes of its Content-Length" in body(response)
    _, closed, seconds = exchange(server, request, 10.0)  # the client waits, silent: dropped at the deadline
    assert closed and seconds < 3.0, seconds


def test_a_hundred_clients_at_once_are_all_answered_quickly(server):
    """A listen backlog of 5 gave p95 2.5-3.8 s and a max of 14.5 s at 100 concurrent clients."""

    def one(number: int) -> tuple[int, float]:
        started = time.monotonic()
        response, _, _ = exchange(server, get(f"{ORDINARY} LIMIT {number + 1}"), 30.0)  # each one read anew
        return status(response), time.monotonic() - started

    with ThreadPoolExecutor(100) as pool:
        results = list(pool.map(one, range(100)))
    assert all(code == 200 for code, _ in results)
    times = sorted(seconds for _, seconds in results)
    p95 = times[94]
    assert p95 < 2.0 and times[-1] < 3.0, (p95, times[-1], statistics.median(times))
