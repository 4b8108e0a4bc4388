"""The first minute with a new report: ``kg add some.pdf --id x`` and nothing else, then ``kg build``.

The report resolves its citations to the entries of its own reference list, every anchor is the
exact text at its offsets and names its page, a Zotero export given with ``--bib`` takes the place of
the parsed entries it matches, and the report's own entry comes from the flags or the PDF.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF
from reportlab.lib.pagesizes import A5

from harness.pdfs import PdfSpec, write_pdf
from kg.appdata.claims import item_detail
from kg.cli import main
from kg.project import ProjectPaths
from kg.project.init import init_project
from kg.query import run_query
from kg.sources.bibtex import parse_bibtex
from kg.sources.reports import load_reports
from kg.store import EmbeddedStore
from kg.vocab import EKG, OA, RES

MARKUP = """# Introduction

When a forum closes, its sellers move on. Most reappear within weeks (Okonkwo & Hart, 2018), a pattern Reyes
(2020) saw after the 2019 closure as well.^1 About 61 percent of the sellers we followed were trading again
within a month (Brandt, 2021, p. 12).

# Where they went

Two smaller forums took most of them (Okonkwo & Hart, 2018). Brandt (2021) found the same after three
closures, though Lindqvist (2019) is often cited for the opposite view.

[^1]: See also Reyes (2020) for the moderators' account.

# What it means

A closure moves a market more than it ends it. Moderators of the receiving forums told us that they noticed
the arrivals within days but had no policy for them, and most of them had never dealt with sellers of this kind.
Several asked the larger platforms for lists of banned handles and received none. The displacement was
visible in the listings as well: the two forums that took most of the sellers doubled their weekly listings
within a month, and one of them closed its registration to new accounts after six weeks.

Policy makers who order a closure should plan for the day after. That means warning the smaller forums,
sharing what is known about the sellers, and measuring the market before and after, so that the next
closure can be judged by what it changed rather than by the site it removed.

# References

Brandt, L. (2021). Closures and their aftermath. Policy Press.

Okonkwo, C., & Hart, J. (2018). Where sellers go after a forum closes. Journal of Platform Studies, 6(2),
33-58.

Reyes, M. (2020, March 3). Sellers return after forum shutdown. The Daily Ledger. https://ledger.example.com/a"""

ZOTERO = r"""
@article{okonkwoWhereSellersGo2018,
  title = {Where Sellers Go after a Forum Closes},
  author = {Okonkwo, Chidi and Hart, Jane},
  date = {2018},
  journaltitle = {Journal of Platform Studies},
  volume = {6},
  number = {2},
  pages = {33--58},
}
@misc{reyes2020,
  title = {Sellers Return after Forum Shutdown},
  author = {Reyes, Maria},
  year = {2020},
  url = {https://ledger.example.com/a},
  urldate = {2021-04-12},
}
@unpublished{lindqvist2019,
  title = {Moderation at Small Scale},
  author = {Lindqvist, Eva},
  year = {2019},
  note = {Manuscript},
}
"""


def _pdf(folder: Path, **kwargs: object) -> Path:
    spec = PdfSpec("Where Sellers Go Next", MARKUP, ["Amara Osei"], footnotes=True, pagesize=A5, **kwargs)  # type: ignore[arg-type]
    return write_pdf(folder / "report.pdf", spec)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdfadd")
    paths = init_project(folder / "project")
    assert main(["--project", str(paths.root), "add", str(_pdf(folder)), "--id", "sellers"]) == 0
    out = folder / "out"
    assert main(["--project", str(paths.root), "build", "--out", str(out), "--no-reason", "--quiet"]) == 0
    return ProjectPaths.discover(paths.root), out


def test_the_pdf_is_stored_as_text_with_its_page_map_and_an_entry_from_the_pdf(built):
    paths, _ = built
    text = (paths.corpus / "sellers.txt").read_text(encoding="utf-8")
    pages = json.loads((paths.corpus / "sellers.pages.json").read_text(encoding="utf-8"))
    assert pages["pages"][0] == 0 and pages["source"] == "report.pdf"
    assert "Most reappear within weeks" in " ".join(text.split())
    assert len(pages["pages"]) >= 2 and all(text[start - 1] == "\f" for start in pages["pages"][1:])
    [entry] = [e for e in parse_bibtex(paths.reports_bib.read_text(encoding="utf-8"), "bib") if e.key == "sellers"]
    assert entry.title == "Where Sellers Go Next" and entry.authors == ("Amara Osei",)
    assert entry.kind == "report" and "title from the PDF's metadata" in entry.fields["basis"]
    assert entry.fields["pagemap"] == "corpus/sellers.pages.json"


def test_citations_resolve_to_the_entries_of_its_own_reference_list(built):
    paths, out = built
    store = EmbeddedStore.from_file(out / "kg.nt")
    rows = [r for r in run_query(store, "citations", paths=paths).records() if r["report"] == "sellers"]
    by_text = {" ".join(r["text"].split()): r for r in rows}
    assert by_text["Okonkwo & Hart, 2018"]["key"] == "sellers-okonkwo2018"
    assert by_text["Reyes (2020)"]["key"] == "sellers-reyes2020"
    assert by_text["Brandt, 2021"]["key"] == "sellers-brandt2021"
    assert by_text["¹"]["key"] == "sellers-reyes2020"  # the footnote's short citation
    # Lindqvist is cited but not listed: kept, unresolved, with the names and year it writes
    unresolved = by_text["Lindqvist (2019)"]
    assert (unresolved["status"], unresolved["key"], unresolved["firstAuthor"], unresolved["year"]) == (
        "unresolved",
        "",
        "Lindqvist",
        "2019",
    )
    graph = Graph().parse(out / "kg.nt", format="nt")
    work = RES["work/sellers-okonkwo2018"]
    assert (work, EKG.origin, EKG.Extracted) in graph
    assert str(graph.value(work, DCTERMS.title)) == "Where sellers go after a forum closes"
    listed = list(graph.subjects(URIRef("http://purl.org/spar/biro/references"), work))
    assert listed and graph.value(listed[0], EKG.hasAnchor) is not None


def test_every_anchor_is_the_exact_text_and_names_its_page(built):
    paths, out = built
    [report] = [r for r in load_reports(paths) if r.key == "sellers"]
    graph = Graph().parse(out / "kg.nt", format="nt")
    checked = 0
    for anchor in graph.subjects(OA.hasSource, RES["report/sellers"]):
        start = end = page = None
        for selector in graph.objects(anchor, OA.hasSelector):
            if (selector, RDF.type, OA.TextPositionSelector) in graph:
                start, end = int(graph.value(selector, OA.start)), int(graph.value(selector, OA.end))
                exact = str(graph.value(URIRef(str(anchor) + "/quote"), OA.exact))
            if (selector, RDF.type, OA.FragmentSelector) in graph:
                page = str(graph.value(selector, RDF.value))
                assert graph.value(selector, DCTERMS.conformsTo) == URIRef("http://tools.ietf.org/rfc/rfc3778")
        assert start is not None and report.text[start:end] == exact, anchor
        assert page == f"page={report.layout.page_of(start)}", anchor
        checked += 1
    assert checked > 15
    assert {f"page={n}" for n in range(1, len(report.layout.pages) + 1)} <= {
        str(v) for v in graph.objects(None, RDF.value) if str(v).startswith("page=")
    }


def test_the_app_shows_the_page_of_a_statistic(built, monkeypatch):
    paths, out = built
    monkeypatch.setenv("KG_HOME", str(paths.root))
    store = EmbeddedStore.from_file(out / "kg.nt")
    stats = run_query(store, "statistics", paths=paths).records()
    [stat] = [r for r in stats if " ".join(r["text"].split()) == "61 percent"]
    detail = item_detail(store, stat["stat"])
    assert detail is not None and detail.page and detail.where().startswith(f"page {detail.page} · characters")


def test_a_zotero_export_takes_the_place_of_the_entries_it_matches(tmp_path):
    paths = init_project(tmp_path / "project")
    bib = tmp_path / "zotero.bib"
    bib.write_text(ZOTERO, encoding="utf-8")
    root = str(paths.root)
    assert main(["--project", root, "add", str(_pdf(tmp_path)), "--id", "sellers", "--bib", str(bib)]) == 0
    out = tmp_path / "out"
    assert main(["--project", root, "build", "--out", str(out), "--no-reason", "--quiet"]) == 0
    store = EmbeddedStore.from_file(out / "kg.nt")
    rows = {" ".join(r["text"].split()): r for r in run_query(store, "citations", paths=paths).records()}
    assert rows["Okonkwo & Hart, 2018"]["key"] == "okonkwoWhereSellersGo2018"  # by author and year
    assert rows["Reyes (2020)"]["key"] == "reyes2020"  # by key
    assert rows["Lindqvist (2019)"]["key"] == "lindqvist2019"  # only the --bib file lists it
    assert rows["Brandt, 2021"]["key"] == "sellers-brandt2021"  # only the report's own list gives it
    graph = Graph().parse(out / "kg.nt", format="nt")
    assert (RES["work/sellers-okonkwo2018"], None, None) not in graph  # one work, the curated one
    assert (RES["work/okonkwoWhereSellersGo2018"], EKG.origin, EKG.Extracted) not in graph
    assert (RES["work/sellers-brandt2021"], EKG.origin, EKG.Extracted) in graph


def test_the_flags_make_the_report_entry_and_special_characters_survive(tmp_path):
    paths = init_project(tmp_path / "project")
    title = "Markets & Moderation: 100% {Closed} #1"
    argv = ["--project", str(paths.root), "add", str(_pdf(tmp_path)), "--id", "mm", "--title", title]
    argv += ["--author", "Osei, Amara", "--author", "Office of Platform Safety", "--year", "2024"]
    argv += ["--kind", "journal-article", "--url", "https://example.org/mm?a=1&b=2"]
    assert main(argv) == 0
    [entry] = [e for e in parse_bibtex(paths.reports_bib.read_text(encoding="utf-8"), "bib") if e.key == "mm"]
    assert entry.title == title and entry.year == "2024" and entry.kind == "journal-article"
    assert entry.entry_type == "article" and entry.fields["url"] == "https://example.org/mm?a=1&b=2"
    assert entry.family_names == ("Osei", "Office of Platform Safety")
    assert "title" not in entry.fields.get("basis", "") and "year" not in entry.fields.get("basis", "")


@pytest.mark.parametrize(
    ("entry", "kind"),
    [
        ("@article{k, title={t}, year={2020}}", "journal-article"),
        ("@article{k, title={t}, date={2020-03-04}, entrysubtype={newspaper}}", "news-item"),
        ("@book{k, title={t}, year={2020}}", "book"),
        ("@incollection{k, title={t}, year={2020}}", "chapter"),
        ("@inproceedings{k, title={t}, year={2020}}", "conference-paper"),
        ("@techreport{k, title={t}, year={2020}}", "report"),
        ("@report{k, title={t}, year={2020}}", "report"),
        ("@online{k, title={t}, year={2020}}", "web-page"),
        ("@misc{k, title={t}, year={2020}, url={https://x.org}}", "web-page"),
        ("@misc{k, title={t}, year={2020}, howpublished={\\url{https://x.org}}}", "web-page"),
        ("@misc{k, title={t}, year={2020}}", "other"),
        ("@unpublished{k, title={t}, year={2020}}", "manuscript"),
        ("@phdthesis{k, title={t}, year={2020}}", "thesis"),
        ("@mastersthesis{k, title={t}, year={2020}}", "thesis"),
        ("@legislation{k, title={t}, year={2020}}", "law"),
        ("@jurisdiction{k, title={t}, year={2020}}", "court-case"),
        ("@misc{k, title={t}, year={2020}, kind={data-set}}", "data-set"),  # kind stays an override
    ],
)
def test_standard_entry_types_need_no_kind(entry: str, kind: str):
    [parsed] = parse_bibtex(entry, "zotero.bib")
    assert parsed.kind == kind
    assert parsed.year == "2020"  # from year, or biblatex's date


def test_the_works_read_from_its_list_are_exported_and_downloaded_like_bib_ones(built, capsys):
    """A report added with no BibTeX can be cited: its works come from the build's bibliography."""
    import bibtexparser

    from kg.appdata import downloads

    paths, out = built
    works = bibtexparser.parse_string((out / "works.bib").read_text(encoding="utf-8"))
    assert {"sellers-okonkwo2018", "sellers-reyes2020", "sellers-brandt2021"} <= {e.key for e in works.entries}
    store = EmbeddedStore.from_file(out / "kg.nt")
    resting = [
        r["item"]
        for r in store.select(
            "SELECT ?item WHERE { ?item <https://w3id.org/evidence-kg/ontology#restsOn> "
            "<https://w3id.org/evidence-kg/resource/work/sellers-okonkwo2018> }"
        ).records()
    ]
    assert resting
    project = ["--project", str(paths.root)]
    capsys.readouterr()
    assert main([*project, "export", "bibtex", "--item", resting[0], "--build", str(out)]) == 0
    exported = bibtexparser.parse_string(capsys.readouterr().out)
    [entry] = [e for e in exported.entries if e.key == "sellers-okonkwo2018"]
    assert entry.entry_type == "article" and "kind" not in entry.fields_dict and "citedin" not in entry.fields_dict
    assert entry.fields_dict["title"].value == "Where sellers go after a forum closes"
    assert main([*project, "export", "ris", "--item", resting[0], "--build", str(out)]) == 0
    assert "Where sellers go after a forum closes" in capsys.readouterr().out
    assert "sellers-okonkwo2018" in downloads.bibtex_for(store, ["sellers-okonkwo2018"])  # the graph alone
    assert "Where sellers go after a forum closes" in downloads.works_as(store, ["sellers-okonkwo2018"], "csl-json")
