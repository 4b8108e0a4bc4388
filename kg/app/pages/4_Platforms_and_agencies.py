"""Platforms and agencies: each with its mentions in both reports, the claims about it and dated events."""

from __future__ import annotations

import streamlit as st

from kg.app import ui
from kg.appdata import entities as ent
from kg.appdata import overview, settings
from kg.appdata.names import full, short, split

ui.page_header(
    "Platforms and agencies",
    "The sites, apps, agencies and organisations the reports name, and what each report says about them.",
)
ui.store()
entities = ui.data(ent.entities)

group = st.radio(
    "Show",
    ["platform", "agency", "organisation"],
    horizontal=True,
    key="entity_group",
    format_func=lambda g: {"platform": "Platforms", "agency": "Agencies", "organisation": "Other organisations"}[g],
)
shown = [e for e in entities if e["group"] == group]
reports = ui.data(overview.reports)
records = [
    {
        "name": e["label"],
        "kind": e["kind"],
        **{f"mentions in {r['key']}": ent.mention_counts(e).get(r["key"], 0) for r in reports},
        "claims": int(e["claims"]),
        "also written": ", ".join(split(e["altLabels"], "\t")),
        "note": e["comment"],
    }
    for e in shown
]
st.dataframe(records, hide_index=True, width="stretch")
ui.downloads(records, f"{group}s", "entity_table")

st.divider()
iris = [e["entity"] for e in shown]
label_of = {e["entity"]: e["label"] for e in entities}
chosen = full(st.query_params.get("entity", ""))
picked = st.selectbox(
    "Look at one",
    iris,
    index=iris.index(chosen) if chosen in iris else None,
    key="entity_pick",
    format_func=lambda iri: label_of[iri],
    placeholder="Choose one",
)
if picked:
    st.query_params["entity"] = short(picked)
    entity = next(e for e in entities if e["entity"] == picked)
    st.subheader(ui.plain(entity["label"]))
    st.caption(f"{ui.plain(entity['kind'])} · {ui.code(short(picked))} · {ui.plain(entity['comment'])}")
    mentions = ui.data(settings.rows_of, "app-entity-mentions", picked)
    tab_m, tab_c, tab_e = st.tabs([f"Mentions ({len(mentions)})", "Claims about it", "Dated events"])
    with tab_m:
        if not reports:
            st.info("The graph holds no reports, so there are no mentions to show.")
        for col, report in zip(st.columns(max(1, len(reports))), reports, strict=False):
            here = [m for m in mentions if m["report"] == report["key"]]
            col.markdown(
                f"**{ui.plain(report['title'])}** ({ui.plain(report['year'])}): "
                f"{len(here)} mention{'s' if len(here) != 1 else ''}"
            )
            col.dataframe(
                [{"words": m["text"], "offsets": f"{m['start']}–{m['end']}"} for m in here],
                hide_index=True,
                width="stretch",
            )
    with tab_c:
        about = ui.data(settings.rows_of, "app-entity-claims", picked)
        if not about:
            st.markdown("_No claim in the graph mentions it._")
        for c in about:
            with st.container(border=True):
                st.markdown(f"> {ui.plain(c['quote'])}")
                st.caption(f"{ui.plain(c['report'])} · {ui.plain(c['section'])} · {ui.plain(c['kind'] or 'sentence')}")
                ui.link_line("Claims", "Open this claim", claim=short(c["claim"]))
    with tab_e:
        events = ui.data(ent.dated_events, picked)
        if not events:
            st.markdown("_The texts give no date in a sentence that names it._")
        else:
            st.caption(
                "Sentences that name it and give a date, in date order. Endnotes that only date a cited "
                "source are marked as such."
            )
            for e in events:
                kind = "" if e.what == "event" else f" · {ui.plain(e.what)}"
                st.markdown(
                    f"**{ui.plain(e.date)}** · {ui.plain(e.report)}{kind} · characters {e.start}–{e.end}  \n"
                    f"{ui.plain(e.sentence)}"
                )
            records = [
                {
                    "date": e.date,
                    "what": e.what,
                    "report": e.report,
                    "sentence": e.sentence,
                    "start": e.start,
                    "end": e.end,
                }
                for e in events
            ]
            ui.downloads(records, "dated-events", "entity_events")
ui.footer()
