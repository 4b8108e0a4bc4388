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
