"""Compare: what two reports agree and disagree on, with both quotes and each side's evidence; figures side by side."""

from __future__ import annotations

import streamlit as st
from kg.app import ui, views

from kg.appdata import compare, pages
from kg.appdata.names import short

ui.page_header(
    "Compare reports",
    "Where one report corroborates, refines or contradicts another, with both quotes and what each side rests on; "
    "then their figures side by side.",
)
cat = views.catalogue()
keys = sorted(cat.reports, key=lambda k: cat.reports[k])
if len(keys) < 2:
    st.info("Comparing needs two reports in the graph. Add another with `kg add FILE`, then `kg build`.")
    ui.footer()
    st.stop()
left_col, right_col = st.columns(2)
first = left_col.selectbox("Report", keys, index=0, format_func=lambda k: cat.reports[k], key="compare_a")
second = right_col.selectbox(
    "Compared with", [k for k in keys if k != first], index=0, format_func=lambda k: cat.reports[k], key="compare_b"
)
pair = {first, second}
everything = compare.relations(ui.store(), cat)
between = [r for r in everything if {r.a.report, r.b.report} == pair]

curated_n = sum(r.made_by == "curated" for r in between)
said = f"{curated_n} curated, {len(between) - curated_n} suggested by the tool"
tab_rel, tab_fig = st.tabs([f"Agree and disagree ({said})", "Figures side by side"])
with tab_rel:
    c1, c2 = st.columns(2)
    kinds = c1.pills(
        "Relation",
        ["corroborates", "refines", "contradicts", "similar"],
        selection_mode="multi",
        key="compare_kind",
        help="corroborates: says the same; refines: narrows or updates it; contradicts: says otherwise; "
        "similar: the tool found the two claims share their words (a suggestion for a curator to review).",
    )
    suggested = c2.toggle(
        f"Show the tool's suggested pairings ({len(between) - curated_n})",
        key="compare_suggested",
        help="Claims the tool paired because they share their words, for a curator to review. Curated relations "
        "are always shown, and first.",
    )
    c3, c4 = st.columns([3, 1], vertical_alignment="bottom")
    search = c3.text_input(
        "Search both sides", key="compare_search", placeholder="e.g. Backpage, displaced, Craigslist"
    )
    by_theme = c4.toggle(
        "Group by theme",
        key="compare_themes",
        help="Relations resting on the same cited work or mentioning the same platform go together, under the one "
        "most of them share.",
    )
    shown = [r for r in between if (not kinds or r.kind in kinds) and (suggested or r.made_by == "curated")]
    shown = compare.matching(shown, search)
    shown_curated = sum(r.made_by == "curated" for r in shown)
    hidden = len(between) - curated_n
    rest = (
        f"{len(shown) - shown_curated} pairing{'s' if len(shown) - shown_curated != 1 else ''} the tool suggests"
        if suggested
        else f"the tool's {hidden} suggested pairing{'s are' if hidden != 1 else ' is'} behind the switch above"
    )
    st.markdown(
        f"**{len(shown)}** of {len(between)} between these two reports: {shown_curated} curated relation"
        f"{'s' if shown_curated != 1 else ''} and {rest}"
    )
    if not between:
        st.info("No relation between these two reports yet. Curated relations live in `annotations/cross-report.yaml`.")
    records: list[dict[str, object]] = []

    def card(r: compare.Relation) -> None:
        a, b = compare.oriented(r, first)
        with st.container(border=True):
            st.markdown(f"**{ui.plain(r.kind)}** · {ui.plain(r.made_by)}")
            if r.rationale:
                st.caption(ui.plain(compare.basis(r)))
            la, lb = st.columns(2)
            for col, side in ((la, a), (lb, b)):
                col.markdown(f"**{ui.plain(cat.reports.get(side.report, side.report))}**")
                col.markdown(f"> {ui.plain(side.quote)}")
                col.markdown("Rests on: " + ("; ".join(ui.plain(e) for e in side.evidence) or "_nothing named_"))
                col.markdown(ui.link(pages.CLAIMS, "open this claim", claim=short(side.claim)), unsafe_allow_html=True)
        records.append(
            {
                "relation": r.kind,
                "made by": r.made_by,
                "basis": compare.basis(r),
                f"quote ({cat.reports[first]})": a.quote,
                f"rests on ({cat.reports[first]})": "; ".join(a.evidence),
                f"quote ({cat.reports[second]})": b.quote,
                f"rests on ({cat.reports[second]})": "; ".join(b.evidence),
                "claim A": short(a.claim),
                "claim B": short(b.claim),
            }
        )

    if by_theme:
        for theme, members in compare.themes(cat, shown):
            st.markdown(f"#### {ui.plain(theme[:1].upper() + theme[1:])} · {len(members)}")
            for r in members:
                card(r)
    else:
        for r in shown:
            card(r)
    if records:
        ui.downloads(records, "relations", "compare_rel")

with tab_fig:
    groups = compare.figure_groups(cat, (first, second))
    st.caption(
        "Figures lined up by what they measure (the kind of figure and its unit); each one links to its provenance."
    )
    if not groups:
        st.info("Neither report states a figure.")
    for what, by_report in groups.items():
        st.markdown(f"**{ui.plain(what.capitalize())}**")
        la, lb = st.columns(2)
        for col, report in ((la, first), (lb, second)):
            figures = by_report.get(report, [])
            col.caption(f"{ui.plain(cat.reports[report])}: {len(figures)}")
            for f in figures:
                col.markdown(
                    f"{ui.link('Statistics', f.shown, stat=short(f.iri))} {ui.plain(f.measure or '')}",
                    unsafe_allow_html=True,
                )
ui.footer()
