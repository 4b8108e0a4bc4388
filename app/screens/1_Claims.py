"""Claims: search and filter what the reports say; open one claim in its own view (``?claim=res:claim/…``)."""

from __future__ import annotations

import html

import streamlit as st
from kg.app import claim_view, ui, views

from kg.appdata import listing
from kg.appdata import pages as registry
from kg.appdata.names import short

ui.page_header("Claims", "Search what the reports say, then open a claim to see its quote in context and its sources.")
cat = views.catalogue()
FILTERS = (
    "claim_search",
    "claim_report",
    "claim_source",
    "claim_flag",
    "claim_kind",
    "claim_section",
    "claim_platform",
    "claim_agency",
    "claim_has_stat",
    "claim_origin",
    "claim_only",
    "claim_page",
    "claim_show",
)
URL_LISTS = (
    "claim_report",
    "claim_source",
    "claim_flag",
    "claim_kind",
    "claim_section",
    "claim_platform",
    "claim_agency",
)
views.keep(FILTERS)
views.url_filters([k for k in FILTERS if k != "claim_page"], URL_LISTS)

chosen = views.opened("claim")
if chosen:
    claim_view.show(cat, chosen)
    ui.footer()
    st.stop()

search = st.text_input("Search the quotes", key="claim_search", placeholder='e.g. Backpage, "social media", pimp')
offered = listing.options(cat)
report_keys = offered["reports"]
reports = views.report_picker(cat, report_keys, "claim_report")
source_kinds = st.pills(
    "Rests on",
    offered["claim source kinds"],
    selection_mode="multi",
    key="claim_source",
    help="The kind of source a claim rests on directly: a cited work by its kind, an interview, the report's own "
    "data, or none given.",
)
only = views.rests_only_toggle("claim_only")
with st.expander("More filters"):
    c1, c2, c3 = st.columns(3)
    flag_kinds = c1.multiselect(
        "Flagged as", offered["flag kinds"], key="claim_flag", help="Flags on the claim, its figures or its sources."
    )
    kinds = c2.multiselect("Kind of claim", offered["claim kinds"], key="claim_kind")
    sections = c3.multiselect("Section", offered["sections"], key="claim_section")
    c4, c5, c6 = st.columns(3)
    platforms = c4.multiselect("Platform", offered["platforms"], key="claim_platform")
    agencies = c5.multiselect("Agency", offered["agencies"], key="claim_agency")
    origin = c6.radio(
        "Made by",
        ["", "curated", "extracted"],
        format_func=lambda o: {"": "anyone", "curated": "a curator", "extracted": "the tool"}[o],
        horizontal=True,
        key="claim_origin",
    )
    has_stat = st.checkbox("States a figure", key="claim_has_stat")

chosen_filter = listing.Filter(
    text=search,
    reports=tuple(reports or ()),
    source_kinds=tuple(source_kinds or ()),
    only=bool(only),
    flag_kinds=tuple(flag_kinds),
    kinds=tuple(kinds),
    sections=tuple(sections),
    platforms=tuple(platforms),
    agencies=tuple(agencies),
    has_statistic=has_stat,
    origin=origin or "",
)
found = listing.one_card_per_sentence(cat, listing.claims(cat, chosen_filter))
cards = listing.one_card_per_sentence(cat, cat.claims)
views.first_page_when_changed("claim_page", chosen_filter)
top, right = st.columns([3, 1], vertical_alignment="bottom")
folded = len(cat.claims) - len(cards)
top.markdown(
    f"**{len(found):,}** of {len(cards):,} claims"
    + (f" · {folded} sentences the tool found are shown on the curated claim in them" if folded else "")
)
show = right.segmented_control("Show", ["Cards", "Table"], key="claim_show") or "Cards"
if not found:
    st.info("No claim matches. Try fewer words, or clear a filter.")


def card(c: claim_view.ClaimItem, index: int) -> None:
    """A claim as a card that opens by a click anywhere on it."""
    del index
    also = listing.sentence_folds(cat).get(c.iri, ())
    origin = "curated, and found by the tool too" if also and not c.extracted else c.origin
    meta = " · ".join(html.escape(p) for p in (cat.reports.get(c.report, c.report), c.section, c.kind, origin) if p)
    names = [cat.sources[s].name for s in c.sources if s in cat.sources] or sorted(c.source_kinds)
    bits = ["<b>Rests on:</b> " + html.escape(", ".join(names))]
    if c.statistics:
        bits.append(f"<b>Figures:</b> {len(c.statistics)}")
    flagged = listing.card_flag_kinds(cat, c)
    if flagged:
        bits.append("<b>Flagged:</b> " + html.escape(", ".join(sorted(flagged))))
    body = (
        f'<span style="display:block;border-left:3px solid #ccc;padding-left:0.7em;color:#333">{html.escape(c.quote)}'
        "</span>"
        f'<span style="display:block;font-size:0.85em;color:#666;margin:0.3em 0">{meta}</span>'
        f'<span style="display:block">{" · ".join(bits)}</span>'
    )
    st.markdown(ui.card(body, ui.href(registry.CLAIMS, claim=short(c.iri))), unsafe_allow_html=True)


if found and show == "Cards":
    number = st.session_state.get("claim_page", 1)
    shown, number, pages = listing.page(found, number, 20)
    for i, c in enumerate(shown):
        card(c, (number - 1) * 20 + i)
    views.page_slider(pages, "claim_page")
if found and show == "Table":
    records = [claim_view.record(cat, c) for c in found]
    st.dataframe(records, hide_index=True, width="stretch", column_config={"claim": None})
    ui.downloads(records, "claims", "claims_table")
views.write_url_filters([k for k in FILTERS if k != "claim_page"], {"claim_show": "Cards"})
ui.footer()
