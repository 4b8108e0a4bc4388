"""Where a parameter is bound, the parser must see code: the binder's places checked by the checker itself.

The binder (:mod:`kg.store.binding`) writes each parameter as a ``VALUES`` block (or ``BIND``) at
places it finds in the query's text: the outermost group, each UNION branch, each subquery that
projects the variable. It finds them by scanning the text, and a scan that misreads a string was
how a parameter value once turned a checked query into another one (issue 22: ``'''a\\'''`` read
as ended, a block bound inside the string, a value ``http://e/''',#`` closing it and commenting
out the rest of the line, and a SERVICE that had been string content ran).

So before a query runs with parameters, the binder's places are checked by the same reader that
checked the query (:func:`kg.query.reading.count_iri`): the query with a sentinel IRI bound at
every place must still be a read-only query, and the reader must find the sentinel as a term as
often as it was written. A place inside a string, a comment or an IRI hides it, and the query is
refused. The places depend only on the text and the parameters' names, never on their values
(each value is one checked token: :func:`kg.store.binding.written`), so the check is made once per
query and names, and cached: in the process, and on disk (a file named by the digest of the text, the
names and the checking code itself, written only after the check passed) because the check parses the
query and costs up to a second and a half, which every ``kg query`` process would otherwise pay again.
The folder is ``$KG_CACHE_DIR`` or ``~/.cache/evidence-kg``; one that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import kg.query.reading
import kg.store.binding
from kg.errors import QueryError
from kg.query.reading import count_iri
from kg.store.binding import inject_value_rows
from kg.store.results import Term

#: The IRI bound at each place for the check (a ``urn:`` of no graph: never a real term).
SENTINEL = "urn:kg:parameter-bound-here"


def check_binding_places(text: str, names: Sequence[str], where: str = "query") -> None:
    """A :class:`QueryError` unless every place the binder uses for ``names`` in ``text`` is code."""
    if names:
        _check(text, tuple(names), where)


@lru_cache(maxsize=256)
def _check(text: str, names: tuple[str, ...], where: str) -> None:
    passed = _passed_file(text, names)
    if passed is not None and passed.exists():
        return
    _check_now(text, names, where)
    if passed is not None:
        _record(passed)


def _check_now(text: str, names: tuple[str, ...], where: str) -> None:
    """Bind the sentinel at every place and count what the reader finds."""
    marked = inject_value_rows(text, names, [tuple(Term("uri", SENTINEL) for _ in names)])
    written = marked.count(f"<{SENTINEL}>") - text.count(f"<{SENTINEL}>")
    already = count_iri(text, SENTINEL, where=where) if SENTINEL in text else 0
    seen = count_iri(marked, SENTINEL, where=where) - already
    if seen != written:
        raise QueryError(
            f"{where}: the query's parameters cannot be bound safely: a place for them is inside a string, "
            f"a comment or an IRI as the engine reads it ({seen} of {written} found); the query is not run"
        )


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """The digest of the code whose behaviour the check depends on: a change of either redoes every check."""
    digest = hashlib.sha256()
    for module in (kg.store.binding, kg.query.reading, sys.modules[__name__]):
        source = getattr(module, "__file__", None)
        digest.update(Path(source).read_bytes() if source else b"")
    return digest.hexdigest()


def _passed_file(text: str, names: tuple[str, ...]) -> Path | None:
    folder = os.environ.get("KG_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "evidence-kg")
    key = hashlib.sha256("\x00".join((_code_digest(), text, *names)).encode("utf-8")).hexdigest()
    return Path(folder) / "binding-places" / key


def _record(passed: Path) -> None:
    try:
        passed.parent.mkdir(parents=True, exist_ok=True)
        temporary = passed.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text("passed\n", encoding="ascii")
        os.replace(temporary, passed)
    except OSError:
        pass  # a cache that cannot be written costs time, never a wrong answer
