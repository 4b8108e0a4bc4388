"""Answers are bounded where they are held (issue 22, item 3): the figures that make each case a failure.

Before: a 2.5 KB query, ``GROUP_CONCAT`` over three ``VALUES`` of 400 numbers each (1,200 numbers,
a 128 MB answer of 64 million items), took the process that asked to 1,369 MB peak (the worker
held to its ceiling, the parent rebuilt the answer and split it to sort the items) and 25 s. Now
the worker counts the text it gathers against ``KG_MAX_ANSWER_MB`` and refuses past it, the parent
reads no larger message from a worker, and putting GROUP_CONCAT items in order is costed before
the split: the query is refused in one line, the asking process under 450 MB peak.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from kg.errors import StoreError
from kg.query import run_console
from kg.store import EmbeddedStore
from kg.store.workers import WorkerPool


def concat_query(per_values: int) -> str:
    numbers = " ".join(str(i % 10) for i in range(per_values))
    values = " ".join(f"VALUES ?{v} {{ {numbers} }}" for v in "abc")
    return f"SELECT (GROUP_CONCAT(STR(?a)) AS ?x) WHERE {{ {values} }}"


def small_store(workers: int | None = None, max_answer_mb: float | None = None) -> EmbeddedStore:
    store = EmbeddedStore(workers=workers, max_answer_mb=max_answer_mb)
    store.load_ntriples(b'<http://ex.org/s> <http://ex.org/p> "v" .\n')
    return store


@pytest.mark.parametrize("workers", [0, 2], ids=["KG_QUERY_WORKERS=0", "workers"])
def test_an_answer_over_the_cap_is_refused_in_one_line(workers):
    """16 MB of GROUP_CONCAT against a cap of 8 MB: refused where it is gathered, with or without workers."""
    store = small_store(workers, max_answer_mb=8)
    with pytest.raises(StoreError) as info:
        run_console(store, concat_query(200), timeout=60)
    assert str(info.value) == (
        "the answer is larger than the 8 MB an answer may be (KG_MAX_ANSWER_MB), so it was refused; "
        "no result is shown: ask for fewer or shorter values"
    )
    assert run_console(store, "SELECT ?o WHERE { ?s ?p ?o }").rows  # and the store still answers
    store.close()


def test_the_cap_counts_rows_too_and_reads_the_environment(monkeypatch):
    monkeypatch.setenv("KG_MAX_ANSWER_MB", "1")
    store = small_store(2)
    assert store.max_answer_mb == 1
    many = (
        "SELECT ?n WHERE { VALUES ?a { "
        + " ".join(map(str, range(300)))
        + " } BIND(CONCAT(STR(?a), '"
        + "x" * 20
        + "') AS ?n) VALUES ?b { "
        + " ".join(map(str, range(300)))
        + " } }"
    )
    with pytest.raises(StoreError, match="larger than the 1 MB"):
        run_console(store, many, limit=None, timeout=60)
    store.close()


def test_a_construct_answer_over_the_cap_is_refused():
    store = small_store(2, max_answer_mb=1)
    numbers = " ".join(map(str, range(150)))
    query = (
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?a {{ {numbers} }} VALUES ?b {{ {numbers} }} "
        "BIND(IRI(CONCAT('http://ex.org/', STR(?a), '/', STR(?b))) AS ?s) "
        "BIND(<http://ex.org/p> AS ?p) BIND(?a AS ?o) }"
    )
    with pytest.raises(StoreError, match="larger than the 1 MB"):
        store.construct(query, timeout=60)
    store.close()


def test_the_parent_reads_no_message_over_its_limit():
    """A worker that announces a larger answer than the pool reads is stopped, its answer unread."""
    pool = WorkerPool(
        lambda request: b"x" * (3 * 2**20), memory_mb=256, max_workers=1, max_message=2**20, oversize="too large"
    )
    with pytest.raises(StoreError, match="^too large$"):
        pool.call(("any",), timeout=10)
    pool.close()


MEASURE = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    from kg.query import load_query_file, run_spec
    from kg.store import EmbeddedStore
    path = Path(sys.argv[1])
    store = EmbeddedStore()
    store.load_ntriples(b'<http://ex.org/s> <http://ex.org/p> "v" .\\n')
    started = time.perf_counter()
    try:
        outcome = f"{len(run_spec(store, load_query_file(path), timeout=60).rows)} rows"
    except Exception as exc:
        outcome = f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - started
    # VmHWM is this program's own peak: ru_maxrss would keep the forking test worker's size across exec
    peak = int(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:"))) / 1024
    print(json.dumps({"outcome": outcome, "seconds": seconds, "peak_mb": peak}))
    """
)


@pytest.mark.slow
def test_the_group_concat_of_1200_numbers_is_refused_and_the_parent_stays_small(tmp_path):
    """The issue's query as a query file run as the CLI runs it (run_spec), in a process of its own."""
    path = tmp_path / "concat.rq"
    path.write_text("# title: concat\n" + concat_query(400) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, timeout=120)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["outcome"] == (
        "StoreError: putting the answer's GROUP_CONCAT items in order is larger than the 256 MB an answer may be "
        "(KG_MAX_ANSWER_MB), so it was refused; no result is shown: ask for fewer or shorter values"
    )
    assert figures["peak_mb"] < 450, figures  # 1,369 MB before; 293 MB measured
