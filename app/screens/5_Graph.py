"""Graph: a bounded neighbourhood of a claim, work or platform, drawn with pyvis, and as tables in words."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st
from kg.app import ui, views

from kg.appdata import claims as cl
from kg.appdata import entities as ent
from kg.appdata import graph_nodes, graphs, pages, pyvis, sources, words

#: How to use the drawing, one short sentence per device (a phone has no hover and no double-click).
HOW_TO_READ = (
    "**With a mouse:** hover a node for its full text, double-click it to open its page, drag to move it, "
    "scroll to zoom.  \n**On a phone:** drag to move, pinch to zoom, and open a node's page from the links "
    "under the drawing."
)

ui.page_header("Graph", "The neighbourhood of one claim, work or platform: what it rests on, mentions and supports.")
ui.store()

kind = st.radio(
    "Centre on",
    ["platform", "work", "claim"],
    horizontal=True,
    key="graph_kind",
    format_func=lambda k: {"platform": "a platform or agency", "work": "a cited work", "claim": "a claim"}[k],
)
if kind == "platform":
    entities = ui.data(ent.entities)
    options = {e["entity"]: f"{e['label']} ({e['kind']})" for e in entities}
    # start on the one most claims are about, whichever report this is
    default = max(entities, key=lambda e: int(e["claims"] or 0))["entity"] if entities else ""
elif kind == "work":
    works = ui.data(sources.works)
    options = {w["work"]: graph_nodes.first_words(str(w["reference"] or w["key"]), 90) for w in works}
    default = str(max(works, key=lambda w: int(w["claims"]))["work"]) if works else ""
else:
    reports = ui.data(words.reports_by_key)
    options = {
        c.iri: f"{graph_nodes.first_words(c.quote, 90)} · {reports.get(c.report, c.report)}"
        for c in ui.data(cl.claims)
        if c.curated
    }
    default = next(iter(options), "")
keys = list(options)
center = st.selectbox(
    "Centre",
    keys,
    index=keys.index(default) if default in keys else 0,
    key=f"graph_center_{kind}",
    format_func=lambda k: options[k],
)
c1, c2, c3 = st.columns(3)
depth = c1.slider("Steps from the centre", 1, 2, 1, key="graph_depth")
per_kind = c2.slider(
    "Of each kind around a node",
    2,
    20,
    graphs.PER_KIND,
    key="graph_per_kind",
    help="Around each node at most this many neighbours of one kind are drawn (claims: of one claim kind, "
    "such as finding or background); a grey box says how many more there are.",
)
limit = c3.slider("At most this many nodes", 10, 80, 40, step=5, key="graph_max")
if center:
    nodes, edges, cut = ui.data(graphs.neighbourhood, center, depth, limit, per_kind)
    hidden = sum(n.hidden for n in nodes)
    st.markdown(pyvis.legend_html(nodes), unsafe_allow_html=True)
    st.caption(
        f"{len(nodes)} nodes and {len(edges)} connections, at most {per_kind} of each kind around a node"
        + (f" ({hidden} more are summed up in grey boxes)" if hidden else "")
        + ". A report's other claims are not drawn."
        + (f" Cut at {limit} nodes: raise the bound or take fewer steps to see the rest." if cut else "")
    )
    st.caption(HOW_TO_READ)
    work_keys = {s.iri: s.key for s in views.catalogue().sources.values() if s.key}
    opens = [(n, *graph_nodes.node_page(n, work_keys)) for n in nodes]
    addresses = {n.iri: f"{pages.page_at(page).address}?{urlencode(params)}" for n, page, params in opens if page}
    st.iframe(
        pyvis.pyvis_html(nodes, edges, height=560, addresses=addresses),
        height=600,
        alt="The neighbourhood drawn as a graph",
    )
    links = [ui.link(page, n.label, **params) for n, page, params in opens if page]
    if links:
        st.markdown("**Open a node's page:** " + " · ".join(links), unsafe_allow_html=True)
    with st.expander("The nodes and connections as tables", expanded=False):
        st.markdown("**Nodes**: each as drawn, its kind, and its full text")
        st.dataframe(graph_nodes.node_records(nodes), hide_index=True, width="stretch")
        st.markdown("**Connections**: read each row as a sentence")
        st.dataframe(graph_nodes.edge_records(nodes, edges), hide_index=True, width="stretch")
    with st.expander("Technical details: IRIs and downloads"):
        technical = graph_nodes.node_records(nodes, with_iri=True)
        st.dataframe(technical, hide_index=True, width="stretch", column_order=["drawn as", "kind", "iri"])
        ui.downloads(technical, "neighbourhood-nodes", "graph_nodes")
        connections = graph_nodes.edge_records(nodes, edges, with_iri=True)
        st.dataframe(connections, hide_index=True, width="stretch")
        ui.downloads(connections, "neighbourhood-connections", "graph_edges")
        st.download_button(
            "Download the neighbourhood as Turtle",
            ui.data(graphs.neighbourhood_rdf, tuple(nodes)),
            "neighbourhood.ttl",
            "text/turtle",
            key="graph_turtle",
            on_click="ignore",
        )
ui.footer()
