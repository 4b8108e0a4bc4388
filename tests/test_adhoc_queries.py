"""Ad-hoc queries from the command line: a file or standard input, no header needed, the console's prefixes.

Run through ``kg.cli.main`` (and once as ``python -m kg.cli`` in a fresh process, with a real pipe as
standard input), over the session's built graph.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kg.cli import main
from kg.query import PREFIX_MAP
from kg.store.results import ResultTable, Term, compact, to_text_table
from tests.conftest import ROOT

HEADERLESS = "SELECT ?claim ?report WHERE { ?claim a ekg:CuratedClaim ; ekg:statedIn ?report } ORDER BY ?claim LIMIT 3"


@pytest.fixture(autouse=True)
def _no_endpoint(monkeypatch):
    monkeypatch.delenv("KG_ENDPOINT", raising=False)


def run(argv: list[str], capsys, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_headerless_query_on_stdin_with_undeclared_prefixes(build_dir: Path):
    """Done means: `kg query -` takes a header-less query with prefixes it did not declare (a real pipe)."""
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", "-", "--build", str(build_dir), "--format", "csv"],
        input=HEADERLESS,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "claim,report" and len(lines) == 4
    assert all(line.startswith("https://w3id.org/evidence-kg/resource/claim/") for line in lines[1:])


def test_a_headerless_file_and_a_file_with_a_header_answer_alike(build_dir: Path, tmp_path: Path, capsys):
    plain = tmp_path / "mine.rq"
    plain.write_text(HEADERLESS + "\n", encoding="utf-8")
    titled = tmp_path / "titled.sparql"
    titled.write_text("# title: Three claims\n" + HEADERLESS + "\n", encoding="utf-8")
    answers = [
        run(["query", str(path), "--build", str(build_dir), "--format", "json"], capsys) for path in (plain, titled)
    ]
    assert answers[0][0] == answers[1][0] == 0
    assert answers[0][1] == answers[1][1]
    assert len(json.loads(answers[0][1])["results"]["bindings"]) == 3


def test_a_missing_prefix_is_one_line_with_the_users_line_and_column(build_dir: Path, capsys, monkeypatch):
    query = "SELECT ?claim WHERE {\n  ?claim a ekg:Claim ;\n     foo:bar ?y }\n"
    status, out, err = run(["query", "-", "--build", str(build_dir)], capsys, query, monkeypatch)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("error: <stdin>: line 3, column 6: unknown prefix 'foo:'; declare it with PREFIX foo:")
    assert "\\u" not in err and "W:(" not in err  # not the parser's list of Unicode ranges


def test_a_syntax_error_says_what_was_expected_in_words(build_dir: Path, tmp_path: Path, capsys):
    broken = tmp_path / "broken.rq"
    broken.write_text("SELECT ?x WHERE {\n  ?x a ekg:Claim\n  ?x ?? }\n", encoding="utf-8")
    status, _, err = run(["query", str(broken), "--build", str(build_dir)], capsys)
    assert status == 2
    assert err == (
        f"error: {broken}: line 3, column 3: not valid SPARQL: unexpected '?x'; expected '}}', '.', a pattern "
        "(FILTER, OPTIONAL, { } ...), ',' or ';'\n"
    )


def test_kg_prefixes_lists_what_every_query_may_use(capsys):
    status, out, _ = run(["prefixes"], capsys)
    assert status == 0
    listed = dict(line.split(":", 1)[0:1] + [line.split(None, 1)[1]] for line in out.splitlines())
    assert listed == PREFIX_MAP
    status, out, _ = run(["prefixes", "--format", "sparql"], capsys)
    assert out.splitlines()[0] == f"PREFIX ekg: <{PREFIX_MAP['ekg']}>"
    status, out, _ = run(["prefixes", "--format", "json"], capsys)
    assert json.loads(out) == PREFIX_MAP


def test_xml_results_parse_as_the_w3c_format(build_dir: Path, capsys, monkeypatch):
    status, out, _ = run(["query", "-", "--build", str(build_dir), "--format", "xml"], capsys, HEADERLESS, monkeypatch)
    assert status == 0
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(out)
    assert [v.get("name") for v in root.findall("s:head/s:variable", ns)] == ["claim", "report"]
    results = root.findall("s:results/s:result", ns)
    assert len(results) == 3
    assert results[0].find("s:binding[@name='claim']/s:uri", ns).text.startswith(PREFIX_MAP["res"] + "claim/")
    status, out, _ = run(["query", "-", "--build", str(build_dir), "--format", "xml"], capsys, "ASK {}", monkeypatch)
    assert ET.fromstring(out).find("s:boolean", ns).text == "true"


def test_the_table_compacts_iris_and_marks_where_it_cuts(build_dir: Path, capsys, monkeypatch):
    status, out, _ = run(["query", "-", "--build", str(build_dir)], capsys, HEADERLESS, monkeypatch)
    assert status == 0
    assert "res:claim/" in out and "https://w3id.org" not in out
    long = ResultTable(["s", "o"], [{"s": Term("uri", PREFIX_MAP["ekg"] + "Claim"), "o": Term("literal", "x" * 80)}])
    text = to_text_table(long, max_width=60, prefixes=PREFIX_MAP)
    assert "ekg:Claim" in text and ("x" * 59 + "…") in text and "x" * 60 not in text
    assert compact("http://example.org/a", PREFIX_MAP) == "http://example.org/a"
    assert compact(PREFIX_MAP["res"] + "has space", PREFIX_MAP) == PREFIX_MAP["res"] + "has space"
