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
    assert "candidate (curated), not what the report says:* *CSI: Xbox*" in shown
    assert "evidence: “Blog post of 28 Jan 2012" in shown and "curator's note: No search result" in shown
