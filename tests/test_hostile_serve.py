"""``kg serve`` under hostile clients, over raw sockets (issue 22, items 2 and 9), as a manifest.

Each case says the figure that makes it a failure: seconds until a slow client is dropped,
responses seen on one connection (a body read as a second request would give two), the latency
of an ordinary client while a hostile one is being served, the status a browser's forged request
gets. The server is the real :class:`EndpointServer` over an embedded store, in this process.
"""

from __future__ import annotations

import contextlib
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


# --- Host names tried again (second session): the address served, a proxy's name, two Hosts ------


def _ask(address: str, server_port: int, host: str, extra: str = "", version: str = "HTTP/1.1") -> bytes:
    request = f"GET /sparql?query={quote(ORDINARY)} {version}\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n"
    started = time.monotonic()
    with socket.create_connection((address, server_port), timeout=10) as sock:
        sock.sendall(request.encode())
        return read_until_closed(sock, started, 10)[0]


LOOPBACK_HOSTS = [
    ("localhost", 200),
    ("LOCALHOST", 200),
    ("127.0.0.1", 200),
    ("127.0.0.2", 200),
    ("[::1]", 200),
    ("localhost.", 403),  # a name a resolver may look up: not taken as localhost
    ("0.0.0.0", 403),  # the "0.0.0.0 day": a page's request to 0.0.0.0 reaches a loopback server
    ("[::ffff:127.0.0.1]", 403),
    ("127.1", 403),
    ("evil.example@127.0.0.1", 403),
    ("localhost.evil.example", 403),
    ("", 403),
]


def _has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.parametrize("address", ["127.0.0.1", "localhost", "::1"])
def test_a_loopback_endpoint_answers_its_own_names_whichever_it_was_bound_to(address):
    """The figure: the status of each Host, for each way of naming the loopback address at ``kg serve --address``."""
    if address == "::1" and not _has_ipv6_loopback():
        pytest.skip("no IPv6 loopback on this machine")
    for endpoint in serve(Settings(request_timeout=2.0), address):
        connect = "::1" if address == "::1" else "127.0.0.1"
        seen = {
            host: status(_ask(connect, port(endpoint), f"{host}:{port(endpoint)}" if host else ""))
            for host, _ in LOOPBACK_HOSTS
        }
        assert seen == dict(LOOPBACK_HOSTS)


def test_allow_host_admits_a_proxys_name_and_the_names_under_a_dotted_one():
    """Behind nginx (``proxy_set_header Host $host``) the Host is the proxy's name: 403 without --allow-host."""
    for endpoint in serve(Settings(request_timeout=2.0, allowed_hosts=("kg.example.org", ".example.net"))):
        seen = {
            host: status(_ask("127.0.0.1", port(endpoint), host))
            for host in ("kg.example.org", "KG.Example.Org:443", "a.example.net", "example.net", "evilexample.net")
        }
        assert seen == {
            "kg.example.org": 200,
            "KG.Example.Org:443": 200,
            "a.example.net": 200,
            "example.net": 403,
            "evilexample.net": 403,
        }
        # the proxy's own pages (https) may ask; another site's may not
        own = "Origin: https://kg.example.org\r\nSec-Fetch-Site: same-origin\r\n"
        assert status(_ask("127.0.0.1", port(endpoint), "kg.example.org", own)) == 200
        other = "Origin: https://evil.example\r\n"
        assert status(_ask("127.0.0.1", port(endpoint), "kg.example.org", other)) == 403


def test_two_host_headers_are_refused(server):
    response = _ask("127.0.0.1", port(server), f"evil.example\r\nHost: 127.0.0.1:{port(server)}")
    assert status(response) == 400 and "more than one Host header" in body(response)


@pytest.mark.parametrize("name", ["*", "a b", "x_y.org", "evil.example/path", "."])
def test_allow_host_takes_only_host_names(name, tmp_path, capsys):
    from kg.cli.program import main

    (tmp_path / "kg.nt").write_text('<http://ex.org/s> <http://ex.org/p> "v" .\n', encoding="utf-8")
    assert main(["serve", "--build", str(tmp_path), "--allow-host", name, "--port", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--allow-host takes a host name" in err


# --- a streamed answer ends where it says (HTTP/1.1 chunked, HTTP/1.0 at the close) --------------


def test_an_answer_is_chunked_for_http_1_1_and_ends_at_the_close_for_http_1_0(server):
    chunked = _ask("127.0.0.1", port(server), f"127.0.0.1:{port(server)}")
    head, _, rest = chunked.partition(b"\r\n\r\n")
    assert b"Transfer-Encoding: chunked" in head and rest.endswith(b"0\r\n\r\n")
    plain = _ask("127.0.0.1", port(server), f"127.0.0.1:{port(server)}", version="HTTP/1.0")
    head, _, rest = plain.partition(b"\r\n\r\n")
    assert b"chunked" not in head and b"Connection: close" in head and rest.rstrip().endswith(b"}")


# --- many connections (second session): idle ones wait in the kernel, dripping ones still hold threads --


def _ordinary_after(endpoint: EndpointServer, hold: list[socket.socket]) -> float:
    """Seconds an ordinary client waits for its answer while the ``hold`` connections stay open."""
    started = time.monotonic()
    response, _, _ = exchange(endpoint, get(ORDINARY, f"127.0.0.1:{port(endpoint)}"), wait=15)
    assert status(response) == 200
    return time.monotonic() - started


def _idle(endpoint: EndpointServer, count: int) -> list[socket.socket]:
    return [socket.create_connection(("127.0.0.1", port(endpoint)), timeout=5) for _ in range(count)]


def test_400_idle_connections_do_not_take_the_threads():
    """Before: 160 connections that send nothing took the 32 threads (each for 10 s) and the backlog of
    128; the 161st could not connect, an ordinary client waited 10 s and more. Now (TCP_DEFER_ACCEPT,
    a backlog of 1,024) 900 idle connections left an ordinary client answered in 0.02 s."""
    for endpoint in serve(Settings(request_timeout=2.0)):
        hold = _idle(endpoint, 400)
        try:
            assert _ordinary_after(endpoint, hold) < 1.0
        finally:
            for sock in hold:
                sock.close()


def test_without_deferred_accept_idle_connections_wait_in_the_loop(monkeypatch):
    """Without TCP_DEFER_ACCEPT the idle connections reach the accept loop: 40 of them kept an ordinary
    client waiting over 5 s while each held a thread; now they wait in the selector, not in a thread."""
    monkeypatch.delattr(socket, "TCP_DEFER_ACCEPT", raising=False)
    for endpoint in serve(Settings(request_timeout=2.0)):
        hold = _idle(endpoint, 40)
        try:
            time.sleep(0.2)  # all accepted
            assert len(endpoint._held) == 40
            assert _ordinary_after(endpoint, hold) < 0.5
        finally:
            for sock in hold:
                sock.close()


def _drip(endpoint: EndpointServer, count: int) -> list[socket.socket]:
    hold = _idle(endpoint, count)
    for sock in hold:
        sock.sendall(b"G")
    return hold


def _dropped(hold: list[socket.socket], started: float, wait: float) -> list[float]:
    """Seconds from ``started`` until each connection was closed by the server (within ``wait``)."""
    seen = []
    for sock in hold:
        _, closed, seconds = read_until_closed(sock, started, wait)
        if closed:
            seen.append(seconds)
    return seen


def test_40_dripping_connections_do_not_hold_the_threads():
    """Before (a thread per connection): 40 connections that sent one byte held the 32 threads until
    the request deadline, and an ordinary client waited that long (2.0 s here, 30 s by default). Now
    the accept loop holds their bytes, the ordinary client is answered at once, and each dripper is
    dropped at its deadline (2 s after its byte) with no thread held."""
    for endpoint in serve(Settings(request_timeout=2.0)):
        started = time.monotonic()
        hold = _drip(endpoint, 40)
        try:
            time.sleep(0.2)
            assert _ordinary_after(endpoint, hold) < 0.5
            assert len(endpoint._held) == 40  # held by the loop, not by threads
            drops = _dropped(hold, started, 5.0)
            assert len(drops) == 40 and 1.9 < min(drops) and max(drops) < 3.0, (min(drops), max(drops))
            assert not endpoint._held and endpoint._buffered == 0  # nothing kept of them
        finally:
            for sock in hold:
                sock.close()


@pytest.mark.slow  # the default deadline: 30 s
def test_200_drippers_at_the_default_deadline_leave_ordinary_clients_answered():
    """200 drippers, each sending a byte a second, with the default 30 s deadline: ten ordinary clients
    answered meanwhile, each in under 0.5 s, and every dripper dropped 30 s after its first byte."""
    for endpoint in serve(Settings()):
        started = time.monotonic()
        hold = _drip(endpoint, 200)
        try:
            waits = []
            for _ in range(10):
                for sock in hold:
                    with contextlib.suppress(OSError):
                        sock.sendall(b"E")
                waits.append(_ordinary_after(endpoint, hold))
                time.sleep(1.0)
            assert max(waits) < 0.5, waits
            drops = _dropped(hold, started, 35.0)
            assert len(drops) == 200 and 29.5 < min(drops) and max(drops) < 32.0, (min(drops), max(drops))
        finally:
            for sock in hold:
                sock.close()


def test_kept_alive_idle_connections_do_not_hold_threads():
    """A kept-alive connection may idle 10 s for its next request: 40 of them (more than the 32 threads),
    each after one answer, leave an ordinary client answered at once; they wait in the loop."""
    for endpoint in serve(Settings(request_timeout=2.0)):
        request = get(ORDINARY, f"127.0.0.1:{port(endpoint)}").replace(b"Connection: close\r\n", b"")
        hold = _idle(endpoint, 40)
        try:
            for sock in hold:
                sock.sendall(request)
            for sock in hold:
                assert sock.recv(65536).startswith(b"HTTP/1.1 200")
            time.sleep(0.2)
            assert _ordinary_after(endpoint, hold) < 0.5
            assert len(endpoint._held) == 40
        finally:
            for sock in hold:
                sock.close()


def test_pipelined_requests_are_answered_in_order(server):
    """Two requests in one write: the second waits in the loop's buffer and is answered after the first."""
    first = get(f"{ORDINARY} LIMIT 1", f"127.0.0.1:{port(server)}").replace(b"Connection: close\r\n", b"")
    second = get("ASK { ?s ?p ?o }", f"127.0.0.1:{port(server)}")
    response, closed, _ = exchange(server, first + second)
    assert closed and response.count(b"HTTP/1.1 200") == 2
    assert response.index(b'"vars"') < response.index(b'"boolean"')


def test_a_client_waiting_for_100_continue_gets_it_and_is_answered(server):
    """curl sends a body over 1 KB only after ``100 Continue`` (or a 1 s wait): the loop sends it."""
    query = ORDINARY + " #" + "x" * 2000
    head = (
        f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        f"Content-Length: {len(query)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port(server)), timeout=5) as sock:
        sock.sendall(head)
        sock.settimeout(0.5)
        assert sock.recv(1024) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(query.encode())
        response, closed, _ = read_until_closed(sock, time.monotonic(), 5)
    assert status(response) == 200 and closed and response.count(b"HTTP/1.1 ") == 1


@pytest.mark.parametrize("method", ["PUT", "OPTIONS"])
def test_a_body_a_method_does_not_read_is_never_read_as_a_request(server, method):
    smuggled = get("ASK {}", "127.0.0.1")
    request = (f"{method} /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(smuggled)}\r\n\r\n").encode()
    response, closed, _ = exchange(server, request + smuggled)
    assert closed and response.count(b"HTTP/1.1 ") == 1 and status(response) == 405


@pytest.mark.parametrize("length", ["\u00b2", "1 2", "-1", "0x10"])
def test_a_content_length_that_is_no_number_is_refused(server, length):
    request = (
        f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode("latin-1")
    response, closed, _ = exchange(server, request)
    assert status(response) == 411 and closed


def test_two_different_content_lengths_are_refused(server):
    request = (
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 28\r\nContent-Length: 5\r\n\r\n" + ORDINARY.encode()
    )
    response, closed, _ = exchange(server, request)
    assert status(response) == 400 and closed and "more than one Content-Length" in body(response)


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a 70 KB header line", "X: " + "a" * 70_000 + "\r\n", b"HTTP/1.1 431"),
        ("150 headers", "X: a\r\n" * 150, b"HTTP/1.1 431"),
    ],
)
def test_oversized_heads_are_refused_at_once(server, name, head, expected):
    response, closed, seconds = exchange(server, f"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}\r\n".encode())
    assert response.startswith(expected) and closed and seconds < 1.0, name


def test_a_2_mb_request_line_is_refused_at_once(server):
    with socket.create_connection(("127.0.0.1", port(server)), timeout=10) as sock:
        with contextlib.suppress(OSError):  # the server may close before it is all sent
            sock.sendall(b"GET /" + b"a" * 2_000_000 + b" HTTP/1.1\r\n\r\n")
        response, closed, _ = read_until_closed(sock, time.monotonic(), 5)
    assert response.startswith(b"HTTP/1.1 414") and closed


def test_headers_that_never_end_are_dropped_at_the_request_deadline(server):
    """Ten header lines a second, each within the per-read timeout: dropped at the 2 s deadline (2.1 s seen)."""
    with socket.create_connection(("127.0.0.1", port(server)), timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        started = time.monotonic()
        with contextlib.suppress(OSError):
            while time.monotonic() - started < 8:
                sock.sendall(b"X: a\r\n")
                time.sleep(0.1)
        assert time.monotonic() - started < 3.5


def test_a_drip_on_a_kept_alive_connection_is_dropped_at_the_deadline(server):
    """The clock restarts at the second request's first byte: a drip after a first answer is dropped too (2.3 s)."""
    request = get(ORDINARY, f"127.0.0.1:{port(server)}").replace(b"Connection: close\r\n", b"")
    with socket.create_connection(("127.0.0.1", port(server)), timeout=10) as sock:
        sock.sendall(request)
        time.sleep(0.5)
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        started = time.monotonic()
        with contextlib.suppress(OSError):
            for byte in request:
                sock.sendall(bytes([byte]))
                time.sleep(0.25)
                if time.monotonic() - started > 8:
                    break
        _, closed, _ = read_until_closed(sock, started, 10)
        assert closed and time.monotonic() - started < 3.5


def test_past_the_loops_byte_budget_large_requests_are_refused_and_small_ones_answered(monkeypatch):
    """The loop holds every connection's unfinished request: past MAX_BUFFERED (128 MB; 1 MB here) a
    request over 64 KB is refused with 503, so slow large bodies cannot grow its memory without bound."""
    from kg.endpoint import connection

    monkeypatch.setattr(connection, "MAX_BUFFERED", 1_000_000)
    for endpoint in serve(Settings(request_timeout=5.0)):
        head = (
            b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 900000\r\n\r\n"
        )
        hold = _idle(endpoint, 3)
        try:
            seen = []
            for sock in hold:  # 3 x 600 KB of bodies that never finish
                with contextlib.suppress(OSError):
                    sock.sendall(head + b"#" * 600_000)
                time.sleep(0.3)
                seen.append(read_until_closed(sock, time.monotonic(), 0.5))
            refused = [response for response, closed, _ in seen if closed]
            assert len(refused) >= 1 and all(r.startswith(b"HTTP/1.1 503") for r in refused)
            assert endpoint._buffered <= 1_000_000 + 65536 * 2
            assert _ordinary_after(endpoint, hold) < 0.5
        finally:
            for sock in hold:
                sock.close()
