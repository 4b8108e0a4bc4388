"""The reasoner's deadline (kg.validate.deadline): a Java that hangs is killed with all it started, in one line."""

from __future__ import annotations

import os
import stat
import subprocess
import time
from pathlib import Path

import pytest
from rdflib import Graph

from kg.errors import KgError
from kg.validate.deadline import DeadlineSubprocess, ReasonerTimeoutError, reasoner_timeout
from kg.validate.reasoner import check_java, hermit_inferences


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split()[2] == "Z")


@pytest.fixture
def hanging_java(tmp_path, monkeypatch):
    """A ``java`` on PATH that starts a child of its own and waits for ever (as a hung JVM looks to the tool)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "java"
    script.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {tmp_path}/child.pid\nwait\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.delenv("KG_JAVA", raising=False)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("KG_REASONER_TIMEOUT", "2")
    return tmp_path / "child.pid"


def test_a_hanging_hermit_is_killed_at_the_deadline_with_its_children(hanging_java, tmp_path):
    started = time.monotonic()
    with pytest.raises(ReasonerTimeoutError, match=r"did not finish within 2 s \(KG_REASONER_TIMEOUT\)"):
        hermit_inferences(Graph(), tmp_path)
    assert time.monotonic() - started < 15
    child = int(hanging_java.read_text())
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(child), "the hung java's own child outlived the deadline"
    assert not list(tmp_path.glob(".kg-reason-*")), "the reasoner's temporary folder was left"


def test_checking_java_is_bounded_too(hanging_java):
    started = time.monotonic()
    with pytest.raises(ReasonerTimeoutError):
        check_java()
    assert time.monotonic() - started < 15


def test_a_command_within_the_deadline_runs_as_with_subprocess():
    runner = DeadlineSubprocess(30)
    assert runner.check_output(["sh", "-c", "echo out; echo err >&2"], stderr=subprocess.STDOUT) == b"out\nerr\n"
    with pytest.raises(subprocess.CalledProcessError) as failed:
        runner.check_output(["sh", "-c", "echo why; exit 3"], stderr=subprocess.STDOUT)
    assert failed.value.returncode == 3 and failed.value.output == b"why\n"


@pytest.mark.parametrize("value", ["0", "-5", "soon", "inf", "nan"])
def test_a_bad_deadline_is_one_clear_error(value, monkeypatch):
    monkeypatch.setenv("KG_REASONER_TIMEOUT", value)
    with pytest.raises(KgError, match="KG_REASONER_TIMEOUT must be a number of seconds above 0"):
        reasoner_timeout()


def test_the_default_deadline(monkeypatch):
    monkeypatch.delenv("KG_REASONER_TIMEOUT", raising=False)
    assert reasoner_timeout() == 600
    monkeypatch.setenv("KG_REASONER_TIMEOUT", "2.5")
    assert reasoner_timeout() == 2.5
