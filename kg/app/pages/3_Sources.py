"""Sources: the bibliography by kind; for each work what rests on it and its warning signs."""

from __future__ import annotations

import streamlit as st

from kg.app import ui
from kg.appdata import downloads as dl
from kg.appdata import sources
from kg.appdata.names import short

ui.page_header("Sources", "Every work the reports cite, what rests on it, and what to be careful about.")
ui.store()
works = ui.data(sources.works)

c1, c2 = st.columns([2, 1])
kinds = c1.multiselect("Kind of work", sorted({w["kind"] for w in works}), key="source_kind")
flagged = c2.multiselect("Flag", sorted({f for w in works for f in w["flags"].split(", ") if f}), key="source_flag")
shown = [
    w
    for w in works
    if (not kinds or w["kind"] in kinds) and (not flagged or set(flagged) & set(w["flags"].split(", ")))
]
st.markdown(f"**{len(shown)}** of {len(works)} works")
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    column_order=["key", "kind", "year", "reference", "cited by", "citations", "claims", "statistics", "flags"],
)
ui.downloads([{k: v for k, v in w.items() if k != "work"} for w in shown], "bibliography", "source_table")
st.download_button(
    "Download these works as BibTeX",
    dl.bibtex_for(w["key"] for w in shown) or " ",
    "bibliography.bib",
    "application/x-bibtex",
    key="source_bibtex_all",
)

unresolved = ui.data(sources.unresolved_citations)
if unresolved:
    st.warning(f"{len(unresolved)} citation(s) in the text resolve to no work of the bibliography.")
    st.dataframe(unresolved, hide_index=True)
else:
    st.caption("Every in-text citation resolves to a work of the bibliography (some only as a variant spelling).")

st.divider()
st.subheader("One work")
keys = [w["key"] for w in shown]
chosen = st.query_params.get("work", "")
picked = st.selectbox(
    "Work",
    keys,
    index=keys.index(chosen) if chosen in keys else None,
    key="source_pick",
    format_func=lambda k: f"{k} — {next(w['reference'] for w in works if w['key'] == k)[:100]}",
    placeholder="Choose a work",
)
if picked:
    st.query_params["work"] = picked
    work = next(w for w in works if w["key"] == picked)
    st.markdown(f"**{ui.plain(work['reference'])}**")
    st.caption(f"{ui.code(work['key'])} · {ui.plain(work['kind'])} · cited by {ui.plain(work['cited by'])}")
    curated_flags = ui.data(sources.flag_rows, work["work"])
    curated_kinds = {f["kind"].replace("-", " ") for f in curated_flags}
    signs = [f for f in work["flags"].split(", ") if f and f not in curated_kinds]
    if signs:
        st.warning("**Be careful:** " + ", ".join(ui.plain(f) for f in signs))
    for f in curated_flags:
        st.warning(f"**{ui.plain(f['kind'])}**: {ui.plain(f['rationale'])}")
    citations = ui.data(sources.work_citations, work["work"])
    st.markdown(f"**Where the text cites it** ({len(citations)})")
    st.dataframe(
        [
            {
                "report": c["report"],
                "text": c["text"],
                "offsets": f"{c['start']}–{c['end']}",
                "form": c["form"],
                "resolved": c["status"],
                "note": c["note"],
            }
            for c in citations
        ],
        hide_index=True,
        width="stretch",
    )
    dependents = ui.data(sources.work_dependents, work["work"])
    st.markdown(f"**Claims and figures that rest on it** ({len(dependents)})")
    if dependents:
        for d in dependents:
            how = "directly" if d["direct"] == "true" else "through a chain"
            page, param = ("Claims", "claim") if d["type"] == "claim" else ("Statistics", "stat")
            st.markdown(
                f"- {d['type']} ({ui.plain(d['report'])}, {how}): “{ui.plain(d['quote'][:220])}” "
                f"{ui.link(page, 'open', **{param: short(d['item'])})}",
                unsafe_allow_html=True,
            )
    else:
        st.markdown("_Nothing in the graph rests on this work directly (it is cited in passing)._")
    ui.bibtex_button([picked], picked, "source_bibtex")
ui.footer()
