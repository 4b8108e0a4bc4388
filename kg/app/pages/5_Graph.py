"""Graph: a bounded neighbourhood of a claim, work or platform, drawn with pyvis."""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components

from kg.app import ui
from kg.appdata import claims as cl
from kg.appdata import entities as ent
from kg.appdata import graphs, pyvis, sources
from kg.appdata.names import short

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
    options = {w["work"]: f"{w['key']} — {str(w['reference'])[:80]}" for w in works}
    default = str(max(works, key=lambda w: int(w["claims"]))["work"]) if works else ""
else:
    options = {c.iri: f"{c.report} · {c.quote[:90]}" for c in ui.data(cl.claims) if c.curated}
    default = next(iter(options), "")
keys = list(options)
center = st.selectbox(
    "Centre",
    keys,
    index=keys.index(default) if default in keys else 0,
    key=f"graph_center_{kind}",
    format_func=lambda k: options[k],
)
c1, c2 = st.columns(2)
depth = c1.slider("Steps from the centre", 1, 2, 1, key="graph_depth")
limit = c2.slider("At most this many nodes", 10, 80, 40, step=5, key="graph_max")
if center:
    nodes, edges, cut = ui.data(graphs.neighbourhood, center, depth, limit)
    st.markdown(pyvis.legend_html(pyvis.NODE_COLOURS), unsafe_allow_html=True)
    st.caption(
        f"{len(nodes)} nodes, {len(edges)} edges"
        + (f" · cut at {limit} nodes: raise the bound or take fewer steps to see the rest" if cut else "")
        + " · hover a node for its full label, drag to move"
    )
    components.html(pyvis.pyvis_html(nodes, edges, height=560), height=600)
    with st.expander("The nodes as a table"):
        records = [{"label": n.label, "kind": n.kind, "iri": short(n.iri)} for n in nodes]
        st.dataframe(records, hide_index=True, width="stretch")
        ui.downloads(records, "neighbourhood-nodes", "graph_nodes")
    st.download_button(
        "Download the neighbourhood as Turtle",
        ui.data(graphs.neighbourhood_rdf, tuple(nodes)),
        "neighbourhood.ttl",
        "text/turtle",
        key="graph_turtle",
    )
ui.footer()
