"""Counts that add up and mean one thing (issue #20, D): curated relations and the tool's pairings
apart everywhere; platforms and organisations counted by what the reports mention, the gazetteer's
size said apart; on the real graph and on a new project whose one report names only the FBI."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kg.appdata import catalogue as catalogue_module
from kg.appdata import compare, overview
from kg.appdata import pages as registry
from kg.appdata.settings import all_rows
from kg.pipeline import build
from kg.project.init import init_project
from kg.sources.add import add_report
from kg.store import EmbeddedStore

APP = Path(__file__).resolve().parent.parent / "app"
FBI_ONLY = """Agents of the Federal Bureau of Investigation reviewed 42 advertisements in 2021.
The FBI said the review would continue (Doe, 2020).

References

Doe, J. (2020). A review of advertisements. Example Press.
"""


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_curated_relations_and_pairings_are_counted_apart_and_add_up(store, build_dir, monkeypatch):
    counts = overview.counts(store)
    relations = compare.relations(store, catalogue_module.catalogue(store))
    curated = [r for r in relations if r.made_by == "curated"]
    assert counts["cross-report relations"] == len(curated) == 28
    assert counts["suggested pairings"] == len(relations) - len(curated)
    monkeypatch.setenv("KG_BUILD_DIR", str(build_dir))
    monkeypatch.delenv("KG_ENDPOINT", raising=False)
    home = AppTest.from_file(str(APP / "Home.py"), default_timeout=120).run()
    shown = _metrics(home)
    assert shown["Curated cross-report relations"] == "28"
    assert shown["Pairings suggested by the tool"] == str(counts["suggested pairings"])
    assert "Cross-report relations" not in shown
    page = AppTest.from_file(str(APP / registry.COMPARE.script), default_timeout=120).run()
    label = page.tabs[0].label
    assert f"{len(curated)} curated, {len(relations) - len(curated)} suggested by the tool" in label


def test_a_new_projects_overview_counts_what_its_report_mentions(tmp_path, monkeypatch):
    paths = init_project(tmp_path / "project")
    text = tmp_path / "fbi.txt"
    text.write_text(FBI_ONLY, encoding="utf-8")
    add_report(paths, text, "fbi2021", lambda _: None)
    out = tmp_path / "build"
    build(paths, out, progress=lambda _: None, reasoning=False)
    store = EmbeddedStore.from_file(out / "kg.nt")
    counts = overview.counts(store)
    mentioned = {r["entity"] for r in all_rows(store, "app-entities") if r["mentionsByReport"]}
    assert counts["platforms"] == 0
    assert counts["organisations"] == len(mentioned) >= 1
    assert counts["gazetteer platforms"] >= 20 and counts["gazetteer organisations"] > counts["organisations"]
    monkeypatch.setenv("KG_BUILD_DIR", str(out))
    monkeypatch.setenv("KG_HOME", str(paths.root))
    monkeypatch.delenv("KG_ENDPOINT", raising=False)
    home = AppTest.from_file(str(APP / "Home.py"), default_timeout=120).run()
    assert not home.exception
    shown = _metrics(home)
    assert shown["Platforms mentioned"] == "0" and shown["Organisations mentioned"] == str(len(mentioned))
    said = " ".join(c.value for c in home.caption)
    assert f"the gazetteer lists {counts['gazetteer platforms']} platforms" in said
    page = AppTest.from_file(str(APP / registry.ENTITIES.script), default_timeout=120).run()
    assert not page.exception
    page.radio(key="entity_group").set_value("agency").run()
    assert len(page.dataframe[0].value) == sum(
        1 for r in all_rows(store, "app-entities") if r["group"] == "agency" and r["mentionsByReport"]
    )


@pytest.fixture(autouse=True)
def _no_leak(monkeypatch):
    """Each test sets the app's environment itself."""
    monkeypatch.delenv("KG_BUILD_DIR", raising=False)
