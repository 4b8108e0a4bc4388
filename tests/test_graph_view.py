"""The drawn graphs read as words at every size: short labels, claims capped by kind, a legend that
is exactly the colours drawn, reports drawn as reports, edges and tables in the ontology's words.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from kg.appdata import graph_nodes as gn
from kg.appdata import graphs, pyvis, words
from kg.appdata.names import RES
from kg.appdata.settings import rows

APP = Path(__file__).resolve().parent.parent / "app"
CENTRES = {
    "platform": RES + "platform/backpage",
    "work": RES + "work/farrell2014",
    "claim": RES + "claim/policing2020/240-390",
}
SIZES = [(1, 10), (1, 40), (2, 40), (2, 80)]
RELAYED = RES + "stat/usc2012/29482-29489"
CAMEL = re.compile(r"[a-z][A-Z]")
#: An IRI of the graph, full or shortened (a quote may hold a web address the report cites: that is text).
IRI = re.compile(r"w3id\.org/evidence-kg|\bres:|\bmore:")


def _data_set(page: str, name: str) -> list[dict]:
    """The JSON pyvis wrote for ``nodes = new vis.DataSet(...)`` (read as JSON: texts may hold ``);``)."""
    start = page.index(f"{name} = new vis.DataSet(") + len(f"{name} = new vis.DataSet(")
    return json.JSONDecoder().raw_decode(page, start)[0]


def drawn_nodes(page: str) -> list[dict]:
    return _data_set(page, "nodes")


def drawn_edges(page: str) -> list[dict]:
    return _data_set(page, "edges")


@pytest.mark.parametrize("centre", CENTRES.values(), ids=CENTRES.keys())
@pytest.mark.parametrize(("depth", "bound"), SIZES)
def test_every_label_is_a_few_words_at_every_size(store, centre, depth, bound):
    nodes, edges, _ = graphs.neighbourhood(store, centre, depth, bound)
    assert len(nodes) <= bound and nodes[0].iri == centre
    for n in nodes:
        assert 0 < len(n.label) <= gn.LABEL_LIMIT, n
        assert "\n" not in n.label and "://" not in n.label and not n.label.startswith(("res:", "more:")), n
        if n.kind in ("claim", "excerpt"):  # the first words of the quote, cut at a word with an ellipsis
            assert " ".join(n.full.split()).startswith(n.label.rstrip("…")), n
            assert n.label.endswith("…") or n.label == n.full
    page = pyvis.pyvis_html(nodes, edges)
    assert len(drawn_nodes(page)) == len(nodes) and all(d["label"].strip() for d in drawn_nodes(page))


def test_a_big_neighbourhood_is_big_and_still_all_words(store):
    nodes, edges, _ = graphs.neighbourhood(store, CENTRES["platform"], 2, 80)
    assert len(nodes) >= 60 and len(edges) >= 80  # the size at which it used to be a cloud of dots
    assert len({n.kind for n in nodes}) >= 6


def test_works_reports_and_claims_are_named_as_people_name_them(store):
    nodes, _, _ = graphs.neighbourhood(store, CENTRES["work"], 2, 80)
    assert nodes[0].label == "Farrell & Pfeffer (2014)" and nodes[0].kind == "work"
    report = next(n for n in nodes if n.iri == RES + "report/policing2020")
    assert report.kind == "report" and report.label == "Policing Internet Sex Trafficking (2020)"
    claims = [n for n in nodes if n.kind == "claim"]
    assert claims and all(len(c.full) > len(c.label) for c in claims)
    usc = graphs.neighbourhood(store, RES + "report/usc2012", 1, 10)[0][0]
    assert usc.kind == "report" and usc.label.endswith("… (2012)") and usc.label.startswith("Primary Research")


def test_report_nodes_have_their_own_kind_and_colour():
    assert gn.kind_of(RES + "report/x", ["https://w3id.org/evidence-kg/ontology#Report"]) == "report"
    assert gn.kind_of(RES + "report/x") == "report"
    assert pyvis.colour("report") != pyvis.colour("work")
    assert len(set(pyvis.NODE_COLOURS.values())) == len(pyvis.NODE_COLOURS)  # every kind its own colour
    assert set(pyvis.NODE_COLOURS) == set(gn.KIND_WORDS)


@pytest.mark.parametrize("per_kind", [2, 3, 6])
def test_around_a_node_at_most_the_cap_of_each_kind_and_the_rest_summed_up(store, per_kind):
    centre = CENTRES["platform"]
    nodes, edges, cut = graphs.neighbourhood(store, centre, 1, 80, per_kind)
    assert not cut
    drawn = {n.iri: n for n in nodes}
    around = [drawn[iri] for iri in dict.fromkeys(e.source if e.target == centre else e.target for e in edges)]
    per_group = Counter((n.kind, n.group) for n in around if n.kind != "more")
    assert per_group and max(per_group.values()) <= per_kind
    # what is drawn plus what the summaries say is every neighbour there is, group by group
    everyone = {r["neighbour"] for r in rows(store, "app-neighbours", node=centre)}
    described = gn.describe(store, sorted(everyone), words.labels(store))
    expected = Counter((n.kind, n.group) for n in described.values())
    summaries = [n for n in around if n.kind == "more"]
    assert summaries and all(re.fullmatch(r"\+\d+ more .+", n.label) for n in summaries)
    for n in summaries:
        kind, group = n.iri[len(gn.MORE) :].split("/", 2)[:2]
        per_group[(kind, group)] += n.hidden
    assert per_group == expected


def test_a_claim_two_steps_out_does_not_pull_in_every_claim_of_its_report(store):
    centre = CENTRES["claim"]
    nodes, edges, _ = graphs.neighbourhood(store, centre, 2, 80)
    report = RES + "report/policing2020"
    assert report in {n.iri for n in nodes}
    for n in nodes[1:]:
        if n.iri == report:
            continue
        touching = [e for e in edges if n.iri in (e.source, e.target)]
        assert touching and any(report not in (e.source, e.target) for e in touching), n  # reached not by the report
    in_report = {r["neighbour"] for r in rows(store, "app-neighbours", node=report)}
    assert len(in_report) > 150 and sum(n.kind == "claim" for n in nodes) < 40


def _graphs(store):
    for centre in CENTRES.values():
        for depth, bound in SIZES:
            yield graphs.neighbourhood(store, centre, depth, bound)[:2]
    yield graphs.chain(store, RELAYED, "138,402")


def test_the_legend_is_exactly_the_colours_drawn(store):
    for nodes, edges in _graphs(store):
        page = pyvis.pyvis_html(nodes, edges)
        drawn = {d["color"]["background"] for d in drawn_nodes(page)}
        legend = pyvis.legend_html(nodes)
        shown = set(re.findall(r"background:(#[0-9a-f]{6})", legend))
        assert drawn == shown, (nodes[0].label, drawn ^ shown)
        for kind in pyvis.legend_kinds(nodes):
            assert f"background:{pyvis.colour(kind)};" in legend and gn.kind_words(kind) in legend


def test_edges_read_as_the_ontology_labels(store):
    vocabulary = words.labels(store)
    seen = set()
    for nodes, edges in _graphs(store):
        for e in edges:
            assert e.label and not CAMEL.search(e.label) and "://" not in e.label, e
            if e.relation:
                seen.add(e.label)
                name = words.local_name(e.relation)
                assert e.label == vocabulary.get(name, words.term(vocabulary, name))
        page = pyvis.pyvis_html(nodes, edges)
        assert {d["label"] for d in drawn_edges(page)} <= {e.label for e in edges}
    assert {"rests on", "mentions", "stated in", "was attributed to", "attributes to"} <= seen


def test_the_chain_behind_a_relayed_figure_reads_as_words(store):
    nodes, edges = graphs.chain(store, RELAYED, "138,402")
    assert [(n.kind, n.label) for n in nodes] == [
        ("statistic", "138,402 (monthly unique visitors)"),
        ("work", "Quantcast (n.d.)"),
        ("platform", "Quantcast"),
    ]
    assert {e.label for e in edges} == {"rests on", "attributes to", "was attributed to"}
    lines = graphs.chain_text(nodes, edges)
    assert any(line.startswith("└ rests on → [cited work] Quantcast") and "(n.d.)" in line for line in lines)


def test_tables_under_the_graph_are_words_and_iris_only_in_the_technical_ones(store):
    nodes, edges, _ = graphs.neighbourhood(store, CENTRES["platform"], 2, 80)
    for record in [*gn.node_records(nodes), *gn.edge_records(nodes, edges)]:
        for column, value in record.items():
            assert not IRI.search(value), (column, value)
        assert not CAMEL.search(record.get("kind", "") + record.get("relation", "")), record
    technical = gn.node_records(nodes, with_iri=True)
    assert all(r["iri"].startswith(RES) for r, n in zip(technical, nodes, strict=True) if n.kind != "more")
    assert all(r["relation iri"].startswith("http") for r in gn.edge_records(nodes, edges, with_iri=True))


def test_tooltips_hold_the_full_text_and_no_iri(store):
    nodes, edges, _ = graphs.neighbourhood(store, CENTRES["work"], 1, 40)
    titles = [d["title"] for d in drawn_nodes(pyvis.pyvis_html(nodes, edges))]
    assert all("://" not in t for t in titles)
    assert all(n.full in t for n, t in zip(nodes, titles, strict=True))


def test_the_first_view_keeps_labels_legible():
    """The page fits the graph, then zooms in on the centre if a label would fall under MIN_LABEL_PX."""
    page = pyvis.pyvis_html([gn.Node(RES + "x", "x", "claim")], [])
    assert "network.fit()" in page and f"{pyvis.MIN_LABEL_PX} / " in page
    options = json.JSONDecoder().raw_decode(page, page.index("var options = ") + len("var options = "))[0]
    assert options["nodes"]["scaling"]["label"]["enabled"] and options["nodes"]["font"]["size"] >= 14


def test_no_page_embeds_with_the_deprecated_components_api():
    for page in [APP / "Home.py", *(APP / "screens").glob("*.py")]:
        assert "components.v1" not in page.read_text(encoding="utf-8"), page.name


# --- the pages, through AppTest ----------------------------------------------------------


@pytest.fixture
def app_page(build_dir, monkeypatch):
    monkeypatch.setenv("KG_BUILD_DIR", str(build_dir))
    monkeypatch.delenv("KG_ENDPOINT", raising=False)
    from streamlit.testing.v1 import AppTest

    return lambda name: AppTest.from_file(str(APP / "screens" / name), default_timeout=120)


def test_the_graph_page_states_the_cap_and_shows_words_with_iris_only_in_technical_details(app_page):
    at = app_page("5_Graph.py").run()
    at.slider(key="graph_depth").set_value(2).run()
    at.slider(key="graph_max").set_value(80).run()
    at.slider(key="graph_per_kind").set_value(4).run()
    assert not at.exception
    caption = next(c.value for c in at.caption if "nodes" in c.value)
    assert "at most 4 of each kind around a node" in caption and "more are summed up in grey boxes" in caption
    frames = at.get("iframe")
    assert len(frames) == 1 and frames[0].proto.alt == "The neighbourhood drawn as a graph"
    assert "vis.Network(" in frames[0].proto.srcdoc
    nodes, connections, technical, technical_edges = (d.value for d in at.dataframe)
    assert list(nodes.columns) == ["drawn as", "kind", "full text"] and len(nodes) >= 40
    assert list(connections.columns) == ["from", "relation", "to"]
    for table in (nodes, connections):
        assert not any(IRI.search(str(v)) for v in table.to_numpy().ravel())
    assert not any(CAMEL.search(v) for v in [*nodes["kind"], *connections["relation"]])
    assert "iri" in technical.columns and technical["iri"].str.startswith(RES).sum() >= 40
    assert "relation iri" in technical_edges.columns


def test_the_statistics_provenance_graph_is_an_iframe_with_words(app_page):
    at = app_page("2_Statistics.py")
    at.query_params["stat"] = "res:stat/usc2012/29482-29489"
    at.run()
    assert not at.exception
    frames = at.get("iframe")
    assert len(frames) == 1 and frames[0].proto.alt == "The chain of sources drawn as a graph"
    labels = [d["label"] for d in drawn_nodes(frames[0].proto.srcdoc)]
    assert labels == ["138,402 (monthly\nunique visitors)", "Quantcast (n.d.)", "Quantcast"]
