"""bib/references.bib: loads strictly, keeps to what the citing texts say; bad files fail with file:line."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.kinds import WORK_KINDS as KINDS
from kg.records import BibEntry
from kg.sources.bibtex import load_bibtex

ROOT = Path(__file__).resolve().parent.parent
REPORT_KEYS = {"policing2020", "usc2012"}
KEY_SCHEME = re.compile(r"^[a-z]+(?:\d{4}[a-z]?|_nd)$|^[a-z]+_pc_\d{4}_\d\d_\d\d$|^[a-z]+_fieldnotes_\d{4}$")


@cache
def entries() -> dict[str, BibEntry]:
    return {e.key: e for e in load_bibtex(ROOT / "bib" / "references.bib", "bib/references.bib")}


def test_references_load_without_error() -> None:
    print(f"bib/references.bib: {len(entries())} entries")
    assert len(entries()) == 91


def test_every_entry_says_what_it_is_and_who_cites_it() -> None:
    for key, e in entries().items():
        assert KEY_SCHEME.match(key), key
        assert e.kind in KINDS, key
        cited_in = {k.strip() for k in e.fields.get("citedin", "").split(",")}
        assert cited_in and cited_in <= REPORT_KEYS, key
        assert e.fields.get("author") or e.title, f"{key} names neither an author nor a title"
        if e.year == "n.d.":
            assert e.fields.get("undated") == "true", key
            assert key.endswith("_nd"), key
        else:
            assert re.fullmatch(r"\d{4}", e.year), key
            assert e.year in key, key


def test_2020_entries_carry_only_author_and_year() -> None:
    for key, e in entries().items():
        if e.fields["citedin"] != "policing2020" or e.kind in ("law", "court-case"):
            continue
        assert "title" not in e.fields, key
        assert e.fields["note"].startswith("Only author and year are given in the citing text."), key
        assert e.fields.get("kindbasis"), f"{key}: a kind chosen without a title needs its basis"


def test_2012_entries_keep_titles_venues_and_dates() -> None:
    shively = entries()["shively2012"]
    assert shively.title == "National Overview of Prostitution and Sex Trafficking Demand Reduction Efforts"
    assert shively.fields["institution"] == "National Institute of Justice"
    assert entries()["aslanian2012"].fields["date"] == "2012-05-30"
    assert entries()["musto2011"].kind == "thesis"
    assert entries()["foot2011"].kind == "conference-paper"
    assert entries()["unodc2004"].kind == "report"
    assert entries()["lindstrom2007"].kind == "chapter"


def test_kinds_the_text_shows() -> None:
    kinds = {k: e.kind for k, e in entries().items()}
    assert kinds["backpagevmckenna_nd"] == "court-case"
    assert kinds["tvpa2000"] == "law"
    assert kinds["musto_fieldnotes_2012"] == "field-notes"
    pcs = {k: e.fields["date"] for k, e in entries().items() if e.kind == "personal-communication"}
    assert pcs == {
        "musto_pc_2012_06_11": "2012-06-11",
        "musto_pc_2012_06_27": "2012-06-27",
        "musto_pc_2012_06_29": "2012-06-29",
        "musto_pc_2012_07_09": "2012-07-09",
        "musto_pc_2012_07_11": "2012-07-11",
        "musto_pc_2012_07_30": "2012-07-30",
    }
    for news in ("singel2010", "kravets2011", "anderson2012", "doost2011", "cbsdfw2020", "npr2010"):
        assert kinds[news] == "news-item", news


def test_misspellings_are_listed_on_the_one_correct_entry() -> None:
    assert entries()["farrell2014"].fields["variants"] == "Ferrell and Pfeffer"
    assert entries()["villacampa2017"].fields["variants"] == "Vallacampa & Torres"
    assert entries()["makin2018"].fields["variants"] == "Makin & Brye"
    assert entries()["makin2018"].fields["yearvariants"] == "2016"
    assert not [k for k in entries() if k.startswith(("ferrell", "vallacampa", "makin2016"))]


def test_organisations_are_single_braced_names() -> None:
    """Written in braces in the file, an organisation is one author, its "and" not a separator."""
    ojjdp = entries()["ojjdp_nd"]
    assert ojjdp.raw["author"] == "{Office of Juvenile Justice and Delinquency Prevention}"
    assert ojjdp.authors == ojjdp.family_names == ("Office of Juvenile Justice and Delinquency Prevention",)
    assert entries()["ilo2014"].authors == ("International Labour Organization",)


# --- a bad file is named with its line -----------------------------------------------------

GOOD = """@misc{first2000,
  author = {First},
  year   = {2000},
  kind   = {book},
}
"""


def _load(tmp_path: Path, text: str) -> list[BibEntry]:
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    return load_bibtex(path, "bib/refs.bib")


def test_an_unclosed_brace_names_file_and_line(tmp_path: Path) -> None:
    bad = GOOD + "\n@misc{second2001,\n  author = {Second,\n  year   = {2001},\n  kind   = {book},\n}\n"
    with pytest.raises(InputError) as err:
        _load(tmp_path, bad)
    assert (err.value.file, err.value.line) == ("bib/refs.bib", 7)
    assert str(err.value).startswith("bib/refs.bib:7:")
    assert "unclosed brace" in err.value.message


def test_a_duplicate_key_names_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        _load(tmp_path, GOOD + "\n" + GOOD)
    assert (err.value.file, err.value.line) == ("bib/refs.bib", 7)
    assert "duplicate key 'first2000'" in err.value.message


def test_an_unknown_kind_names_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        _load(tmp_path, GOOD.replace("{book}", "{pamphlet}"))
    assert (err.value.file, err.value.line) == ("bib/refs.bib", 1)


def test_the_third_style_bibliography_loads() -> None:
    keys = [e.key for e in load_bibtex(ROOT / "tests" / "fixtures" / "third_style" / "references.bib")]
    assert keys == [
        "okonkwo2018",
        "vanderberg2016",
        "lindqvist2020",
        "lindqvist_pc_2021_05_02",
        "reyes2020",
        "bianchi2015",
    ]


def test_a_reference_without_authors_puts_its_title_first() -> None:
    from kg.sources.references import format_reference

    reports = {e.key: e for e in load_bibtex(ROOT / "bib" / "reports.bib", "bib/reports.bib")}
    assert format_reference(reports["policing2020"]).startswith("Policing Internet Sex Trafficking. (2020).")
    assert format_reference(reports["usc2012"]).startswith("USC Annenberg Center")
    farrell = entries()["farrell2014"]
    assert format_reference(farrell).startswith(f"{farrell.authors[0]}, ")


def test_and_others_reads_as_et_al() -> None:
    from kg.sources.references import format_reference

    boyd = entries()["boyd2011"]
    assert boyd.authors[-1] == "others"
    assert format_reference(boyd).startswith("boyd et al. (2011).")
