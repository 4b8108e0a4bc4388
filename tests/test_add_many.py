"""kg add of many reports: several files, a folder, a BibTeX or CSL-JSON export naming their PDFs."""

from __future__ import annotations

import json

import pytest

from kg.cli import main
from kg.project.init import init_project
from kg.sources.add_many import attached_files, report_id_for
from kg.sources.bibliography import load_reports_bib

TEXT = "A Study of {topic}\n\nInvestigators in {place} found that most cases began online (Smith, 2019).\n"


@pytest.fixture()
def project(tmp_path, monkeypatch):
    paths = init_project(tmp_path / "project")
    monkeypatch.setenv("KG_HOME", str(paths.root))
    return paths


def _reports(paths) -> dict[str, dict[str, str]]:
    return {e.key: e.fields for e in load_reports_bib(paths)}


def test_a_folder_adds_its_good_reports_and_lists_the_bad_ones(project, tmp_path, capsys):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "ohio 2019.txt").write_text(TEXT.format(topic="Ohio", place="Ohio"), encoding="utf-8")
    (folder / "texas.md").write_text(TEXT.format(topic="Texas", place="Texas"), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not a report")  # not a report's suffix: not taken
    assert main(["add", str(folder)]) == 2
    captured = capsys.readouterr()
    assert set(_reports(project)) == {"ohio-2019", "texas"}
    assert f"{folder / 'empty.txt'}: the file is empty" in captured.err
    assert "Added 2 report(s); 1 failed" in captured.out


def test_several_files_at_once(project, tmp_path):
    files = []
    for name in ("alpha", "beta"):
        path = tmp_path / f"{name}.txt"
        path.write_text(TEXT.format(topic=name.title(), place="Ohio"), encoding="utf-8")
        files.append(str(path))
    assert main(["add", *files]) == 0
    assert set(_reports(project)) == {"alpha", "beta"}
    assert main(["add", *files, "--id", "x"]) == 2  # an id names one report


def test_a_bibtex_export_adds_each_entry_with_its_metadata(project, tmp_path, capsys):
    files = tmp_path / "files" / "12"
    files.mkdir(parents=True)
    (files / "ohio.txt").write_text(TEXT.format(topic="Ohio", place="Ohio"), encoding="utf-8")
    export = tmp_path / "library.bib"
    export.write_text(
        """
@techreport{doe2021ohio,
  title = {Online Recruitment in {Ohio}},
  author = {Doe, Jane and Roe, Rick},
  year = {2021},
  institution = {Ohio Policy Lab},
  file = {Full Text:files/12/ohio.txt:text/plain},
}
@article{lost2020,
  title = {A Lost Attachment},
  year = {2020},
  file = {files/99/missing.pdf},
}
@book{noattachment,
  title = {No File},
  year = {2018},
}
""",
        encoding="utf-8",
    )
    assert main(["add", str(export)]) == 2
    err = capsys.readouterr().err
    entry = _reports(project)["doe2021ohio"]
    assert entry["title"] == "Online Recruitment in Ohio" and entry["year"] == "2021"
    assert entry["institution"] == "Ohio Policy Lab" and entry["file"] == "corpus/doe2021ohio.txt"
    assert "missing.pdf: file not found" in err
    assert "entry 'noattachment' names no PDF or text" in err
    assert set(_reports(project)) == {"doe2021ohio"}


def test_a_csl_json_export_adds_each_item_with_its_title_authors_and_year(project, tmp_path):
    (tmp_path / "texas.txt").write_text(TEXT.format(topic="Texas", place="Texas"), encoding="utf-8")
    items = [
        {
            "id": "roe2022texas",
            "type": "report",
            "title": "Recruitment on Social Media in Texas",
            "author": [{"family": "Roe", "given": "Rick"}, {"literal": "Texas Task Force"}],
            "issued": {"date-parts": [[2022, 5]]},
            "file": str(tmp_path / "texas.txt"),
        }
    ]
    export = tmp_path / "library.json"
    export.write_text(json.dumps(items), encoding="utf-8")
    assert main(["add", str(export)]) == 0
    entry = _reports(project)["roe2022texas"]
    assert entry["title"] == "Recruitment on Social Media in Texas" and entry["year"] == "2022"
    assert "Roe" in entry["author"] and "Texas Task Force" in entry["author"]


def test_zotero_file_fields_and_ids():
    assert attached_files("Full Text PDF:files/3/a.pdf:application/pdf;Snapshot:files/3/b.html:text/html") == [
        "files/3/a.pdf",
        "files/3/b.html",
    ]
    assert attached_files("C\\:\\\\Users\\\\me\\\\a.pdf") == ["C:\\\\Users\\\\me\\\\a.pdf"]
    assert attached_files("/home/me/a.pdf") == ["/home/me/a.pdf"]
    assert report_id_for("2019 report (final)") == "r2019-report-final"
