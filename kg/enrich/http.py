"""A polite HTTP client for open metadata services: identified, rate-limited, retried, cached, capped.

Crossref and OpenAlex ask the same of a client: say who you are (a ``mailto`` parameter and a
User-Agent that carries it put the client in their "polite pool"), keep to a few requests a second,
back off when told to (HTTP 429 with ``Retry-After``, or 5xx), and do not ask twice for the same
thing. Every answer is cached on disk under the request's URL (less the ``mailto``), so a second run
asks for nothing; an answer is read with a byte cap (counted after decompression, as the remote
store does), so a hostile or broken service cannot fill the memory.
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
    timeout: float = 20.0


@dataclass
class PoliteClient:
    """GET JSON from a service, politely, through a disk cache (``cache`` None: no cache)."""

    cache: Path | None
    politeness: Politeness = field(default_factory=Politeness)
    sleep: Callable[[float], None] = time.sleep
    requests_made: int = 0
    cache_hits: int = 0
    _last: dict[str, float] = field(default_factory=dict)
    _session: requests.Session = field(default_factory=requests.Session)

    def get_json(self, base: str, path: str, params: dict[str, str]) -> object:
        """The decoded JSON answer for ``base + path ? params``, from the cache when it holds it."""
        url = f"{base.rstrip('/')}{path}?{urlencode(sorted(params.items()))}"
        cached = self._cache_file(url)
        if cached is not None and cached.is_file():
            self.cache_hits += 1
            return json.loads(cached.read_text(encoding="utf-8"))
        sent = dict(params, mailto=self.politeness.mailto) if self.politeness.mailto else dict(params)
        body = self._fetch(f"{base.rstrip('/')}{path}", sent)
        try:
            answer = json.loads(body)
        except ValueError as exc:
            raise ServiceError(f"{_host(base)} answered with something that is not JSON ({exc})") from exc
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
        headers = {"User-Agent": self._user_agent(), "Accept": "application/json"}
        wait = self.politeness.backoff
        for attempt in range(self.politeness.retries + 1):
            self._wait_turn(host)
            self.requests_made += 1
            try:
                response = self._session.get(
                    url, params=params, headers=headers, timeout=self.politeness.timeout, stream=True
                )
            except requests.ConnectionError as exc:
                raise ServiceUnreachableError(f"cannot reach {host} ({_reason(exc)})") from exc
            except requests.Timeout as exc:
                if attempt == self.politeness.retries:
                    raise ServiceUnreachableError(
                        f"{host} did not answer within {self.politeness.timeout:g} s"
                    ) from exc
                self.sleep(min(wait, self.politeness.max_wait))
                wait *= 2
                continue
            if response.status_code == 200:
                return _read_capped(response, host)
            retryable = response.status_code == 429 or response.status_code >= 500
            response.close()
            if not retryable or attempt == self.politeness.retries:
                raise ServiceError(f"{host} answered HTTP {response.status_code} for {response.url}")
            self.sleep(min(_retry_after(response) or wait, self.politeness.max_wait))
            wait *= 2
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

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


def _read_capped(response: requests.Response, host: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := response.raw.read(_CHUNK, decode_content=True):
            size += len(chunk)
            if size > MAX_ANSWER_BYTES:
                raise ServiceError(f"{host} sent an answer over {MAX_ANSWER_BYTES // 2**20} MB; it was not read")
            chunks.append(chunk)
    except ServiceError:
        raise
    except Exception as exc:  # urllib3's ProtocolError / ReadTimeoutError: the answer is incomplete
        raise ServiceError(f"the answer from {host} broke off ({type(exc).__name__})") from exc
    finally:
        response.close()
    return b"".join(chunks)
