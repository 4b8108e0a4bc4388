"""``kg build --scheduler``: the per-report tasks on a Dask cluster build the bytes of the local path.

The cluster is a real ``dask.distributed`` LocalCluster of several worker processes (no mocks); the
build sends it each report's extraction and each reasoning part, exactly the tasks the local pool
runs, and must write the same ``kg.nt``. Skipped where the optional ``[dask]`` extra is missing.
"""

from __future__ import annotations

import pytest

from kg.cli import main

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as local:
        yield local


@pytest.mark.slow
@pytest.mark.reasoner
def test_a_build_on_a_dask_cluster_writes_the_bytes_of_the_local_build(built, cluster, tmp_path, capsys):
    out = tmp_path / "dask"
    assert main(["build", "--out", str(out), "--scheduler", cluster.scheduler_address]) == 0
    assert (out / "kg.nt").read_bytes() == built.outputs["kg.nt"].read_bytes()
    err = capsys.readouterr().err
    assert "[extract] 0 of 2 reports unchanged (cached); extracting 2 ..." in err
    ran = set(cluster.scheduler.task_prefixes)
    assert {"extract_report", "reason_part"} <= ran, ran


@pytest.mark.slow
def test_an_unreachable_scheduler_is_one_clear_error(tmp_path, capsys):
    out = tmp_path / "none"
    assert main(["build", "--out", str(out), "--no-reason", "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert "Traceback" not in err
    assert not (out / "kg.nt").exists()
