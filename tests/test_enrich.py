"""``kg enrich`` against replayed Crossref and OpenAlex answers, over real HTTP on 127.0.0.1.

The client is the real one (requests, its cache, its pace, its retries); only the services are
replayed, from fixtures in their documented formats (tests/fixtures/enrich). Offline it must say so
in one line and change nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.replay import replay_server
from harness.servers import free_port
from kg.cli import main
from kg.enrich.http import MAX_ANSWER_BYTES, PoliteClient, Politeness, ServiceError
from kg.enrich.matching import decide
from kg.enrich.services import Found
from kg.project import ProjectPaths
from kg.records import BibEntry
from kg.sources.candidates import ENRICHMENT_FILE, load_enrichment
from tests.conftest import copy_project

FIXTURES = Path(__file__).parent / "fixtures" / "enrich"
WORKS = ("burris2005", "castells2000", "anderson2012", "kara2009")


def _run(project: Path, base: str, *extra: str) -> int:
    args = ["--project", str(project), "enrich", "--mailto", "tester@example.org", "--rate", "50"]
    args += ["--crossref-url", f"{base}/crossref", "--openalex-url", f"{base}/openalex", "--quiet"]
    for key in WORKS:
        args += ["--work", key]
    return main([*args, *extra])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy_project(tmp_path / "p")
    (tmp_path / "p" / "bib" / ENRICHMENT_FILE).unlink(missing_ok=True)
    return tmp_path / "p"


def test_enrich_proposes_only_clear_matches_and_says_why(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with replay_server(FIXTURES) as (base, replay):
        assert _run(project, base) == 0
    data = json.loads((project / "bib" / ENRICHMENT_FILE).read_text(encoding="utf-8"))
    decisions = data["decisions"]
    assert decisions["burris2005"]["status"] == "proposed"
    assert "both services agree" in decisions["burris2005"]["detail"]
    assert decisions["castells2000"]["status"] == "ambiguous"  # two works of 2000: not guessed
    recorded = decisions["castells2000"]["candidates"]  # both are recorded, with their scores, none proposed
    assert {c["doi"] for c in recorded} == {"10.5555/fixture.castells-a", "10.5555/fixture.castells-b"}
    assert all(c["score"] == 1.0 and "authors 1/1" in c["reasons"] for c in recorded)
    assert decisions["anderson2012"]["status"] == "no match"  # its title differs from the report's
    assert "title differs" in decisions["anderson2012"]["detail"]
    assert decisions["kara2009"]["status"] == "proposed"
    proposed = {c.work: c for c in load_enrichment(ProjectPaths(project))}
    assert set(proposed) == {"burris2005", "kara2009"}
    burris = proposed["burris2005"]
    assert burris.doi == "10.5555/fixture.nodal-governance" and burris.title == "Nodal Governance"
    assert burris.container == "Australian Journal of Legal Philosophy" and burris.score == 1.0
    assert "authors 3/3" in burris.reasons and "year 2005" in burris.reasons
    assert proposed["kara2009"].url == "https://example.org/fixture/kara-sex-trafficking"
    assert proposed["kara2009"].service == "openalex"
    # polite: every request names the contact, in the parameters and the User-Agent, and keeps the pace
    assert len(replay.seen) == 2 * len(WORKS)
    for seen in replay.seen:
        assert seen.params["mailto"] == "tester@example.org"
        assert "mailto:tester@example.org" in seen.headers["User-Agent"]
    for service in ("crossref", "openalex"):
        times = [s.at for s in replay.seen if s.service == service]
        assert all(b - a >= 0.018 for a, b in zip(times, times[1:], strict=False)), times
    out = capsys.readouterr().out
    assert "2 candidates proposed" in out and f"{2 * len(WORKS)} requests" in out


def test_a_second_run_asks_for_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with replay_server(FIXTURES) as (base, replay):
        assert _run(project, base) == 0
        first = len(replay.seen)
        written = (project / "bib" / ENRICHMENT_FILE).read_bytes()
        capsys.readouterr()
        assert _run(project, base) == 0
        assert len(replay.seen) == first  # every answer came from the disk cache
    assert "0 requests" in capsys.readouterr().out
    assert (project / "bib" / ENRICHMENT_FILE).read_bytes() == written


def test_it_backs_off_and_retries_when_told_to(project: Path) -> None:
    with replay_server(FIXTURES) as (base, replay):
        replay.failures = [(429, "0.2"), (503, "")]
        assert _run(project, base, "--service", "crossref") == 0
        assert replay.seen[1].at - replay.seen[0].at >= 0.19  # Retry-After honoured
        assert len(replay.seen) == len(WORKS) + 2  # the two failed requests were asked again
    decisions = json.loads((project / "bib" / ENRICHMENT_FILE).read_text(encoding="utf-8"))["decisions"]
    assert decisions["burris2005"]["status"] == "proposed"


def test_offline_it_says_so_in_one_line_and_changes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = project / "bib" / ENRICHMENT_FILE
    target.write_text('{"proposed": [], "decisions": {}}\n', encoding="utf-8")
    before = {p: p.read_bytes() for p in (project / "bib").rglob("*") if p.is_file()}
    assert _run(project, f"http://127.0.0.1:{free_port()}") == 0
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(lines) == 1 and "offline" in lines[0] and "nothing was changed" in lines[0], captured.err
    assert captured.out == ""
    assert {p: p.read_bytes() for p in (project / "bib").rglob("*") if p.is_file()} == before


def test_an_answer_over_the_cap_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.enrich.http.MAX_ANSWER_BYTES", 100)
    client = PoliteClient(None, Politeness(min_interval=0))
    with replay_server(FIXTURES) as (base, _), pytest.raises(ServiceError, match="over"):
        client.get_json(
            f"{base}/crossref",
            "/works",
            {"query.author": "Castells", "filter": "from-pub-date:2000,until-pub-date:2000"},
        )
    assert MAX_ANSWER_BYTES > 100  # the real cap is untouched


def _entry(key: str, authors: tuple[str, ...], year: str, title: str = "") -> BibEntry:
    fields = {"year": year, **({"title": title} if title else {})}
    return BibEntry(key, "misc", "book", fields, "t.bib", 1, authors=authors, family_names=authors)


def _found(title: str, authors: tuple[str, ...], year: str, doi: str) -> Found:
    return Found("crossref", title, "", year, authors, doi, "", None)


def test_matching_needs_every_author_the_year_and_a_margin() -> None:
    entry = _entry("x", ("Smith", "Jones"), "2010")
    assert decide(entry, [_found("A", ("Smith",), "2010", "10.5555/a")]).status == "no match"  # one author of two
    assert decide(entry, [_found("A", ("Smith", "Jones"), "2011", "10.5555/a")]).status == "no match"  # off a year
    assert decide(entry, [_found("A", ("Smith", "Jones"), "2010", "10.5555/a")]).status == "proposed"
    two = [_found("A", ("Smith", "Jones"), "2010", "10.5555/a"), _found("B", ("Smith", "Jones"), "2010", "10.5555/b")]
    assert decide(entry, two).status == "ambiguous"
    same = [_found("A", ("Smith", "Jones"), "2010", "10.5555/a"), _found("A", ("Smith", "Jones"), "2010", "10.5555/a")]
    assert decide(entry, same).status == "proposed"  # one work returned twice is still one work


def test_a_candidate_is_never_proposed_over_the_reports_title() -> None:
    entry = _entry("x", ("Smith",), "2010", "Online markets for sex")
    other = _found("Offline markets of goods", ("Smith",), "2010", "10.5555/a")
    assert decide(entry, [other]).best is None
    same = _found("Online Markets for Sex", ("Smith",), "2010", "10.5555/b")
    assert decide(entry, [same]).best is not None


def test_enriching_one_work_keeps_the_others_candidates(project: Path) -> None:
    with replay_server(FIXTURES) as (base, _):
        assert _run(project, base) == 0
        args = ["--project", str(project), "enrich", "--quiet", "--work", "kara2009", "--no-cache"]
        assert main([*args, "--crossref-url", f"{base}/crossref", "--openalex-url", f"{base}/openalex"]) == 0
    data = json.loads((project / "bib" / ENRICHMENT_FILE).read_text(encoding="utf-8"))
    assert {c["work"] for c in data["proposed"]} == {"burris2005", "kara2009"}
    assert set(data["decisions"]) == set(WORKS)
