"""One card per sentence, names that tell works apart, no raw codes on pages (issue #20, E)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kg.appdata import catalogue as catalogue_module
from kg.appdata import concerns, listing, sources, words
from kg.appdata import pages as registry
from kg.appdata.names import RES, short

APP = Path(__file__).resolve().parent.parent / "app"
#: "Research approximates that Backpage.com profited …": a sentence the tool found, holding two curated claims.
SENTENCE = RES + "claim/policing2020/20967-21162"
CURATED = RES + "claim/policing2020/20967-21069"
EXCERPT_CLAIM = RES + "claim/usc2012/9911-10059"  # its interview excerpt is dated by a personal communication


@pytest.fixture(scope="module")
def cat(store):
    return catalogue_module.catalogue(store)


@pytest.fixture(autouse=True)
def app_build_dir(build_dir, monkeypatch):
    monkeypatch.setenv("KG_BUILD_DIR", str(build_dir))
    monkeypatch.delenv("KG_ENDPOINT", raising=False)


def test_a_sentence_the_tool_found_in_a_curated_claim_is_one_card_with_all_flags(cat):
    folds = listing.sentence_folds(cat)
    assert SENTENCE in folds[CURATED]
    cards = listing.one_card_per_sentence(cat, cat.claims)
    assert SENTENCE not in {c.iri for c in cards} and CURATED in {c.iri for c in cards}
    assert len(cards) == len(cat.claims) - sum(len(v) for v in folds.values())
    for curated, extracted in folds.items():  # each folded sentence overlaps the card's words
        card = cat.claim(curated)
        for e in extracted:
            other = cat.claim(e)
            assert other.report == card.report and other.start < card.end and card.start < other.end
            assert concerns.flag_kinds_concerning(cat, e) <= listing.card_flag_kinds(cat, card)


def test_every_sentence_overlapping_a_curated_claim_is_folded_into_the_first_one(cat):
    """The folds are looked up per report by position; they must equal the plain pairwise reading."""
    curated = sorted((c for c in cat.claims if c.curated), key=lambda c: (c.report, c.start))
    expected: dict[str, list[str]] = {}
    for e in cat.claims:
        if e.curated:
            continue
        over = [c for c in curated if c.report == e.report and c.start < e.end and e.start < c.end]
        if over:
            expected.setdefault(over[0].iri, []).append(e.iri)
    assert expected and listing.sentence_folds(cat) == {k: tuple(v) for k, v in expected.items()}


def test_the_claims_page_counts_cards_and_shows_no_sentence_twice():
    at = AppTest.from_file(str(APP / registry.CLAIMS.script), default_timeout=120).run()
    assert not at.exception
    said = next(m.value for m in at.markdown if " claims" in str(m.value) and "**" in str(m.value))
    assert "sentences the tool found are shown on the curated claim in them" in said
    at = AppTest.from_file(str(APP / registry.CLAIMS.script), default_timeout=120)
    at.query_params["claim"] = short(CURATED)
    at.run()
    assert "the tool found the sentence around it" in " ".join(c.value for c in at.caption)


def test_works_that_would_read_the_same_are_told_apart_by_date(store, cat):
    names = [w["name"] for w in sources.works(store)]
    assert not [n for n, k in Counter(names).items() if k > 1]
    musto = sorted(n for n in names if n.startswith("Musto (2012"))
    assert "Musto (2012, June 29)" in musto and len(musto) >= 6
    in_cards = Counter(s.name for s in cat.sources.values() if s.key and s.what != "interview excerpt")
    assert not [n for n, k in in_cards.items() if k > 1]
    assert words.distinct_names([("a", "X (2012)", "2012-06-29", ""), ("b", "X (2012)", "", "Notes")]) == {
        "a": "X (2012, June 29)",
        "b": "X (2012), Notes",
    }


RAW = re.compile(r"res:[\w/.-]+|https://w3id\.org/\S+|\bmusto_\w+|\bdated by [a-z_0-9]+\b")


def _visible(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in [*at.markdown, *at.caption, *at.warning, *at.info, *at.subheader])


@pytest.mark.parametrize(
    ("page", "params"),
    [
        (registry.CLAIMS.script, {"claim": short(EXCERPT_CLAIM)}),
        (registry.FLAGS.script, {}),
        (registry.SOURCES.script, {"work": "musto_pc_2012_06_29"}),
        (registry.STUDIES.script, {}),
    ],
)
def test_no_raw_code_on_a_page(page, params):
    at = AppTest.from_file(str(APP / page), default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception
    text = re.sub(r"<a [^>]*>", "", _visible(at))  # addresses inside links are not read
    text = re.sub(r"\(\./\w+\?[^)]*\)", "", text)
    text = re.sub(r"`[^`]*`", "", text)  # the technical details, folded away, name IRIs in code on purpose
    assert not RAW.findall(text), RAW.findall(text)[:5]


def test_a_flag_on_a_report_names_the_report(cat):
    kind, said, _ = concerns.target_words(cat, RES + "report/usc2012")
    assert kind == "report" and said == cat.reports["usc2012"]
    kind, said, opens = concerns.target_words(cat, RES + "candidate/curated/anderson2012")
    assert said.startswith("a candidate source for Anderson") and opens["work"] == "anderson2012"


def test_a_claim_card_lists_the_claims_own_sources_not_its_figures(store, cat):
    direct: dict[str, set[str]] = {}
    table = store.select(
        "PREFIX ekg: <https://w3id.org/evidence-kg/ontology#> SELECT ?c ?s WHERE { ?c a ekg:Claim ; ekg:restsOn ?s }",
        limit=None,
    )
    for r in table.records():
        direct.setdefault(r["c"], set()).add(r["s"])
    for c in cat.claims:
        assert set(c.sources) == direct.get(c.iri, set()), c.iri
        from_figures = {s for f in c.statistics for s in cat.figure(f).sources} - direct.get(c.iri, set())
        assert not from_figures & set(c.sources)


def test_the_curators_note_on_a_work_not_found_is_on_its_page_and_under_the_figure_resting_on_it():
    """Why the Department of Defense page was not found, and the hotline data that is its likely origin."""
    work = AppTest.from_file(str(APP / registry.SOURCES.script), default_timeout=120)
    work.query_params["work"] = "usdod2019"
    work.run()
    assert not work.exception
    assert any("Curator's note" in str(c.value) and "Polaris" in str(c.value) for c in work.caption)
    figure = AppTest.from_file(str(APP / registry.STATISTICS.script), default_timeout=120)
    figure.query_params["stat"] = short(RES + "stat/policing2020/1641-1651")  # "71 percent", citing DoD (2019)
    figure.run()
    assert not figure.exception
    assert any("no candidate" in str(m.value) and "Polaris" in str(m.value) for m in figure.markdown)
