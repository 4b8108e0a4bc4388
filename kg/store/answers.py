"""The embedded store's answers: run in a query worker (or a thread), handed back as plain data.

:func:`answer` runs one request on the Oxigraph store and answers tuples of str, int and None
(``marshal``-able, see :mod:`kg.store.child`), counting the text it gathers against the answer
cap (``KG_MAX_ANSWER_MB``) as it goes, so a big answer is refused in the worker, before it is
built whole or sent; :func:`table_from` turns the plain answer into a :class:`ResultTable` in the
caller's process.
"""

from __future__ import annotations

from typing import IO, cast

import pyoxigraph as ox

from kg.errors import KgError, QueryError, StoreError
from kg.store.base import too_large
from kg.store.child import check_memory
from kg.store.results import ResultTable, Term

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(term: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple:
    if term.kind == "uri":
        return ox.NamedNode(term.value)
    if term.kind == "bnode":
        return ox.BlankNode(term.value)
    if term.lang:
        return ox.Literal(term.value, language=term.lang)
    if term.datatype:
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype))
    return ox.Literal(term.value)


def answer(store: ox.Store, request: tuple[object, ...]) -> object:
    """Run one request on the store: ``("ask", bool)``, ``("rows", columns, rows, truncated)`` or
    N-Triples bytes. Runs in a worker process (or a thread where there are none); the answer is plain
    data: each cell is ``None`` (unbound) or the arguments of :class:`Term`, without trailing ``None``s."""
    kind, text, plain, limit, bound = request
    assert isinstance(text, str) and isinstance(plain, dict) and (limit is None or isinstance(limit, int))
    assert isinstance(bound, tuple)
    cap, cap_mb = bound
    substitutions = {ox.Variable(k): to_ox(Term(*v)) for k, v in plain.items()}
    try:
        result = store.query(text, substitutions=substitutions or None)
    except SyntaxError as exc:
        raise QueryError(f"not valid SPARQL: {exc}") from exc
    try:
        return _plain_answer(result, kind, limit, _Cap(int(cap), float(cap_mb)))
    except (KgError, MemoryError):
        raise
    except Exception as exc:  # a SERVICE that failed, a runtime error of the engine
        raise StoreError(f"the query failed: {type(exc).__name__}: {exc}") from None
    finally:
        # pyoxigraph's results must be dropped in the thread that made them; a traceback would
        # keep this frame, and so them, alive into the caller's thread.
        del result


class _Cap:
    """The answer's size so far against the cap; also a file to serialise triples into, refusing past it."""

    def __init__(self, cap: int, cap_mb: float) -> None:
        self.cap, self.cap_mb, self.size = cap, cap_mb, 0
        self.parts: list[bytes] = []

    def add(self, size: int) -> None:
        self.size += size
        if self.size > self.cap:
            raise too_large(self.cap_mb)

    def write(self, data: bytes) -> int:
        self.add(len(data))
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        return None


def _plain_answer(result: object, kind: object, limit: int | None, cap: _Cap) -> object:
    if kind == "construct":
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        try:
            ox.serialize(result, cast(IO[bytes], cap), format=ox.RdfFormat.N_TRIPLES)
        except StoreError:
            raise
        except Exception as exc:  # pyoxigraph wraps what the writer raised
            if cap.size > cap.cap:
                raise too_large(cap.cap_mb) from None
            raise StoreError(f"the query failed: {type(exc).__name__}: {exc}") from None
        return b"".join(cap.parts)
    if isinstance(result, ox.QueryBoolean):
        return ("ask", bool(result))
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("expected a SELECT or ASK query")
    columns = [v.value for v in result.variables]
    rows: list[tuple[tuple[str, ...] | None, ...]] = []
    datatypes: dict[str, str] = {}  # one str object per datatype: marshal writes it once per answer
    truncated = False
    for solution in result:
        if limit is not None and len(rows) >= limit:
            truncated = True
            break
        if not len(rows) % 4096:
            check_memory()
        # A solution iterates its values in the order of ``variables``: a third faster than by name.
        row = tuple(_cell(value, datatypes) for value in solution)
        cap.add(8 + sum(16 + len(cell[1]) for cell in row if cell is not None))
        rows.append(row)
    return ("rows", columns, rows, truncated)


def _cell(term: object, datatypes: dict[str, str]) -> tuple[str, ...] | None:
    """Literals first, each attribute read once: pyoxigraph builds a new object per attribute read."""
    if type(term) is ox.Literal:
        language = term.language
        if language:
            return ("literal", term.value, None, language)  # type: ignore[return-value]
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return ("literal", term.value)
        return ("literal", term.value, datatypes.setdefault(datatype, datatype))
    if type(term) is ox.NamedNode:
        return ("uri", term.value)
    if type(term) is ox.BlankNode:
        return ("bnode", term.value)
    if term is None:
        return None
    return ("triple", str(term))


def table_from(reply: object, limit: int | None) -> ResultTable:
    """The worker's plain answer as a :class:`ResultTable` of :class:`Term` cells."""
    assert isinstance(reply, tuple)
    if reply[0] == "ask":
        return ResultTable(columns=[], boolean=reply[1])
    _, columns, rows, truncated = reply
    terms: dict[tuple[str, ...], Term] = {}  # Terms are immutable: one per distinct cell halves the cost
    table_rows = []
    for row in rows:
        record = {}
        for name, cell in zip(columns, row):
            if cell is not None:
                term = terms.get(cell)
                if term is None:
                    term = terms[cell] = Term(*cell)
                record[name] = term
        table_rows.append(record)
    return ResultTable(columns=columns, rows=table_rows, truncated=truncated, limit=limit)
