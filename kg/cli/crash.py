"""An unexpected failure said in one line, its traceback kept in a file for the bug report.

Every failure a user can cause has its own words (:class:`kg.errors.KgError`, an ``OSError`` of the
disk). Whatever else escapes a command is a fault of the tool, not of its input; the user still gets
one line and exit 2, never a traceback on the terminal, and the traceback is written to a file whose
path the line names, so nothing a maintainer needs is lost.
"""

from __future__ import annotations

import os
import tempfile
import traceback
from datetime import UTC, datetime


def crash_line(exc: BaseException) -> str:
    """The one line to print; the traceback goes to ``$TMPDIR/kg-crash-<time>-<pid>.txt``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = os.path.join(tempfile.gettempdir(), f"kg-crash-{stamp}-{os.getpid()}.txt")
    try:
        with open(path, "w", encoding="utf-8") as out:
            out.write("".join(traceback.format_exception(exc)))
        kept = f"the traceback is in {path}"
    except OSError:
        kept = "its traceback could not be written"
    what = str(exc).splitlines()[0][:300] if str(exc).strip() else ""
    name = f"{type(exc).__name__}: {what}" if what else type(exc).__name__
    return f"error: an unexpected failure of the tool ({name}); {kept}: please report it"
