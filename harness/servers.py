"""A real Oxigraph SPARQL server for tests and benchmarks, and small fault injectors.

``OxigraphServer`` starts ``oxigraph serve`` (the ``oxigraph`` PyPI package's binary) bound to
127.0.0.1 on a free port with a temporary data folder, waits until it answers a query, and
stops it (terminate, then kill) on ``stop()`` or leaving the ``with`` block. Every wait is
bounded in time. ``running_server()`` is the body of a pytest fixture built on it.

``KgServe`` starts ``kg serve`` as a user does, over a built graph, on a free port.

The stubs (``StubHttpServer``, ``HangingServer``, ``TricklingServer``) are fault injectors for
the remote store's failure modes. They listen on 127.0.0.1 only. They never stand in for the
happy path, which always runs against the real server.
"""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import requests

START_TIMEOUT = 30.0


def terminate(process: subprocess.Popen | None, grace: float = 10) -> None:
    """SIGTERM a server still running and wait ``grace`` seconds for it, then kill it."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` CLI of this environment (beside the interpreter first, then PATH)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    return shutil.which("oxigraph")


class OxigraphServer:
    """``oxigraph serve`` on 127.0.0.1:PORT with a temporary (or given) data folder."""

    def __init__(self, location: Path | None = None, *, read_only: bool = False, timeout_s: int | None = None) -> None:
        binary = oxigraph_binary()
        if binary is None:
            raise RuntimeError("the `oxigraph` server binary is missing: pip install 'oxigraph>=0.5,<0.6'")
        self.binary = binary
        self._own_dir = location is None
        self.location = location or Path(tempfile.mkdtemp(prefix="kg-oxigraph-"))
        self.read_only = read_only
        self.timeout_s = timeout_s
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._log = tempfile.TemporaryFile()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    def start(self, attempts: int = 3) -> OxigraphServer:
        """Start on a free port and wait until it answers (a few attempts if the port is taken meanwhile)."""
        last_error = ""
        for _ in range(attempts):
            self.port = free_port()
            command = [
                self.binary,
                "serve-read-only" if self.read_only else "serve",
                "--location",
                str(self.location),
                "--bind",
                f"127.0.0.1:{self.port}",
            ]
            if self.timeout_s and not self.read_only:
                command += ["--timeout-s", str(self.timeout_s)]
            self.process = subprocess.Popen(command, stdout=self._log, stderr=self._log, stdin=subprocess.DEVNULL)
            last_error = self._wait_until_ready()
            if not last_error:
                return self
            self._terminate()
        raise RuntimeError(f"the Oxigraph server did not start: {last_error}\n{self.log_text()}")

    def _wait_until_ready(self) -> str:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                return f"it exited with code {self.process.returncode}"
            try:
                answer = requests.get(
                    self.query_url,
                    params={"query": "ASK {}"},
                    timeout=2,
                    headers={"Accept": "application/sparql-results+json"},
                )
                if answer.status_code == 200:
                    return ""
            except requests.RequestException:
                pass
            time.sleep(0.1)
        return f"no answer within {START_TIMEOUT:g} s"

    def log_text(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", errors="replace")[-2000:]

    def _terminate(self) -> None:
        terminate(self.process)

    def stop(self) -> None:
        self._terminate()
        self._log.close()
        if self._own_dir:
            shutil.rmtree(self.location, ignore_errors=True)

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def running_server() -> Iterator[OxigraphServer]:
    """For a pytest fixture (``yield from running_server()``): a real, empty, writable Oxigraph server,
    stopped when the fixture ends; the test is skipped if the binary is missing."""
    if oxigraph_binary() is None:
        import pytest

        pytest.skip("the `oxigraph` server binary is not installed (pip install -e '.[test]')")
    server = OxigraphServer().start()
    try:
        yield server
    finally:
        server.stop()


# --- fault injectors ------------------------------------------------------------------------


class StubHttpServer:
    """An HTTP server on 127.0.0.1 that answers every request with one fixed response.

    ``declared_length`` larger than the body makes a truncated answer (the connection
    closes before the promised bytes arrive).
    """

    def __init__(
        self,
        status: int,
        body: bytes,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        declared_length: int | None = None,
    ) -> None:
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                stub.requests += 1
                stub.request_headers.append(dict(self.headers))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(declared_length or len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()
                self.close_connection = True

            def do_GET(self) -> None:  # noqa: N802 (http.server's names)
                self._answer()

            def do_POST(self) -> None:  # noqa: N802
                self._answer()

            def do_PUT(self) -> None:  # noqa: N802
                self._answer()

            def log_message(self, *args: object) -> None:
                return None

        self.requests = 0
        self.request_headers: list[dict[str, str]] = []
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/query"

    def __enter__(self) -> StubHttpServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


class HangingServer:
    """Accepts connections on 127.0.0.1 and never answers (until closed)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.accepted: list[socket.socket] = []
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/query"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.accepted.append(connection)
            self._serve(connection)

    def _serve(self, connection: socket.socket) -> None:
        """Never answer: the connection stays open until the server stops."""

    def __enter__(self) -> HangingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.thread.join(timeout=5)
        for connection in self.accepted:
            connection.close()
        self.sock.close()


class TricklingServer(HangingServer):
    """Answers HTTP 200 with SPARQL JSON headers, then sends the body one byte every ``interval`` s."""

    BODY = b'{"head": {"vars": ["x"]}, "results": {"bindings": [' + b'{"x": {"type": "literal", "value": "1"}},' * 50

    def __init__(self, interval: float = 0.05, max_seconds: float = 20.0) -> None:
        super().__init__()
        self.interval = interval
        self.max_seconds = max_seconds

    def _serve(self, connection: socket.socket) -> None:
        threading.Thread(target=self._trickle, args=(connection,), daemon=True).start()

    def _trickle(self, connection: socket.socket) -> None:
        head = (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
            b"Content-Length: " + str(len(self.BODY) + 3).encode() + b"\r\n\r\n"
        )
        deadline = time.monotonic() + self.max_seconds
        try:
            connection.recv(65536)
            connection.sendall(head)
            for byte in self.BODY:
                if self._stop.is_set() or time.monotonic() > deadline:
                    return
                connection.sendall(bytes([byte]))
                time.sleep(self.interval)
        except OSError:
            return


# --- kg serve -----------------------------------------------------------------------------------


class KgServe:
    """``kg serve`` on 127.0.0.1:PORT over a built graph, started as a user starts it (``python -m kg.cli``).

    ``extra`` are more options (``--limit 5``, ``--timeout 2``, ``--cors ORIGIN``). ``stop()`` sends
    SIGTERM (Ctrl+C's way out) and waits; ``log_text()`` is what it printed.
    """

    def __init__(
        self,
        build_dir: Path,
        extra: list[str] | None = None,
        *,
        start_timeout: float = START_TIMEOUT,
        cwd: Path | None = None,
    ) -> None:
        self.build_dir = build_dir
        self.extra = list(extra or [])
        self.cwd = cwd  #: the folder it is started in (default: the repository)
        self.start_timeout = start_timeout  #: it loads the graph first: a million triples take a while
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._log = tempfile.TemporaryFile()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def start(self) -> KgServe:
        root = Path(__file__).resolve().parent.parent
        for _ in range(3):
            self.port = free_port()
            command = [sys.executable, "-m", "kg.cli", "serve", "--build", str(self.build_dir)]
            command += ["--port", str(self.port), *self.extra]
            self.process = subprocess.Popen(
                command, cwd=self.cwd or root, stdout=self._log, stderr=self._log, stdin=subprocess.DEVNULL
            )
            deadline = time.monotonic() + self.start_timeout
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    if requests.get(self.url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                        return self
                except requests.RequestException:
                    pass
                time.sleep(0.1)
            self.stop_process()
        raise RuntimeError(f"kg serve did not start:\n{self.log_text()}")

    def stop_process(self) -> int | None:
        if self.process is None:
            return None
        terminate(self.process)
        return self.process.returncode

    def log_text(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", errors="replace")[-4000:]

    def stop(self) -> int | None:
        code = self.stop_process()
        self._log.close()
        return code

    def __enter__(self) -> KgServe:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- Virtuoso ---------------------------------------------------------------------------------------

#: The graph a Virtuoso test server holds the evidence graph in: Virtuoso has no default graph of
#: its own (a query reads the union of all graphs, its system graphs included), so clients name it.
VIRTUOSO_GRAPH = "urn:evidence-kg"

_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {dir}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
CaseMode = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = {max_seconds}
MaxQueryCostEstimationTime = 0
"""


def virtuoso_binaries() -> tuple[str, str] | None:
    """Debian's ``virtuoso-t`` and ``isql-vt`` (package virtuoso-opensource), if installed."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    return (server, isql) if server and isql else None


class VirtuosoServer:
    """Virtuoso (``virtuoso-t``) on 127.0.0.1 with a fresh database in a temporary folder.

    Only loopback ports are bound (its SQL port for ``isql-vt`` and its HTTP port for SPARQL).
    ``load(path)`` loads an N-Triples file with Virtuoso's bulk loader (``ld_dir``, ``rdf_loader_run``,
    ``checkpoint``) into :data:`VIRTUOSO_GRAPH`, which ``query_url`` names as the default graph.
    ``max_seconds`` is its ``MaxQueryExecutionTime``; ``memory_mb`` sizes its buffers.
    """

    def __init__(self, *, max_rows: int = 1_000_000, max_seconds: int = 60, memory_mb: int = 1024) -> None:
        binaries = virtuoso_binaries()
        if binaries is None:
            raise RuntimeError("Virtuoso is missing: apt-get install virtuoso-opensource")
        self.server_binary, self.isql = binaries
        self.location = Path(tempfile.mkdtemp(prefix="kg-virtuoso-"))
        self.max_rows, self.max_seconds = max_rows, max_seconds
        self.buffers = max(10_000, memory_mb * 1024 * 1024 // 8192 * 2 // 3)  # 8 kB pages, 2/3 of the memory
        self.http_port = self.sql_port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def sparql_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def query_url(self) -> str:
        """The endpoint with the graph named as the default graph (what the tool's clients are given)."""
        return f"{self.sparql_url}?default-graph-uri={VIRTUOSO_GRAPH}"

    def start(self) -> VirtuosoServer:
        for _ in range(3):
            self.http_port, self.sql_port = free_port(), free_port()
            ini = self.location / "virtuoso.ini"
            ini.write_text(
                _VIRTUOSO_INI.format(
                    dir=self.location,
                    sql_port=self.sql_port,
                    http_port=self.http_port,
                    buffers=self.buffers,
                    dirty=self.buffers * 3 // 4,
                    max_rows=self.max_rows,
                    max_seconds=self.max_seconds,
                ),
                encoding="utf-8",
            )
            command = [self.server_binary, "+foreground", "+configfile", str(ini)]
            self.process = subprocess.Popen(
                command, cwd=self.location, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            deadline = time.monotonic() + START_TIMEOUT * 2
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    answer = requests.get(self.sparql_url, params={"query": "ASK {}"}, timeout=2)
                    if answer.status_code == 200:
                        return self
                except requests.RequestException:
                    pass
                time.sleep(0.2)
            self._terminate()
        raise RuntimeError(f"Virtuoso did not start:\n{self.log_text()}")

    def sql(self, statements: str, timeout: float = 1800) -> str:
        """Run SQL statements with ``isql-vt`` as dba (the fresh database's password) and return its output."""
        done = subprocess.run(
            [self.isql, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed: {(done.stdout + done.stderr)[-2000:]}")
        return done.stdout

    def load(self, path: Path, timeout: float = 1800) -> None:
        """The bulk loader, from a copy of the file inside the database folder (the one DirsAllowed)."""
        folder = self.location / "load"
        folder.mkdir(exist_ok=True)
        target = folder / "graph.nt"
        shutil.copyfile(path, target)
        statements = (
            f"ld_dir('{folder}', 'graph.nt', '{VIRTUOSO_GRAPH}'); rdf_loader_run(); checkpoint; "
            "SELECT ll_state, ll_error FROM DB.DBA.load_list;"
        )
        output = self.sql(statements, timeout)
        target.unlink()
        if "NULL" not in output.split("ll_error", 1)[-1]:
            raise RuntimeError(f"the bulk loader reported an error: {output[-2000:]}")

    def log_text(self) -> str:
        log = self.location / "virtuoso.log"
        return log.read_text(encoding="utf-8", errors="replace")[-3000:] if log.is_file() else ""

    def _terminate(self) -> None:
        terminate(self.process, grace=30)  # Virtuoso is given longer to shut down

    def stop(self) -> None:
        self._terminate()
        shutil.rmtree(self.location, ignore_errors=True)

    def __enter__(self) -> VirtuosoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
