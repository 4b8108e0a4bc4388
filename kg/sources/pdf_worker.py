"""Reading a PDF in a child process with a memory ceiling and a deadline, so no PDF can take the caller down.

:func:`kg.sources.pdf.read_pdf` caps pages and characters as it reads, but what PDFium does inside
one page is out of its reach: a content stream of a megabyte that inflates to gigabytes is
inflated whole, and when PDFium's allocator fails it aborts the process (SIGABRT), which no
``except`` can catch. So ``kg add`` reads a PDF in a fresh interpreter (``python -m
kg.sources.pdf_worker``) that

* caps its own address space (``RLIMIT_AS``) at what its imports mapped plus ``KG_PDF_MEMORY_MB``
  (default 1024), and allows no core dump (an aborted reader would write gigabytes);
* caps its CPU time (``RLIMIT_CPU``) a little past the deadline, in case the parent is gone;
* gets the PDF's bytes on stdin and writes the :class:`PdfText` as JSON on stdout, or one line
  ``{"error": ...}`` for a PDF it refuses.

The parent waits at most ``KG_PDF_TIMEOUT`` seconds (default 300, far beyond what a real report or
book of the test corpus takes), kills the child past it, and turns every way the child can end into one line:
a refusal, the memory ceiling, the deadline, or a crash of the reader. The parent holds the PDF's
bytes and the text it gets back, never what the reading took.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from dataclasses import asdict

from kg.errors import InputError
from kg.sources.pdf import PdfText, read_pdf

#: The child's memory beyond what its interpreter and PDFium map at start (MB), and its deadline (s).
DEFAULT_MEMORY_MB = 1024
DEFAULT_TIMEOUT = 300.0
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _setting(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise InputError(name, 0, f"expected a number, got {raw!r}") from None
    if not value > 0:
        raise InputError(name, 0, f"must be above 0, got {raw!r}")
    return value


def limits() -> tuple[int, float]:
    """The memory ceiling (MB) and the deadline (s) in force: ``KG_PDF_MEMORY_MB``, ``KG_PDF_TIMEOUT``."""
    return int(_setting("KG_PDF_MEMORY_MB", DEFAULT_MEMORY_MB)), _setting("KG_PDF_TIMEOUT", DEFAULT_TIMEOUT)


def read_pdf_bounded(raw: bytes, shown: str) -> PdfText:
    """The text layer of a PDF read in a child process, or an :class:`InputError` in one line."""
    memory_mb, timeout = limits()
    command = [sys.executable, "-m", "kg.sources.pdf_worker", shown, str(memory_mb), str(timeout)]
    try:
        done = subprocess.run(command, input=raw, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise InputError(
            shown, 0, f"reading this PDF took longer than {timeout:g} s and was stopped (KG_PDF_TIMEOUT sets it)"
        ) from None
    if done.returncode == 0:
        answer = json.loads(done.stdout)
        if "error" in answer:
            raise InputError(shown, 0, answer["error"])
        return _pdf_text(answer)
    if done.returncode in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGKILL, 3) or b"MemoryError" in done.stderr:
        raise InputError(
            shown,
            0,
            f"reading this PDF needed more than {memory_mb} MB of memory and was stopped (a stream that inflates "
            "far beyond the file's size?); KG_PDF_MEMORY_MB sets the ceiling",
        )
    if done.returncode == -signal.SIGXCPU:
        raise InputError(shown, 0, f"reading this PDF took longer than {timeout:g} s of CPU and was stopped")
    last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
    raise InputError(shown, 0, f"the PDF reader failed on this PDF (exit {done.returncode}): {last[:200]}")


def _pdf_text(answer: dict[str, object]) -> PdfText:
    """A :class:`PdfText` from its JSON form (lists back to tuples)."""

    def pairs(key: str) -> tuple[tuple[int, int], ...]:
        return tuple((int(a), int(b)) for a, b in answer[key])  # type: ignore[attr-defined]

    return PdfText(
        text=str(answer["text"]),
        pages=tuple(answer["pages"]),  # type: ignore[arg-type]
        metadata=dict(answer["metadata"]),  # type: ignore[call-overload]
        title=str(answer["title"]),
        authors=tuple(answer["authors"]),  # type: ignore[arg-type]
        empty_pages=tuple(answer["empty_pages"]),  # type: ignore[arg-type]
        unmapped=int(answer["unmapped"]),  # type: ignore[call-overload]
        furniture=pairs("furniture"),
        notes=pairs("notes"),
        raised=int(answer["raised"]),  # type: ignore[call-overload]
        bold_title=str(answer["bold_title"]),
    )


def _limit_self(memory_mb: int, timeout: float) -> None:
    """The child's own ceilings: address space (what is mapped now plus ``memory_mb``), CPU, no core dump."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        mapped = int(handle.read().split()[0]) * _PAGE
    limit = mapped + memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    seconds = int(timeout) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))


def _child(argv: list[str]) -> int:
    shown, memory_mb, timeout = argv[0], int(argv[1]), float(argv[2])
    import pypdfium2  # noqa: F401 - mapped before the ceiling is measured

    raw = sys.stdin.buffer.read()
    _limit_self(memory_mb, timeout)
    try:
        text = read_pdf(raw, shown)
    except InputError as exc:
        answer: dict[str, object] = {"error": exc.message}
    except MemoryError:
        return 3
    else:
        answer = asdict(text)
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
