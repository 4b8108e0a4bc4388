"""A polite HTTP client for open metadata services: identified, rate-limited, retried, cached, capped.

Crossref and OpenAlex ask the same of a client: say who you are (a ``mailto`` parameter and a
User-Agent that carries it put the client in their "polite pool"), keep to a few requests a second,
back off when told to (HTTP 429 with ``Retry-After``, or 5xx), and do not ask twice for the same
thing. Every answer is cached on disk under the request's URL (less the ``mailto``), so a second run
asks for nothing; an answer is read with a byte cap (counted after decompression, as the remote
store does), so a hostile or broken service cannot fill the memory.

A service can misbehave in ways that only time or counting bounds, and each is one line
(:mod:`kg.enrich.limits`): a request has a deadline from its first byte to its last (an answer
dripped a byte at a time is stopped at it), redirects are followed only to the same host over
http(s) and never round in a loop, and a run has a deadline, a budget of retries and an early
stop when the service answers 429 or 5xx again and again (a storm): the run then stops and changes
nothing, and what it fetched stays in the cache.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import requests

from kg import __version__
from kg.enrich.limits import DeadlinePassed, RedirectRefusedError, RunLimits, ServiceStoppedError, deadline, next_hop
from kg.errors import KgError
from kg.project.files import write_atomically

#: Largest answer read from a service (after decompression): a page of 5-25 works is ~50-500 KB.
MAX_ANSWER_BYTES = 8 * 2**20
_CHUNK = 64 * 1024


class ServiceUnreachableError(KgError):
    """The service cannot be reached at all (no network, DNS, refused): the caller stops and changes nothing."""


class ServiceError(KgError):
    """The service answered, but not with a usable answer after the retries (4xx, 5xx, not JSON, too big)."""


@dataclass
class Politeness:
    """How the client behaves: who it says it is, how fast it asks, how often it retries."""

    mailto: str = ""
    min_interval: float = 0.2  # seconds between two requests to one host (5 a second)
    retries: int = 3
    backoff: float = 1.0  # first wait before a retry; doubled each time, or the service's Retry-After
    max_wait: float = 30.0  # the longest wait honoured, whatever Retry-After says
    timeout: float = 20.0  # the longest silence while connecting or reading
    deadline: float = 30.0  # one request, from its first byte to its last, redirects included
    max_redirects: int = 5


@dataclass
class PoliteClient:
    """GET JSON from a service, politely, through a disk cache (``cache`` None: no cache)."""

    cache: Path | None
    politeness: Politeness = field(default_factory=Politeness)
    sleep: Callable[[float], None] = time.sleep
    requests_made: int = 0
    cache_hits: int = 0
    limits: RunLimits = field(default_factory=RunLimits)
    _last: dict[str, float] = field(default_factory=dict)
    _session: requests.Session = field(default_factory=requests.Session)
    _retry_after: float | None = None

    def get_json(self, base: str, path: str, params: dict[str, str]) -> object:
        """The decoded JSON answer for ``base + path ? params``, from the cache when it holds it."""
        url = f"{base.rstrip('/')}{path}?{urlencode(sorted(params.items()))}"
        cached = self._cache_file(url)
        if cached is not None and cached.is_file():
            try:
                answer = json.loads(cached.read_text(encoding="utf-8"))
            except (OSError, ValueError, RecursionError):  # a damaged cache file is asked for again
                pass
            else:
                self.cache_hits += 1
                return answer
        sent = dict(params, mailto=self.politeness.mailto) if self.politeness.mailto else dict(params)
        body = self._fetch(f"{base.rstrip('/')}{path}", sent)
        try:
            answer = json.loads(body)
        except ValueError as exc:
            raise ServiceError(f"{_host(base)} answered with something that is not JSON ({exc})") from exc
        except RecursionError:
            raise ServiceError(f"{_host(base)} answered with JSON nested too deeply to read") from None
        if cached is not None:
            write_atomically(cached, json.dumps(answer, ensure_ascii=False).encode("utf-8"), make_folder=True)
        return answer

    def _cache_file(self, url: str) -> Path | None:
        if self.cache is None:
            return None
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.cache / _host(url) / f"{digest}.json"

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.politeness.min_interval - (time.monotonic() - last)
            if wait > 0:
                self.sleep(wait)
        self._last[host] = time.monotonic()

    def _fetch(self, url: str, params: dict[str, str]) -> bytes:
        host = _host(url)
        wait = self.politeness.backoff
        attempt = 0
        while True:
            self.limits.check_time(host, self.requests_made)
            self._wait_turn(host)
            self.requests_made += 1
            try:
                status, body, shown = self._one_request(url, params)
            except requests.ConnectionError as exc:
                raise ServiceUnreachableError(f"cannot reach {host} ({_reason(exc)})") from exc
            except (requests.Timeout, DeadlinePassed) as exc:
                self.limits.failed(host, "did not answer in time")
                if isinstance(exc, DeadlinePassed):  # a drip: asking again would only drip again
                    raise ServiceError(
                        f"{host} did not send its whole answer within {self.politeness.deadline:g} s; stopped"
                    ) from None
                if attempt == self.politeness.retries:
                    raise ServiceUnreachableError(
                        f"{host} did not answer within {self.politeness.timeout:g} s"
                    ) from exc
                status, body, shown = 0, None, url
            if status == 200 and body is not None:
                self.limits.succeeded()
                return body
            if status:
                retryable = status == 429 or status >= 500
                if not retryable:
                    raise ServiceError(f"{host} answered HTTP {status} for {shown}")
                self.limits.failed(host, f"HTTP {status}")
                if attempt == self.politeness.retries:
                    raise ServiceError(f"{host} answered HTTP {status} for {shown}")
            told = self._retry_after
            if told is not None and told > self.politeness.max_wait:  # "come back tomorrow": not in this run
                raise ServiceStoppedError(
                    f"{host} asked to be left alone for {told:,.0f} s (Retry-After), more than the "
                    f"{self.politeness.max_wait:g} s a run waits: stopped asking it (try again later)"
                )
            self.limits.spend_retry(host)
            pause = min(wait if told is None else told, self.politeness.max_wait)
            self.sleep(min(pause, self.limits.time_left(pause)))  # never past the run's deadline
            wait *= 2
            attempt += 1

    def _one_request(self, url: str, params: dict[str, str]) -> tuple[int, bytes | None, str]:
        """One request and its redirects, within the request's deadline: (status, body if 200, URL asked)."""
        headers = {"User-Agent": self._user_agent(), "Accept": "application/json"}
        seen: set[str] = set()
        target = url
        target_params: dict[str, str] | None = params  # sent once: a redirect's Location carries its own query
        self._retry_after = None
        until = time.monotonic() + self.limits.time_left(self.politeness.deadline)
        with deadline(until):
            for _ in range(self.politeness.max_redirects + 1):
                read = min(self.politeness.timeout, max(0.01, until - time.monotonic()))
                response = self._session.get(
                    target,
                    params=target_params,
                    headers=headers,
                    timeout=(read, read),
                    stream=True,
                    allow_redirects=False,
                )
                if response.is_redirect:
                    location = response.headers.get("Location", "")
                    response.close()
                    try:
                        target, target_params = next_hop(url, response.url, location, seen), None
                    except RedirectRefusedError as exc:
                        raise ServiceError(str(exc)) from None
                    continue
                if response.status_code == 200:
                    return 200, _read_capped(response, _host(url), until), response.url
                self._retry_after = _retry_after(response)
                response.close()
                return response.status_code, None, response.url
        raise ServiceError(f"{_host(url)} redirected more than {self.politeness.max_redirects} times; not followed")

    def _user_agent(self) -> str:
        contact = f"; mailto:{self.politeness.mailto}" if self.politeness.mailto else ""
        return f"evidence-kg/{__version__} (https://w3id.org/evidence-kg{contact})"


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _reason(exc: Exception) -> str:
    text = str(exc)
    for hint in ("Name or service not known", "Temporary failure in name resolution", "Connection refused"):
        if hint in text:
            return hint.lower()
    return type(exc).__name__


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    return float(value) if value.replace(".", "", 1).isdigit() else None


def _read_capped(response: requests.Response, host: str, until: float) -> bytes:
    """The answer's body, decompressed, refused past the byte cap or (outside the main thread, where no
    alarm bounds it) past the deadline ``until`` (``time.monotonic``)."""
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := response.raw.read1(_CHUNK, decode_content=True):
            size += len(chunk)
            if size > MAX_ANSWER_BYTES:
                raise ServiceError(f"{host} sent an answer over {MAX_ANSWER_BYTES // 2**20} MB; it was not read")
            if time.monotonic() > until:
                raise DeadlinePassed
            chunks.append(chunk)
    except ServiceError:
        raise
    except Exception as exc:  # urllib3's ProtocolError / ReadTimeoutError: the answer is incomplete
        raise ServiceError(f"the answer from {host} broke off ({type(exc).__name__})") from exc
    finally:
        response.close()
    return b"".join(chunks)
