"""Where a request ends in the bytes a connection has sent, so that a thread takes only a whole request.

``kg serve`` reads each request in its accept loop (:mod:`kg.endpoint.connection`) before a thread of
the pool takes it: a client that sends one byte and then drips holds a buffer, not a thread (issue 22).
:class:`RequestBuffer` gathers a connection's bytes and says when a thread may take them: when the head
(request line and headers) and the body its ``Content-Length`` gives have arrived, or as soon as what
has arrived shows that the request will be refused (a line over http.server's 65,536 bytes, over 100
headers, a chunked body, a length that is no number or over the cap). The thread then reads the same
bytes with http.server's own parser, which gives the same answers (414, 431, 411, 413) as when it read
the socket itself; the head is read here with the same parser (``http.client.parse_headers``), so both
agree where the body ends.
"""

from __future__ import annotations

import http.client
import io
import re
from dataclasses import dataclass

#: http.server's and http.client's longest line (``_MAXLINE``) and most headers (``_MAXHEADERS``).
MAX_LINE = 65536
MAX_HEADERS = 100
_LENGTH = re.compile(r"[0-9]{1,15}")


def content_length(value: str) -> int | None:
    """A ``Content-Length`` value as a number, or None when it is not one (ASCII digits only: ``²`` is no length)."""
    value = value.strip()
    return int(value) if _LENGTH.fullmatch(value) else None


@dataclass(frozen=True)
class Framing:
    """What the bytes gathered so far allow: a thread may take them, and the client waits for ``100 Continue``."""

    ready: bool
    expects_continue: bool = False


class RequestBuffer:
    """One connection's bytes of its next request (and any that follow it), scanned once as they arrive."""

    def __init__(self, max_body: int, data: bytes = b"") -> None:
        self.max_body = max_body
        self.data = bytearray(data)
        self._line_start = 0  # the first byte of the line not yet scanned whole
        self._lines = 0  # whole lines of the head seen, the request line first
        self._head_end: int | None = None
        self._needed: int | None = None  # the bytes a whole request takes, once the head says
        self._continue = False

    def __len__(self) -> int:
        return len(self.data)

    def feed(self, chunk: bytes) -> Framing:
        """Add bytes received and say what they allow."""
        self.data += chunk
        return self.framing()

    def framing(self) -> Framing:
        if self._head_end is None and not self._scan_head():
            return Framing(ready=False)
        if self._needed is None:
            return Framing(ready=True)
        if len(self.data) >= self._needed:
            return Framing(ready=True)
        return Framing(ready=False, expects_continue=self._continue)

    def _scan_head(self) -> bool:
        """Scan the lines that arrived whole; True when the head ended or a line shows a refusal."""
        while True:
            end = self.data.find(b"\n", self._line_start)
            if end < 0:
                return len(self.data) - self._line_start > MAX_LINE  # a line too long: 414 or 431
            line_length = end - self._line_start
            blank = line_length == 0 or (line_length == 1 and self.data[self._line_start] == 0x0D)
            self._line_start = end + 1
            self._lines += 1
            if line_length >= MAX_LINE or (blank and self._lines == 1):  # http.server refuses or closes
                return True
            if blank:
                self._head_end = end + 1
                self._read_head()
                return True
            if self._lines > MAX_HEADERS + 1:  # 431: too many headers
                return True

    def _read_head(self) -> None:
        """The body's length from the head, read by http.client's parser (as the handler will read it)."""
        assert self._head_end is not None
        request_line, _, rest = bytes(self.data[: self._head_end]).partition(b"\n")
        try:
            headers = http.client.parse_headers(io.BytesIO(rest))
        except (http.client.HTTPException, ValueError):
            return  # the handler refuses it at once
        if headers.get("Transfer-Encoding") is not None:
            return  # refused (411) before any body is read
        length = content_length(headers.get("Content-Length", "0"))
        if length is None or length > self.max_body:
            return  # refused (411 or 413)
        self._needed = self._head_end + length
        self._continue = (
            length > 0
            and headers.get("Expect", "").strip().lower() == "100-continue"
            and request_line.rstrip().endswith(b"HTTP/1.1")
        )
