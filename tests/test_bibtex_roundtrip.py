"""BibTeX round trips lose nothing: what bibtexparser reads from a .bib file is what the tool writes back.

Every entry keeps its values as written, so case braces (``{HIV}``), dashes (``--``), escapes
(``\\&``, ``\\%``), accents (``{\\'e}``, ``\\"o``), URLs and string concatenation come back unchanged,
while people read the decoded values.
"""

from __future__ import annotations

import pytest

from kg.sources.bibtex import load_bibtex, parse_bibtex, to_bibtex
from tests.conftest import ROOT

BIB_FILES = sorted(ROOT.glob("bib/*.bib")) + sorted((ROOT / "tests" / "fixtures").rglob("*.bib"))

TRICKY = r"""
@article{hiv2019,
  author  = {M{\"u}ller, Hans and de la Cruz, Ana and {World Health Organization}},
  title   = {{HIV} and the {Internet}: 1990--2010 \& after, 50\% online},
  journal = {Journal of Caf{\'e} Studies},
  pages   = {318--343},
  year    = {2019},
  url     = {https://example.org/a_b?c=1&d=2},
  note    = {See \url{https://example.org/x_y}},
}
"""


@pytest.mark.parametrize("path", BIB_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_bib_file_round_trips_field_for_field(path):
    entries = load_bibtex(path)
    again = parse_bibtex(to_bibtex(entries, sort=False), "written.bib")
    assert [(e.key, e.entry_type, e.raw) for e in again] == [(e.key, e.entry_type, e.raw) for e in entries]
    assert [e.fields for e in again] == [e.fields for e in entries]


def test_braces_dashes_escapes_and_accents_survive_and_read_well():
    (entry,) = parse_bibtex(TRICKY, "tricky.bib")
    written = to_bibtex([entry])
    for kept in (
        "{HIV}",
        "{Internet}",
        "1990--2010",
        r"\&",
        r"50\%",
        r"Caf{\'e}",
        r"M{\"u}ller",
        "318--343",
        "{World Health Organization}",
        "https://example.org/a_b?c=1&d=2",
    ):
        assert kept in written, kept
    assert entry.title == "HIV and the Internet: 1990–2010 & after, 50% online"
    assert entry.fields["journal"] == "Journal of Café Studies"
    assert entry.authors == ("Müller, Hans", "de la Cruz, Ana", "World Health Organization")
    assert entry.family_names == ("Müller", "de la Cruz", "World Health Organization")
    assert entry.fields["url"] == "https://example.org/a_b?c=1&d=2"
    (again,) = parse_bibtex(written, "again.bib")
    assert again.raw == entry.raw and again.fields == entry.fields


def test_kg_add_writes_the_works_back_as_they_were_written(tmp_path, monkeypatch):
    from kg.cli import main
    from tests.conftest import copy_project

    paths = copy_project(tmp_path / "project")
    monkeypatch.setenv("KG_HOME", str(paths.root))
    bib = tmp_path / "new.bib"
    bib.write_text(TRICKY + "@techreport{newreport,\n  title = {Ethics \\& {AI}},\n  year = {2024},\n}\n")
    text = tmp_path / "report.txt"
    text.write_text("A new report on online platforms.\n", encoding="utf-8")
    assert main(["add", str(text), "--bib", str(bib), "--id", "newreport"]) == 0
    added = (paths.added_bib / "newreport.bib").read_text(encoding="utf-8")
    assert r"{HIV} and the {Internet}: 1990--2010 \& after" in added and r"Caf{\'e}" in added
    assert r"title = {Ethics \& {AI}}" in paths.reports_bib.read_text(encoding="utf-8")
    (work,) = load_bibtex(paths.added_bib / "newreport.bib")
    assert work.raw == {**parse_bibtex(TRICKY, "t.bib")[0].raw, "citedin": "newreport"}
