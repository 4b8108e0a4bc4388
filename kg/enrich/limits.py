"""What bounds ``kg enrich`` against a service that misbehaves: deadlines, redirects, retries, storms.

* **A request's deadline** (:func:`deadline`), from its first byte to its last: a per-read timeout
  alone lets a service drip one byte every few seconds forever (15 bytes took 76 s). In the main
  thread an interval timer (``SIGALRM``) interrupts whatever the request is blocked in, the
  headers included; elsewhere the body's reads check the clock between chunks.
* **Redirects** (:func:`next_hop`): followed only to the host the request was made to, over
  http or https (http to https is fine, https to http is not), never to a URL already visited.
  A redirect to ``file://``, to another host or round a loop is refused in one line.
* **A run's limits** (:class:`RunLimits`): a deadline for the whole run, a budget of retries
  across it, and an early stop after ``storm`` answers in a row that are 429, 5xx or late: a
  service that keeps saying "too many requests" stops the run in seconds, not hours (a 429 storm
  cost 91 s a work, about 4.5 h for the corpus). Stopping raises :class:`ServiceStoppedError`:
  the run changes nothing, and what it fetched stays in the cache for the next one.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import FrameType
from urllib.parse import SplitResult, urljoin, urlsplit

from kg.errors import KgError


class ServiceStoppedError(KgError):
    """The run was stopped early (its deadline, its retry budget, a storm of 429/5xx): nothing is changed."""


class RedirectRefusedError(KgError):
    """A redirect that is not followed (another host, another scheme, a loop); the client makes it a ServiceError."""


class DeadlinePassed(BaseException):  # noqa: N818 - a signal, not an error: nothing in between may catch it
    """A request's deadline passed; a BaseException, so that no library's ``except Exception`` swallows it."""


def _expire(signum: int, frame: FrameType | None) -> None:
    del signum, frame
    raise DeadlinePassed


@contextlib.contextmanager
def deadline(until: float) -> Iterator[None]:
    """Interrupt the block at ``until`` (``time.monotonic``) with :class:`DeadlinePassed` (main thread only)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield  # the body's reads check the clock (kg.enrich.http._read_capped)
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, max(0.001, until - time.monotonic()))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def next_hop(asked: str, current: str, location: str, seen: set[str]) -> str:
    """The URL a redirect from ``current`` to ``location`` leads to, if it may be followed."""
    host = urlsplit(asked).hostname or asked
    seen.add(current)
    if not location:
        raise RedirectRefusedError(f"{host} answered a redirect without a Location; not followed")
    target = urljoin(current, location)
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https"):
        raise RedirectRefusedError(
            f"{host} redirected to a {parts.scheme or 'schemeless'}: URL ({target[:80]}); not followed"
        )
    if parts.hostname != host:
        raise RedirectRefusedError(f"{host} redirected to another host ({parts.hostname}); not followed")
    if parts.username is not None or parts.password is not None:  # requests would send them as credentials
        raise RedirectRefusedError(f"{host} redirected to a URL with a user name in it; not followed")
    if _port(parts) != _port(urlsplit(current)) and not (parts.scheme == "https" and parts.port is None):
        # another port is another server on the host; an upgrade to https on its usual port is the one exception
        raise RedirectRefusedError(f"{host} redirected to another port ({parts.port}); not followed")
    if urlsplit(current).scheme == "https" and parts.scheme == "http":
        raise RedirectRefusedError(f"{host} redirected from https to http ({target[:80]}); not followed")
    if target in seen:
        raise RedirectRefusedError(f"{host} redirected in a loop (back to {target[:80]}); stopped")
    seen.add(target)
    return target


def _port(parts: SplitResult) -> int | None:
    """The port a URL reaches (its scheme's default when none is written)."""
    return parts.port or {"http": 80, "https": 443}.get(parts.scheme)


@dataclass
class RunLimits:
    """A run's deadline (seconds), retry budget and storm threshold, and what it has spent of them."""

    run_deadline: float = 3600.0
    retry_budget: int = 30
    storm: int = 8
    started: float = field(default_factory=time.monotonic)
    retries: int = 0
    in_a_row: int = 0

    def time_left(self, cap: float) -> float:
        """Seconds a request may take: ``cap``, or less when the run's deadline is nearer."""
        return max(0.01, min(cap, self.started + self.run_deadline - time.monotonic()))

    def check_time(self, host: str, requests_made: int) -> None:
        if time.monotonic() - self.started > self.run_deadline:
            raise ServiceStoppedError(
                f"the run passed its deadline of {self.run_deadline:g} s after {requests_made} requests to {host} "
                "and others (--max-time sets it)"
            )

    def failed(self, host: str, what: str) -> None:
        """An answer that is 429, 5xx or late; a storm of them stops the run."""
        self.in_a_row += 1
        if self.in_a_row >= self.storm:
            raise ServiceStoppedError(
                f"{host} answered {self.in_a_row} requests in a row with {what} or another failure: stopped early "
                "(the service is overloaded or refusing; try again later)"
            )

    def succeeded(self) -> None:
        self.in_a_row = 0

    def spend_retry(self, host: str) -> None:
        if self.retries >= self.retry_budget:
            raise ServiceStoppedError(
                f"the run's {self.retry_budget} retries are spent ({host} keeps failing): stopped early"
            )
        self.retries += 1
