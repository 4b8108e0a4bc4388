"""A second engine: Virtuoso (Debian's virtuoso-opensource) answers every canned query as the embedded store.

One Virtuoso per module, started on 127.0.0.1 with a fresh database in a temporary folder and loaded
with its bulk loader (``ld_dir``, ``rdf_loader_run``: its Graph Store Protocol endpoint needs a
password); the tool reads it as any user would, by ``--endpoint URL`` with the graph named in the URL
(``?default-graph-uri=...``: Virtuoso's default dataset is the union of all its graphs, its own system
graphs included). Where engines may differ, the query stage makes the answers one
(:mod:`kg.query.portable`); what remained were fixed in the queries (see the commit that added this).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.servers import VirtuosoServer, virtuoso_binaries
from kg.cli import main
from kg.errors import StoreError
from kg.query import run_construct, run_spec
from kg.store import EmbeddedStore, RemoteStore
from tests.test_remote_store import GRAPHS, REGISTRY, TABLES, normal_rows, param_cases

pytestmark = [
    pytest.mark.slow,
    pytest.mark.server,
    pytest.mark.skipif(
        virtuoso_binaries() is None, reason="Virtuoso is not installed (apt-get install virtuoso-opensource)"
    ),
]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"


@pytest.fixture(scope="module")
def virtuoso(build_dir: Path) -> Iterator[VirtuosoServer]:
    server = VirtuosoServer(max_seconds=10).start()  # a runaway query stops within 10 s on the server too
    try:
        server.load(build_dir / "kg.nt")
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def remote(virtuoso: VirtuosoServer) -> Iterator[RemoteStore]:
    store = RemoteStore(virtuoso.query_url)
    yield store
    store.close()


@pytest.fixture(scope="module")
def iris(store: EmbeddedStore) -> list[str]:
    from tests.test_remote_store import iri_candidates

    return iri_candidates(store, per_kind=5)


def test_the_bulk_loader_loads_the_whole_graph_and_only_it_is_read(remote: RemoteStore, store: EmbeddedStore):
    assert remote.triple_count() == store.triple_count() > 10_000


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_canned_query_answers_the_same_on_virtuoso(
    name: str, remote: RemoteStore, store: EmbeddedStore, iris: list[str]
):
    spec = REGISTRY[name]
    with_rows = 0
    for params in param_cases(store, spec, iris, most=4):
        embedded = run_spec(store, spec, params, limit=None)
        virtuoso = run_spec(remote, spec, params, limit=None)
        assert virtuoso.columns == embedded.columns
        assert normal_rows(virtuoso, spec) == normal_rows(embedded, spec), f"{name} {params}"
        with_rows += bool(embedded.rows)
    if spec.params:
        assert with_rows, f"{name}: no parameter set gave rows, so the comparison proves nothing"


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_every_construct_query_gives_the_same_graph_on_virtuoso(
    name: str, remote: RemoteStore, store: EmbeddedStore, iris: list[str]
):
    spec = GRAPHS[name]
    nodes = [iri for iri in iris if "/claim/" in iri or "/work/" in iri][:20]
    embedded = run_construct(store, spec, {spec.params[0].name: nodes}, fmt="ntriples")
    virtuoso = run_construct(remote, spec, {spec.params[0].name: nodes}, fmt="ntriples")
    assert len(embedded.splitlines()) > 20
    assert sorted(virtuoso.splitlines()) == sorted(embedded.splitlines())


def test_group_concat_comes_sorted_from_both_engines(remote: RemoteStore, store: EmbeddedStore):
    """GROUP_CONCAT's order is the engine's: the query stage sorts the items, in one place."""
    spec = REGISTRY["studies"]
    for table in (run_spec(store, spec), run_spec(remote, spec)):
        for record in table.records():
            keys = record["claimKeys"].split(" ")
            assert keys == sorted(keys)


def test_the_cli_reads_virtuoso_by_its_url(virtuoso: VirtuosoServer, build_dir: Path, capsys, monkeypatch):
    monkeypatch.delenv("KG_ENDPOINT", raising=False)
    assert main(["query", "studies", "--format", "csv", "--endpoint", virtuoso.query_url]) == 0
    served = capsys.readouterr().out
    assert main(["query", "studies", "--format", "csv", "--build", str(build_dir)]) == 0
    assert served == capsys.readouterr().out


def test_virtuoso_partial_results_are_refused(virtuoso: VirtuosoServer):
    """Virtuoso's "anytime" answer to a query past its time (HTTP 200, a partial table, X-SQL-State: S1TAT)
    is refused, not shown as complete: against the real server."""
    anytime = RemoteStore(f"{virtuoso.query_url}&timeout=300")  # Virtuoso's own parameter, in milliseconds
    try:
        with pytest.raises(StoreError, match="returned incomplete results .*Returning incomplete results"):
            anytime.select(RUNAWAY, timeout=60)
    finally:
        anytime.close()


def test_virtuoso_refuses_a_timeout_and_the_store_says_so(virtuoso: VirtuosoServer):
    with pytest.raises(StoreError, match="did not answer within 1 s"):
        RemoteStore(virtuoso.query_url).select(RUNAWAY, timeout=1)
