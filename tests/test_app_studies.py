"""Studies and candidate sources where a work is shown (issue #20, C), on the real graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kg.appdata import catalogue as catalogue_module
from kg.appdata import pages as registry
from kg.appdata import studies as studies_module
from kg.appdata.names import RES, short
from kg.appdata.settings import all_rows

APP = Path(__file__).resolve().parent.parent / "app"
INTERVIEWS = RES + "study/policing2020/interviews2019"
XBOX_CLAIM = RES + "claim/usc2012/2998-3268"  # rests on anderson2012, whose curated candidate is "CSI: Xbox"


@pytest.fixture(autouse=True)
def app_build_dir(build_dir, monkeypatch):
    monkeypatch.setenv("KG_BUILD_DIR", str(build_dir))
    monkeypatch.delenv("KG_ENDPOINT", raising=False)


def test_every_study_with_its_facts_and_what_rests_on_it(store):
    found = {s.iri: s for s in studies_module.studies(store)}
    assert len(found) == len(all_rows(store, "studies")) == 16
    interviews = found[INTERVIEWS]
    assert interviews.own and interviews.sample == "13" and interviews.period == "spring 2019"
    assert "semi-structured interviews" in interviews.method
    cat = catalogue_module.catalogue(store)
    for study in found.values():
        for claim in study.claims:
            assert study.iri in cat.claim(claim).sources
    resting = [c.iri for c in cat.claims if INTERVIEWS in c.sources]
    assert sorted(interviews.claims) == sorted(resting) and len(resting) > 10
    records = studies_module.study_records(list(found.values()), cat.reports)
    assert all("iri" not in r and "res:" not in str(r) for r in records)


def test_the_studies_page_lists_them_and_opens_one():
    at = AppTest.from_file(str(APP / registry.STUDIES.script), default_timeout=120).run()
    assert not at.exception
    shown = "\n".join(str(m.value) for m in at.markdown)
    assert "16</strong> of 16 studies" in shown or "**16** of 16 studies" in shown
    assert "Studies?study=res%3Astudy%2Fpolicing2020%2Finterviews2019" in shown
    at = AppTest.from_file(str(APP / registry.STUDIES.script), default_timeout=120)
    at.query_params["study"] = short(INTERVIEWS)
    at.run()
    assert not at.exception
    shown = "\n".join(str(m.value) for m in at.markdown)
    assert "**Sample:** 13" in shown and "spring 2019" in shown and "Claims?claim=res%3Aclaim" in shown


def test_a_claims_sources_show_each_candidate_as_a_candidate_with_its_evidence_and_note():
    at = AppTest.from_file(str(APP / registry.CLAIMS.script), default_timeout=120)
    at.query_params["claim"] = short(XBOX_CLAIM)
    at.run()
    assert not at.exception
    shown = "\n".join(str(m.value) for m in at.markdown).replace("\\", "")  # markdown escapes undone
    assert "a candidate a curator found, not what the report says:* *CSI: Xbox*" in shown
    assert "evidence: “Blog post of 28 Jan 2012" in shown and "curator's note: No search result" in shown


def test_a_long_list_of_studies_is_paged(tmp_path, monkeypatch):
    """At 1,000 reports there are 2,000 studies: 20 cards a page and a page number, not 2,000 cards at once."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("synthetic_corpus", APP.parent / "scripts" / "synthetic_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # @dataclass looks its class's module up in sys.modules
    spec.loader.exec_module(module)
    lines, _ = module.generate(12, 7)
    (tmp_path / "kg.nt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("KG_BUILD_DIR", str(tmp_path))
    from kg.store import EmbeddedStore

    total = len(studies_module.studies(EmbeddedStore.from_file(tmp_path / "kg.nt")))
    assert total > 20
    at = AppTest.from_file(str(APP / registry.STUDIES.script), default_timeout=120).run()
    assert not at.exception
    cards = [m for m in at.markdown if 'class="kg-card"' in str(m.value)]
    assert len(cards) == 20
    pager = at.number_input(key="study_page")
    assert pager.label == f"Page (of {-(-total // 20)})"
    pager.set_value(2).run()
    assert not at.exception
    assert len([m for m in at.markdown if 'class="kg-card"' in str(m.value)]) == min(20, total - 20)
