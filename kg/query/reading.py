"""One reading of a SPARQL query: the text the checker reads is the text the engine runs.

A typed query has two readers: rdflib's parser, which checks it (read-only, no SERVICE, no FROM),
and the engine that runs it (Oxigraph embedded, or a remote server). Where the two read the same
characters differently, a query can look harmless to one and reach the network in the other. The
known case is codepoint escapes. SPARQL 1.1 §19.2 processes ``\\uXXXX`` (exactly 4 hex digits) and
``\\UXXXXXXXX`` (exactly 8) on the raw text, before the grammar sees it; rdflib does so too but also
reads ``\\u`` with 8 digits, while Oxigraph reads escapes only inside strings and IRIs, as
characters of them (SPARQL 1.2's way). So ``"a\\u00000022, "`` and even ``"a\\u0022, "`` closed
a string for rdflib and stayed one string for Oxigraph, and a SERVICE after it was hidden from the
check and run by the engine.

So the escapes are processed here, once, by the spec, and the engine receives the processed text:
no ``\\u`` or ``\\U`` is left for either reader to interpret. What still cannot be read one way only
is refused: an escape that produces another escape, a malformed escape, control characters (NUL and
the like; tab, LF and CRLF are fine) and a carriage return on its own, which ends a comment for
Oxigraph (and the spec) but not for rdflib. The parsed query, not its words, is then inspected.

Errors are one line, with the user's own line and column (the prefix declarations put before the
query are not counted) and what was expected in words.

rdflib and pyparsing are imported lazily: rdflib's parser costs a third of a second to import,
which a page that never checks a query need not pay. The escapes are :mod:`kg.query.escapes`, the
words of the messages :mod:`kg.query.messages` and :mod:`kg.query.grammar`, the explanations of
a query that could not be read :mod:`kg.query.explaining`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg.errors import QueryError
from kg.query.bounds import check_tokens
from kg.query.escapes import (
    CONTROL,
    ESCAPE_START,
    SURROGATE,
    RefusalError,
    Unescaped,
    character_name,
    position,
    unescape,
)
from kg.query.explaining import SERVICE_REFUSED, Explaining
from kg.query.messages import (
    both,
    keyword,
    mask,
    prefixed,
)
from kg.query.parsing import Readers
from kg.query.tree import parse_nodes, parse_terms

#: The longest typed query accepted, in characters, checked before parsing: rdflib's parser is slow
#: and its cost grows faster than the text, most of all on runs of operands (``1+1+1...``, long IN
#: lists), which the token and operator caps of :mod:`kg.query.bounds` refuse before any parse.
#: Measured costs are in ``benchmarks/`` and ``docs/hostile-queries-and-serve.md``, not here.
MAX_CHARS = 64_000

#: Every SPARQL query form, and the ones the console runs (a SPARQL endpoint may allow all four).
QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
CONSOLE_FORMS = ("SELECT", "ASK")

_FORM_NODES = {"SelectQuery": "SELECT", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE", "AskQuery": "ASK"}


#: Seconds a reading may take when the caller gives no deadline (the store's default for a query).
READ_TIMEOUT = 30.0


@dataclass(frozen=True)
class ReadQuery:
    """A query read one way: ``text`` is exactly what to hand the engine."""

    text: str  #: the prefix declarations, then the user's query with its codepoint escapes processed
    form: str  #: SELECT, CONSTRUCT, DESCRIBE or ASK
    body: str  #: the user's query with its escapes processed (``text`` without the declarations)
    prefix_lines: int = 0  #: lines of declarations before the user's line 1


# --- the reading ------------------------------------------------------------------------

_PREFIX_NAME = re.compile(r"^(?:[A-Za-z](?:[\w.-]*[\w-])?)?$")
_NAMESPACE = re.compile(r'^[^<>"{}|^`\\\x00-\x20]+$')


def prefix_declarations(prefixes: Mapping[str, object]) -> str:
    """``PREFIX p: <ns>`` lines, one per prefix, in the mapping's order."""
    lines = []
    for prefix, namespace in prefixes.items():
        if not _PREFIX_NAME.match(prefix) or not _NAMESPACE.match(str(namespace)):
            raise ValueError(f"not a usable prefix declaration: {prefix!r} -> {namespace!r}")
        lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(lines)


def read_query(
    text: str,
    *,
    where: str = "query",
    prefixes: Mapping[str, object] | None = None,
    forms: Sequence[str] = CONSOLE_FORMS,
    max_chars: int | None = MAX_CHARS,
    timeout: float | None = READ_TIMEOUT,
) -> ReadQuery:
    """Read a user's query once, the way the engine will, or refuse it with a :class:`QueryError`.

    ``prefixes`` (``{prefix: namespace}``) are declared before the query, so users can write
    ``ekg:Claim`` straight away; a prefix the user declares again overrides ours. Line and column
    numbers in errors count the user's text only. Refused: updates, SERVICE anywhere, FROM and
    FROM NAMED, a query form not in ``forms``, more than ``max_chars`` characters, and whatever
    cannot be read unambiguously (see the module's docstring), more tokens or operators than
    :mod:`kg.query.bounds` allows, and a query whose reading takes longer than ``timeout`` seconds
    (it is read in a process of its own, :mod:`kg.query.parsing`, and stopped there).
    """
    if not isinstance(text, str):
        raise QueryError(f"{where}: a query must be text, not {type(text).__name__}")
    if max_chars is not None and len(text) > max_chars:
        raise QueryError(
            f"{where}: the query is {len(text):,} characters long; at most {max_chars:,} are accepted "
            "(the cap keeps checking fast)"
        )
    if max_chars is not None:
        check_tokens(text, where)
    wanted = tuple(str(f).upper() for f in forms)
    unknown = [f for f in wanted if f not in QUERY_FORMS]
    if unknown or not wanted:
        raise ValueError(f"forms must be some of {QUERY_FORMS}, got {tuple(forms)!r}")
    declared = tuple((str(p), str(ns)) for p, ns in (prefixes or {}).items())
    return _read(text, where, declared, wanted, timeout)


def count_iri(text: str, iri: str, *, where: str = "query", timeout: float | None = READ_TIMEOUT) -> int:
    """How often the IRI ``<iri>`` is a term of the query ``text`` (checked as :func:`read_query` does, all
    four forms), as the parser reads it: an IRI inside a string or a comment is not a term."""
    return int(_READERS.call(("read", text, where, (), QUERY_FORMS, iri), where, timeout)[4])


@lru_cache(maxsize=256)
def _read(
    raw: str, where: str, prefixes: tuple[tuple[str, str], ...], forms: tuple[str, ...], timeout: float | None
) -> ReadQuery:
    return ReadQuery(*_READERS.call(("read", raw, where, prefixes, forms, None), where, timeout)[:4])


def _in_reader(request: tuple[Any, ...]) -> tuple[str, str, str, int, int]:
    """In a reading process (or under the fallback lock): one query read, as plain data.

    rdflib logs a warning with a traceback for a literal it cannot convert (an integer of 5,000
    digits); the query is refused or run all the same, so in a reading it is noise on the user's
    terminal, and its logger is raised to errors only.
    """
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    _, raw, where, prefixes, forms, iri = request
    reading = _Reading(raw, where, prefix_declarations(dict(prefixes)))
    try:
        read = reading.read(tuple(forms))
    except RefusalError as refusal:
        raise QueryError(reading.say(refusal)) from None
    return read.text, read.form, read.body, read.prefix_lines, (reading.count(iri) if iri else 0)


_READERS = Readers(_in_reader)


class _Reading(Explaining):
    """One query being read: the raw text, the processed text, and where each came from."""

    def __init__(self, raw: str, where: str, header: str) -> None:
        self.raw = raw
        self.where = where
        self.header = header
        self.unescaped = Unescaped(raw, (), (), ())
        self.engine = header + raw

    # positions: engine text -> user's raw text

    def raw_offset(self, engine_offset: int) -> int | None:
        body_offset = engine_offset - len(self.header)
        if body_offset < 0:
            return None
        return min(self.unescaped.raw_offset(body_offset), len(self.raw))

    def say(self, refusal: RefusalError) -> str:
        if refusal.offset is None:
            return f"{self.where}: {refusal.message}"
        return f"{self.where}: {position(self.raw, refusal.offset)}: {refusal.message}"

    def refuse_at(self, engine_offset: int | None, message: str) -> RefusalError:
        return RefusalError(None if engine_offset is None else self.raw_offset(engine_offset), message)

    # the steps

    def read(self, forms: tuple[str, ...]) -> ReadQuery:
        surrogate = SURROGATE.search(self.raw)
        if surrogate:
            raise RefusalError(
                surrogate.start(), f"U+{ord(surrogate.group()):04X} is a lone surrogate, not a character"
            )
        self.unescaped = unescape(self.raw)
        body = self.unescaped.text
        self.engine = self.header + body
        left = ESCAPE_START.search(body)
        if left:
            raise RefusalError(
                self.unescaped.raw_offset(left.start()),
                f"an escape produces another escape ({body[left.start() : left.start() + 6]!r}); escapes are "
                "processed once (SPARQL 1.1 §19.2) and engines differ after that, so this is refused: "
                "write the character itself",
            )
        control = CONTROL.search(body)
        if control:
            offset = control.start()
            source = ", produced by an escape," if offset in self.unescaped.produced else ""
            raise RefusalError(
                self.unescaped.raw_offset(offset),
                f"{character_name(control.group()[0])}{source} is not allowed in a query; "
                "use tab, LF or CRLF between tokens and \\t, \\n or \\r escapes in strings",
            )
        self.tree = self.parse()
        return self.inspect(self.tree, forms, body)

    def count(self, iri: str) -> int:
        from rdflib import URIRef

        return sum(1 for term in parse_terms(self.tree) if isinstance(term, URIRef) and str(term) == iri)

    def parse(self) -> Any:
        from rdflib.plugins.sparql.parser import parseQuery

        # No \u or \U is left (refused above), so rdflib's own escape pass changes nothing: rdflib
        # parses exactly ``self.engine``, the text the engine will run.
        try:
            return parseQuery(self.engine)
        except Exception as exc:  # ParseException, RecursionError, or a parse action refusing a token
            raise self.refusal(exc) from None

    def inspect(self, tree: Any, forms: tuple[str, ...], body: str) -> ReadQuery:
        from rdflib.plugins.sparql.parserutils import CompValue

        top = [item for item in tree if isinstance(item, CompValue) and item.name in _FORM_NODES]
        if len(top) != 1:
            raise RefusalError(None, "not a single SPARQL query")
        nodes = list(parse_nodes(tree))
        names = {n.name for n in nodes}
        masked = mask(self.engine)
        if any("Service" in name for name in names):
            raise self.refuse_at(
                keyword(masked, "SERVICE", len(self.header)),
                SERVICE_REFUSED,
            )
        if "DatasetClause" in names:
            raise self.refuse_at(
                keyword(masked, "FROM", len(self.header)),
                "FROM / FROM NAMED is refused: queries run over the store's own graph",
            )
        form = _FORM_NODES[top[0].name]
        if form not in forms:
            raise self.refuse_at(
                keyword(masked, form, len(self.header)),
                f"only {both(forms)} queries are supported, not {form}",
            )
        declared = {str(dict.get(n, "prefix", "") or "") for n in nodes if n.name == "PrefixDecl"}
        for node in nodes:
            if node.name != "pname":
                continue
            prefix = str(dict.get(node, "prefix", "") or "")
            if prefix not in declared:
                known = ", ".join(sorted(p for p in declared if p)[:20]) or "none"
                raise self.refuse_at(
                    prefixed(masked, prefix, len(self.header)),
                    f"unknown prefix '{prefix}:'; declare it with PREFIX {prefix}: <...> (declared: {known})",
                )
        return ReadQuery(self.engine, form, body, self.header.count("\n"))
