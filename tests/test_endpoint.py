"""`kg serve`: the read-only SPARQL 1.1 endpoint, read by the tools researchers use (SPARQLWrapper, pandas).

`kg serve` is started once per module as a user starts it (``python -m kg.cli serve``, bound to
127.0.0.1) over the session's built graph, with a small row cap and timeout; the README's notebook
snippet is run against it as written (only the URL changed). Refusals are the hostile-input
manifest's, sent over HTTP, with a loopback listener that must see no connection. The CORS and
body-size cases use a second server in this process over the same embedded store.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, N3, POST, TSV, TURTLE, XML, SPARQLWrapper

from harness.servers import KgServe
from kg.endpoint import MAX_BODY, EndpointServer, Settings
from kg.query import run_spec
from kg.store import EmbeddedStore, RemoteStore
from tests.conftest import ROOT
from tests.test_hostile_queries import CASES, FORM, _fill, listener  # noqa: F401 - listener is a fixture
from tests.test_remote_store import REGISTRY, TABLES, iri_candidates, normal_rows, param_cases

LIMIT = 2_000
CURATED = "SELECT ?claim WHERE { ?claim a ekg:CuratedClaim }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"


@pytest.fixture(scope="module")
def served(build_dir: Path) -> Iterator[KgServe]:
    server = KgServe(build_dir, ["--limit", str(LIMIT), "--timeout", "3"]).start()
    yield server
    assert server.stop() == 0, server.log_text()  # SIGTERM is a clean stop


@pytest.fixture(scope="module")
def with_cors(store: EmbeddedStore) -> Iterator[str]:
    server = EndpointServer(store, "127.0.0.1", 0, Settings(cors="https://yasgui.example.org"))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.url
    server.shutdown()
    server.server_close()


def readme_snippet() -> str:
    """The README's notebook snippet: the python block after the marker that names this file."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- tested by tests/test_endpoint.py -->\s*```python\n(.*?)```", text, re.DOTALL)
    assert match, "README.md has no notebook snippet marked as tested"
    return match.group(1)


def test_the_readme_snippet_reads_the_endpoint_into_a_dataframe(served: KgServe):
    """Done means: SPARQLWrapper in a test reads the endpoint that `kg serve` starts."""
    snippet = readme_snippet()
    assert "http://127.0.0.1:7878/sparql" in snippet
    names: dict[str, object] = {}
    exec(snippet.replace("http://127.0.0.1:7878/sparql", served.url), names)  # noqa: S102 - the README's own code
    claims = names["claims"]
    assert list(claims.columns) == ["claim", "report", "quote"]
    assert len(claims) == 199 and set(claims["report"]) == {"policing2020", "usc2012"}
    assert claims["claim"].str.startswith("https://w3id.org/evidence-kg/resource/claim/").all()


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(("fmt", "check"), [(JSON, "json"), (XML, "xml"), (CSV, "csv"), (TSV, "tsv")])
def test_sparqlwrapper_reads_every_results_format(served: KgServe, method: str, fmt: str, check: str):
    sparql = SPARQLWrapper(served.url)
    sparql.setQuery(CURATED)
    sparql.setReturnFormat(fmt)
    if method == "POST":
        sparql.setMethod(POST)
    result = sparql.queryAndConvert()
    if check == "json":
        assert len(result["results"]["bindings"]) == 199
    elif check == "xml":
        assert len(result.getElementsByTagName("result")) == 199
    else:
        text = result.decode("utf-8") if isinstance(result, bytes) else result
        lines = text.strip().splitlines()
        assert lines[0] == ("claim" if check == "csv" else "?claim") and len(lines) == 200


def test_ask_construct_and_describe(served: KgServe):
    sparql = SPARQLWrapper(served.url)
    sparql.setQuery("ASK { ?c a ekg:CuratedClaim }")
    sparql.setReturnFormat(JSON)
    assert sparql.queryAndConvert()["boolean"] is True
    sparql.setQuery("CONSTRUCT { ?c a ekg:CuratedClaim } WHERE { ?c a ekg:CuratedClaim }")
    sparql.setReturnFormat(TURTLE)
    turtle = sparql.queryAndConvert()
    assert len(turtle.decode("utf-8").split("ekg:CuratedClaim")) > 1
    sparql.setReturnFormat(N3)
    graph = Graph().parse(data=sparql.queryAndConvert(), format="turtle")
    assert len(graph) == 199
    report = "https://w3id.org/evidence-kg/resource/report/usc2012"
    described = requests.get(
        served.url, params={"query": f"DESCRIBE <{report}>"}, headers={"Accept": "application/n-triples"}
    )
    assert described.status_code == 200 and described.headers["Content-Type"] == "application/n-triples"
    assert all(line.startswith(f"<{report}>") for line in described.text.splitlines())
    assert len(described.text.splitlines()) > 5


def test_the_row_cap_cuts_and_says_so(served: KgServe):
    answer = requests.post(
        served.url,
        data="SELECT ?s WHERE { ?s ?p ?o }",
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
        timeout=30,
    )
    assert answer.status_code == 200 and answer.headers["X-SPARQL-MaxRows"] == str(LIMIT)
    assert len(answer.text.strip().splitlines()) == LIMIT + 1
    table = RemoteStore(served.url).select("SELECT ?s WHERE { ?s ?p ?o }", limit=None)
    assert table.truncated and len(table.rows) == LIMIT and f"cut at {LIMIT} rows" in table.notice


def test_a_runaway_query_is_stopped_at_the_timeout(served: KgServe):
    answer = requests.get(served.url, params={"query": RUNAWAY}, timeout=30)
    assert answer.status_code == 500 and "timed out after 3 s" in answer.text
    assert requests.get(served.url, params={"query": "ASK {}"}, timeout=10).status_code == 200  # still serving


@pytest.mark.parametrize("case", [c for c in CASES if c.refused and c.refused != FORM], ids=lambda c: c.id)
def test_every_hostile_query_is_refused_over_http(served: KgServe, listener, case):  # noqa: F811
    mark = len(listener.peers)
    body = _fill(case.query, listener.port).encode("utf-8", errors="surrogatepass")
    answer = requests.post(
        served.url, data=body, headers={"Content-Type": "application/sparql-query; charset=utf-8"}, timeout=30
    )
    if len(body) > MAX_BODY:  # refused before it is read
        assert answer.status_code == 413
    elif any(0xD800 <= ord(c) <= 0xDFFF for c in case.query):  # a lone surrogate cannot be sent as UTF-8
        assert answer.status_code == 400 and "not UTF-8" in answer.text
    else:
        assert answer.status_code == 400, (answer.status_code, answer.text)
        assert case.refused in answer.text and answer.text.count("\n") == 1
    assert not listener.connections_since(mark)


@pytest.mark.parametrize(
    ("request_kwargs", "status", "message"),
    [
        ({"data": {"update": "DROP ALL"}}, 400, "updates are refused"),
        (
            {"data": "INSERT DATA { <a:b> <a:c> <a:d> }", "headers": {"Content-Type": "application/sparql-update"}},
            400,
            "updates are refused",
        ),
        ({"data": {"query": "ASK {}", "default-graph-uri": "http://x/"}}, 400, "default-graph-uri is refused"),
        ({"data": "ASK {}", "headers": {"Content-Type": "text/plain"}}, 415, "application/sparql-query"),
        ({"data": {"query": "ASK {}"}, "headers": {"Accept": "text/csv"}}, 406, "ASK query"),
    ],
)
def test_the_protocol_refuses_updates_datasets_and_what_it_cannot_answer(served, request_kwargs, status, message):
    answer = requests.post(served.url, timeout=30, **request_kwargs)
    assert answer.status_code == status and message in answer.text, answer.text
    assert requests.put(served.url, data=b"x", timeout=10).status_code == 405


@pytest.mark.slow
def test_every_canned_query_answers_through_the_endpoint_as_embedded(served: KgServe, store: EmbeddedStore):
    """The app can use the endpoint as its store: `kg app --endpoint URL` reads it through RemoteStore."""
    remote = RemoteStore(served.url)
    iris = iri_candidates(store, per_kind=3)
    for name, spec in TABLES.items():
        for params in param_cases(store, spec, iris, most=3):
            embedded, over_http = run_spec(store, spec, params, limit=None), run_spec(remote, spec, params, limit=None)
            assert normal_rows(over_http, spec) == normal_rows(embedded, spec), f"{name} {params}"
    assert REGISTRY


def test_cors_only_when_asked(served: KgServe, with_cors: str):
    origin = {"Origin": "https://yasgui.example.org"}
    plain = requests.get(served.url, params={"query": "ASK {}"}, headers=origin, timeout=10)
    assert "Access-Control-Allow-Origin" not in plain.headers
    assert requests.options(served.url, headers=origin, timeout=10).status_code == 405
    allowed = requests.get(with_cors, params={"query": "ASK {}"}, headers=origin, timeout=10)
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://yasgui.example.org"
    preflight = requests.options(with_cors, headers={**origin, "Access-Control-Request-Method": "POST"}, timeout=10)
    assert preflight.status_code == 204 and "POST" in preflight.headers["Access-Control-Allow-Methods"]


def test_a_request_body_over_the_cap_is_refused_unread(with_cors: str):
    answer = requests.post(
        with_cors, data=b"x" * (MAX_BODY + 1), headers={"Content-Type": "application/sparql-query"}, timeout=30
    )
    assert answer.status_code == 413
    too_long = requests.post(
        with_cors, data=("#" * 70_000 + "\nASK {}").encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert too_long.status_code == 400 and "at most 64,000 are accepted" in too_long.text


def test_kg_serve_refuses_a_bad_origin_and_a_missing_graph(tmp_path: Path, capsys):
    from kg.cli import main

    assert main(["serve", "--build", str(tmp_path), "--cors", "not an origin"]) == 2
    assert "--cors takes an origin" in capsys.readouterr().err
    assert main(["serve", "--build", str(tmp_path)]) == 2
    assert "run `kg build` first" in capsys.readouterr().err


def test_content_negotiation_follows_the_accept_header():
    from kg.endpoint import ProtocolError, answer_format

    assert answer_format("SELECT", "") == "json"
    assert answer_format("SELECT", "text/csv;q=0.5, application/sparql-results+xml") == "xml"
    assert answer_format("SELECT", "text/html, */*;q=0.1") == "json"
    assert answer_format("CONSTRUCT", "application/n-triples;q=0.9, text/turtle;q=0.95") == "turtle"
    assert answer_format("DESCRIBE", "*/*") == "turtle"
    assert answer_format("ASK", "text/csv, application/json;q=0.1") == "json"
    with pytest.raises(ProtocolError) as refused:
        answer_format("SELECT", "image/png")
    assert refused.value.status == 406 and "text/csv" in str(refused.value)
