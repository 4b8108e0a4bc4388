"""One figure in its own view: the sentence, the chain of sources to the organisation that made it, its flags.

Shown by the Statistics page when the URL names a figure (``/Statistics?stat=res:stat/…``).
The chain is written once in words, each source with its relation ("rests on: NPR (2010), news
article"; "originates with (through NPR (2010)): National Center for Missing and Exploited
Children"), its reference and links, then drawn.
"""

from __future__ import annotations

import streamlit as st
from kg.app import claim_view, ui, views

from kg.appdata import claims as cl
from kg.appdata import graphs, pages, pyvis
from kg.appdata.catalogue import Catalogue, FigureItem
from kg.appdata.clipping import clipped
from kg.appdata.concerns import concerning, flag_kinds_concerning
from kg.appdata.names import short


def record(cat: Catalogue, f: FigureItem) -> dict[str, object]:
    """A figure as a row of the table and its downloads."""
    return {
        "figure": f.text,
        "as read": f.shown,
        "measure": f.measure,
        "unit": f.unit,
        "kind": f.kind,
        "report": cat.reports.get(f.report, f.report),
        "rests on": "; ".join(cat.sources[s].name for s in f.sources if s in cat.sources) or "no source given",
        "originates with": "; ".join(f.originators),
        "source": f.status,
        "flagged": "; ".join(sorted(flag_kinds_concerning(cat, f.iri))),
        "statistic": short(f.iri),
    }


def show(cat: Catalogue, iri: str) -> None:
    views.scroll_to_top()
    views.back_button("stat", "figures", key="stat_back", forget="stat_table_")
    f = cat.figure(iri)
    detail = ui.data(cl.item_detail, iri) if f else None
    if f is None or detail is None:
        st.warning("This figure is not in the graph (it may have been renamed by a new build). Go back to the list.")
        return
    st.subheader(f"{f.text}")
    st.caption(
        views.meta_line(
            [
                f.measure,
                f"read as {f.shown}",
                f"in {f.year}" if f.year else "",
                cat.reports.get(f.report, f.report),
            ]
        )
    )
    origin = f" (originates with {'; '.join(f.originators)})" if f.originators else ""
    st.markdown(f"**Where it comes from:** {ui.plain(f.status + origin)}")
    views.flags(concerning(cat, iri))
    st.markdown("**The sentence, the figure highlighted**")
    st.markdown(
        f'<div style="line-height:1.6;padding:0.6em;border-left:3px solid #f28e2b">{detail.paragraph_html}</div>',
        unsafe_allow_html=True,
    )
    nodes, edges = ui.data(graphs.chain, iri, f"{f.text} ({f.measure})")
    st.markdown("**The chain of sources**")  # once, in words with links; then drawn
    claim_view.sources_list(cat, detail, "stat")
    for claim_iri in f.claims:
        claim = cat.claim(claim_iri)
        if claim:
            stated = f"The claim it is stated in: “{clipped(claim.quote, 120)}”"
            ui.link_line(pages.CLAIMS, stated, claim=short(claim_iri))
    if len(nodes) > 1:
        st.markdown(pyvis.legend_html(nodes), unsafe_allow_html=True)
        st.iframe(pyvis.pyvis_html(nodes, edges, height=380), height=420, alt="The chain of sources drawn as a graph")
    views.technical(
        {
            "statistic IRI": iri,
            "report key": f.report,
            "characters": f"{f.start}–{f.end}",
            "value": f.value,
            "unit": f.unit,
            "claims": list(f.claims),
            "sources": list(f.sources),
        },
        short(iri).replace("/", "_"),
        "stat_tech",
    )
    views.back_button("stat", "figures", key="stat_back_bottom", forget="stat_table_")
