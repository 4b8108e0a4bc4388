"""Errors a user can act on: each names the file, the line and what is wrong."""

from __future__ import annotations


class KgError(Exception):
    """Base of the errors the CLI reports without a traceback (exit code 2)."""


class InputError(KgError):
    """An input file is wrong: ``file:line: message``. Line 0 means the whole file."""

    def __init__(self, file: str, line: int, message: str) -> None:
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}")


class QueryError(KgError):
    """A query cannot run: unknown name, bad parameter, invalid SPARQL, refused operation."""


class StoreError(KgError):
    """A store failed: server down, timed out, answered with an error or a partial result."""


class ExportError(KgError):
    """An export cannot be written: the item is not in the graph, or a date or licence is malformed."""


class OutputError(KgError):
    """An output cannot be written (a full disk, a read-only folder, a file-size limit): ``file: message``.

    Outputs are written beside their targets and renamed (:mod:`kg.project.files`), so the previous
    ones are left as they were.
    """

    def __init__(self, file: str, message: str) -> None:
        self.file = file
        self.message = message
        super().__init__(f"{file}: {message}")


#: What the system's refusals to write mean to a user (errno names: ENOSPC, EROFS, EFBIG, EACCES, EDQUOT).
_WHY = {
    "ENOSPC": "the disk is full",
    "EDQUOT": "the disk quota is used up",
    "EROFS": "the folder is read-only",
    "EFBIG": "the file would pass the file-size limit of ulimit -f",
    "EACCES": "permission denied",
    "EPERM": "operation not permitted",
}


def os_error_message(exc: OSError) -> str:
    """An ``OSError`` as one line a user can act on: ``file: what happened (ERRNO)``."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    why = _WHY.get(name) or exc.strerror or str(exc) or type(exc).__name__
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{why}" + (f" ({name})" if name else "")


def working_file_error(path: object, exc: OSError) -> OutputError:
    """A build's working file (a sorted run, a staged cache entry) that cannot be written, as one line.

    Such files live beside the outputs in the build folder and are removed with the failed build; the
    outputs themselves were not touched yet."""
    why = os_error_message(exc).removeprefix(f"{exc.filename}: ") if exc.filename else os_error_message(exc)
    return OutputError(
        str(path), f"cannot write this build's working file: {why}; the previous outputs were left as they were"
    )
