"""Search: everything a user can quote, ranked (BM25), the matched words marked; ``?q=`` holds the search."""

from __future__ import annotations

import html

import streamlit as st
from kg.app import ui, views

from kg.appdata import listing
from kg.appdata import search as searching

ui.page_header(
    "Search",
    "Claims, figures, interview excerpts, studies, endnotes, cited works, candidate sources and quality flags, "
    "best match first, the words found marked.",
)
store = ui.store()
cat = views.catalogue()
views.keep(("q", "search_kinds", "search_page"))
if "q" not in st.session_state:
    st.session_state["q"] = st.query_params.get("q", "")  # a shared link opens on its search
query = st.text_input("Search everything", key="q", placeholder='e.g. Local girls, offshore, "per girl", Xbox')
if query:
    st.query_params["q"] = query
elif "q" in st.query_params:
    del st.query_params["q"]
with st.spinner("Indexing the graph's texts …"):
    index = ui.readable(searching.index, store)
present = [k for k in searching.KINDS if any(d.kind == k for d in index.docs)]
kinds = st.pills("Only", present, selection_mode="multi", key="search_kinds")
if not query.strip():
    st.info(
        f"Type words to search {len(index.docs):,} texts: every word that narrows must be there (not “the”, “of”); "
        'put a "phrase in quotes" to find it as written.'
    )
    ui.footer()
    st.stop()
hits = index.search(query, tuple(kinds or ()))
views.first_page_when_changed("search_page", (query, tuple(kinds or ())))
st.markdown(f"**{len(hits):,}** result{'s' if len(hits) != 1 else ''} for “{ui.plain(query)}”, best match first")
if not hits:
    st.info("Nothing holds all these words. Try fewer words, another spelling, or clear the kind filter.")
shown, number, pages = listing.page(hits, st.session_state.get("search_page", 1), 25)
for hit in shown:
    doc = hit.doc
    where = cat.reports.get(doc.report, "")
    head = " · ".join(html.escape(p) for p in (doc.kind, doc.title, where) if p)
    card = (
        f'<span style="display:block;font-size:0.85em;color:#555">{head}</span>'
        f'<span style="display:block;line-height:1.5;margin-top:0.2em">{hit.snippet}</span>'
    )
    href = ui.href(doc.page, **{doc.param: doc.value}) if doc.page and doc.param and doc.value else ""
    st.markdown(ui.card(card, href), unsafe_allow_html=True)
views.page_slider(pages, "search_page")
ui.downloads(
    lambda: [
        {"kind": h.doc.kind, "title": h.doc.title, "report": h.doc.report, "text": h.doc.text, "score": h.score}
        for h in hits
    ],
    "search",
    "search_results",
)
ui.footer()
