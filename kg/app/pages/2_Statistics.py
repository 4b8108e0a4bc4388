"""Statistics: every figure in a sortable table, and one figure's provenance (sentence, chain, graph)."""

from __future__ import annotations

import streamlit as st

from kg.app import ui
from kg.appdata import claims as cl
from kg.appdata import graphs, pyvis
from kg.appdata import statistics as stats
from kg.appdata.names import full

ui.page_header("Statistics", "Every figure the reports state: its value, what it measures and the sources it rests on.")
ui.store()
table = ui.data(stats.statistics_table)

c1, c2, c3 = st.columns(3)
report = c1.multiselect("Report", sorted({r["report"] for r in table}), key="stat_report")
status = c2.multiselect(
    "Relayed or primary",
    sorted({r["status"] for r in table}),
    key="stat_status",
    help="primary: the report's own data; cited: from a cited work; relayed: a work passing on "
    "another organisation's figure; nosourcegiven: no source in the text",
)
search = c3.text_input("Search the measures", key="stat_search")
shown = [
    r
    for r in table
    if (not report or r["report"] in report)
    and (not status or r["status"] in status)
    and (not search or search.casefold() in (r["measure"] + " " + r["figure"]).casefold())
]
st.markdown(f"**{len(shown)}** of {len(table)} figures · click a column header to sort")
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    column_order=[
        "figure",
        "as read",
        "unit",
        "measure",
        "report",
        "sources",
        "originates with",
        "status",
        "kind",
        "statistic",
    ],
)
ui.downloads(shown, "statistics", "stat_table")

st.divider()
st.subheader("Provenance of a figure")
options = [r["statistic"] for r in shown]
labels = {r["statistic"]: f"{r['figure']} — {r['measure'][:80]} ({r['report']})" for r in shown}
chosen = st.query_params.get("stat", "")
if chosen and chosen not in labels:
    extra = [r for r in table if r["statistic"] == chosen]
    if extra:
        options.insert(0, chosen)
        labels[chosen] = f"{extra[0]['figure']} — {extra[0]['measure'][:80]} ({extra[0]['report']})"
picked = st.selectbox(
    "Figure",
    options,
    index=options.index(chosen) if chosen in options else None,
    format_func=lambda s: labels[s],
    key="stat_pick",
    placeholder="Choose a figure",
)
if picked:
    st.query_params["stat"] = picked
    iri = full(picked)
    detail = ui.data(cl.item_detail, iri)
    row = next(r for r in table if r["statistic"] == picked)
    st.caption(
        f"{ui.code(picked)} · {ui.plain(row['report'])} · characters {detail.start}–{detail.end} · "
        f"value {ui.plain(row['as read'])} · {ui.plain(row['status'])}"
    )
    st.markdown("**The sentence, the figure highlighted**")
    st.markdown(
        f'<div style="line-height:1.6;padding:0.6em;border-left:3px solid #f28e2b">{detail.paragraph_html}</div>',
        unsafe_allow_html=True,
    )
    nodes, edges = ui.data(graphs.chain, iri, f"{row['figure']} ({row['measure'][:40]})")
    st.markdown("**The chain of sources**")
    lines = graphs.chain_text(nodes, edges)
    if lines:
        st.code("\n".join([f"[statistic] {row['figure']}", *lines]), language=None)
    else:
        st.markdown("_The text gives no source for this figure._")
    for s in detail.sources:
        if s["reference"]:
            st.markdown(f"- {ui.plain(s['reference'])} · {ui.code(s['kind'])}")
    ui.bibtex_button(detail.bibtex_keys(), picked.replace("/", "_"), "stat_bibtex")
    if len(nodes) > 1:
        st.markdown(pyvis.legend_html(nodes), unsafe_allow_html=True)
        st.iframe(pyvis.pyvis_html(nodes, edges, height=380), height=420, alt="The chain of sources drawn as a graph")
    if detail.flags:
        for f in detail.flags:
            st.warning(f"**{ui.plain(f['kind'])}**: {ui.plain(f['rationale'])}")
ui.footer()
