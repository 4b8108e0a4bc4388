"""Studies: the research the claims rest on (method, sample, period, what rests on each); ``?study=res:study/…``."""

from __future__ import annotations

import html

import streamlit as st
from kg.app import ui, views

from kg.appdata import listing, pages
from kg.appdata import studies as studies_module
from kg.appdata.names import short

ui.page_header(
    "Studies",
    "The research behind the claims: each report's own interviews and data, and the studies it describes from its "
    "sources, with their method, sample, population, place and period, and the claims and figures resting on each.",
)
cat = views.catalogue()
found = ui.data(studies_module.studies)
FILTERS = ("study_report", "study_whose")
views.keep((*FILTERS, "study_page"))
views.url_filters(FILTERS, ("study_report",))  # a filtered list of studies is a link


def show(study: studies_module.Study) -> None:
    views.scroll_to_top()
    views.back_button("study", "studies", key="study_back")
    st.subheader(study.label)
    st.caption(views.meta_line([study.whose, cat.reports.get(study.report, study.report)]))
    facts = [
        ("Method", study.method),
        ("Sample", study.sample),
        ("Population", study.population),
        ("Place", study.place),
        ("Period", study.period),
    ]
    st.markdown("  \n".join(f"**{name}:** {ui.plain(value)}" for name, value in facts if value) or "_Not described._")
    if study.works:
        names = {s.key: s.name for s in cat.sources.values() if s.key}
        st.markdown(
            "**Drawn from:** " + " · ".join(ui.link(pages.SOURCES, names.get(k, k), work=k) for k in study.works),
            unsafe_allow_html=True,
        )
    st.markdown(f"**Claims resting on it ({len(study.claims)})**")
    for iri in study.claims:
        claim = cat.claim(iri)
        if claim:
            st.markdown(
                ui.card(html.escape(claim.quote), ui.href(pages.CLAIMS, claim=short(iri))), unsafe_allow_html=True
            )
    if not study.claims:
        st.caption("No claim rests on it directly.")
    if study.figures:
        st.markdown(f"**Figures resting on it ({len(study.figures)})**")
        for iri in study.figures:
            figure = cat.figure(iri)
            if figure:
                words = html.escape(f"{figure.text} ({figure.measure})")
                st.markdown(ui.card(words, ui.href(pages.STATISTICS, stat=short(iri))), unsafe_allow_html=True)
    if study.excerpts:
        st.markdown(f"**Interview excerpts that are part of it:** {study.excerpts}")
    views.back_button("study", "studies", key="study_back_bottom")


chosen = views.opened("study")
if chosen:
    study = next((s for s in found if s.iri == chosen), None)
    if study is None:
        st.warning("This study is not in the graph (a new build may have renamed it). Go back to the list.")
        views.back_button("study", "studies", key="study_missing_back")
    else:
        show(study)
    ui.footer()
    st.stop()

reports = views.report_picker(cat, sorted({s.report for s in found}), "study_report")
whose = st.pills(
    "Whose", ["the report's own study", "a study the report describes from its sources"], key="study_whose"
)
shown = [s for s in found if (not reports or s.report in reports) and (not whose or s.whose == whose)]
st.markdown(f"**{len(shown):,}** of {len(found):,} studies · click one to open it")
views.first_page_when_changed("study_page", (tuple(reports or ()), whose))
page, _, page_count = listing.page(shown, st.session_state.get("study_page", 1), 20)  # 2,000 at 1,000 reports
for s in page:
    counts = f"{len(s.claims)} claim rests on it" if len(s.claims) == 1 else f"{len(s.claims)} claims rest on it"
    sample = f"sample {s.sample}" if s.sample else ""
    head = " · ".join(html.escape(p) for p in (s.whose, cat.reports.get(s.report, s.report), sample, counts) if p)
    body = (
        f'<span style="display:block;font-weight:600">{html.escape(s.label)}</span>'
        f'<span style="display:block;font-size:0.85em;color:#555">{head}</span>'
        f'<span style="display:block">{html.escape(s.method)}</span>'
    )
    st.markdown(ui.card(body, ui.href(pages.STUDIES, study=short(s.iri))), unsafe_allow_html=True)
views.page_slider(page_count, "study_page")
ui.downloads(lambda: studies_module.study_records(shown, cat.reports), "studies", "study_table")
views.write_url_filters(FILTERS)
ui.footer()
