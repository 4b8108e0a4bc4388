"""Which requests may reach the endpoint from a browser: the ``Host`` it serves, and the origins it was told.

Two attacks come through a browser, not a client of the user's choosing (issue 22):

* **DNS rebinding.** A page at ``http://evil.example:7878`` whose name is then pointed at 127.0.0.1
  reads the endpoint's answers as its own origin. Its requests carry ``Host: evil.example:7878``:
  so the ``Host`` must name the address served (and ``localhost`` when that is a loopback address;
  any IP literal, the machine's own names and ``localhost`` when it serves every address). An IP
  literal cannot be rebound, so it is accepted where it could be ours.
* **Cross-site requests without CORS.** A form POST, an ``<img>`` or a ``fetch`` in ``no-cors`` mode
  from any page sends a query (a 20 KB hostile one held ``kg serve`` for 14 s) without being allowed
  to read the answer. Browsers say where a request comes from: ``Origin`` (on every POST and every
  cross-origin fetch) and ``Sec-Fetch-Site``. An ``Origin`` other than the endpoint's own or the
  ``--cors`` origin, or a ``Sec-Fetch-Site`` of ``cross-site``/``same-site`` without such an origin,
  is refused. Clients that are not browsers send neither and are not affected.

A server behind a reverse proxy is reached by the proxy's name (nginx passes ``Host: kg.example.org``
on): ``kg serve --allow-host kg.example.org`` accepts that name too, and ``.example.org`` every name
under it, as Django's ``ALLOWED_HOSTS`` and Vite's ``server.allowedHosts`` do. A request with more
than one ``Host`` is refused (400, RFC 9112 §3.2): which one the check read and which one a proxy
routed by could differ.

Refusals are HTTP 403 with one line saying which header and why.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

_LOOPBACK_NAMES = ("localhost",)
#: A name ``--allow-host`` takes: a host name (letters, digits, hyphens, dots), ``.`` first for every name under it.
ALLOWED_NAME = re.compile(r"^\.?(?=[a-z0-9])[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*\.?$")


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def host_name(value: str) -> str:
    """The name of a ``Host`` header (or an origin's netloc) without its port, lowercased."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


@dataclass(frozen=True)
class HostCheck:
    """The names a request's ``Host`` may give, and the origins a browser's request may come from."""

    address: str
    cors: str | None = None
    names: frozenset[str] = field(default=frozenset())
    any_ip: bool = False
    #: Name suffixes allowed (``--allow-host .example.org``), each with its leading dot.
    suffixes: tuple[str, ...] = ()

    @classmethod
    def serving(cls, address: str, cors: str | None = None, allowed: tuple[str, ...] = ()) -> HostCheck:
        """What a server bound to ``address`` accepts, with the ``--allow-host`` names ``allowed``."""
        bound = address.strip().lower()
        ip = _ip(bound)
        names = {bound, f"[{bound}]"} if ip is not None and ip.version == 6 else {bound}
        any_ip = ip is not None and ip.is_unspecified or bound in ("", "*")
        if any_ip:
            names |= {socket.gethostname().lower(), socket.getfqdn().lower(), *_LOOPBACK_NAMES}
        elif (ip is not None and ip.is_loopback) or bound in _LOOPBACK_NAMES:
            names |= {*_LOOPBACK_NAMES, "127.0.0.1", "[::1]"}
        for name in allowed:
            plain = name.strip().lower().rstrip(".")
            if not plain.startswith("."):
                names.add(plain)
        suffixes = tuple(n.strip().lower().rstrip(".") for n in allowed if n.strip().startswith("."))
        return cls(address, cors, frozenset(names), any_ip, suffixes)

    def allows_host(self, host: str) -> bool:
        name = host_name(host)
        if name in self.names or (name.endswith(self.suffixes) if self.suffixes else False):
            return True
        ip = _ip(name)
        return ip is not None and (self.any_ip or (ip.is_loopback and "localhost" in self.names))

    def refusal(self, headers: Mapping[str, str]) -> str | None:
        """Why the request is refused (one line), or None. ``headers`` have lowercased names."""
        host = headers.get("host")
        if host is not None and not self.allows_host(host):
            return (
                f"the Host header {host[:100]!r} is not a name this endpoint serves ({self.address}); "
                "refused, as a page's DNS rebinding would be"
            )
        origin = headers.get("origin")
        if origin is not None and origin != "null":
            if self.cors == "*" or origin == self.cors or self._own(origin, host):
                return None
            return f"requests from pages at {origin[:100]} are refused (kg serve --cors ORIGIN allows one origin)"
        site = headers.get("sec-fetch-site", "").strip().lower()
        if site in ("cross-site", "same-site") and self.cors != "*":
            return "requests from other sites' pages are refused (kg serve --cors ORIGIN allows one origin)"
        if origin == "null" and self.cors != "*":
            return "requests from pages of no origin (sandboxed or local files) are refused"
        return None

    def _own(self, origin: str, host: str | None) -> bool:
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and host is not None and parts.netloc.lower() == host.strip().lower()
