"""Progress of a stage that runs many tasks: a bar on a terminal, plain lines elsewhere.

``[extract] 37/120 reports  12.4/s  ETA 0:07`` redrawn in place when standard error is a terminal;
otherwise (a log, CI, a test) a plain line at most every few seconds and at the end, so a build of a
thousand reports says how far it is without flooding its log.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

Say = Callable[[str], None]


class StageProgress:
    """Counts finished tasks of one stage and shows how many, how fast and how long to go."""

    def __init__(self, label: str, total: int, say: Say, unit: str = "reports", stream: TextIO | None = None) -> None:
        self.label, self.total, self.say, self.unit = label, total, say, unit
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty()
        self.done = 0
        self.started = self.last = time.perf_counter()

    def line(self) -> str:
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        eta = f"{int(left // 60)}:{int(left % 60):02d}"
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        return f"{self.label} [{bar}] {self.done}/{self.total} {self.unit}  {rate:.1f}/s  ETA {eta}"

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.perf_counter()
        if self.tty:
            self.stream.write("\r" + self.line())
            self.stream.flush()
        elif now - self.last >= 5 and self.done < self.total:
            self.say(self.line())
            self.last = now

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\r" + self.line() + "\n")
            self.stream.flush()
        else:
            self.say(self.line())
