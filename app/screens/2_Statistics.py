"""Statistics: every figure, filtered and sortable; click a row to open its provenance (``?stat=res:stat/…``)."""

from __future__ import annotations

import streamlit as st
from kg.app import figure_view, ui, views

from kg.appdata import listing

ui.page_header("Statistics", "Every figure the reports state: its value, what it measures and the sources it rests on.")
cat = views.catalogue()
FILTERS = (
    "stat_search",
    "stat_report",
    "stat_source",
    "stat_status",
    "stat_flag",
    "stat_kind",
    "stat_order",
    "stat_only",
    "stat_page",
)
URL_LISTS = ("stat_report", "stat_source", "stat_status", "stat_flag", "stat_kind")
views.keep(FILTERS)
views.url_filters([k for k in FILTERS if k != "stat_page"], URL_LISTS)

chosen = views.opened("stat")
if chosen:
    figure_view.show(cat, chosen)
    ui.footer()
    st.stop()

search = st.text_input(
    "Search the figures and what they measure", key="stat_search", placeholder="e.g. 99 billion, minors"
)
offered = listing.options(cat)
report_keys = offered["reports"]
reports = views.report_picker(cat, report_keys, "stat_report")
source_kinds = st.pills("Rests on", offered["figure source kinds"], selection_mode="multi", key="stat_source")
only = views.rests_only_toggle("stat_only")
with st.expander("More filters"):
    c1, c2, c3 = st.columns(3)
    statuses = c1.multiselect(
        "Where it comes from",
        offered["statuses"],
        key="stat_status",
        help="The report's own data, a cited work, a figure relayed from another source, or no source given.",
    )
    flag_kinds = c2.multiselect(
        "Flagged as",
        offered["flag kinds"],
        key="stat_flag",
        help="Flags on the figure, the claim it is stated in or its sources.",
    )
    kinds = c3.multiselect("Kind of figure", offered["figure kinds"], key="stat_kind")
    order = st.radio("Order", listing.FIGURE_ORDERS, key="stat_order", horizontal=True)

chosen_filter = listing.Filter(
    text=search,
    reports=tuple(reports or ()),
    source_kinds=tuple(source_kinds or ()),
    only=bool(only),
    flag_kinds=tuple(flag_kinds),
    kinds=tuple(kinds),
    statuses=tuple(statuses),
)
found = listing.ordered(listing.figures(cat, chosen_filter), order or listing.FIGURE_ORDERS[0])
views.first_page_when_changed("stat_page", chosen_filter)
st.markdown(f"**{len(found):,}** of {len(cat.figures):,} figures · click a row to open its provenance")
if not found:
    st.info("No figure matches. Try fewer words, or clear a filter.")
else:
    size = 100
    shown, number, pages = listing.page(found, st.session_state.get("stat_page", 1), size)
    records = [figure_view.record(cat, f) for f in shown]
    picked = st.dataframe(
        records,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode=views.ROW_OR_CELL,
        column_config={"statistic": None},
        key=f"stat_table_{number}",
    )
    row = views.picked_row(picked)
    if row is not None:
        views.open_item("stat", shown[row].iri)
        st.rerun()
    views.page_slider(pages, "stat_page")
    ui.downloads(lambda: [figure_view.record(cat, f) for f in found], "statistics", "stat_table")
views.write_url_filters([k for k in FILTERS if k != "stat_page"], {"stat_order": listing.FIGURE_ORDERS[0]})
ui.footer()
