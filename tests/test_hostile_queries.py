"""Hostile queries, as a manifest: one table of cases, one test, each case run against a live listener.

Every case is a query a user could type into the console, and what must happen to it: refused
(with a fragment of the message) or run. Queries name ``@SVC@``, replaced by the IRI of a TCP
listener on 127.0.0.1 that counts the connections it accepts; whatever the outcome, the listener
must see none. Executable cases run through ``run_console`` on an embedded store.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from dataclasses import dataclass

import pytest

from kg.errors import KgError, QueryError, StoreError
from kg.query import (
    MAX_CHARS,
    PREFIX_BLOCK,
    QUERY_FORMS,
    load_query_file,
    read_console,
    read_query,
    run_console,
    unescape_codepoints,
)
from kg.store import EmbeddedStore
from kg.store.results import ResultTable

EX = "http://ex.org/"

# --- the listener -------------------------------------------------------------------------


class Listener:
    """A TCP socket on 127.0.0.1 accepting (and closing) connections in a thread, noting each peer."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.socket.getsockname()[1]
        self.peers: list[tuple[str, int]] = []
        self.changed = threading.Condition()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, peer = self.socket.accept()
            except OSError:
                return
            connection.close()
            with self.changed:
                self.peers.append(peer)
                self.changed.notify_all()

    def connections_since(self, mark: int) -> list[tuple[str, int]]:
        """Connections accepted since ``mark`` (a length of ``peers``), not counting a probe of our own.

        The probe connects after the case ran and waits until the thread has accepted it: the
        kernel completes connections in order, so any connection the case made is counted by then.
        """
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as probe:
            own = probe.getsockname()
            with self.changed:
                if not self.changed.wait_for(lambda: own in self.peers, timeout=5):
                    raise AssertionError("the listener did not accept the probe")
                return [p for p in self.peers[mark:] if p != own]

    def close(self) -> None:
        self.socket.close()


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture(scope="module")
def hostile_store() -> EmbeddedStore:
    store = EmbeddedStore()
    store.load_ntriples(
        "\n".join(f'<{EX}s{i}> <{EX}p> "value {i}" .\n<{EX}s{i}> <{EX}q> <{EX}o{i % 2}> .' for i in range(3)).encode()
    )
    return store


def test_the_listener_counts_a_connection(listener):
    mark = len(listener.peers)
    socket.create_connection(("127.0.0.1", listener.port), timeout=5).close()
    assert len(listener.connections_since(mark)) == 1


def test_without_the_check_the_engine_does_reach_the_listener(listener):
    """The listener sees what Oxigraph does when nothing stops it: the manifest's zeros mean something.

    The store here runs queries in threads of this process (``workers=0``): its worker processes
    would find no network at all, the second line of defence (tests/test_store_limits.py).
    """
    unguarded = EmbeddedStore(workers=0)
    unguarded.load_ntriples(f'<{EX}s> <{EX}p> "v" .\n'.encode())
    mark = len(listener.peers)
    with pytest.raises(StoreError, match="the query failed"):  # Oxigraph fails on the listener's empty answer
        unguarded.select(
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}", timeout=None
        )
    assert len(listener.connections_since(mark)) == 1


# --- the manifest -------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    query: str
    refused: str | None = None  #: a fragment of the refusal; None: the query runs
    rows: int | None = None  #: when it runs, how many rows (None: not checked)


def refused(id: str, query: str, fragment: str) -> Case:
    return Case(id, query, refused=fragment)


def runs(id: str, query: str, rows: int | None = None) -> Case:
    return Case(id, query, rows=rows)


SERVICE = "SERVICE is refused"
FROM = "FROM / FROM NAMED is refused"
UPDATE = "updates are refused"
SYNTAX = "not valid SPARQL"
FORM = "only SELECT and ASK queries are supported"
TRIPLE = "?s ?p ?o"

CASES = [
    # -- the codepoint-escape bypass (§19.2: \u takes 4 hex digits, \U takes 8) and its variants
    refused(
        "bypass-brief-one-line",
        'SELECT * WHERE { BIND(CONCAT("a\\u00000022, ") AS ?x) SERVICE @SVC@ { ?s ?p ?o } # ") AS ?y) }',
        "U+0000 (NUL), produced by an escape",
    ),
    refused(
        "bypass-brief-newline",
        'SELECT * WHERE { BIND(CONCAT("a\\u00000022, ") AS ?x) SERVICE @SVC@ { ?s ?p ?o } # ") AS ?y)\n}',
        "U+0000 (NUL)",
    ),
    refused(
        "bypass-8-digits-after-u-not-nul",
        'SELECT * WHERE { BIND(CONCAT("a\\u00410022, ") AS ?x) SERVICE @SVC@ { ?s ?p ?o } # ") AS ?y)\n}',
        SERVICE,
    ),
    # the same text with a well-formed escape: both readers now see the SERVICE inside a string
    runs(
        "bypass-4-digit-quote-one-reading",
        'SELECT * WHERE { BIND(CONCAT("a\\u0022, ") AS ?x) SERVICE @SVC@ { ?s ?p ?o } # ") AS ?y)\n}',
        rows=1,
    ),
    runs(
        "bypass-U-8-digit-quote-one-reading",
        'SELECT * WHERE { BIND(CONCAT("a\\U00000022, ") AS ?x) SERVICE @SVC@ { ?s ?p ?o } # ") AS ?y)\n}',
        rows=1,
    ),
    runs(
        "bypass-single-quote-escape",
        "SELECT * WHERE { BIND(CONCAT('a\\u0027, ') AS ?x) SERVICE @SVC@ { ?s ?p ?o } # ') AS ?y)\n}",
        rows=1,
    ),
    runs(
        "bypass-backslash-escape-quotes-the-quote",
        'SELECT * WHERE { BIND("a\\u005C" AS ?x) SERVICE @SVC@ { ?s ?p ?o } # " AS ?y)\n}',
        rows=1,
    ),
    refused(
        "quote-escape-closes-string-then-service",
        'SELECT * WHERE { BIND("a\\u0022 AS ?x) SERVICE @SVC@ { ?s ?p ?o } # " AS ?y)\n}',
        SERVICE,
    ),
    refused(
        "escape-producing-escape",
        'SELECT * WHERE { BIND(CONCAT("a\\u005Cu0022, ") AS ?x) SERVICE @SVC@ { ?s ?p ?o } # ") AS ?y)\n}',
        "an escape produces another escape",
    ),
    refused("escape-producing-backslash-then-u", 'SELECT ("\\u005C\\u0075" AS ?x) {}', "produces another escape"),
    refused("escape-producing-U-escape", 'SELECT ("\\u005CU00000022" AS ?x) {}', "produces another escape"),
    refused("malformed-escape-short", 'SELECT * WHERE { ?s ?p "\\u12" }', "malformed escape"),
    refused("malformed-escape-not-hex", 'SELECT * WHERE { ?s ?p "\\u00G2" }', "malformed escape"),
    refused("malformed-U-with-4-digits", 'SELECT * WHERE { ?s ?p "\\U0022" }', "\\U needs exactly 8 hex digits"),
    refused("malformed-escape-at-end", "SELECT * WHERE { ?s ?p ?o } \\u", "malformed escape"),
    refused("escape-surrogate", 'SELECT ("\\uD83D\\uDE00" AS ?x) {}', "surrogate"),
    refused("escape-beyond-unicode", 'SELECT ("\\U00110000" AS ?x) {}', "beyond U+10FFFF"),
    runs("escape-astral-ok", 'SELECT ("\\U0001F600" AS ?x) {}', rows=1),
    refused("escape-nul-in-iri", "SELECT * WHERE { ?s <http://ex.org/p\\u0000> ?o }", "U+0000"),
    refused("escape-control-char", 'SELECT ("a\\u0007" AS ?x) {}', "U+0007 (a control character)"),
    refused("escape-lone-cr", "SELECT * WHERE { ?s ?p ?o # x\\u000D SERVICE @SVC@ { ?s ?p ?o }\n}", "carriage return"),
    runs("escape-in-iri", "SELECT ?s WHERE { ?s <http://ex.org/\\u0070> ?o }", rows=3),
    runs("escape-iri-brackets", "SELECT ?s WHERE { ?s \\u003Chttp://ex.org/p\\u003E ?o }", rows=3),
    refused(
        "escape-gt-ends-iri-early",
        "SELECT * WHERE { ?s <http://ex.org/p\\u003E ?o . SERVICE @SVC@ { ?s ?p ?o } #> ?o }\n}",
        SERVICE,
    ),
    runs("escape-in-prefixed-name", "PREFIX ex: <http://ex.org/> SELECT ?s WHERE { ?s ex\\u003Ap ?o }", rows=3),
    runs("escape-in-local-name", "PREFIX ex: <http://ex.org/> SELECT ?s WHERE { ?s ex:\\u0070 ?o }", rows=3),
    runs("escape-open-brace", "SELECT ?s WHERE \\u007B ?s <http://ex.org/p> ?o }", rows=3),
    runs("escape-close-brace-lowercase-hex", "SELECT ?s WHERE { ?s <http://ex.org/p> ?o \\u007d", rows=3),
    runs("escape-brace-inside-string", 'SELECT ("x\\u007D" AS ?x) {}', rows=1),
    refused(
        "escape-brace-closes-group-then-service",
        "SELECT * WHERE { ?s ?p ?o \\u007D SERVICE @SVC@ { ?s ?p ?o } #}",
        SERVICE,
    ),
    runs("escape-hash-starts-comment", "SELECT ?s WHERE { ?s <http://ex.org/p> ?o \\u0023 SERVICE @SVC@ {}\n}", rows=3),
    refused(
        "escape-hash-inside-string", 'SELECT * WHERE { BIND("\\u0023" AS ?x) SERVICE @SVC@ { ?s ?p ?o } }', SERVICE
    ),
    refused(
        "escape-newline-ends-comment", "SELECT * WHERE { ?s ?p ?o # c\\u000A SERVICE @SVC@ { ?s ?p ?o } }", SERVICE
    ),
    refused("escape-newline-in-short-string", 'SELECT ("a\\u000Ab" AS ?x) {}', SYNTAX),
    refused("escape-keyword-U", "SELECT * WHERE { \\U00000053ERVICE @SVC@ { ?s ?p ?o } }", SERVICE),
    refused("escape-keyword-u", "SELECT * WHERE { SERVIC\\u0045 @SVC@ { ?s ?p ?o } }", SERVICE),
    refused("escape-keyword-from", "SELECT * FR\\u004FM <http://ex.org/g> WHERE { ?s ?p ?o }", FROM),
    refused("escape-keyword-load", "L\\u004FAD @SVC@", UPDATE),
    # -- raw characters the two readers could split differently
    refused(
        "lone-cr-ends-comment", "SELECT * WHERE { ?s ?p ?o # x \r SERVICE @SVC@ { ?s ?p ?o }\n}", "carriage return"
    ),
    refused("crlf-comment-then-service", "SELECT * WHERE { ?s ?p ?o # x\r\nSERVICE @SVC@ { ?s ?p ?o }\r\n}", SERVICE),
    runs("crlf-line-endings", "SELECT ?s\r\nWHERE {\r\n  ?s <http://ex.org/p> ?o # c\r\n}\r\n", rows=3),
    refused("nul-raw", "SELECT * WHERE { ?s ?p ?o }\x00", "U+0000"),
    refused("form-feed-in-comment", "SELECT * WHERE { ?s ?p ?o # \x0c SERVICE @SVC@ { ?s ?p ?o }\n}", "U+000C"),
    refused("lone-surrogate-raw", "SELECT * WHERE { ?s ?p '\ud800' }", "lone surrogate"),
    # -- SERVICE where it is only text: runs
    runs("service-in-string", 'SELECT ("SERVICE <http://x/>" AS ?s) {}', rows=1),
    runs("service-in-long-string", 'SELECT ("""a\nSERVICE @SVC@ { ?s ?p ?o }\n""" AS ?s) {}', rows=1),
    runs("service-in-comment", "SELECT ?s WHERE { ?s <http://ex.org/p> ?o # SERVICE @SVC@ { ?s ?p ?o }\n}", rows=3),
    runs("service-in-iri", "SELECT ?s WHERE { ?s <http://ex.org/SERVICE> ?o }", rows=0),
    runs("service-as-local-name", "PREFIX ex: <http://ex.org/> SELECT ?s WHERE { ?s ex:SERVICE ?o }", rows=0),
    runs("service-as-variable", "SELECT ?service WHERE { ?service <http://ex.org/p> ?o }", rows=3),
    # -- SERVICE as a clause, anywhere: refused
    refused("service-plain", "SELECT * WHERE { SERVICE @SVC@ { ?s ?p ?o } }", SERVICE),
    refused("service-lowercase", "select * where { service @SVC@ { ?s ?p ?o } }", SERVICE),
    refused("service-mixed-case", "SELECT * WHERE { SeRvIcE @SVC@ { ?s ?p ?o } }", SERVICE),
    refused("service-silent", "SELECT * WHERE { SERVICE SILENT @SVC@ { ?s ?p ?o } }", SERVICE),
    refused(
        "service-variable-bound-by-values",
        "SELECT * WHERE { VALUES ?svc { @SVC@ } SERVICE ?svc { ?s ?p ?o } }",
        SERVICE,
    ),
    refused(
        "service-variable-silent", "SELECT * WHERE { BIND(@SVC@ AS ?svc) SERVICE SILENT ?svc { ?s ?p ?o } }", SERVICE
    ),
    refused("service-in-subquery", "SELECT * WHERE { { SELECT ?s WHERE { SERVICE @SVC@ { ?s ?p ?o } } } }", SERVICE),
    refused("service-in-exists", "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE @SVC@ { ?s ?p ?o } } }", SERVICE),
    refused(
        "service-in-not-exists",
        "SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { SERVICE @SVC@ { ?s ?p ?o } } }",
        SERVICE,
    ),
    refused("service-in-optional", "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE @SVC@ { ?s ?p ?x } } }", SERVICE),
    refused("service-in-minus", "SELECT * WHERE { ?s ?p ?o MINUS { SERVICE @SVC@ { ?s ?p ?o } } }", SERVICE),
    refused("service-in-union-left", "SELECT * WHERE { { SERVICE @SVC@ { ?s ?p ?o } } UNION { ?s ?p ?o } }", SERVICE),
    refused("service-in-union-right", "SELECT * WHERE { { ?s ?p ?o } UNION { SERVICE @SVC@ { ?s ?p ?o } } }", SERVICE),
    refused("service-in-nested-groups", "SELECT * WHERE { { { { SERVICE @SVC@ { ?s ?p ?o } } } } }", SERVICE),
    refused("service-in-graph", "SELECT * WHERE { GRAPH ?g { SERVICE @SVC@ { ?s ?p ?o } } }", SERVICE),
    refused("service-in-service", "SELECT * WHERE { SERVICE @SVC@ { SERVICE @SVC@ { ?s ?p ?o } } }", SERVICE),
    refused(
        "service-between-property-paths",
        "SELECT * WHERE { ?s <http://ex.org/q>/^<http://ex.org/q>* ?o . "
        "SERVICE @SVC@ { ?s (<http://ex.org/p>|^<http://ex.org/q>)+ ?o } ?o !(<http://ex.org/p>) ?z }",
        SERVICE,
    ),
    refused("service-no-spaces", "SELECT*WHERE{?s ?p ?o.SERVICE@SVC@{?s ?p ?o}}", SERVICE),
    refused("service-in-select-expression", "SELECT (EXISTS { SERVICE @SVC@ { ?s ?p ?o } } AS ?x) {}", SERVICE),
    refused(
        "service-in-having",
        "SELECT ?s WHERE { ?s ?p ?o } GROUP BY ?s HAVING (EXISTS { SERVICE @SVC@ { ?s ?p ?o } })",
        SERVICE,
    ),
    refused("service-in-order-by", "SELECT * WHERE { ?s ?p ?o } ORDER BY (EXISTS { SERVICE @SVC@ { } })", SERVICE),
    refused("service-in-ask", "ASK { SERVICE @SVC@ { ?s ?p ?o } }", SERVICE),
    refused("service-dollar-variable", "SELECT * WHERE { VALUES ?svc { @SVC@ } SERVICE$svc { ?s ?p ?o } }", SERVICE),
    refused("service-long-s", "SELECT * WHERE { \u017fERVICE @SVC@ { ?s ?p ?o } }", SERVICE),  # 'ſ'.upper() == 'S'
    # rdflib cannot parse these SERVICE clauses at all (a '#' earlier on the line; one SERVICE in another)
    refused(
        "service-after-hash-in-iri",
        "SELECT * WHERE { ?s <http://ex.org/p#x> ?o . SERVICE @SVC@ { ?s ?p ?o } }",
        SERVICE,
    ),
    refused("service-after-hash-in-string", "SELECT * WHERE { ?s ?p '#' . SERVICE @SVC@ { ?s ?p ?o } }", SERVICE),
    # '<' is less-than here for both readers, so '#>' starts a comment for both
    runs("less-than-then-comment", "SELECT * WHERE { ?s ?p ?o FILTER(?o <?b) #> SERVICE @SVC@ { }\n}", rows=0),
    runs("less-than-no-spaces", "SELECT * WHERE { ?s ?p ?o FILTER(?o<?b)#>SERVICE @SVC@ { ?s ?p ?o }\n}", rows=0),
    runs("less-than-in-bind", "SELECT * WHERE { ?s ?p ?o BIND(?o <?b AS ?c) #> SERVICE @SVC@ { ?s ?p ?o }\n}", rows=6),
    runs(
        "less-than-in-order-by", "SELECT * WHERE { ?s ?p ?o } ORDER BY (?o <?b) #> SERVICE @SVC@ { ?s ?p ?o }\n", rows=6
    ),
    refused("service-in-construct", "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE @SVC@ { ?s ?p ?o } }", SERVICE),
    refused(
        "service-after-redeclared-prefix",
        "PREFIX ekg: <http://127.0.0.1/> SELECT * WHERE { SERVICE @SVC@ { ?s ekg:p ?o } }",
        SERVICE,
    ),
    # -- datasets
    refused("from", "SELECT * FROM <http://ex.org/g> WHERE { ?s ?p ?o }", FROM),
    refused("from-named", "SELECT * FROM NAMED <http://ex.org/g> WHERE { ?s ?p ?o }", FROM),
    refused("from-listener", "SELECT * FROM @SVC@ WHERE { ?s ?p ?o }", FROM),
    refused("from-lowercase", "select * from <http://ex.org/g> where { ?s ?p ?o }", FROM),
    refused("from-in-ask", "ASK FROM <http://ex.org/g> { ?s ?p ?o }", FROM),
    refused("from-in-subquery", "SELECT * WHERE { { SELECT * FROM <http://ex.org/g> WHERE { ?s ?p ?o } } }", SYNTAX),
    # -- updates
    refused("insert-data", "INSERT DATA { <http://ex.org/a> <http://ex.org/b> <http://ex.org/c> }", "INSERT DATA"),
    refused("delete-data", "DELETE DATA { <http://ex.org/s0> <http://ex.org/p> 'value 0' }", "DELETE DATA"),
    refused("delete-where", "DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
    refused("insert-where", "INSERT { ?s <http://ex.org/r> ?o } WHERE { ?s ?p ?o }", "DELETE/INSERT"),
    refused("with-delete-insert", "WITH <http://ex.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", UPDATE),
    refused("load-listener", "LOAD @SVC@", "LOAD"),
    refused("load-silent-into", "LOAD SILENT @SVC@ INTO GRAPH <http://ex.org/g>", "LOAD"),
    refused("clear", "CLEAR ALL", "CLEAR"),
    refused("drop", "DROP GRAPH <http://ex.org/g>", "DROP"),
    refused("create", "CREATE GRAPH <http://ex.org/g>", "CREATE"),
    refused("copy", "COPY DEFAULT TO <http://ex.org/g>", "COPY"),
    refused("lowercase-update", "insert data { <http://ex.org/a> <http://ex.org/b> 1 }", UPDATE),
    refused("prefixed-update", "PREFIX ex: <http://ex.org/> DELETE WHERE { ?s ex:p ?o }", UPDATE),
    refused(
        "query-then-update", "SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <http://ex.org/a> <http://ex.org/b> 1 }", ";"
    ),
    refused("update-then-query", "INSERT DATA { <http://ex.org/a> <http://ex.org/b> 1 } ; SELECT * {}", UPDATE),
    refused("update-then-load", "CLEAR DEFAULT ; LOAD @SVC@", "CLEAR, LOAD"),
    # -- query forms
    runs("select", "SELECT ?s WHERE { ?s <http://ex.org/p> ?o }", rows=3),
    runs("ask", "ASK { ?s <http://ex.org/p> 'value 1' }"),
    refused("construct", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", FORM),
    refused("construct-where", "CONSTRUCT WHERE { ?s ?p ?o }", FORM),
    refused("describe", "DESCRIBE <http://ex.org/s0>", FORM),
    # -- prefixes
    runs("usual-prefixes-declared", "SELECT ?c WHERE { ?c a ekg:Claim }", rows=0),
    runs("redeclared-prefix-wins", "PREFIX ekg: <http://ex.org/> SELECT ?s WHERE { ?s ekg:p ?o }", rows=3),
    refused("unknown-prefix", "SELECT * WHERE { ?s foo:bar ?o }", "unknown prefix 'foo:'"),
    refused("unknown-empty-prefix", "SELECT * WHERE { ?s :bar ?o }", "unknown prefix ':'"),
    # -- size and shape
    refused("oversize", "SELECT * WHERE { ?s ?p ?o }" + " " * MAX_CHARS, "at most 64,000"),
    refused("megabyte", "SELECT * WHERE { " + "?s ?p ?o . " * 100_000 + "}", "characters long"),
    refused("nested-500-groups", "SELECT * WHERE " + "{ " * 500 + TRIPLE + " }" * 500, "nests"),
    refused("nested-500-groups-unbalanced", "SELECT * WHERE " + "{ " * 500, "500 levels deep"),
    refused("nested-500-brackets", "SELECT * WHERE { FILTER(" + "(" * 500 + "1" + ")" * 500 + ") }", "nests"),
    refused("nested-500-blank-nodes", "SELECT * WHERE { ?s ?p " + "[ ?p " * 500 + "1" + " ]" * 500 + " }", "nests"),
    refused("nested-500-subqueries", "SELECT * WHERE " + "{ SELECT * WHERE " * 500 + "{}" + " }" * 500, "nests"),
    refused("nested-500-optional", "SELECT * WHERE { " + "OPTIONAL { " * 500 + TRIPLE + " }" * 500 + " }", "nests"),
    runs("nested-8-groups", "SELECT ?s WHERE " + "{ " * 8 + "?s <http://ex.org/p> ?o" + " }" * 8, rows=3),
    refused(
        "many-triples-in-a-row",
        "SELECT * WHERE { " + " ".join(f"?s <http://ex.org/p{i}> ?o{i} ." for i in range(300)) + " }",
        "too complex",
    ),
    refused("empty", "", SYNTAX),
    refused("only-a-comment", "# SELECT * WHERE { ?s ?p ?o }", SYNTAX),
]


def _fill(query: str, port: int) -> str:
    return query.replace("@SVC@", f"<http://127.0.0.1:{port}/sparql>")


_RAW_PARSER_OUTPUT = re.compile(r"Expected|W:\(|\(at char|\\u\{|'\\u[0-9A-Fa-f]{4}'\.\.|\[\^|\.\.=|found '")


def test_the_manifest_ids_are_unique():
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_query(case: Case, listener: Listener, hostile_store: EmbeddedStore) -> None:
    query = _fill(case.query, listener.port)
    mark = len(listener.peers)
    if case.refused is not None:
        started = time.perf_counter()
        with pytest.raises(QueryError) as info:
            run_console(hostile_store, query, timeout=10)
        message = str(info.value)
        assert case.refused in message, message
        assert message.startswith("console: ") and "\n" not in message
        assert not _RAW_PARSER_OUTPUT.search(message), message
        assert time.perf_counter() - started < 10
    else:
        table = run_console(hostile_store, query, timeout=10)
        if case.rows is not None:
            assert len(table.rows) == case.rows, table.rows
    assert listener.connections_since(mark) == []


def test_the_two_readers_agree_on_the_bypass(listener: Listener, hostile_store: EmbeddedStore) -> None:
    """The well-formed escape runs, and runs the reading the check made: SERVICE stays inside a string."""
    query = _fill(
        'SELECT ?y WHERE { BIND(CONCAT("a\\u0022, ") AS ?x) SERVICE @SVC@ { ?s ?p ?o } # ") AS ?y)\n}',
        listener.port,
    )
    mark = len(listener.peers)
    table = run_console(hostile_store, query)
    assert table.values("y") == [f"a) AS ?x) SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} # "]
    assert listener.connections_since(mark) == []


# --- what the engine receives -------------------------------------------------------------


class RecordingStore(EmbeddedStore):
    def __init__(self) -> None:
        super().__init__()
        self.received: list[str] = []

    def select(self, sparql, bindings=None, *, limit=None, timeout=None) -> ResultTable:
        self.received.append(sparql)
        return super().select(sparql, bindings, limit=limit, timeout=timeout)


def test_the_engine_receives_the_text_that_was_read():
    store = RecordingStore()
    run_console(store, 'SELECT ("\\u00E9t\\u00E9" AS ?x) WHERE \\u007B }')
    assert store.received == [PREFIX_BLOCK + 'SELECT ("été" AS ?x) WHERE { }']
    reading = read_query('SELECT ("\\u00E9" AS ?x) {}', prefixes={"ex": EX})
    assert reading.text == f"PREFIX ex: <{EX}>\n" + 'SELECT ("é" AS ?x) {}'
    assert reading.body == 'SELECT ("é" AS ?x) {}' and reading.form == "SELECT" and reading.prefix_lines == 1


def test_a_query_file_is_read_the_same_way(tmp_path):
    hostile = tmp_path / "hostile.rq"
    hostile.write_text(
        '# title: t\nSELECT * WHERE { BIND(CONCAT("a\\u00000022, ") AS ?x) SERVICE <http://127.0.0.1:9/> {} # ")\n}\n'
    )
    with pytest.raises(QueryError, match=r"hostile\.rq: line 2, column 32: U\+0000"):
        load_query_file(hostile)
    escaped = tmp_path / "escaped.rq"
    escaped.write_text("# title: t\nSELECT ?s WHERE \\u007B ?s <http://ex.org/p> ?o }\n")
    spec = load_query_file(escaped)
    assert spec.text == "# title: t\nSELECT ?s WHERE { ?s <http://ex.org/p> ?o }\n"


def test_forms_are_a_parameter():
    assert read_query("CONSTRUCT WHERE { ?s ?p ?o }", forms=QUERY_FORMS).form == "CONSTRUCT"
    assert read_query("DESCRIBE <http://ex.org/s0>", forms=QUERY_FORMS).form == "DESCRIBE"
    assert read_query("ASK {}").form == "ASK"
    with pytest.raises(QueryError, match="only SELECT queries are supported, not ASK"):
        read_query("ASK {}", forms=("SELECT",))
    with pytest.raises(QueryError, match="SERVICE is refused"):
        read_query("CONSTRUCT WHERE { SERVICE <http://x/> { ?s ?p ?o } }", forms=QUERY_FORMS)
    with pytest.raises(ValueError, match="forms must be"):
        read_query("ASK {}", forms=("UPDATE",))


def test_the_size_cap_is_checked_before_parsing():
    big = "SELECT * WHERE { " + "?s ?p ?o . " * 100_000 + "}"  # 1.1 MB: about 16 s in rdflib's parser
    started = time.perf_counter()
    with pytest.raises(QueryError, match=r"query: the query is 1,100,018 characters long; at most 64,000"):
        read_query(big)
    assert time.perf_counter() - started < 0.5
    with pytest.raises(QueryError, match="at most 100 are accepted"):
        read_query("SELECT * WHERE { ?s ?p ?o }" + " " * 100, max_chars=100)
    assert read_query("SELECT * WHERE { ?s ?p ?o }" + " " * 100, max_chars=None).form == "SELECT"


def test_the_check_does_not_change_rdflibs_own_parser():
    from rdflib.plugins.sparql import parser as rdflib_parser

    with pytest.raises(QueryError):
        read_query("SELECT * WHERE { ?s ?p ?o . FILTER(?o = ) }")  # explained by a private grammar
    seen: set[int] = set()
    stack = [rdflib_parser.QueryUnit, rdflib_parser.UpdateUnit]
    while stack:
        element = stack.pop()
        if id(element) in seen:
            continue
        seen.add(id(element))
        assert not element.debug, element
        stack.extend(getattr(element, "exprs", None) or ())
        if getattr(element, "expr", None) is not None:
            stack.append(element.expr)
    assert rdflib_parser.parseQuery("SELECT * WHERE { ?s ?p ?o }")[1].name == "SelectQuery"


# --- error messages -------------------------------------------------------------------------


def _console_error(query: str) -> str:
    with pytest.raises(QueryError) as info:
        read_console(query)
    return str(info.value)


def test_errors_give_the_users_line_and_column_not_the_engines():
    hidden = PREFIX_BLOCK.count("\n")
    assert hidden >= 10
    message = _console_error("SELECT *\nWHERE {\n  ?s ?p ?o .\n  FILTER(?o = )\n}")
    assert message == "console: line 4, column 15: not valid SPARQL: unexpected ')'; expected an expression"
    assert f"line {4 + hidden}" not in message
    assert _console_error("SELECT WHERE { ?s ?p ?o }").startswith(
        "console: line 1, column 8: not valid SPARQL: unexpected 'WHERE'; expected a variable"
    )


def test_what_only_the_engine_refuses_is_said_in_the_users_lines(hostile_store):
    """A LIMIT past the engine's u64 passes rdflib's reading; Oxigraph's position counts our prefix lines."""
    from kg.query import run_console

    for digits in (25, 5_000):
        with pytest.raises(QueryError) as info:
            run_console(hostile_store, "SELECT *\nWHERE { ?s ?p ?o }\nLIMIT " + "9" * digits)
        message = str(info.value)
        assert message.startswith("console: line 3, column "), message
        assert "\n" not in message and "error at" not in message


def test_kg_query_refuses_a_limit_of_5000_digits_in_one_line(tmp_path, build_dir):
    """Issue 22: the engine's line numbers, and rdflib's logged traceback, on the user's terminal."""
    import subprocess
    import sys

    query = "SELECT * WHERE { ?s ?p ?o } LIMIT " + "9" * 5_000
    ran = subprocess.run(
        [sys.executable, "-m", "kg", "query", "--build", str(build_dir), "-"],
        input=query,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert ran.returncode == 2, ran.stderr
    assert "Traceback" not in ran.stderr and ran.stderr.count("\n") == 1, ran.stderr
    assert ran.stderr.startswith("error: <stdin>: line 1, column "), ran.stderr


def test_an_unknown_prefix_is_named_in_words():
    message = _console_error("SELECT *\nWHERE { ?s foo:bar ?o }")
    assert message.startswith(
        "console: line 2, column 12: unknown prefix 'foo:'; declare it with PREFIX foo: <...> (declared: "
    )
    assert "ekg" in message and "rdfs" in message
    declared = _console_error("PREFIX foo: <http://ex.org/>\nSELECT * WHERE { ?s foo:p ?o . ?s bar:q ?o }")
    assert "line 2, column 35: unknown prefix 'bar:'" in declared and "foo" in declared


def test_a_missing_brace_names_the_group_it_would_close():
    message = _console_error("SELECT * WHERE {\n  ?s ?p ?o .\n  OPTIONAL { ?s ?q ?x }\n")
    assert message == "console: line 4, column 1: not valid SPARQL: expected '}' to close the group opened on line 1"
    inner = _console_error("SELECT * WHERE {\n  ?s ?p ?o .\n  OPTIONAL { ?s ?q ?x\n")
    assert "line 3" in inner and "expected '}' to close the group opened on line 3" in inner
    bracket = _console_error("SELECT * WHERE { FILTER((?o > 1) }")
    assert "unexpected '}'" in bracket


def test_columns_count_the_escapes_the_user_typed():
    # the error is the ')' after '=': column 51 of the typed text, 41 of the processed one
    query = 'SELECT * WHERE { ?s ?p "\\u00E9\\u00E9" FILTER(?o = ) }'
    assert query.index(")") + 1 == 51
    assert _console_error(query).startswith("console: line 1, column 51: not valid SPARQL: unexpected ')'")


@pytest.mark.parametrize(
    "query, fragment",
    [
        (
            "SELECT * WHERE { ?s ?p ?o } LIMIT x",
            "line 1, column 35: not valid SPARQL: unexpected 'x'; expected an integer",
        ),
        ("SELECT * WHERE { ?s ?p }", "line 1, column 24: not valid SPARQL: unexpected '}'; expected a term"),
        ("SELEKT * WHERE { ?s ?p ?o }", "unexpected 'SELEKT'; expected 'BASE', 'PREFIX', 'SELECT'"),
        ("SELECT ?s WHERE WHERE { ?s ?p ?o }", "line 1, column 17: not valid SPARQL: unexpected 'WHERE'; expected '{'"),
        ('SELECT * WHERE { ?s ?p "abc }', "line 1, column 24: not valid SPARQL: the string '\"abc }' is not closed"),
        ("SELECT * WHERE { ?s ?p ?o } }", "unexpected '}' after the end of the query"),
        ("SELECT (COUNT(?s) ?n) WHERE { ?s ?p ?o }", "unexpected '?n'; expected 'IN', 'NOT', 'AS'"),
        ("SELECT * WHERE { ?s ?p ?o FILTER regex(?o, ) }", "unexpected ')'; expected an expression"),
        ("", "line 1, column 1: not valid SPARQL: the query ends too early; expected"),
        ("SELECT * {} ; SELECT * {}", "only one query can run at a time"),
        ("SELECT * WHERE { ?s ?p ?o FILTER(?o > ) ", "unexpected ')'; expected an expression"),
        ("SELECT * WHERE { ?s ?p ?o . BIND(1 ?x) }", "unexpected '?x'; expected 'IN', 'NOT', 'AS'"),
        (
            "SELECT * WHERE { ?s <http://ex.org/a b> ?o }",
            "line 1, column 38: not valid SPARQL: unexpected 'b'; expected '>'",
        ),
        (
            "SELECT * WHERE { ?s ?p 'x'@ }",
            "line 1, column 29: not valid SPARQL: unexpected '}'; expected a language tag",
        ),
        ("SELECT * WHERE { ?s ?p ?o } ORDER BY", "the query ends too early; expected"),
        ("SELECT * WHERE { VALUES ?x { ?y } }", "unexpected '?y'; expected"),
    ],
)
def test_syntax_errors_are_one_line_in_words(query, fragment):
    message = _console_error(query)
    assert fragment in message, message
    assert "\n" not in message and not _RAW_PARSER_OUTPUT.search(message), message


def test_no_message_is_pyparsing_output():
    """Every refusal in the manifest, and the cases above, read as words (no Unicode ranges, no 'Expected {')."""
    broken = [c.query for c in CASES if c.refused] + [
        "SELECT * WHERE { ?s ?p ?o . ?o ?q }",
        "SELECT * WHERE { ?s ?p ?o . FILTER(regex(?o, 'a', )) }",
        "SELECT ?x WHERE { ?x ?p ?o } GROUP BY",
        "PREFIX : <http://ex.org/> SELECT * WHERE { :a :b :c :d }",
        "SELECT * WHERE { ?s ?p ?o } LIMIT 10 OFFSET",
        "SELECT * WHERE { ?s ^ ?o }",
        "SELECT * WHERE { ?s ?p 1.2.3 }",
        "SELECT * WHERE { ?s ?p _: }",
        "ASK",
    ]
    for query in broken:
        message = _console_error(_fill(query, 9))
        assert not _RAW_PARSER_OUTPUT.search(message), message
        assert "\n" not in message, message
        assert "\\u00" not in message or "escape" in message, message


def test_a_console_error_reaches_the_app_as_the_same_words(hostile_store):
    from kg.appdata import console

    result = console.console(hostile_store, "SELECT *\nWHERE { ?s foo:bar ?o }")
    assert result.table is None and result.error.startswith("console: line 2, column 12: unknown prefix 'foo:'")


def test_a_long_wrong_query_is_still_refused_in_words(monkeypatch):
    """When explaining would take too long, the error is placed where rdflib stopped."""
    from kg.query import grammar

    monkeypatch.setenv("KG_PARSE_WORKERS", "0")  # read in this process, where the patch applies
    monkeypatch.setattr(grammar._Grammar, "BUDGET_S", 0.0)
    query = "SELECT * WHERE {\n" + "  ?s <http://ex.org/p> ?o . FILTER(?o != 1)\n" * 40 + "  FILTER(?o = )\n}"
    message = _console_error(query)
    assert message == (
        "console: line 42, column 3: not valid SPARQL at or after 'FILTER' (the query is too long to say exactly where)"
    )


def test_a_broken_explanation_still_refuses(monkeypatch):
    from kg.query import grammar

    def broken(self, text):
        raise RuntimeError("pyparsing changed")

    monkeypatch.setenv("KG_PARSE_WORKERS", "0")  # read in this process, where the patch applies
    monkeypatch.setattr(grammar._Grammar, "diagnose", broken)
    message = _console_error("SELECT * WHERE { ?s ?p }")
    assert message == "console: line 1, column 18: not valid SPARQL: unexpected '?s': the query is not valid here"


def test_oversize_message_says_the_cap():
    with pytest.raises(QueryError) as info:
        run_console(EmbeddedStore(), "#" * (MAX_CHARS + 1))
    assert str(info.value) == (
        "console: the query is 64,001 characters long; at most 64,000 are accepted (the cap keeps checking fast)"
    )


def test_deep_nesting_is_a_clean_error_not_a_traceback():
    for depth in (100, 500, 4000):
        with pytest.raises(QueryError, match=f"nests {{ }}, \\( \\) or \\[ \\] {depth} levels deep"):
            read_query("SELECT * WHERE " + "{ " * depth + "}" * depth)
    with pytest.raises(QueryError, match="the query has 10,003 tokens; at most 10,000 are accepted"):
        read_query("SELECT * WHERE " + "{ " * 5000 + "}" * 5000)


def test_a_refused_query_is_a_kg_error():
    """The CLI and the app report KgErrors without a traceback."""
    assert issubclass(QueryError, KgError)


# --- unescape_codepoints (SPARQL 1.1 §19.2) -------------------------------------------------


@pytest.mark.parametrize(
    "raw, processed",
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p ?o }"),
        ("<ab\\u00E9xy>", "<abéxy>"),  # the spec's own examples
        ("\\u03B1:a", "α:a"),
        ("a\\u003Ab", "a:b"),
        ("\\u00e9\\u00C9", "éÉ"),  # hex digits in either case
        ("\\U0001F600", "\U0001f600"),
        ("\\U000000E9", "é"),
        ("\\u00000022", "\x000022"),  # \u takes exactly 4 digits: U+0000, then the text 0022
        ("\\u00410042", "A0042"),
        ("\\u005Cu0022", "\\u0022"),  # one pass: what an escape produces is not read again
        ("\\u005C\\u005C", "\\\\"),
        ("\\\\u0041", "\\A"),  # processed before the grammar: a backslash before it does not protect it
        ("\\u0022\\u0027\\u007B\\u007D\\u003C\\u003E\\u0023", "\"'{}<>#"),
        ("\\u000A\\u000D\\u0009", "\n\r\t"),
        ("\\uFFFF\\U0010FFFF", "\uffff\U0010ffff"),
        ("\\n \\t \\\\ \\x41", "\\n \\t \\\\ \\x41"),  # other backslashes are the grammar's business
    ],
)
def test_unescape_codepoints(raw, processed):
    assert unescape_codepoints(raw) == processed


@pytest.mark.parametrize(
    "raw, message",
    [
        ("ab\\u12", r"^line 1, column 3: malformed escape '\\\\u12': \\u needs exactly 4 hex digits"),
        ("x\n  \\u00G0", r"^line 2, column 3: malformed escape"),
        ("\\U0000004", r"\\U needs exactly 8 hex digits"),
        ("\\U0041", r"\\U needs exactly 8 hex digits"),
        ("\\u", r"malformed escape"),
        ("\\uD800", r"is a surrogate"),
        ("\\uDFFF", r"is a surrogate"),
        ("\\U0000D800", r"is a surrogate"),
        ("\\U00110000", r"beyond U\+10FFFF"),
        ("\\UFFFFFFFF", r"beyond U\+10FFFF"),
    ],
)
def test_unescape_codepoints_refuses_what_is_not_an_escape(raw, message):
    with pytest.raises(QueryError, match=message):
        unescape_codepoints(raw)


def test_the_canned_queries_read_as_written():
    """No canned query uses an escape: the reading hands the engine each file's text unchanged."""
    from kg.project.data import QUERIES

    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) > 30
    for path in files:
        assert load_query_file(path).text == path.read_text(encoding="utf-8"), path.name


def test_readings_from_many_threads_at_once_agree_with_one_thread():
    """rdflib's parser is not thread-safe, and the app reads queries from one thread per session.

    In a fresh process (pyparsing learns each parse action's arity on its first call, which is where
    threads race), 16 threads read 64 queries at once; without the parser's lock every one failed.
    """
    import subprocess
    import sys

    script = (
        "import concurrent.futures\n"
        "from kg.query import read_console\n"
        "from kg.errors import QueryError\n"
        "qs = [f'SELECT ?s WHERE {{ ?s ?p {n} . FILTER(?s != {n}) }} ORDER BY ?s LIMIT {n + 1}' for n in range(64)]\n"
        "qs += [f'SELECT * WHERE {{ SERVICE <http://127.0.0.1:9/{n}> {{ ?s ?p ?o }} }}' for n in range(16)]\n"
        "def outcome(q):\n"
        "    try:\n"
        "        return read_console(q).form\n"
        "    except QueryError as exc:\n"
        "        return 'SERVICE' if 'SERVICE is refused' in str(exc) else str(exc)\n"
        "with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:\n"
        "    print(sorted(set(pool.map(outcome, qs))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "['SELECT', 'SERVICE']", done.stdout


# --- reading tried again (second session): other operators, nestings and long runs under the caps --
#: Each: the query, and the seconds it took to refuse or read on the shared machine (load 15) with
#: a 20 s deadline. The figure that makes a case a failure: a reading past its deadline (2 s here)
#: by more than the time to stop a process, or a refusal that is not one line.
READING_VARIANTS = {
    "9,000 unary ! (refused by the operator cap, 0.01 s)": "SELECT * WHERE { FILTER(" + "!" * 9000 + "true) }",
    "9,000 unary - (0.00 s)": "SELECT * WHERE { FILTER(" + "-" * 9000 + "1 = 1) }",
    "990 nested ( ) (too deep, 0.32 s)": "SELECT * WHERE { FILTER(" + "(" * 990 + "1" + ")" * 990 + ") }",
    "IN of 990 (read, 3.2 s)": "SELECT * WHERE { FILTER(1 IN (" + ",".join(["1"] * 990) + ")) }",
    "9,000 prefixed names (2.4 s)": "SELECT * WHERE { VALUES ?v { " + "ex:a " * 9000 + "} }",
    "a path of 990 steps (1.0 s)": "SELECT * WHERE { ?s " + "/".join(["ex:p"] * 990) + " ?o }",
    "9,000 inverse ^ (0.24 s)": "SELECT * WHERE { ?s " + "^" * 9000 + "ex:p ?o }",
    "300 nested ( )* paths (0.08 s)": "SELECT * WHERE { ?s " + "(" * 300 + "ex:p" + ")*" * 300 + " ?o }",
    "40 nested OPTIONAL (0.16 s)": "SELECT * WHERE { " + "OPTIONAL { ?s ?p ?o " * 40 + "}" * 40 + " }",
    "900 nested [ ] (0.14 s)": "SELECT * WHERE { ?s ?p " + "[ ?p " * 900 + "?o" + " ]" * 900 + " }",
    "300 nested STR( ) (0.09 s)": "SELECT * WHERE { BIND(" + "STR(" * 300 + "1" + ")" * 300 + " AS ?x) }",
    "900 BINDs (read, 4.7 s)": "SELECT * WHERE { " + " ".join(f"BIND(1 AS ?v{i})" for i in range(900)) + " }",
    "900 UNIONs (read, 2.0 s)": "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 900) + " }",
    "a 60,000-character string (0.38 s)": 'SELECT * WHERE { BIND("' + "x" * 60_000 + '" AS ?x) }',
}


@pytest.mark.parametrize("query", list(READING_VARIANTS.values()), ids=list(READING_VARIANTS))
def test_a_reading_under_the_caps_ends_by_its_deadline(query):
    started = time.monotonic()
    try:
        read_query(query, prefixes={"ex": EX}, timeout=2.0)
        outcome = "read"
    except QueryError as exc:
        outcome = str(exc)
    elapsed = time.monotonic() - started
    assert elapsed < 3.5, (elapsed, outcome[:100])
    assert "\n" not in outcome
