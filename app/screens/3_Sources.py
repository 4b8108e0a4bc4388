"""Sources: the bibliography in words; click a work to open what rests on it (``?work=KEY``)."""

from __future__ import annotations

import streamlit as st
from kg.app import ui, views

from kg.appdata import downloads as dl
from kg.appdata import pages, sources, words
from kg.appdata.clipping import clipped
from kg.appdata.concerns import concerning
from kg.appdata.links import NO_LINKS, WorkLinks, work_links
from kg.appdata.names import short

ui.page_header("Sources", "Every work the reports cite, what rests on it, and what to be careful about.")
cat = views.catalogue()
works = ui.data(sources.works)
links = ui.data(work_links)
FILTERS = ("source_kind", "source_flag", "source_report", "source_search", "source_linked")
URL_LISTS = ("source_kind", "source_flag", "source_report")
views.keep(FILTERS)
views.url_filters(FILTERS, URL_LISTS)  # a filtered bibliography is a link


def cited_by(keys: str) -> str:
    return "; ".join(cat.reports.get(k, k) for k in keys.split())


def link_origin(found: WorkLinks) -> str:
    """Where a work's link comes from, or that a curated search found none."""
    return "not found (curated search)" if found.not_found else found.best[1]


def find_it(found: WorkLinks) -> None:
    """Where to open the work, and every candidate source with its evidence, labelled as a candidate."""
    url, label = found.best
    if url:
        ui.html_line(f"<b>{ui.external_link(url, 'Open the source')}</b> <small>({ui.plain(label)})</small>")
    for c in found.candidates:
        if c.status == "not found":
            searched = "a curated search" if c.origin == "curated" else "enrichment"
            st.caption(
                f"Not found: {searched} found no public page that names this work; it stays as the report cites it."
            )
            if c.note:  # why not, and where the figure may come from instead
                st.caption(f"Curator's note: {c.note}" if c.origin == "curated" else c.note)
            continue
        head = ", ".join(p for p in (f"*{ui.plain(c.title)}*" if c.title else "", ui.plain(c.container), c.year) if p)
        lines = [f"**{ui.plain(c.label.capitalize())}:** {head}"]
        if c.evidence:
            lines.append(f"evidence: {ui.external_link(c.evidence, 'the page')} “{ui.plain(c.evidence_text)}”")
        if c.checked:
            lines.append(f"checked against {ui.external_link(c.checked, 'a second page')}")
        if c.reasons:
            lines.append(f"why it matches: {ui.plain(c.reasons)}")
        if c.figure_in_source:  # the curator's own words and verdict, never a summary that could contradict them
            verdict = "as matching" if c.figure_matches == "true" else "as not matching"
            said = ui.plain(c.figure_in_source)
            lines.append(f"what the page gives (a curator marked it {verdict} the report): {said}")
        ui.html_line("<br>".join(lines))
        if c.note:
            st.caption(f"Curator's note: {c.note}" if c.origin == "curated" else c.note)
    if not found.candidates and not url:
        st.caption("No link: the report gives none, and no candidate source is recorded (`kg enrich` looks for one).")


def work_view(work: dict[str, object]) -> None:
    views.scroll_to_top()
    views.back_button("work", "sources", key="source_back", forget="source_table")
    st.subheader(str(work["name"]))
    st.markdown(ui.plain(work["reference"]))
    if sources.author_and_year_only(work):
        st.caption("The citing text names this work only by its author and year, so its reference cannot say more.")
    st.caption(views.meta_line([work["kind"], f"cited by {cited_by(str(work['cited by']))}"]))
    find_it(links.get(str(work["work"]), NO_LINKS))
    signs = [s for s in str(work["flags"]).split(", ") if s]
    curated = concerning(cat, str(work["work"]))
    curated_kinds = {c.flag.kind for c in curated}
    other_signs = [s for s in signs if s not in curated_kinds]
    if other_signs:
        st.warning("**Be careful:** " + ", ".join(ui.plain(s) for s in other_signs))
    views.flags(curated)
    citations = ui.data(sources.work_citations, str(work["work"]))
    st.markdown(f"**Where the text cites it** ({len(citations)})")
    st.dataframe(
        [
            {
                "report": cat.reports.get(c["report"], c["report"]),
                "as written": c["text"],
                "characters": f"{c['start']}–{c['end']}",
                "form": c["form"].replace("-", " "),
                "resolved": {"exact": "exactly", "variant": "as a variant spelling or date"}.get(
                    c["status"], c["status"]
                ),
                "note": c["note"],
            }
            for c in citations
        ],
        hide_index=True,
        width="stretch",
    )
    dependents = ui.data(sources.work_dependents, str(work["work"]))
    st.markdown(f"**Claims and figures that rest on it** ({len(dependents)})")
    for d in dependents:
        how = "directly" if d["direct"] == "true" else "through a chain"
        page, param = (pages.CLAIMS, "claim") if d["type"] == "claim" else (pages.STATISTICS, "stat")
        quote = clipped(d["quote"], 220)
        report = cat.reports.get(d["report"], d["report"])
        st.markdown(
            f"- {'a claim' if d['type'] == 'claim' else 'a figure'} ({ui.plain(report)}, {how}): “{ui.plain(quote)}” "
            f"{ui.link(page, 'open', **{param: short(d['item'])})}",
            unsafe_allow_html=True,
        )
    if not dependents:
        st.markdown("_Nothing in the graph rests on this work (it is cited in passing)._")
    ui.bibtex_button([str(work["key"])], str(work["key"]), "source_bibtex")
    views.technical({"work IRI": work["work"], "BibTeX key": work["key"]}, str(work["key"]), "source_tech")


chosen = views.opened("work")
if chosen:
    match = [w for w in works if w["key"] == chosen or w["work"] == chosen]
    if match:
        work_view(match[0])
    else:
        views.back_button("work", "sources", key="source_back_missing")
        st.warning(f"No work with the key {ui.code(chosen)} in the bibliography.")
    ui.footer()
    st.stop()

search = st.text_input("Search the references", key="source_search", placeholder="e.g. Polaris, 2019, Journal")
c1, c2, c3 = st.columns(3)
kinds = c1.multiselect(
    "Kind of source", [k for k in words.SOURCE_KINDS if any(w["source kind"] == k for w in works)], key="source_kind"
)
flag_options = sorted({f for w in works for f in str(w["flags"]).split(", ") if f})
flagged = c2.multiselect("Be careful about", flag_options, key="source_flag")
reports = c3.multiselect("Cited by", sorted(cat.reports), format_func=lambda k: cat.reports[k], key="source_report")
linked_only = st.toggle("Only works with a link to open (the report's own, or a candidate's)", key="source_linked")
shown = [
    w
    for w in works
    if (not kinds or w["source kind"] in kinds)
    and (not flagged or set(flagged) & set(str(w["flags"]).split(", ")))
    and (not reports or set(reports) & set(str(w["cited by"]).split()))
    and (not search or search.casefold() in f"{w['name']} {w['reference']} {w['key']}".casefold())
    and (not linked_only or links.get(str(w["work"]), NO_LINKS).best[0])
]
st.markdown(f"**{len(shown):,}** of {len(works):,} works · click a row to open what rests on it")
bare = sum(sources.author_and_year_only(w) for w in shown)
if bare:
    st.caption(
        f"{bare:,} of them {'is' if bare == 1 else 'are'} named in the citing text only by author and year: "
        "their references say no more because the text says no more."
    )
table = [
    {
        "work": w["name"],
        "link": links.get(str(w["work"]), NO_LINKS).best[0],
        "kind": w["kind"],
        "reference": w["reference"],
        "cited by": cited_by(str(w["cited by"])),
        "citations": w["citations"],
        "claims": w["claims"],
        "figures": w["statistics"],
        "be careful": w["flags"],
        "link from": link_origin(links.get(str(w["work"]), NO_LINKS)),
        "key": w["key"],
    }
    for w in shown
]
picked = st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode=views.ROW_OR_CELL,
    key="source_table",
    column_config={"link": st.column_config.LinkColumn("link", display_text="open ↗")},
)
if views.picked_row(picked) is not None:
    views.open_item("work", str(shown[views.picked_row(picked) or 0]["key"]))
    st.rerun()
ui.downloads(table, "bibliography", "source_table_dl")
shown_keys = tuple(sorted({str(w["key"]) for w in shown}))
graph = ui.store()
st.download_button(  # written when pressed: every shown work's entry cost a first visit 0.6 s at 1,000 reports
    "Download these works as BibTeX",
    lambda: dl.bibtex_for(graph, shown_keys) or " ",
    "bibliography.bib",
    "application/x-bibtex",
    key="source_bibtex_all",
    on_click="ignore",
)
unresolved = ui.data(sources.unresolved_citations)
if unresolved:
    st.warning(f"{len(unresolved)} citation(s) in the text resolve to no work of the bibliography.")
    st.dataframe(
        [
            {
                "report": cat.reports.get(u["report"], u["report"]),
                "as written": u["text"],
                "characters": f"{u['start']}–{u['end']}",
            }
            for u in unresolved
        ],
        hide_index=True,
    )
else:
    st.caption("Every in-text citation resolves to a work of the bibliography (some only as a variant spelling).")
views.write_url_filters(FILTERS)
ui.footer()
