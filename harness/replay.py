"""A local HTTP server that replays metadata services' answers, for testing the real client over real HTTP.

Each fixture file (``tests/fixtures/enrich/*.json``) holds answers in a service's documented format
(Crossref's ``{"status": "ok", "message": {"items": [...]}}``, OpenAlex's ``{"meta": ..., "results":
[...]}``) and the request each answers: a path and the parameters it must carry. A request no fixture
matches gets the service's empty answer. The server records every request (path, parameters,
headers), and can be told to fail the next requests (HTTP 429 with ``Retry-After``, or 503), so the
tests see the client identify itself, keep its pace, back off and retry, and use its cache.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

EMPTY = {
    "crossref": {"status": "ok", "message-type": "work-list", "message": {"total-results": 0, "items": []}},
    "openalex": {"meta": {"count": 0, "page": 1, "per_page": 5}, "results": []},
}


@dataclass
class Seen:
    """One request the server received."""

    service: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    at: float


@dataclass
class Replay:
    """The answers, the requests seen, and the failures still to serve."""

    answers: list[dict[str, object]]
    seen: list[Seen] = field(default_factory=list)
    failures: list[tuple[int, str]] = field(default_factory=list)  # (status, Retry-After) served first
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, service: str, path: str, params: dict[str, str]) -> object:
        for fixture in self.answers:
            match = fixture["request"]
            assert isinstance(match, dict)
            if match.get("service") != service or match.get("path") != path:
                continue
            wanted = match.get("params", {})
            assert isinstance(wanted, dict)
            if all(params.get(k) == v for k, v in wanted.items()):
                return fixture["answer"]
        return EMPTY[service]


def load_fixtures(folder: Path) -> list[dict[str, object]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def _handler(replay: Replay) -> type[BaseHTTPRequestHandler]:
    import time

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            del format, args

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            parts = urlsplit(self.path)
            service, _, path = parts.path.lstrip("/").partition("/")
            params = dict(parse_qsl(parts.query, keep_blank_values=True))
            with replay.lock:
                replay.seen.append(Seen(service, "/" + path, params, dict(self.headers.items()), time.monotonic()))
                failure = replay.failures.pop(0) if replay.failures else None
            if failure is not None:
                status, retry_after = failure
                self.send_response(status)
                if retry_after:
                    self.send_header("Retry-After", retry_after)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if service not in EMPTY:
                self.send_error(404)
                return
            body = json.dumps(replay.answer(service, "/" + path, params)).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def replay_server(fixtures: Path) -> Iterator[tuple[str, Replay]]:
    """A replay server on 127.0.0.1 (a free port); yields its base URL (``URL/crossref``, ``URL/openalex``)."""
    replay = Replay(load_fixtures(fixtures))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(replay))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", replay
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
