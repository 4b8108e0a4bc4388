"""Bounds on what one query may cost: time, memory, network, answer size.

The embedded store runs each query in a forked worker process (kg.store.workers): a runaway is
killed at its timeout, a query past the memory ceiling stops its worker only, and a worker has
no network (SERVICE cannot federate). The remote store caps the answer's size after
decompression. Timed bounds here are generous ("stops within"): speed belongs in benchmarks.
"""

from __future__ import annotations

import io
import json
import logging
import os
import signal
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.servers import OxigraphServer, StubHttpServer, running_server
from kg.errors import KgError, StoreError
from kg.store import EmbeddedStore, RemoteStore
from kg.store.workers import SUPPORTED

pytestmark = pytest.mark.skipif(
    not SUPPORTED, reason="Linux only: query worker processes (fork, prctl, unshare) and /proc"
)

#: A 3-way cross product over every triple, sorted: it can only end by running out of time or memory.
RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
MB = 2**20


def rss(pid: int | str = "self", field: str = "VmRSS") -> int:
    """Resident memory (or ``VmHWM``, its peak) of a process, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def exists(pid: int) -> bool:
    """True while the process exists, zombies included (a reaped process is gone from /proc)."""
    return Path(f"/proc/{pid}").exists()


def gone_soon(pid: int, within: float = 2.0) -> bool:
    deadline = time.monotonic() + within
    while exists(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    return not exists(pid)


def children_in_state(*states: str) -> list[int]:
    """This process's children in one of the states of /proc/PID/stat (Z: ended, not reaped; R: running)."""
    found = []
    for task in Path("/proc/self/task").iterdir():
        try:
            children = (task / "children").read_text().split()
        except FileNotFoundError:  # the thread ended between the listing and the read
            continue
        for pid in children:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except FileNotFoundError:
                continue
            if state in states:
                found.append(int(pid))
    return found


def zombie_children() -> list[int]:
    return children_in_state("Z")


def no_new_child_running(older: set[int], within: float = 10.0) -> bool:
    """True once no child process but ``older`` ones is running (a runaway left running would be).

    A killed worker that held its 2 GB ceiling can stay in R or D while the kernel frees its memory,
    seconds on a loaded machine; a runaway left running never stops, so a longer wait is no weaker test.
    """
    deadline = time.monotonic() + within
    while set(children_in_state("R", "D")) - older and time.monotonic() < deadline:
        time.sleep(0.05)
    return not set(children_in_state("R", "D")) - older


@pytest.fixture
def one_worker(build_dir: Path) -> Iterator[EmbeddedStore]:
    """The real graph in a store of its own with one worker, so that its pid is the one that ran a query."""
    store = EmbeddedStore.from_file(build_dir / "kg.nt", workers=1)
    yield store
    store.close()


# --- time ------------------------------------------------------------------------------------


def test_a_runaway_query_is_killed_at_its_timeout_and_the_store_answers_after(one_worker: EmbeddedStore) -> None:
    expected = str(one_worker.triple_count())
    assert one_worker.select(COUNT).rows[0]["n"].value == expected
    (pid,) = one_worker.worker_pids()
    before = rss()
    started = time.monotonic()
    with pytest.raises(StoreError, match=r"timed out after 1 s; no result is shown"):
        one_worker.select(RUNAWAY, timeout=1)
    assert time.monotonic() - started < 2.5
    assert gone_soon(pid), f"the worker {pid} that ran the runaway query still exists"
    time.sleep(0.5)  # a query left running in this process would keep growing meanwhile
    assert rss() - before < 40 * MB
    assert one_worker.select(COUNT).rows[0]["n"].value == expected
    assert one_worker.worker_pids() != [pid]
    assert not zombie_children()


def test_four_runaways_at_once_time_out_and_a_normal_query_still_answers(store: EmbeddedStore) -> None:
    outcomes: dict[str, object] = {}

    def run(name: str, sparql: str, timeout: float) -> None:
        try:
            outcomes[name] = store.select(sparql, timeout=timeout)
        except KgError as exc:
            outcomes[name] = exc

    older = set(children_in_state("R", "S", "D")) - set(store.worker_pids())  # e.g. servers of other tests
    runaways = [threading.Thread(target=run, args=(f"runaway{i}", RUNAWAY, 1)) for i in range(4)]
    normal = threading.Thread(target=run, args=("normal", COUNT, 30))
    started = time.monotonic()
    for thread in runaways:
        thread.start()
    time.sleep(0.2)  # the runaways are running
    normal.start()
    for thread in [*runaways, normal]:
        thread.join(timeout=60)
    assert time.monotonic() - started < 15
    for i in range(4):
        assert isinstance(outcomes[f"runaway{i}"], StoreError) and "timed out" in str(outcomes[f"runaway{i}"])
    answer = outcomes["normal"]
    assert not isinstance(answer, Exception), answer
    assert answer.rows[0]["n"].value == str(store.triple_count())  # type: ignore[attr-defined]
    assert no_new_child_running(older), "a runaway query is still running in a worker"
    assert not zombie_children()


def test_workers_fork_safely_while_other_threads_log_print_and_allocate(store: EmbeddedStore) -> None:
    """Replacing workers (each timeout forks a new one) while other threads hold the locks of logging,
    buffered I/O and the allocator: a child that touched one of them would hang and time out."""
    stop = threading.Event()
    log = logging.getLogger("kg-test-fork-safety")
    log.addHandler(logging.StreamHandler(io.StringIO()))
    log.setLevel(logging.INFO)
    sink = io.StringIO()

    def busy() -> None:
        while not stop.is_set():
            log.info("a line %s", "of log")
            print("x" * 80, file=sink)
            json.loads(json.dumps([{"k": str(i)} for i in range(500)]))

    noise = [threading.Thread(target=busy, daemon=True) for _ in range(3)]
    for thread in noise:
        thread.start()
    try:
        for _ in range(8):
            with pytest.raises(StoreError, match="timed out"):
                store.select(RUNAWAY, timeout=0.05)
            assert store.select(COUNT, timeout=10).rows[0]["n"].value == str(store.triple_count())
    finally:
        stop.set()
        for thread in noise:
            thread.join(timeout=5)


def test_a_worker_killed_while_idle_is_replaced(one_worker: EmbeddedStore) -> None:
    one_worker.select(COUNT)
    (pid,) = one_worker.worker_pids()
    os.kill(pid, signal.SIGKILL)
    while pid not in zombie_children():  # it died (not reaped yet): the store has not noticed
        time.sleep(0.01)
    assert one_worker.select(COUNT).rows[0]["n"].value == str(one_worker.triple_count())
    assert one_worker.worker_pids() != [pid]


def test_close_ends_the_workers(build_dir: Path) -> None:
    store = EmbeddedStore(workers=2)
    store.load_file(build_dir / "kg.nt")
    store.select(COUNT)
    pids = store.worker_pids()
    assert pids
    store.close()
    assert all(gone_soon(pid) for pid in pids)
    with pytest.raises(StoreError, match="closed"):
        store.select(COUNT)


def test_a_load_after_queries_is_seen_by_the_next_query() -> None:
    store = EmbeddedStore(workers=1)
    store.load_ntriples(b"<http://e/1> <http://p> <http://v> .\n")
    assert store.select(COUNT).rows[0]["n"].value == "1"
    store.load_ntriples(b"<http://e/2> <http://p> <http://v> .\n")
    assert store.select(COUNT).rows[0]["n"].value == "2" and store.triple_count() == 2
    store.close()


# --- memory ----------------------------------------------------------------------------------


def test_a_query_past_the_memory_ceiling_stops_its_worker_only(build_dir: Path) -> None:
    store = EmbeddedStore.from_file(build_dir / "kg.nt", memory_mb=200, workers=1)
    assert "200 MB each" in store.description
    before = rss()
    # The sort materialises 21k x 21k rows: far past 200 MB, in well under the 5 s allowed.
    with pytest.raises(StoreError, match=r"needed more memory than the 200 MB a query may use"):
        store.select("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f", timeout=5)
    # Rows gathered in Python (no sort, no row limit): a MemoryError in the worker, the same message.
    with pytest.raises(StoreError, match=r"needed more memory than the 200 MB"):
        store.select("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", limit=None, timeout=5)
    assert rss() - before < 40 * MB
    assert store.select(COUNT).rows[0]["n"].value == str(store.triple_count())
    assert not zombie_children()
    store.close()


# --- network ---------------------------------------------------------------------------------


class CountingListener:
    """A TCP listener on 127.0.0.1 that counts the connections it accepts (and closes them)."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


def test_a_service_clause_cannot_reach_the_network_from_a_worker() -> None:
    data = b"<http://e/1> <http://p> <http://v> .\n"
    sandboxed = EmbeddedStore(workers=1)
    sandboxed.load_ntriples(data)
    if not sandboxed.sandboxed:
        pytest.skip(f"this machine cannot create network namespaces: {sandboxed.description}")
    assert "no network" in sandboxed.description
    listener = CountingListener()
    service = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    try:
        # Straight to the store: the read-only check that refuses SERVICE is not in the way.
        with pytest.raises(StoreError, match="unreachable|refused|failed"):
            sandboxed.select(service, timeout=10)
        time.sleep(0.2)
        assert listener.connections == 0
        # The control: the same query in this process does reach the listener.
        in_process = EmbeddedStore(workers=0)
        in_process.load_ntriples(data)
        assert not in_process.sandboxed and "SERVICE not blocked" in in_process.description
        with pytest.raises(KgError):
            in_process.select(service, timeout=10)
        deadline = time.monotonic() + 5
        while listener.connections == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert listener.connections >= 1
    finally:
        listener.close()
        sandboxed.close()


# --- the remote store's byte cap -------------------------------------------------------------


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """One gzip member of 256 MB of zeros: ~260 KB on the wire; a single 64 KB read of it inflates to ~64 MB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(MB)
    return b"".join(packer.compress(zeros) for _ in range(256)) + packer.flush()


def peak_growth_during(action) -> tuple[int, object]:
    """(the peak resident memory above the current, during ``action``), via VmHWM reset by clear_refs."""
    before = rss()
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    try:
        outcome = action()
    except KgError as exc:
        outcome = exc
    return rss(field="VmHWM") - before, outcome


def test_a_gzip_bomb_stops_at_the_byte_cap_and_memory_stays_low(gzip_bomb: bytes) -> None:
    with StubHttpServer(
        200, gzip_bomb, "application/sparql-results+json", headers={"Content-Encoding": "gzip"}
    ) as stub:
        remote = RemoteStore(stub.url, max_answer_mb=2)
        growth, outcome = peak_growth_during(lambda: remote.select("SELECT * WHERE { ?s ?p ?o }", timeout=30))
        remote.close()
    assert isinstance(outcome, StoreError) and "exceeded 2 MB" in str(outcome) and "nothing is shown" in str(outcome)
    assert growth < 40 * MB, f"the client grew by {growth / MB:.0f} MB reading a capped answer"


def test_the_byte_cap_refuses_a_declared_length_and_reads_the_environment(monkeypatch) -> None:
    body = b'{"head": {"vars": ["x"]}, "results": {"bindings": []}}' + b" " * 3 * MB
    monkeypatch.setenv("KG_MAX_ANSWER_MB", "1")
    with StubHttpServer(200, body, "application/sparql-results+json") as stub:
        remote = RemoteStore(stub.url)
        with pytest.raises(StoreError, match="exceeded 1 MB"):
            remote.select("SELECT * WHERE { ?s ?p ?o }")
        assert RemoteStore(stub.url, max_answer_mb=8).select("SELECT * WHERE { ?s ?p ?o }").rows == []
    monkeypatch.setenv("KG_MAX_ANSWER_MB", "lots")
    with pytest.raises(StoreError, match="KG_MAX_ANSWER_MB"):
        RemoteStore("http://127.0.0.1:1/query")


ONE_ROW = b'{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "1"}}]}}'


def test_the_timeout_goes_to_the_server_only_as_a_header() -> None:
    with StubHttpServer(200, ONE_ROW, "application/sparql-results+json") as stub:
        RemoteStore(stub.url).select("SELECT ?n WHERE {}", timeout=2.5)
        RemoteStore(stub.url).select("SELECT ?n WHERE {}", timeout=None)
    with_timeout, without = stub.request_headers
    assert with_timeout.get("X-BIGDATA-MAX-QUERY-MILLIS") == "2500"
    assert "X-BIGDATA-MAX-QUERY-MILLIS" not in without


@pytest.fixture(scope="module")
def server() -> Iterator[OxigraphServer]:
    yield from running_server()


@pytest.mark.server
def test_the_timeout_header_is_harmless_to_a_server_that_does_not_know_it(server: OxigraphServer) -> None:
    remote = RemoteStore(server.query_url)
    assert remote.select("SELECT (1 AS ?n) WHERE {}", timeout=5).rows[0]["n"].value == "1"
    remote.close()
