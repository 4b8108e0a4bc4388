"""The query registry, parameter binding and the read-only guard (no built graph needed)."""

from __future__ import annotations

import time

import pytest

from kg.errors import QueryError, StoreError
from kg.query import (
    bind_params,
    check_read_only,
    load_registry,
    parse_header,
    resolve_spec,
    run_console,
    run_spec,
)
from kg.store import EmbeddedStore
from kg.store.formats import to_csv, to_json, to_tsv
from kg.store.results import ResultTable, Term, to_text_table

EXPECTED_QUERIES = {
    "reports",
    "references",
    "citations",
    "statistics",
    "mentions",
    "claims",
    "provenance",
    "unsupported-claims",
    "claim-evidence",
    "cross-report",
    "flags",
    "secondary-statistics",
    "studies",
    "export-bibtex",
    "export-nanopubs",
}


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.fixture()
def tiny_store():
    store = EmbeddedStore()
    data = "\n".join(
        f'<http://ex.org/s{i}> <http://ex.org/p> "value {i}" .\n'
        f"<http://ex.org/s{i}> <http://ex.org/q> <http://ex.org/o{i % 3}> ."
        for i in range(50)
    )
    store.load_ntriples(data.encode())
    return store


def test_every_query_has_a_header_and_is_read_only(registry):
    assert EXPECTED_QUERIES <= set(registry)
    for spec in registry.values():
        assert spec.title and spec.description, spec.name
    assert [p.name for p in registry["provenance"].params] == ["item"]
    assert registry["provenance"].params[0].type == "iri"


def test_header_without_title_is_an_error(tmp_path):
    with pytest.raises(QueryError, match="no '# title:'"):
        parse_header("# description: x\nSELECT * WHERE { ?s ?p ?o }", tmp_path / "q.rq")
    with pytest.raises(QueryError, match="NAME TYPE DESCRIPTION"):
        parse_header("# title: t\n# param: x float something\nSELECT * {}", tmp_path / "q.rq")
    unprojected = tmp_path / "u.rq"
    unprojected.write_text("# title: t\n# param: s iri  x\nSELECT ?v WHERE { ?s ?p ?v }\n")
    from kg.query import load_query_file

    with pytest.raises(QueryError, match="must appear in the SELECT clause"):
        load_query_file(unprojected)


@pytest.mark.parametrize(
    "sparql, message",
    [
        ("INSERT DATA { <http://a> <http://b> <http://c> }", "updates are refused"),
        ("LOAD <http://example.org/data.ttl>", "updates are refused"),
        ("DROP ALL", "updates are refused"),
        ("SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
        ("SELECT * FROM <http://evil.example/g> WHERE { ?s ?p ?o }", "FROM / FROM NAMED is refused"),
        ("SELECT * FROM NAMED <http://evil.example/g> WHERE { ?s ?p ?o }", "FROM / FROM NAMED is refused"),
        ("SELEKT * WHERE { ?s ?p ?o }", "not valid SPARQL"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "only SELECT and ASK"),
    ],
)
def test_console_refuses_before_running(sparql, message):
    with pytest.raises(QueryError, match=message):
        check_read_only(sparql)


def test_the_guard_reads_the_parsed_query_not_the_words():
    check_read_only('SELECT ?s WHERE { ?s ?p "SERVICE FROM INSERT LOAD" }')


def test_unknown_query_name_is_an_error_with_a_hint(registry):
    with pytest.raises(QueryError, match="unknown query 'citationz'.*Did you mean: citations"):
        resolve_spec(registry, "citationz")


def test_parameters_are_validated_and_typed(registry):
    spec = registry["provenance"]
    with pytest.raises(QueryError, match="needs --param item"):
        bind_params(spec, {})
    with pytest.raises(QueryError, match="has no parameter colour"):
        bind_params(spec, {"item": "res:x", "colour": "red"})
    with pytest.raises(QueryError, match="not a valid IRI"):
        bind_params(spec, {"item": "res:stat/x> } ; DROP ALL ; <"})
    bound = bind_params(spec, {"item": "res:stat/policing2020/1224-1235"})
    assert bound["item"] == Term("uri", "https://w3id.org/evidence-kg/resource/stat/policing2020/1224-1235")


def test_a_bound_parameter_is_a_term_not_text(tiny_store, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("# title: t\n# param: s iri  subject\nSELECT ?s ?v WHERE { ?s <http://ex.org/p> ?v }\n")
    from kg.query import load_query_file

    spec = load_query_file(path)
    table = run_spec(tiny_store, spec, {"s": "http://ex.org/s7"})
    assert table.values("v") == ["value 7"]


def test_row_cap_cuts_and_says_so(tiny_store):
    table = run_console(tiny_store, "SELECT ?s WHERE { ?s <http://ex.org/p> ?v }", limit=10)
    assert len(table.rows) == 10 and table.truncated
    assert "cut at 10 rows" in table.notice
    assert "NOTICE" in to_text_table(table)
    full = run_console(tiny_store, "SELECT ?s WHERE { ?s <http://ex.org/p> ?v }", limit=100)
    assert len(full.rows) == 50 and not full.truncated and full.notice == ""


def test_timeout_is_reported_not_a_partial_answer(tiny_store):
    # A million-row cross product: a fraction of a second, far more than the 10 ms allowed (its worker
    # process is killed at the timeout; see tests/test_store_limits.py).
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p1 ?b . ?c ?p2 ?d . ?e ?p3 ?f }"
    started = time.perf_counter()
    with pytest.raises(StoreError, match="timed out"):
        run_console(tiny_store, slow, timeout=0.01)
    assert time.perf_counter() - started < 5


def test_result_formats(tiny_store):
    table = run_console(tiny_store, 'SELECT ?s ?v WHERE { ?s <http://ex.org/p> ?v FILTER(?v = "value 3") }')
    assert '"type": "uri"' in to_json(table) and '"vars": [\n      "s",\n      "v"\n    ]' in to_json(table)
    assert to_csv(table).splitlines() == ["s,v", "http://ex.org/s3,value 3"]
    assert to_tsv(table).splitlines()[1] == '<http://ex.org/s3>\t"value 3"'


def test_answers_are_made_one_where_engines_may_differ():
    """kg.query.portable: GROUP_CONCAT sorted and plain ("" when empty), integer types, Virtuoso's 1/0 booleans."""
    from kg.query.portable import portable

    xsd = "http://www.w3.org/2001/XMLSchema#"
    text = (
        'SELECT ?x (GROUP_CONCAT(?k; SEPARATOR="\\t") AS ?keys) ?n ?flag ?count WHERE { '
        "BIND(EXISTS { ?x a ?t } AS ?flag) } GROUP BY ?x ?n ?flag ?count"
    )
    table = ResultTable(
        ["x", "keys", "n", "flag", "count"],
        [
            {
                "x": Term("uri", "http://e/1"),
                "keys": Term("literal", "b\ta\tc", lang="en"),
                "n": Term("literal", "7", xsd + "nonNegativeInteger"),
                "flag": Term("literal", "1", xsd + "integer"),
                "count": Term("literal", "1", xsd + "integer"),
            },
            {"x": Term("uri", "http://e/2"), "flag": Term("literal", "false", xsd + "boolean")},
        ],
    )
    first, second = portable(table, text).rows
    assert first["keys"] == Term("literal", "a\tb\tc")
    assert first["n"] == Term("literal", "7", xsd + "integer")
    assert first["flag"] == Term("literal", "true", xsd + "boolean")
    assert first["count"] == Term("literal", "1", xsd + "integer")  # a count is not a boolean
    assert second["keys"] == Term("literal", "") and second["flag"].value == "false"


def test_this_repository_lists_its_queries_once():
    """The repository is a project whose queries/ is the package's own folder (package-dir): read once, not twice."""
    from kg.project import ProjectPaths, data
    from kg.query.registry import load_registry
    from tests.conftest import ROOT

    paths = ProjectPaths(ROOT)
    assert paths.query_folders == [data.QUERIES]
    assert set(load_registry(paths)) == {p.stem for p in (ROOT / "queries").glob("*.rq")}


def test_kg_query_reads_only_the_query_it_runs(tmp_path):
    """A project's broken query is refused when it is asked for, and stops no other one (nor the listing)."""
    from kg.errors import QueryError
    from kg.project.init import init_project
    from kg.query import find_spec, list_specs

    paths = init_project(tmp_path / "project")
    paths.project_queries.mkdir(exist_ok=True)
    (paths.project_queries / "mine.rq").write_text("# title: Mine\nSELECT ?s WHERE { ?s ?p }\n", encoding="utf-8")
    assert find_spec(paths, "reports").name == "reports"
    assert {"mine", "reports"} <= set(list_specs(paths))
    with pytest.raises(QueryError, match="mine.rq"):
        find_spec(paths, "mine")
    with pytest.raises(QueryError, match="Did you mean: reports"):
        find_spec(paths, "repo")
