"""Claims: full-text search over the quotes, filters, result cards, and one claim in detail."""

from __future__ import annotations

import streamlit as st

from kg.app import ui
from kg.appdata import claims as cl
from kg.appdata.names import full, short

ui.page_header("Claims", "Search what the reports say, then open a claim to see its quote in context and its sources.")
ui.store()
all_claims = ui.data(cl.claims)
by_iri = {c.iri: c for c in all_claims}
facets = cl.facet_values(all_claims)

search = st.text_input("Search the quotes", key="claim_search", placeholder='e.g. Backpage, "social media", pimp')
with st.expander("Filters", expanded=True):
    c1, c2, c3, c4 = st.columns(4)
    reports = c1.multiselect("Report", facets["report"], key="claim_report")
    kinds = c2.multiselect("Kind of claim", facets["kind"], key="claim_kind")
    evidence = c3.multiselect("Evidence kind", facets["evidence"], key="claim_evidence")
    sections = c4.multiselect("Section", facets["section"], key="claim_section")
    c5, c6, c7, c8 = st.columns(4)
    platforms = c5.multiselect("Platform", facets["platform"], key="claim_platform")
    agencies = c6.multiselect("Agency", facets["agency"], key="claim_agency")
    has_stat = c7.checkbox("States a statistic", key="claim_has_stat")
    curated = c8.checkbox("Curated claims only", key="claim_curated")

query = cl.ClaimFilter(
    search,
    tuple(reports),
    tuple(sections),
    tuple(kinds),
    tuple(platforms),
    tuple(agencies),
    tuple(evidence),
    has_stat,
    curated,
)
found = cl.filter_claims(all_claims, query)
st.markdown(f"**{len(found)}** of {len(all_claims)} claims")
if not found:
    st.info("No claim matches. Try fewer words, or clear a filter.")

if "claim_pick" not in st.session_state:  # first run: a claim named in the URL (?claim=res:claim/...)
    wanted = full(st.query_params.get("claim", ""))
    st.session_state["claim_pick"] = wanted if wanted in by_iri else None
current = st.session_state["claim_pick"]
options = [c.iri for c in found]
if current and current not in options:
    options.insert(0, current)


def open_claim(iri: str) -> None:
    st.session_state["claim_pick"] = iri


def card(c: cl.Claim) -> None:
    with st.container(border=True):
        st.markdown(f"> {ui.plain(c.quote)}")
        meta = [c.report, c.section, c.kind, "curated" if c.curated else "extracted"]
        st.caption(" · ".join(ui.plain(m) for m in meta if m))
        bits = []
        if c.sources:
            bits.append("**Sources:** " + ", ".join(ui.code(s) for s in c.sources))
        if c.evidence:
            bits.append("**Evidence:** " + ", ".join(ui.plain(e) for e in c.evidence))
        if c.platforms or c.agencies:
            bits.append("**Mentions:** " + ", ".join(ui.plain(p) for p in (*c.platforms, *c.agencies)))
        if c.statistics:
            bits.append(f"**Statistics:** {c.statistics}")
        if c.flags:
            bits.append(f"**{c.flags} flag{'s' if c.flags > 1 else ''}**")
        st.markdown(" · ".join(bits) or "_No source given._")
        st.button(
            "Open",
            key=f"claim_open_{c.iri}",
            on_click=open_claim,
            args=(c.iri,),
            type="primary" if c.iri == current else "secondary",
        )


def detail_view(iri: str) -> None:
    detail = ui.data(cl.item_detail, iri)
    if detail is None:
        st.warning("This claim is not in the graph.")
        return
    st.caption(
        f"{ui.code(short(detail.iri))} · {ui.plain(detail.report)} · {ui.plain(detail.section)} · "
        f"{ui.plain(detail.kind)} · {detail.where()}"
    )
    st.markdown("**The quote in its paragraph**")
    st.markdown(
        f'<div style="line-height:1.6;padding:0.6em;border-left:3px solid #4e79a7">{detail.paragraph_html}</div>',
        unsafe_allow_html=True,
    )
    st.markdown("**Sources**")
    if detail.sources:
        for s in detail.sources:
            via = f" (through {ui.code(short(s['via']))})" if s["via"] else ""
            reference = s["reference"] or s["label"]
            st.markdown(f"- *{ui.plain(s['relation'])}*{via}: {ui.plain(reference)} · {ui.code(s['kind'])}")
        ui.bibtex_button(detail.bibtex_keys(), short(iri).replace("/", "_"), "claim_bibtex")
    else:
        st.markdown("_The text gives no source for this claim._")
    if detail.excerpts:
        st.markdown("**Interview evidence**")
        for e in detail.excerpts:
            dated = f" · dated by {ui.code(e['datedBy'])}" if e["datedBy"] else ""
            note = f" · endnote [{e['endnote']}]" if e["endnote"] else ""
            st.markdown(f"> {ui.plain(e['quote'])}")
            st.caption(f"{ui.plain(e['role'] or 'unattributed')}{note}{dated}")
    if detail.relations:
        st.markdown("**Related claims in the other report**")
        for i, r in enumerate(detail.relations):
            st.markdown(f"**{ui.plain(r['relation'])}** ({ui.plain(r['otherReport'])}): “{ui.plain(r['otherQuote'])}”")
            if r["rationale"]:
                st.caption(ui.plain(r["rationale"]))
            if r["other"] in by_iri:
                st.button("Open that claim", key=f"claim_related_{i}", on_click=open_claim, args=(r["other"],))
    if detail.flags:
        st.markdown("**Quality flags**")
        for f in detail.flags:
            st.warning(f"**{ui.plain(f['kind'])}**: {ui.plain(f['rationale'])}")


results, detail_column = st.columns([5, 6], gap="large")
with results:
    tab_cards, tab_table = st.tabs(["Results", "As a table"])
    with tab_cards:
        page_size = 10
        pages = max(1, (len(found) + page_size - 1) // page_size)
        page = st.number_input(f"Page (of {pages})", 1, pages, 1, key="claim_page") if pages > 1 else 1
        for c in found[(page - 1) * page_size : page * page_size]:
            card(c)
    with tab_table:
        records = [c.as_record() for c in found]
        st.dataframe(records, hide_index=True, width="stretch")
        ui.downloads(records, "claims", "claims_table")

with detail_column:
    st.subheader("The claim in detail")
    picked = st.selectbox(
        "Claim",
        options,
        format_func=lambda iri: f"{by_iri[iri].report} · {by_iri[iri].quote[:90]}",
        key="claim_pick",
        placeholder="Open a claim from the results, or choose one here",
    )
    if picked:
        st.query_params["claim"] = short(picked)
        detail_view(picked)
ui.footer()
