"""A parameter value must not turn a checked query into another one (issue 22, item 1), as a manifest.

The attack: a project's query file holds a string the old binder misread (``'''a\\'''``: the
``\\'`` does not end it, the old pattern thought it did), so the binder put the parameter's
``VALUES`` block inside the string; the value ``http://e/''',#`` closed the string there and
commented out the rest of the line; what the checker had read as string content, a SERVICE to
a listener, was then code for the engine. Each case runs the real query file through
``run_spec`` on an embedded store, with the worker sandbox off (``workers=0``: Oxigraph in this
process connects if it runs the SERVICE) and on, against a real listener on 127.0.0.1 that must
see no connection. The first case takes all three defences away and shows the listener does see
the engine's connection, so the zeros below mean something.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.errors import QueryError, StoreError
from kg.query import load_query_file, run_construct, run_spec
from kg.query import sites as sites_module
from kg.store import EmbeddedStore, binding
from kg.store.iri import is_iri
from kg.store.results import Term
from tests.test_hostile_queries import Listener

ATTACK = "http://e/''',#"
#: The binder's scan before the fix: a ``'''`` string ended at the first ``'''``, escapes or not.
OLD_SKIP = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)


@pytest.fixture(autouse=True)
def own_check_cache(tmp_path, monkeypatch):
    """Each case checks afresh: the places check's record of passed queries lives in the case's own folder."""
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.close()


def tricky_query(folder: Path, port: int, kind: str = "iri") -> Path:
    """A query file the checker reads as harmless: the SERVICE is inside a ``'''`` string."""
    path = folder / "queries" / "tricky.rq"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"# title: tricky\n# param: x {kind} a thing\n"
        "SELECT ?x (CONCAT('''a\\''' WHERE {\n"
        f'"") AS ?w) WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} '
        "FILTER(?w != ''', \"b\") AS ?w2) WHERE { ?s ?p ?o } #''') }\n",
        encoding="utf-8",
    )
    return path


def store_with(workers: int) -> EmbeddedStore:
    store = EmbeddedStore(workers=workers)
    store.load_ntriples(b'<http://ex.org/s> <http://ex.org/p> "v" .\n')
    return store


@pytest.fixture(params=["0", "2"], ids=["KG_QUERY_WORKERS=0", "workers"])
def store(request, monkeypatch):
    monkeypatch.setenv("KG_QUERY_WORKERS", request.param)  # as a user sets it
    made = EmbeddedStore()
    made.load_ntriples(b'<http://ex.org/s> <http://ex.org/p> "v" .\n')
    yield made
    made.close()


def attempt(store: EmbeddedStore, query: Path, listener: Listener, value: str = ATTACK) -> tuple[str, int]:
    """Run the query file with the value: what happened (a row count or the error) and the connections seen."""
    sites_module._check.cache_clear()  # the places are cached per text: each case checks afresh
    spec = load_query_file(query)
    mark = len(listener.peers)
    try:
        outcome = f"{len(run_spec(store, spec, {'x': value}, timeout=10).rows)} rows"
    except (QueryError, StoreError) as exc:
        outcome = f"{type(exc).__name__}: {exc}"
    return outcome, len(listener.connections_since(mark))


def test_without_the_defences_the_attack_reaches_the_listener(tmp_path, listener, monkeypatch):
    """Old scan, permissive IRIs and no check of the places: the engine runs the hidden SERVICE."""
    monkeypatch.setattr(binding, "_SKIP", OLD_SKIP)
    monkeypatch.setattr("kg.query.params.is_iri", lambda value: True)
    monkeypatch.setattr(binding, "is_iri", lambda value: True)
    monkeypatch.setattr("kg.query.run.check_binding_places", lambda *args: None)
    unguarded = store_with(0)
    outcome, seen = attempt(unguarded, tricky_query(tmp_path, listener.port), listener)
    assert seen == 1, outcome
    assert "the query failed" in outcome  # Oxigraph connected, and failed on the listener's empty answer


def test_the_value_is_not_an_iri(tmp_path, listener, store):
    outcome, seen = attempt(store, tricky_query(tmp_path, listener.port), listener)
    assert seen == 0
    assert outcome.startswith("QueryError: parameter 'x': not a valid IRI: \"http://e/''',#\"")
    assert "\n" not in outcome


def test_a_scan_that_misreads_a_string_is_caught_by_the_checker(tmp_path, listener, store, monkeypatch):
    """The old scan and an IRI check that let the value through: the places check refuses before the engine runs."""
    monkeypatch.setattr(binding, "_SKIP", OLD_SKIP)
    monkeypatch.setattr("kg.query.params.is_iri", lambda value: True)
    monkeypatch.setattr(binding, "is_iri", lambda value: True)
    outcome, seen = attempt(store, tricky_query(tmp_path, listener.port), listener)
    assert seen == 0
    assert "the query's parameters cannot be bound safely" in outcome and "(0 of 1 found)" in outcome


def test_the_scan_reads_the_string_whole_so_the_query_runs_as_checked(tmp_path, listener, store, monkeypatch):
    """With the scan fixed, even a value with quotes lands in code, as one IRI token: no SERVICE runs."""
    monkeypatch.setattr("kg.query.params.is_iri", lambda value: True)
    monkeypatch.setattr(binding, "is_iri", lambda value: True)
    outcome, seen = attempt(store, tricky_query(tmp_path, listener.port), listener)
    assert seen == 0
    assert outcome == "1 rows"


@pytest.mark.parametrize(
    "value",
    ["''',#", "'''), ''' ", '""" } SERVICE', "a\\'''#", "x\n#", "\\", "'", "a\u0022b"],
)
def test_a_string_value_is_one_literal_wherever_it_is_bound(tmp_path, listener, store, value):
    """Literals are escaped by SPARQL's ECHAR rules: no quote or backslash in a value ends the literal."""
    outcome, seen = attempt(store, tricky_query(tmp_path, listener.port, "string"), listener, value)
    assert seen == 0
    assert outcome == "1 rows"


def test_construct_queries_are_checked_the_same_way(tmp_path, listener, monkeypatch):
    path = tmp_path / "queries" / "tricky-construct.rq"
    path.parent.mkdir(parents=True)
    path.write_text(
        "# title: c\n# param: x string a thing\n"
        "CONSTRUCT { ?s ?p '''a\\''' WHERE { ''' } WHERE { ?s ?p ?o FILTER(?x != '') }\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(binding, "_SKIP", OLD_SKIP)
    sites_module._check.cache_clear()
    with pytest.raises(QueryError, match="cannot be bound safely"):
        run_construct(store_with(0), load_query_file(path), {"x": "v"})


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("https://w3id.org/evidence-kg/resource/claim/abc-12_x", True),
        ("http://[::1]:80/x?y=1#f", True),
        ("http://e/é/(a),b", True),
        ("urn:isbn:0-19-852663-6", True),
        (ATTACK, False),  # "'" is refused on top of RFC 3987
        ("http://e/a#b#c", False),  # '#' only once, before the fragment
        ("http://e/a b", False),
        ("http://e/a>b", False),
        ("http://e/{x}", False),
        ("http://e/%zz", False),
        ("no-scheme/x", False),
    ],
)
def test_iris_by_rfc_3987(value, valid):
    assert is_iri(value) is valid


def test_the_iri_check_is_linear():
    started = time.perf_counter()
    assert not is_iri("http://e/" + "a" * 200_000 + " ")
    assert time.perf_counter() - started < 0.5


def test_the_binder_writes_escaped_literals():
    assert binding.written(Term("literal", "a'''\"\\\n")) == "\"a\\'\\'\\'\\\"\\\\\\n\""


@pytest.mark.parametrize("workers", ["0", "2"], ids=["KG_QUERY_WORKERS=0", "workers"])
def test_kg_query_refuses_the_attack_in_one_line(tmp_path, listener, workers):
    """As a user runs it: ``kg query FILE.rq --param x=...`` over a built graph, exit 2, one line, no connection."""
    build = tmp_path / "build"
    build.mkdir()
    (build / "kg.nt").write_text('<http://ex.org/s> <http://ex.org/p> "v" .\n', encoding="utf-8")
    query = tricky_query(tmp_path, listener.port)
    mark = len(listener.peers)
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", str(query), "--param", f"x={ATTACK}", "--build", str(build)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "KG_QUERY_WORKERS": workers},
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().count("\n") == 0 and "not a valid IRI" in done.stderr
    assert len(listener.connections_since(mark)) == 0


def test_a_passed_check_is_recorded_on_disk_and_a_refused_one_never(tmp_path, listener, store, monkeypatch):
    """The record spares the next process the parse; a refusal is never recorded, so it is made again."""
    records = tmp_path / "cache" / "binding-places"
    query = tricky_query(tmp_path, listener.port)
    monkeypatch.setattr(binding, "_SKIP", OLD_SKIP)
    monkeypatch.setattr("kg.query.params.is_iri", lambda value: True)
    monkeypatch.setattr(binding, "is_iri", lambda value: True)
    assert "cannot be bound safely" in attempt(store, query, listener)[0]
    assert not records.exists() or not list(records.iterdir())
    monkeypatch.undo()  # the fixed scan
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    spec = load_query_file(query)
    sites_module._check.cache_clear()
    sites_module.check_binding_places(spec.text, ("x",))
    assert len(list(records.iterdir())) == 1
    sites_module._check.cache_clear()
    monkeypatch.setattr(sites_module, "_check_now", lambda *args: pytest.fail("checked again"))
    sites_module.check_binding_places(spec.text, ("x",))


# --- tried again (second session): the other string forms, other values, other escapes -----------
#: Each string form of SPARQL hides the body's first '{' from a reader that ends a string at an
#: escaped quote; the SERVICE after it reaches the listener if the value is bound there.
QUOTES = ["'''", '"""', "'", '"']


def hidden_query(folder: Path, port: int, quote: str, kind: str) -> Path:
    """The first case's query file written with each of SPARQL's four string forms."""
    newline = "\n" if len(quote) == 3 else " "
    filler, other = ("'x'", "'b'") if quote[0] == '"' else ('"x"', '"b"')
    single = "s" if quote[0] == "'" else "d"
    path = folder / "queries" / f"hidden-{len(quote)}{single}.rq"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"# title: hidden\n# param: x {kind} a thing\n"
        f"SELECT ?x (CONCAT({quote}a\\{quote} WHERE {{{newline}{filler}) AS ?w) WHERE {{ "
        f"SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} FILTER(?w != {quote}, {other}) AS ?w2) "
        f"WHERE {{ ?s ?p ?o }} #{quote}) }}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("quote", QUOTES)
def test_every_string_form_hides_nothing_from_the_binder(tmp_path, listener, store, quote):
    """The figure: connections the listener saw (0), and the answer the checked query gives."""
    iri = attempt(store, hidden_query(tmp_path, listener.port, quote, "iri"), listener, f"http://e/{quote},#")
    text = attempt(store, hidden_query(tmp_path, listener.port, quote, "string"), listener, f"{quote},#")
    assert iri[1] == 0 and text[1] == 0
    assert iri[0].startswith("QueryError: parameter 'x': not a valid IRI") and "\n" not in iri[0]
    assert text[0] == "1 rows"


@pytest.mark.parametrize("quote", ['"""'])
def test_the_old_scan_on_the_long_double_quoted_form_is_caught_by_the_checker(
    tmp_path, listener, store, monkeypatch, quote
):
    """The old scan misread '\"\"\"a\\\"\"\"' as it misread ''': the places check alone refuses."""
    monkeypatch.setattr(binding, "_SKIP", OLD_SKIP)
    monkeypatch.setattr("kg.query.params.is_iri", lambda value: True)
    monkeypatch.setattr(binding, "is_iri", lambda value: True)
    outcome, seen = attempt(store, hidden_query(tmp_path, listener.port, quote, "iri"), listener, 'http://e/""",#')
    assert seen == 0
    assert "the query's parameters cannot be bound safely" in outcome


@pytest.mark.parametrize(
    "value",
    [
        "\\u0027''',#",  # an escape written out: processed once by the reader, never by the binder's output
        "\\U00000027",
        "a\rb",
        "a\u2028b",  # a line separator: a line end for some readers, not SPARQL's
        "a\x00b",
        "\ud800",  # a lone surrogate cannot reach the engine as text: one line (was "the query failed: ValueError")
        "''' . } SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } #",
        "\\",
    ],
)
def test_more_string_values_stay_one_literal(tmp_path, listener, store, value):
    outcome, seen = attempt(store, tricky_query(tmp_path, listener.port, "string"), listener, value)
    assert seen == 0
    assert outcome == "1 rows" or (outcome.startswith("QueryError: ") and "\n" not in outcome), outcome


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("http://e/\\u0027", False),  # a backslash: an escape the engine would process inside <...>
        ("http://e/\\u003E SERVICE", False),
        ('http://e/"', False),
        ("http://e/%27%3E", True),  # percent-encoded: the characters stay in the IRI
        ("http://e/a\nb", False),
        ("http://e/\u2028", True),  # a ucschar of RFC 3987, and SPARQL's IRIREF allows it
        ("http://e/\ue000", False),  # private use: RFC 3987 allows it in the query part only
        ("http://e/?\ue000", True),
        ("http://e/`", False),
        ("http://e/^", False),
        ("http://e/|", False),
        ("javascript:alert(1)", True),  # a valid IRI: harmless as a term of a query
    ],
)
def test_more_iris_by_rfc_3987(value, valid):
    assert is_iri(value) is valid


@pytest.mark.parametrize(("value", "message"), [("9" * 5000, "has 5,000 digits"), ("\ud800", "lone surrogate")])
def test_an_unwritable_value_is_refused_as_the_users_in_one_line(value, message):
    """Before: the 5,000-digit integer raised Python's ValueError (a traceback), the surrogate 'the query failed'."""
    from kg.query.params import bind_param
    from kg.query.registry import ParamSpec

    kind = "integer" if value.isdigit() else "string"
    with pytest.raises(QueryError, match=message) as caught:
        bind_param(ParamSpec("x", kind, "a thing"), value)
    assert "\n" not in str(caught.value)
