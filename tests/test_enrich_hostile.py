"""``kg enrich`` against a real HTTP server on 127.0.0.1 that misbehaves: each failure one line, in bounded time.

The server (``http.server``, one thread per connection) answers by path: a drip of one byte at a
time (in the body, or in the headers), redirects to ``file://``, to another host, round a loop,
JSON nested 100,000 deep, a storm of 429s, and a same-host redirect that must be followed. The
numbers are what makes each a failure: the second attack saw a 15-byte drip take 76 s, a storm
cost 91 s a work, and tracebacks for the redirects and the nesting.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.cli import main
from kg.enrich.http import PoliteClient, Politeness, ServiceError
from kg.enrich.limits import RunLimits, ServiceStoppedError
from kg.sources.candidates import ENRICHMENT_FILE
from tests.conftest import copy_project

EMPTY = json.dumps({"message": {"items": []}}).encode()


#: Bodies that inflate to 128 MB (16 times the 8 MB cap) from about 130 KB, by Content-Encoding.
BOMBS = {"gzipbomb": "gzip", "deflatebomb": "deflate", "rawdeflatebomb": "deflate", "doublebomb": "gzip, gzip"}


@functools.cache
def bomb(kind: str) -> tuple[str, bytes]:
    plain = b"[" + b" " * (128 * 2**20) + b"]"
    if kind == "deflatebomb":
        return BOMBS[kind], zlib.compress(plain, 9)
    if kind == "rawdeflatebomb":  # RFC 1951 without the zlib wrapper, as some servers send "deflate"
        packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        return BOMBS[kind], packer.compress(plain) + packer.flush()
    once = gzip.compress(plain, 9)
    return BOMBS[kind], gzip.compress(once) if kind == "doublebomb" else once


class Misbehaving(http.server.BaseHTTPRequestHandler):
    """Answers by the path's first segment; counts what it was asked."""

    seen: list[str] = []  # noqa: RUF012 - one server a test, reset by the fixture

    def log_message(self, *args: object) -> None:
        return None

    def _send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.seen.append(self.path)
        kind = self.path.strip("/").split("/")[0].split("?")[0]
        port = self.server.server_address[1]
        try:
            if kind == "ok":
                self._send(200, EMPTY, Content_Type="application/json")
            elif kind == "drip":  # the headers at once, then the body a byte every 0.3 s
                self.send_response(200)
                self.send_header("Content-Length", "1000")
                self.end_headers()
                for _ in range(1000):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.3)
            elif kind == "headerdrip":  # the status line and headers a byte every 0.3 s
                for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 1000:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.3)
            elif kind == "tofile":
                self._send(302, Location="file:///etc/passwd")
            elif kind == "toother":
                self._send(302, Location=f"http://localhost:{port}/ok")
            elif kind == "loop":
                self._send(302, Location=f"http://127.0.0.1:{port}/loop/works")
            elif kind == "same":
                self._send(301, Location="/ok/works")
            elif kind == "nested":
                self._send(200, b"[" * 100_000 + b"]" * 100_000, Content_Type="application/json")
            elif kind == "odd":  # JSON, but not in the documented form
                self._send(200, json.dumps({"message": {"items": [{"issued": [1, 2]}]}}).encode())
            elif kind == "storm":
                self._send(429, b"slow down", Retry_After="0")
            elif kind == "toipv6":
                self._send(302, Location=f"http://[::1]:{port}/ok")
            elif kind == "toport":  # the same host, another server on it
                self._send(302, Location=f"http://127.0.0.1:{port + 1}/ok")
            elif kind == "touser":
                self._send(302, Location=f"http://evil:secret@127.0.0.1:{port}/ok")
            elif kind == "wait99999":
                self._send(429, b"", Retry_After="99999")
            elif kind == "waitdate":  # a date, not seconds: the client's own backoff applies
                self._send(503, b"", Retry_After="Fri, 31 Dec 9999 23:59:59 GMT")
            elif kind in BOMBS:
                encoding, body = bomb(kind)
                self._send(200, body, Content_Encoding=encoding, Content_Type="application/json")
            else:
                self._send(404)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture
def server() -> Iterator[str]:
    Misbehaving.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _client(**limits: float) -> PoliteClient:
    politeness = Politeness(min_interval=0, backoff=0.01, deadline=2.0, timeout=5.0)
    return PoliteClient(None, politeness, limits=RunLimits(**limits))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "says", "max_seconds"),
    [
        ("drip", "did not send its whole answer within 2 s", 3.5),
        ("headerdrip", "did not send its whole answer within 2 s", 3.5),
        ("tofile", "redirected to a file: URL", 1),
        ("toother", "redirected to another host (localhost)", 1),
        ("loop", "redirected in a loop", 1),
        ("nested", "nested too deeply", 2),
    ],
)
def test_a_misbehaving_service_is_one_service_error_in_bounded_time(
    server: str, path: str, says: str, max_seconds: float
) -> None:
    client = _client()
    started = time.monotonic()
    with pytest.raises(ServiceError, match=says.replace("(", r"\(").replace(")", r"\)")):
        client.get_json(f"{server}/{path}", "/works", {"query.author": "Smith"})
    assert time.monotonic() - started < max_seconds
    assert len(Misbehaving.seen) <= 2, Misbehaving.seen  # a loop is seen once, then refused


def test_a_same_host_redirect_is_followed(server: str) -> None:
    assert _client().get_json(f"{server}/same", "/works", {"q": "x"}) == {"message": {"items": []}}
    assert [p.split("?")[0] for p in Misbehaving.seen] == ["/same/works", "/ok/works"]


def test_a_drip_outside_the_main_thread_stops_at_the_deadline_too(server: str) -> None:
    """No alarm there: the body's reads check the clock, so the drip stops within one read of the deadline."""
    caught: list[BaseException] = []

    def fetch() -> None:
        try:
            _client().get_json(f"{server}/drip", "/works", {})
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            caught.append(exc)

    started = time.monotonic()
    worker = threading.Thread(target=fetch)
    worker.start()
    worker.join(timeout=30)
    assert time.monotonic() - started < 3.5
    assert caught and isinstance(caught[0], ServiceError) and "within 2 s" in str(caught[0])


def test_a_storm_of_429_stops_the_run_early(server: str) -> None:
    client = _client(storm=5, retry_budget=100)
    started = time.monotonic()
    with pytest.raises(ServiceStoppedError, match="5 requests in a row"):
        for _ in range(10):
            try:
                client.get_json(f"{server}/storm", "/works", {})
            except ServiceError:
                continue
    assert time.monotonic() - started < 2
    assert len(Misbehaving.seen) == 5


def test_the_retry_budget_is_counted_across_the_run(server: str) -> None:
    client = _client(storm=1000, retry_budget=6)
    with pytest.raises(ServiceStoppedError, match="6 retries are spent"):
        for _ in range(10):
            try:
                client.get_json(f"{server}/storm", "/works", {})
            except ServiceError:
                continue
    # three retries a request: 4 attempts, 4 attempts, then 1 that finds the budget spent
    assert len(Misbehaving.seen) == 9


def test_the_run_deadline_stops_the_run(server: str) -> None:
    client = _client(run_deadline=1.5)
    started = time.monotonic()
    with pytest.raises(ServiceStoppedError, match="deadline of 1.5 s"):
        for _ in range(10):
            try:
                client.get_json(f"{server}/drip", "/works", {})
            except ServiceError:
                continue
    assert time.monotonic() - started < 3


# --- through the CLI ------------------------------------------------------------------------------------

WORKS = ("burris2005", "castells2000", "anderson2012", "kara2009")


def _enrich(project: Path, base: str, *extra: str) -> int:
    args = ["--project", str(project), "enrich", "--rate", "100", "--no-cache", "--quiet", "--service", "crossref"]
    args += ["--crossref-url", base, *extra]
    for key in WORKS:
        args += ["--work", key]
    return main(args)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy_project(tmp_path / "p")
    return tmp_path / "p"


@pytest.mark.parametrize(
    ("path", "code", "says"),
    [
        ("tofile", 0, "redirected to a file: URL"),
        ("loop", 0, "redirected in a loop"),
        ("nested", 0, "nested too deeply"),
        ("odd", 0, "in a form it does not document"),
        ("storm", 2, "in a row with HTTP 429"),
    ],
)
def test_kg_enrich_says_each_failure_in_one_line(
    project: Path, server: str, path: str, code: int, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p: p.read_bytes() for p in (project / "bib").rglob("*") if p.is_file()}
    started = time.monotonic()
    assert _enrich(project, f"{server}/{path}") == code
    seconds = time.monotonic() - started
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    lines = [line for line in (captured.err + captured.out).splitlines() if says in line]
    assert lines, captured
    if code == 2:  # stopped: one error line, nothing written
        assert len([line for line in captured.err.splitlines() if line.startswith("error: ")]) == 1, captured.err
        assert {p: p.read_bytes() for p in (project / "bib").rglob("*") if p.is_file()} == before
        assert seconds < 30
    else:  # each work's failure is one line of the outcome
        assert (project / "bib" / ENRICHMENT_FILE).is_file()


# --- tried again (second session): other redirects, other waits, compressed bombs -----------------


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("toipv6", "redirected to another host (::1)"),
        ("toport", "redirected to another port"),  # before: followed
        ("touser", "redirected to a URL with a user name in it"),  # before: followed, the name sent as credentials
    ],
)
def test_more_redirects_are_refused_in_one_line(server: str, path: str, says: str) -> None:
    with pytest.raises(ServiceError, match=re.escape(says)):
        _client().get_json(f"{server}/{path}", "/works", {})
    assert len(Misbehaving.seen) == 1


def test_a_retry_after_of_99999_s_stops_asking_at_once(server: str) -> None:
    """Before: each retry waited the 30 s cap (90 s a work, three retries), then tried again."""
    started = time.monotonic()
    with pytest.raises(ServiceStoppedError, match="asked to be left alone for 99,999 s"):
        _client().get_json(f"{server}/wait99999", "/works", {})
    assert time.monotonic() - started < 1 and len(Misbehaving.seen) == 1


def test_a_retry_after_date_uses_the_clients_own_backoff(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(ServiceError, match="HTTP 503"):
        _client().get_json(f"{server}/waitdate", "/works", {})
    assert time.monotonic() - started < 1 and len(Misbehaving.seen) == 4  # the first ask and three retries


def test_no_wait_passes_the_runs_deadline(server: str) -> None:
    """A 429 whose Retry-After (20 s) is within the 30 s a run waits, but not within the run's 1 s left."""
    client = _client(run_deadline=1.0)
    client.politeness = Politeness(min_interval=0, backoff=20.0, deadline=2.0, timeout=5.0)
    started = time.monotonic()
    with pytest.raises((ServiceStoppedError, ServiceError)):  # stopped at the deadline, or out of retries at it
        client.get_json(f"{server}/storm", "/works", {})
    assert time.monotonic() - started < 2.5  # before: the first wait alone was 20 s


def _rss_mb(field: str) -> float:
    return int(next(line.split()[1] for line in open("/proc/self/status") if line.startswith(field + ":"))) / 1024


@pytest.mark.parametrize("path", list(BOMBS))
def test_a_compressed_bomb_is_refused_at_the_cap_while_it_inflates(server: str, path: str) -> None:
    """128 MB behind 130 KB, in each encoding: refused at 8 MB; this process's peak rose 6-10 MB (measured)."""
    bomb(path)  # made before the peak is reset: the server's copy is not the client's
    Path("/proc/self/clear_refs").write_text("5")
    before = _rss_mb("VmRSS")
    started = time.monotonic()
    with pytest.raises(ServiceError, match="sent an answer over 8 MB"):
        _client().get_json(f"{server}/{path}", "/works", {})
    assert time.monotonic() - started < 2
    assert _rss_mb("VmHWM") - before < 64
