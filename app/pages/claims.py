"""Claims: full-text search over the quotes, filters, result cards, and one claim in detail."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import ui  # noqa: E402

from kg import appdata  # noqa: E402

ui.page_header("Claims", "Search what the reports say, then open a claim to see its quote in context and its sources.")
ui.store()
all_claims = ui.data("claims")
facets = appdata.facet_values(all_claims)

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

found = appdata.filter_claims(
    all_claims,
    appdata.ClaimFilter(
        search,
        tuple(reports),
        tuple(sections),
        tuple(kinds),
        tuple(platforms),
        tuple(agencies),
        tuple(evidence),
        has_stat,
        curated,
    ),
)
st.markdown(f"**{len(found)}** of {len(all_claims)} claims")
if not found:
    st.info("No claim matches. Try fewer words, or clear a filter.")

chosen = st.query_params.get("claim", "")
labels = {c.iri: f"{c.report} · {c.section or 'no section'} · {c.quote[:90]}" for c in found}
if chosen and appdata.full(chosen) not in labels:
    match = [c for c in all_claims if c.iri == appdata.full(chosen)]
    if match:
        labels = {match[0].iri: f"{match[0].report} · {match[0].quote[:90]}", **labels}
options = list(labels)
index = options.index(appdata.full(chosen)) if chosen and appdata.full(chosen) in options else None

tab_cards, tab_table = st.tabs(["Results", "As a table"])
with tab_cards:
    page_size = 10
    pages = max(1, (len(found) + page_size - 1) // page_size)
    page = st.number_input("Page", 1, pages, 1, key="claim_page") if pages > 1 else 1
    for c in found[(page - 1) * page_size : page * page_size]:
        with st.container(border=True):
            st.markdown(f"> {ui.plain(c.quote)}")
            meta = [c.report, c.section, c.kind, "curated" if c.curated else "extracted"]
            st.caption(" · ".join(ui.plain(m) for m in meta if m))
            bits = []
            if c.sources:
                bits.append("**Sources:** " + ", ".join(f"`{s}`" for s in c.sources))
            if c.evidence:
                bits.append("**Evidence:** " + ", ".join(ui.plain(e) for e in c.evidence))
            if c.platforms or c.agencies:
                bits.append("**Mentions:** " + ", ".join(ui.plain(p) for p in (*c.platforms, *c.agencies)))
            if c.statistics:
                bits.append(f"**Statistics:** {c.statistics}")
            if c.flags:
                bits.append(f"⚠ **{c.flags} flag{'s' if c.flags > 1 else ''}**")
            st.markdown(" · ".join(bits) or "_No source given._")
            st.markdown(ui.link("claims", "Open this claim", claim=appdata.short(c.iri)))
with tab_table:
    records = [c.as_record() for c in found]
    st.dataframe(records, hide_index=True, width="stretch")
    ui.downloads(records, "claims", "claims_table")

st.divider()
st.subheader("A claim in detail")
picked = st.selectbox(
    "Claim",
    options,
    index=index,
    format_func=lambda iri: labels[iri],
    key="claim_pick",
    placeholder="Choose a claim from the results",
)
if picked:
    st.query_params["claim"] = appdata.short(picked)
    detail = ui.data("item_detail", picked)
    if detail is None:
        st.warning("This claim is not in the graph.")
    else:
        st.caption(
            f"`{appdata.short(detail.iri)}` · {ui.plain(detail.report)} · {ui.plain(detail.section)} · "
            f"{ui.plain(detail.kind)} · characters {detail.start}–{detail.end}"
        )
        st.markdown("**The quote in its paragraph**")
        st.markdown(
            f'<div style="line-height:1.6;padding:0.6em;border-left:3px solid #4e79a7">{detail.paragraph_html}</div>',
            unsafe_allow_html=True,
        )
        st.markdown("**Sources**")
        if detail.sources:
            for s in detail.sources:
                reference = s["reference"] or s["label"]
                via = f" (through `{appdata.short(s['via'])}`)" if s["via"] else ""
                st.markdown(f"- *{ui.plain(s['relation'])}*{via}: {ui.plain(reference)} · `{ui.plain(s['kind'])}`")
            ui.bibtex_button(detail.bibtex_keys(), appdata.short(picked).replace("/", "_"), "claim_bibtex")
        else:
            st.markdown("_The text gives no source for this claim._")
        if detail.excerpts:
            st.markdown("**Interview evidence**")
            for e in detail.excerpts:
                dated = f" · dated by `{e['datedBy']}`" if e["datedBy"] else ""
                note = f" · endnote [{e['endnote']}]" if e["endnote"] else ""
                st.markdown(f"> {ui.plain(e['quote'])}")
                st.caption(f"{ui.plain(e['role'] or 'unattributed')}{note}{dated}")
        if detail.relations:
            st.markdown("**Related claims in the other report**")
            for r in detail.relations:
                st.markdown(
                    f"- **{ui.plain(r['relation'])}** ({ui.plain(r['otherReport'])}): "
                    f"“{ui.plain(r['otherQuote'])}” — {ui.link('claims', 'open', claim=appdata.short(r['other']))}"
                )
                if r["rationale"]:
                    st.caption(ui.plain(r["rationale"]))
        if detail.flags:
            st.markdown("**Quality flags**")
            for f in detail.flags:
                st.warning(f"**{ui.plain(f['kind'])}**: {ui.plain(f['rationale'])}")
ui.footer()
