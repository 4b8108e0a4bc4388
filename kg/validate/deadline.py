"""The reasoner's deadline: a Java that hangs is killed, with every process it started, after ``KG_REASONER_TIMEOUT``.

owlready2 starts HermiT with ``subprocess.check_output`` and no timeout, so a Java that hangs (a
stuck JVM, a wrapper script waiting on something) hung the build for ever. :class:`DeadlineSubprocess`
stands in for the ``subprocess`` module inside ``owlready2.reasoning`` for one run
(:func:`kg.validate.reasoner.hermit_inferences`): the same calls, but each child starts in a session
of its own and, at the deadline or when the build is interrupted, that whole process group is killed
(a wrapper's own children too), and :class:`ReasonerTimeoutError` says so in one line.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from typing import Any

from kg.errors import KgError

#: Seconds one reasoner run may take when ``KG_REASONER_TIMEOUT`` is not set.
DEFAULT_TIMEOUT = 600.0
ENV = "KG_REASONER_TIMEOUT"


class ReasonerTimeoutError(KgError):
    """The reasoner passed its deadline and was killed; its verdict is unknown, so nothing is written."""


def reasoner_timeout() -> float:
    """``KG_REASONER_TIMEOUT`` in seconds (default :data:`DEFAULT_TIMEOUT`); a bad value is one clear error."""
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = float("nan")
    if not seconds > 0 or seconds == float("inf"):
        raise KgError(f"{ENV} must be a number of seconds above 0, not {raw!r}")
    return seconds


def kill_group(process: subprocess.Popen[Any]) -> None:
    """Kill the child's process group (it leads one: ``start_new_session``) and reap the child."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait()


class DeadlineSubprocess:
    """What owlready2 uses of :mod:`subprocess` (``run``, ``check_output``, ``PIPE`` ...), under one deadline."""

    PIPE = subprocess.PIPE
    STDOUT = subprocess.STDOUT
    DEVNULL = subprocess.DEVNULL
    CalledProcessError = subprocess.CalledProcessError
    TimeoutExpired = subprocess.TimeoutExpired
    Popen = subprocess.Popen

    def __init__(self, seconds: float, what: str = "the reasoner", options: tuple[str, ...] = ()) -> None:
        self.seconds = seconds
        self.what = what
        self.deadline = time.monotonic() + seconds
        #: Options put right after the program (a JVM's, before owlready2's own ``-Xmx`` and ``-cp``).
        self.options = options

    def run(self, command: list[str], *, check: bool = False, **kwargs: Any) -> subprocess.CompletedProcess[Any]:
        kwargs.pop("timeout", None)
        if self.options and command:
            command = [command[0], *self.options, *command[1:]]
        input_data = kwargs.pop("input", None)
        with subprocess.Popen(command, start_new_session=True, **kwargs) as process:
            try:
                out, err = process.communicate(input_data, timeout=max(0.0, self.deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                kill_group(process)
                raise ReasonerTimeoutError(
                    f"{self.what} did not finish within {self.seconds:g} s ({ENV}) and was killed; "
                    "nothing was written (raise the limit, or build with --no-reason)"
                ) from None
            except BaseException:  # interrupted (Ctrl+C, SIGTERM): take the whole group down with us
                kill_group(process)
                raise
        if check and process.returncode:
            raise subprocess.CalledProcessError(process.returncode, command, out, err)
        return subprocess.CompletedProcess(command, process.returncode, out, err)

    def check_output(self, command: list[str], **kwargs: Any) -> Any:
        return self.run(command, check=True, stdout=subprocess.PIPE, **kwargs).stdout
