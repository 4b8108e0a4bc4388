"""``kg build --scheduler``: the per-report tasks on a Dask cluster build the bytes of the local path.

The cluster is a real ``dask.distributed`` LocalCluster of several worker processes (no mocks); the
build sends it each report's extraction and each reasoning part, exactly the tasks the local pool
runs, and must write the same ``kg.nt``. Skipped where the optional ``[dask]`` extra is missing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from kg.cli import main

distributed = pytest.importorskip("distributed")

#: The cluster runs in a process of its own, as a user starts one beside the build: a test worker's process
#: (forked query workers, sandboxes, other modules' servers) is no place to start a cluster's nannies.
CLUSTER = """
import sys, distributed
with distributed.LocalCluster(
    n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
) as local:
    print(local.scheduler_address, flush=True)
    sys.stdin.read()
"""


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    cluster = subprocess.Popen(
        [sys.executable, "-c", CLUSTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert cluster.stdout is not None and cluster.stdin is not None
    address = cluster.stdout.readline().strip()
    try:
        assert address.startswith("tcp://"), f"the cluster did not start: {address!r}"
        yield address
    finally:
        cluster.stdin.close()
        cluster.wait(timeout=60)


def _task_prefixes(dask_scheduler) -> list[str]:  # runs on the scheduler
    return list(dask_scheduler.task_prefixes)


@pytest.mark.slow
@pytest.mark.reasoner
def test_a_build_on_a_dask_cluster_writes_the_bytes_of_the_local_build(built, paths, scheduler, tmp_path):
    out = tmp_path / "dask"
    env = {k: v for k, v in os.environ.items() if k != "KG_BUILD_DIR"}
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "--project", str(paths.root), "build", "--out", str(out)]
        + ["--scheduler", scheduler, "--reasoner", "hermit"],  # HermiT's parts on the cluster, and rules' bytes
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    assert (out / "kg.nt").read_bytes() == built.outputs["kg.nt"].read_bytes()
    assert "[extract] 0 of 2 reports unchanged (cached); extracting 2 ..." in done.stderr
    with distributed.Client(scheduler, timeout=30) as client:
        ran = set(client.run_on_scheduler(_task_prefixes))
    # the evidence stage's per-report tasks and the graph's fragments (kg.pipeline.warm) run there too
    assert {"extract_report", "scan_report", "infer_report", "run_task", "shacl_part", "reason_part"} <= ran, ran


@pytest.mark.slow
def test_an_unreachable_scheduler_is_one_clear_error(tmp_path, capsys):
    out = tmp_path / "none"
    assert main(["build", "--out", str(out), "--no-reason", "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert "Traceback" not in err
    assert not (out / "kg.nt").exists()
