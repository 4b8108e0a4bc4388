"""A flag's sourced note: what a careful reader knows from outside the text, with its source, labelled curated.

Expected values are read from ``annotations/*.yaml`` with plain ``yaml.safe_load`` (not through
``kg.sources.annotations``); the graph is asked with SPARQL and through the canned flags query.
The loader's refusals (no text, no source, an address that is not one, an unknown key) are rows
of the bad-input manifest (``tests/test_bad_input.py``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
import yaml

from kg.cli import main
from kg.query import run_query
from kg.store import EmbeddedStore
from tests.conftest import ROOT, copy_project, seeded_out

REPORTS = ("policing2020", "usc2012")
NOTES = """
PREFIX ekg: <https://w3id.org/evidence-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?flag ?id ?note ?text ?url ?work ?origin ?declared WHERE {
  ?flag a ekg:QualityFlag ; ekg:localId ?id ; ekg:hasNote ?note .
  ?note a ekg:SourcedNote ; rdf:value ?text ; ekg:origin ?origin ; ekg:declaredAt ?declared .
  OPTIONAL { ?note dcterms:source ?url }
  OPTIONAL { ?note prov:wasDerivedFrom ?work }
}"""
CURATED = "https://w3id.org/evidence-kg/ontology#Curated"


def words(text: str) -> str:
    return " ".join(text.split())


@cache
def yaml_notes() -> dict[str, dict[str, Any]]:
    """Each flag's note as its curator wrote it, by flag IRI."""
    notes = {}
    for report in REPORTS:
        data = yaml.safe_load((ROOT / "annotations" / f"{report}.yaml").read_text(encoding="utf-8"))
        for flag in data["flags"]:
            if "note" in flag:
                notes[f"https://w3id.org/evidence-kg/resource/flag/{report}/{flag['id']}"] = flag["note"]
    return notes


def test_the_curated_files_hold_a_sourced_note():
    assert yaml_notes(), "no flag has a note: the tests below would check nothing"
    for note in yaml_notes().values():
        assert words(note["text"]) and (note["source"].get("url") or note["source"].get("work"))


def test_each_note_is_in_the_graph_with_its_source_and_labelled_curated(store):
    found = {r["flag"]: r for r in store.select(NOTES, limit=None).records()}
    assert set(found) == set(yaml_notes())
    for flag, note in yaml_notes().items():
        row = found[flag]
        assert row["text"] == words(note["text"]), flag
        assert row["url"] == note["source"].get("url", ""), flag
        work = note["source"].get("work")
        assert row["work"] == (f"https://w3id.org/evidence-kg/resource/work/{work}" if work else ""), flag
        assert row["origin"] == CURATED and row["declared"].startswith("annotations/"), flag
        assert row["note"] != flag, "the note is a node of its own, not the flag"


def test_the_flags_query_shows_each_note_on_every_row_of_its_flag(store):
    table = run_query(store, "flags", limit=None)
    assert {"note", "noteUrl", "noteWork", "noteOrigin"} <= set(table.columns)
    rows = table.records()
    noted = [r for r in rows if r["flag"] in yaml_notes()]
    assert noted
    for r in rows:
        note = yaml_notes().get(r["flag"])
        if note is None:
            assert (r["note"], r["noteUrl"], r["noteWork"], r["noteOrigin"]) == ("", "", "", ""), r["flag"]
            continue
        assert r["note"] == words(note["text"]) and r["noteOrigin"] == "curated", r["flag"]
        assert r["noteUrl"] == note["source"].get("url", "") and r["noteWork"] == note["source"].get("work", "")


@pytest.mark.slow
def test_a_note_that_names_a_work_leads_to_it(build_dir, tmp_path, monkeypatch, capsys):
    """A bibliography key as a note's source: the note is derived from that work, and the query names it."""
    paths = copy_project(tmp_path)
    annotations = paths.annotations / "policing2020.yaml"
    text = annotations.read_text(encoding="utf-8")
    url = next(line for line in text.splitlines() if line.strip().startswith("url: http://api.fdsys.gov"))
    annotations.write_text(text.replace(url, url + "\n        work: tvpa2000", 1), encoding="utf-8")
    monkeypatch.setenv("KG_HOME", str(paths.root))
    out = seeded_out(build_dir, tmp_path / "out")  # the other report from the session build's cache
    assert main(["build", "--no-reason", "--quiet", "--out", str(out)]) == 0, capsys.readouterr().err
    store = EmbeddedStore.from_file(tmp_path / "out" / "kg.nt")
    try:
        rows = [r for r in run_query(store, "flags", limit=None).records() if r["id"] == "clinton-2002"]
        assert rows and all(r["noteWork"] == "tvpa2000" and r["noteUrl"] for r in rows)
        found = store.select(NOTES, limit=None).records()
        assert [r["work"] for r in found if r["id"] == "clinton-2002"] == [
            "https://w3id.org/evidence-kg/resource/work/tvpa2000"
        ]
    finally:
        store.close()
