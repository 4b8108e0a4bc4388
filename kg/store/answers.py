"""The embedded store's answers: run in a query worker (or a thread), handed back as plain data.

:func:`answer` runs one request on the Oxigraph store and answers tuples of str, int and None
(``marshal``-able, see :mod:`kg.store.child`), counting the text it gathers against the answer
cap (``KG_MAX_ANSWER_MB``) as it goes, so a big answer is refused in the worker, before it is
built whole or sent; :func:`table_from` turns the plain answer into a :class:`ResultTable` in the
caller's process.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, cast

import pyoxigraph as ox

from kg.errors import KgError, QueryError, StoreError
from kg.store.base import too_large
from kg.store.child import Parts, check_memory
from kg.store.results import ResultTable, Term

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: About how much of an answer one part (one message from the worker) holds.
PART_BYTES = 1 << 18


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
    """Run one request on the store: ``("ask", bool)``, or :class:`Parts` of ``("rows", columns,
    truncated)`` and batches of rows, or of ``("graph",)`` and the serialised triples' bytes (N-Triples,
    or the request's format and prefixes). Runs in a worker process (or a thread where there are none);
    the answer is plain data: each cell is ``None`` (unbound) or the arguments of :class:`Term`,
    without trailing ``None``s. Parts are about :data:`PART_BYTES` each, so that the parent holds one
    at a time."""
    kind, text, plain, limit, bound, *rest = request
    assert isinstance(text, str) and isinstance(plain, dict) and (limit is None or isinstance(limit, int))
    assert isinstance(bound, tuple)
    cap, cap_mb = bound
    substitutions = {ox.Variable(k): to_ox(Term(*v)) for k, v in plain.items()}
    try:
        result = store.query(text, substitutions=substitutions or None)
    except SyntaxError as exc:
        raise QueryError(f"not valid SPARQL: {exc}") from exc
    try:
        graph_format = rest[0] if rest else None
        return _plain_answer(result, kind, limit, _Cap(int(cap), float(cap_mb)), graph_format)
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
        self.parts: list[bytearray] = []

    def add(self, size: int) -> None:
        self.size += size
        if self.size > self.cap:
            raise too_large(self.cap_mb)

    def write(self, data: bytes) -> int:
        self.add(len(data))
        if self.parts and len(self.parts[-1]) < PART_BYTES:
            self.parts[-1] += data
        else:
            self.parts.append(bytearray(data))
        return len(data)

    def flush(self) -> None:
        return None


def _plain_answer(result: object, kind: object, limit: int | None, cap: _Cap, graph_format: object) -> object:
    if kind == "construct":
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        fmt, prefixes = graph_format if isinstance(graph_format, tuple) else ("N_TRIPLES", None)
        try:
            ox.serialize(result, cast(IO[bytes], cap), format=getattr(ox.RdfFormat, fmt), prefixes=prefixes)
        except StoreError:
            raise
        except Exception as exc:  # pyoxigraph wraps what the writer raised
            if cap.size > cap.cap:
                raise too_large(cap.cap_mb) from None
            raise StoreError(f"the query failed: {type(exc).__name__}: {exc}") from None
        return Parts(("graph",), [bytes(part) for part in cap.parts])
    if isinstance(result, ox.QueryBoolean):
        return ("ask", bool(result))
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("expected a SELECT or ASK query")
    columns = [v.value for v in result.variables]
    batches: list[list[tuple[tuple[str, ...] | None, ...]]] = [[]]
    datatypes: dict[str, str] = {}  # one str object per datatype: marshal writes it once per part
    truncated = False
    count = batch_size = 0
    for solution in result:
        if limit is not None and count >= limit:
            truncated = True
            break
        if not count % 4096:
            check_memory()
        # A solution iterates its values in the order of ``variables``: a third faster than by name.
        row = tuple(_cell(value, datatypes) for value in solution)
        size = 8 + sum(16 + len(cell[1]) for cell in row if cell is not None)
        cap.add(size)
        if batch_size >= PART_BYTES:
            batches.append([])
            batch_size = 0
        batches[-1].append(row)
        batch_size += size
        count += 1
    return Parts(("rows", columns, truncated), batches)


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


def table_from(head: object, parts: Iterator[object] | None, limit: int | None) -> ResultTable:
    """The worker's plain answer (its head, then its batches of rows) as a :class:`ResultTable`."""
    assert isinstance(head, tuple)
    if head[0] == "ask":
        return ResultTable(columns=[], boolean=head[1])
    _, columns, truncated = head
    table_rows = [row for batch in rows_of(columns, parts) for row in batch]
    return ResultTable(columns=columns, rows=table_rows, truncated=truncated, limit=limit)


def rows_of(columns: list[str], parts: Iterator[object] | None) -> Iterator[list[dict[str, Term]]]:
    """Each batch of plain rows as rows of :class:`Term` cells, one batch at a time."""
    for batch in parts or ():
        terms: dict[tuple[str, ...], Term] = {}  # immutable: one per distinct cell of a batch halves the cost
        assert isinstance(batch, list)
        table_rows = []
        for row in batch:
            record = {}
            for name, cell in zip(columns, row):
                if cell is not None:
                    term = terms.get(cell)
                    if term is None:
                        term = terms[cell] = Term(*cell)
                    record[name] = term
            table_rows.append(record)
        yield table_rows
