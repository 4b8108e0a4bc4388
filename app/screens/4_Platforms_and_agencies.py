"""Platforms and agencies: each with its mentions in both reports, the claims about it and dated events."""

from __future__ import annotations

import streamlit as st
from kg.app import ui, views

from kg.appdata import entities as ent
from kg.appdata import overview, pages, settings
from kg.appdata.names import short, split

ui.page_header(
    "Platforms and agencies",
    "The sites, apps, agencies and organisations the reports name, and what each report says about them.",
)
cat = views.catalogue()
entities = ui.data(ent.entities)
views.keep(("entity_group", "entity_search", "entity_mentioned"))


def mentions_in(e: dict[str, str]) -> str:
    counts = ent.mention_counts(e)
    return "; ".join(f"{cat.reports.get(k, k)}: {n}" for k, n in sorted(counts.items(), key=lambda kv: -kv[1]))


chosen = views.opened("entity")
picked = chosen if any(e["entity"] == chosen for e in entities) else ""
if chosen and not picked:
    views.back_button("entity", "list", key="entity_back_missing")
    st.warning("This platform, agency or organisation is not in the graph.")
    st.stop()
if not picked:
    group = st.radio(
        "Show",
        ["platform", "agency", "organisation", "law or programme"],
        horizontal=True,
        key="entity_group",
        format_func=lambda g: {
            "platform": "Platforms",
            "agency": "Agencies",
            "organisation": "Other organisations",
            "law or programme": "Laws, programmes and cases",
        }[g],
    )
    search = st.text_input("Search the names", key="entity_search", placeholder="e.g. Backpage, FBI")
    mentioned_only = st.toggle(
        "Only those the reports mention",
        value=True,
        key="entity_mentioned",
        help="Off: every entry of the gazetteer too, mentioned or not.",
    )
    in_group = [e for e in entities if e["group"] == group]
    mentioned = [e for e in in_group if sum(ent.mention_counts(e).values())]
    shown = [
        e
        for e in (mentioned if mentioned_only else in_group)
        if not search or search.casefold() in (e["label"] + " " + e["altLabels"]).casefold()
    ]
    records = [
        {
            "name": e["label"],
            "kind": e["kind"],
            "from": ent.origin_words(e),
            "mentions": sum(ent.mention_counts(e).values()),
            "mentioned in": mentions_in(e),
            "claims": int(e["claims"]),
            "also written": ", ".join(split(e["altLabels"], "\t")),
            "note": e["comment"],
        }
        for e in shown
    ]
    st.markdown(
        f"**{len(shown):,}** shown · {len(mentioned):,} the reports mention, of {len(in_group):,} listed "
        "(from a list of known names and found by the tool) · click a row to open what the reports say about it"
    )
    table = st.dataframe(
        records,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode=views.ROW_OR_CELL,
        key="entity_table",
    )
    ui.downloads(records, f"{group}s", "entity_table_dl")
    if views.picked_row(table) is not None:
        views.open_item("entity", shown[views.picked_row(table) or 0]["entity"])
        st.rerun()
    ui.footer()
    st.stop()
reports = ui.data(overview.reports)
if picked:
    views.scroll_to_top()
    views.back_button("entity", "list", key="entity_back", forget="entity_table")
    entity = next(e for e in entities if e["entity"] == picked)
    st.subheader(ui.plain(entity["label"]))
    st.caption(views.meta_line([entity["kind"], ent.origin_words(entity), entity["comment"]]))
    mentions = ui.data(settings.rows_of, "app-entity-mentions", picked)
    tab_m, tab_c, tab_e = st.tabs([f"Mentions ({len(mentions)})", "Claims about it", "Dated events"])
    with tab_m:
        if not reports:
            st.info("The graph holds no reports, so there are no mentions to show.")
        by_report: dict[str, list[dict[str, str]]] = {}
        for m in mentions:
            by_report.setdefault(m["report"], []).append(m)
        if 0 < len(reports) <= 3:  # a few reports side by side; more read better as one table
            for col, report in zip(st.columns(len(reports)), reports, strict=True):
                here = by_report.get(report["key"], [])
                col.markdown(
                    f"**{ui.plain(cat.reports.get(report['key'], report['title']))}**: "
                    f"{len(here)} mention{'s' if len(here) != 1 else ''}"
                )
                col.dataframe(
                    [{"words": m["text"], "characters": f"{m['start']}–{m['end']}"} for m in here],
                    hide_index=True,
                    width="stretch",
                )
        elif reports:
            st.caption(f"Mentioned in {len(by_report):,} of {len(reports):,} reports.")
            st.dataframe(
                [
                    {
                        "report": cat.reports.get(m["report"], m["report"]),
                        "words": m["text"],
                        "characters": f"{m['start']}–{m['end']}",
                    }
                    for m in mentions
                ],
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
                st.caption(views.meta_line([cat.reports.get(c["report"], c["report"]), c["section"], c["kind"]]))
                ui.link_line(pages.CLAIMS, "Open this claim", claim=short(c["claim"]))
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
                    f"**{ui.plain(e.date)}** · {ui.plain(cat.reports.get(e.report, e.report))}{kind}  \n"
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
    views.technical(
        {"IRI": picked, "also written": entity["altLabels"].split("\t")}, short(picked).replace("/", "_"), "entity_tech"
    )
ui.footer()
