"""Flags: every quality flag with its kind, its quote and what it concerns; filterable, each linked to what it flags."""

from __future__ import annotations

import streamlit as st
from kg.app import ui, views

from kg.appdata import concerns as concerns_module
from kg.appdata import listing
from kg.appdata import pages as registry
from kg.appdata.catalogue import Catalogue
from kg.appdata.clipping import clipped
from kg.appdata.names import short

ui.page_header(
    "Quality flags",
    "What a careful reader should know: dates that disagree, figures passed on from news, sources not given. "
    "Each flag with the words it is about and what it concerns.",
)
cat = views.catalogue()
FILTERS = ("flag_kind", "flag_report", "flag_origin", "flag_search")
URL_LISTS = ("flag_kind", "flag_report", "flag_origin")
views.keep((*FILTERS, "flag_page"))
views.url_filters(FILTERS, URL_LISTS)  # a filtered list of flags is a link


def concerns(cat: Catalogue, target: str) -> tuple[str, str, dict[str, str]]:
    """What a flagged item is, in words, and the page and parameter that open it."""
    claim, figure, source = cat.claim(target), cat.figure(target), cat.sources.get(target)
    if claim:
        return "claim", claim.quote, {"page": registry.CLAIMS.url_path, "claim": short(target)}
    if figure:
        return (
            "figure",
            f"{figure.text} ({figure.measure})",
            {"page": registry.STATISTICS.url_path, "stat": short(target)},
        )
    if source and source.key:
        return source.what, source.name, {"page": registry.SOURCES.url_path, "work": source.key}
    return concerns_module.target_words(cat, target)


flags = sorted(cat.flags.values(), key=lambda f: (f.kind, f.report, f.id))
c1, c2, c3 = st.columns(3)
kinds = c1.multiselect("Kind of flag", sorted({f.kind for f in flags}), key="flag_kind")
reports = c2.multiselect("Report", sorted(cat.reports), format_func=lambda k: cat.reports[k], key="flag_report")
origins = c3.pills(
    "Made by",
    sorted({f.origin for f in flags}),
    selection_mode="multi",
    key="flag_origin",
    format_func=lambda o: {"curated": "a curator", "suggested": "the tool (suggested)"}.get(o, o),
)
search = st.text_input("Search the flags", key="flag_search", placeholder="e.g. 2002, NCMEC, undated")
shown = [
    f
    for f in flags
    if (not kinds or f.kind in kinds)
    and (not reports or f.report in reports)
    and (not origins or f.origin in origins)
    and (not search or search.casefold() in " ".join([f.rationale, *f.quotes, f.kind, f.note]).casefold())
]
st.markdown(f"**{len(shown)}** of {len(flags)} flags")
if not flags:
    st.info(
        "The graph holds no quality flag yet. Curated flags are written in `annotations/REPORT.yaml` under `flags:`."
    )
views.first_page_when_changed("flag_page", (tuple(kinds), tuple(reports), tuple(origins or ()), search))
page_items, number, pages = listing.page(shown, st.session_state.get("flag_page", 1), 20)
for f in page_items:
    with st.container(border=True):
        st.markdown(
            f"**{ui.plain(f.kind)}** · {ui.plain(cat.reports.get(f.report, f.report))} · made by "
            f"{'a curator' if f.origin == 'curated' else 'the tool (a suggestion to review)'}"
        )
        st.markdown(ui.plain(f.rationale))
        if f.note:
            st.info(
                f"**A curator's note, from outside the text:** {ui.plain(f.note)}  \nSource: {ui.plain(f.note_source)}"
            )
        for quote in f.quotes:
            st.markdown(f"> {ui.plain(quote)}")
        lines = []
        for target in f.targets:
            what, words, link = concerns(cat, target)
            shown_words = clipped(words, 160)
            page = link.pop("page", "")
            opener = f" {ui.link(page, 'open', **link)}" if page else ""
            lines.append(f"- {ui.plain(what)}: {ui.plain(shown_words)}{opener}")
        if lines:
            st.markdown("It concerns:\n" + "\n".join(lines), unsafe_allow_html=True)
views.page_slider(pages, "flag_page")


def records() -> list[dict[str, object]]:
    """Every flag shown by the filters (not only this page), for the downloads."""
    return [
        {
            "kind": f.kind,
            "report": cat.reports.get(f.report, f.report),
            "made by": f.origin,
            "rationale": f.rationale,
            "note": f.note,
            "note source": f.note_source,
            "quotes": " | ".join(f.quotes),
            "concerns": " | ".join(concerns(cat, t)[1] for t in f.targets),
            "flag": short(f.iri),
        }
        for f in shown
    ]


if shown:
    ui.downloads(records, "flags", "flags_table")
views.write_url_filters(FILTERS)
ui.footer()
