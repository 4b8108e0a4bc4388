"""The app's held lists on the real graph: the catalogue, the filters, flags concerning an item, Compare."""

from __future__ import annotations

import pytest

from kg.appdata import catalogue as catalogue_module
from kg.appdata import compare, concerns, listing, words
from kg.appdata import pages as registry
from kg.appdata.names import RES
from kg.appdata.settings import all_rows, rows
from kg.query import run_console

PER_GIRL = RES + "stat/policing2020/1466-1483"  # $150,000-$200,000 per girl, relayed through NPR (2010)
NPR = RES + "work/npr2010"


@pytest.fixture(scope="module")
def cat(store):
    return catalogue_module.catalogue(store)


def test_the_catalogue_holds_every_claim_and_figure_of_the_graph(store, cat):
    counts = {r["what"]: int(r["n"]) for r in rows(store, "app-counts")}
    assert len(cat.claims) == counts["claims"]
    assert len(cat.figures) == counts["statistics"]
    assert len(cat.flags) == counts["quality flags"]
    assert catalogue_module.catalogue(store) is cat  # held, not read again


def test_every_claim_and_figure_has_source_kinds_the_filter_offers(cat):
    for item in [*cat.claims, *cat.figures]:
        assert item.source_kinds and item.source_kinds <= set(words.SOURCE_KINDS), (item.iri, item.source_kinds)


def test_a_claim_resting_on_a_news_item_is_found_by_the_news_filter(store, cat):
    news_works = {r["work"] for r in rows(store, "app-works") if r["kind"] == "news-item"}
    expected = {c.iri for c in cat.claims if c.report == "policing2020" and set(c.sources) & news_works}
    found = listing.claims(cat, listing.Filter(reports=("policing2020",), source_kinds=("news",)))
    assert expected and {c.iri for c in found} >= expected
    assert all(c.report == "policing2020" and "news" in c.source_kinds for c in found)


def test_search_matches_every_word_and_quoted_phrase(cat):
    def words_of(c):
        names = [cat.sources[s].name for s in c.sources if s in cat.sources]
        return " ".join([c.quote, c.section, *names, *c.platforms, *c.agencies]).casefold()

    found = listing.claims(cat, listing.Filter(text='police "sex trafficking"'))
    expected = [c for c in cat.claims if "police" in words_of(c) and "sex trafficking" in " ".join(words_of(c).split())]
    assert found and [c.iri for c in found] == [c.iri for c in expected]
    assert listing.claims(cat, listing.Filter(text="zzzz-no-such-word")) == []


def test_the_flag_on_the_curated_claim_reaches_the_figure_and_the_extracted_claim(cat):
    on_figure = concerns.concerning(cat, PER_GIRL)
    curated = [c for c in on_figure if c.flag.origin == "curated"]
    assert any(c.flag.kind == "news as evidence" for c in curated)
    for c in on_figure:  # a flag is on the figure itself (it targets it) or says how it reaches it
        assert (PER_GIRL in c.flag.targets) != bool(c.via), c
    figure = cat.figure(PER_GIRL)
    for claim in figure.claims:
        assert "news as evidence" in concerns.flag_kinds_concerning(cat, claim), claim
    flagged = listing.figures(cat, listing.Filter(flag_kinds=("news as evidence",)))
    assert PER_GIRL in {f.iri for f in flagged}


def test_a_flag_on_a_work_concerns_what_rests_on_it(cat):
    on_work = set(cat.flags_on.get(NPR, ()))
    assert on_work
    resting = [c for c in cat.claims if NPR in c.sources]
    assert resting
    for c in resting:
        assert on_work <= {k.flag.iri for k in concerns.concerning(cat, c.iri)}


def test_pages_of_a_list_cover_it_once(cat):
    seen = []
    first, number, pages = listing.page(cat.claims, 1, 20)
    assert number == 1 and pages == -(-len(cat.claims) // 20)
    for n in range(1, pages + 1):
        seen.extend(listing.page(cat.claims, n, 20)[0])
    assert seen == cat.claims
    assert listing.page(cat.claims, pages + 5, 20)[1] == pages  # past the end: the last page


def test_facet_counts_count_the_items(cat):
    facets = listing.facets(cat, cat.claims)
    assert sum(n for _, n in facets["report"]) == len(cat.claims)
    by_kind = dict(facets["source"])
    assert by_kind["news"] == sum("news" in c.source_kinds for c in cat.claims)


def test_compare_shows_both_sides_of_every_relation_with_their_evidence(store, cat):
    relations = compare.relations(store, cat)
    assert len(relations) == len(all_rows(store, "app-compare")) > 0
    for r in relations:
        assert r.a.report != r.b.report
        assert r.a.quote and r.b.quote
        assert r.a.evidence and r.b.evidence
        for named in (*r.a.evidence, *r.b.evidence):  # a kind the name already says is not said twice
            assert not any(named.lower().endswith(f"{k} ({k})") for k in ("field notes", "news article")), named
        assert r.kind in {"corroborates", "refines", "contradicts", "similar"}
        if r.kind == "similar":  # only the rules pair claims as similar
            assert r.made_by == "suggested by the tool"
    left, right = compare.oriented(relations[0], "usc2012")
    assert left.report == "usc2012"


def test_figures_side_by_side_group_every_figure_once(cat):
    groups = compare.figure_groups(cat, ("policing2020", "usc2012"))
    placed = [f.iri for by_report in groups.values() for figures in by_report.values() for f in figures]
    assert sorted(placed) == sorted(f.iri for f in cat.figures if f.report in ("policing2020", "usc2012"))


def test_select_star_columns_come_in_the_order_the_query_names_them(store):
    table = run_console(store, "SELECT * WHERE { ?work ekg:bibtexKey ?key ; a ?class } LIMIT 3")
    assert table.columns == ["work", "key", "class"]
    table = run_console(store, "SELECT ?b ?a WHERE { ?a ekg:bibtexKey ?b } LIMIT 1")
    assert table.columns == ["b", "a"]


def test_the_cli_searches_claims_and_figures_by_free_text(build_dir, capsys):
    import json

    from kg.cli import main

    status = main(["query", "search", "--param", "text=PER   Girl", "--format", "json", "--build", str(build_dir)])
    assert status == 0
    bindings = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert bindings and {b["type"]["value"] for b in bindings} <= {"claim", "statistic", "excerpt", "flag", "note"}
    for b in bindings:
        assert "per girl" in " ".join(b["quote"]["value"].split()).casefold()
    assert any(b["restsOn"]["value"] == "npr2010" for b in bindings)


def test_a_flags_sourced_note_reaches_every_view_of_the_flag(store, cat, build_dir, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    noted = {r["flag"]: r for r in rows(store, "flags") if r.get("note")}
    assert noted  # the curated layer has at least one sourced note
    for iri, r in noted.items():
        assert cat.flags[iri].note == r["note"]
        assert cat.flags[iri].note_source in (r["noteUrl"], r["noteWork"])
    monkeypatch.setenv("KG_BUILD_DIR", str(build_dir))
    at = AppTest.from_file(str(ROOT / "app" / registry.FLAGS.script), default_timeout=120)
    at.run()
    at.text_input(key="flag_search").set_value(next(iter(noted.values()))["note"].split()[-1]).run()
    shown = " ".join(str(i.value) for i in at.info)
    first = next(iter(noted.values()))
    assert "A curator's note" in shown and " ".join(first["note"].split())[:40] in " ".join(shown.split())


def test_the_catalogue_asks_the_store_for_every_row(store):
    """A list whose total a page shows is read past the interactive row cap (10,000 rows)."""

    class Watching:
        def __init__(self, inner):
            self.inner, self.limits = inner, []

        def select(self, text, bindings=None, *, limit=None, timeout=None):
            self.limits.append(limit)
            return self.inner.select(text, bindings, limit=limit, timeout=timeout)

    watched = Watching(store)
    built = catalogue_module.build(watched)  # type: ignore[arg-type]
    assert len(built.claims) == len(catalogue_module.catalogue(store).claims)
    assert watched.limits and all(limit is None for limit in watched.limits), watched.limits


def test_the_entities_list_holds_laws_and_programmes_and_says_where_each_comes_from(store):
    listed = {r["entity"]: r for r in all_rows(store, "app-entities")}
    extracted = set(
        store.select(
            "PREFIX ekg: <https://w3id.org/evidence-kg/ontology#> SELECT ?e WHERE { ?e ekg:origin ekg:Extracted ; "
            "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l . FILTER NOT EXISTS { ?e a ekg:Mention } }"
        ).values("e")
    )
    laws = [r for r in listed.values() if r["group"] == "law or programme"]
    assert laws and all(r["kind"] for r in laws)
    assert {e for e, r in listed.items() if r["origin"] == "found by the tool"} == extracted & set(listed)
    assert all(r["origin"] == "gazetteer" for e, r in listed.items() if e not in extracted)


def test_a_curators_flag_comes_first_and_a_suggestion_of_its_kind_says_so(cat, build_dir, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    claim = RES + "claim/policing2020/1431-1577"  # the per-girl claim: a curator's news flag and the tool's
    kinds = [(c.flag.kind, c.flag.origin) for c in concerns.concerning(cat, claim)]
    assert ("news as evidence", "curated") in kinds and ("news as evidence", "suggested") in kinds
    monkeypatch.setenv("KG_BUILD_DIR", str(build_dir))
    at = AppTest.from_file(str(ROOT / "app" / registry.CLAIMS.script), default_timeout=120)
    at.query_params["claim"] = "res:claim/policing2020/1431-1577"
    at.run()
    shown = [str(w.value) for w in at.warning if str(w.value).startswith("**Flag:")]
    assert len(shown) == len(kinds)
    curated = [i for i, text in enumerate(shown) if "suggested by the tool" not in text]
    assert curated == list(range(len(curated)))  # the curator's flags first
    assert any("news as evidence" in t and "a curator flagged it too" in t for t in shown)
    assert not any("news as evidence" in t and "for a curator to review" in t for t in shown)


def test_the_counts_before_a_table_are_the_count_statistics_of_the_prose_before_it(store):
    from kg.appdata import overview

    gappy = [t for t in overview.tables(store) if any(c.text is None for row in t.rows for c in row.cells)]
    assert gappy  # the phone-number table leaves figures out
    for table in gappy:
        expected: dict[float, str] = {}
        for r in all_rows(store, "app-statistics"):  # the whole list, read independently of the catalogue
            if (
                r["report"] == table.report
                and r["statKind"] == "count"
                and table.start - 600 <= int(r["start"]) < table.start
            ):
                expected.setdefault(float(r["value"]), r["text"])
        found = overview.counts_before(store, table.report, table.start)
        assert found and [(float(f["value"]), f["text"]) for f in found] == list(expected.items())


def test_a_platforms_origin_reads_as_words_not_as_the_querys_code():
    from kg.appdata.entities import origin_words

    assert origin_words({"origin": "gazetteer"}) == "a list of known names"
    assert origin_words({"origin": "found by the tool"}) == "found by the tool in the text"
    assert origin_words({"origin": "something new"}) == "something new"  # shown as given, never dropped


def test_compare_searches_both_sides_groups_by_theme_and_says_a_pairings_basis_in_words(store, cat):
    """Deliverable 6 of issue #20: search, themes (a shared source or platform), each pairing's basis in words."""
    found = compare.relations(store, cat)
    hits = compare.matching(found, "Backpage")
    assert hits and all(
        "backpage" in " ".join([r.a.quote, r.b.quote, r.rationale, *r.a.evidence, *r.b.evidence]).casefold()
        for r in hits
    )
    assert len(hits) < len(found) and compare.matching(found, "") == found
    groups = compare.themes(cat, found)
    assert sorted(r.iri for _, members in groups for r in members) == sorted(r.iri for r in found)  # each once
    assert len(groups[0][1]) > 1 and len(groups) < len(found)  # a theme gathers several rows
    pairing = next(r for r in found if r.made_by != "curated" and r.rationale.startswith("Shared:"))
    said = compare.basis(pairing)
    assert said.startswith("The tool paired them because both quotes use the words") and "not reviewed" in said
    curated = next(r for r in found if r.made_by == "curated" and r.rationale)
    assert compare.basis(curated) == curated.rationale
