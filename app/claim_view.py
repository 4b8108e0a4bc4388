"""One claim in its own view: the quote in its paragraph, every flag that concerns it, its sources.

Shown by the Claims page when the URL names a claim (``/Claims?claim=res:claim/REPORT/START-END``).
Everything a person reads is in words: sources by their short citation and formatted reference,
kinds by their labels, the report by its title; IRIs wait in the technical details.
"""

from __future__ import annotations

import streamlit as st
from kg.app import ui, views

from kg.appdata import claims as cl
from kg.appdata import listing, pages, words
from kg.appdata.catalogue import Catalogue, ClaimItem
from kg.appdata.clipping import clipped
from kg.appdata.concerns import concerning, flag_kinds_concerning
from kg.appdata.graph_nodes import first_words
from kg.appdata.links import NO_LINKS, CandidateInfo, work_links
from kg.appdata.names import short

__all__ = ["ClaimItem", "record", "show", "sources_list"]


def record(cat: Catalogue, c: ClaimItem) -> dict[str, object]:
    """A claim as a row of the table and its downloads (words, and the IRI for machines)."""
    return {
        "quote": c.quote,
        "report": cat.reports.get(c.report, c.report),
        "section": c.section,
        "kind": c.kind,
        "made by": c.origin,
        "rests on": "; ".join(cat.sources[s].name for s in c.sources if s in cat.sources),
        "kinds of source": "; ".join(sorted(c.source_kinds)),
        "figures": len(c.statistics),
        "flagged": "; ".join(sorted(flag_kinds_concerning(cat, c.iri))),
        "start": c.start,
        "end": c.end,
        "claim": short(c.iri),
    }


def sources_list(cat: Catalogue, detail: cl.ItemDetail, key: str) -> None:
    """Every source the item rests on, directly or through a chain, by name and reference, linked to its page."""
    if not detail.sources:
        st.markdown("_The text gives no source for this._")
        return
    rank = {"rests on": 0, "through a chain": 1, "originates with": 2}
    merged: dict[str, dict[str, str]] = {}
    links = ui.data(work_links)
    for s in sorted(detail.sources, key=lambda s: rank.get(s["relation"], 3)):
        merged.setdefault(s["source"], s)  # one line per source, by its closest relation
    for s in merged.values():
        known = cat.sources.get(s["source"])
        name = known.name if known else s["label"] or s["key"]
        what = known.what if known else words.term(cat.vocabulary, s["kind"])
        via = ""
        if s["via"]:
            through = cat.sources.get(s["via"])
            via = f" (through {ui.plain(through.name if through else s['via'])})"
        reference = s["reference"] if s["reference"].rstrip(". ") != name.rstrip(". ") else ""
        line = f"- *{ui.plain(s['relation'])}*{via}: **{ui.plain(name)}**, {ui.plain(what)}"
        if reference:
            line += f" — {ui.plain(reference)}"
        if known and known.reference and known.key:
            line += " · " + ui.link(pages.SOURCES, "open the work", work=known.key)
        found = links.get(s["source"], NO_LINKS)
        url, label = found.best
        if url:
            line += f" · {ui.external_link(url, 'open the source')} <small>({ui.plain(label)})</small>"
        for c in found.candidates:
            line += "\n" + candidate_line(c)
        st.markdown(line, unsafe_allow_html=True)
    ui.bibtex_button(detail.bibtex_keys(), short(detail.iri).replace("/", "_"), f"{key}_bibtex")


def candidate_line(c: CandidateInfo) -> str:
    """A candidate source under the work it may be, named as a candidate, with its evidence and the curator's note."""
    if c.status == "not found":
        line = "    - *no candidate:* a search found no public page that names this work"
        if c.note:  # why not, and where the figure may come from instead
            line += f" — {'curator' if c.origin == 'curated' else 'enrichment'}'s note: {ui.plain(c.note)}"
        return line
    head = ", ".join(p for p in (f"*{ui.plain(c.title)}*" if c.title else "", ui.plain(c.container), c.year) if p)
    line = f"    - *{ui.plain(c.label)}, not what the report says:* {head}"
    if c.evidence_text:
        quote = clipped(c.evidence_text, 220)
        line += f" — evidence: “{ui.plain(quote)}”"
    if c.note:
        line += f" — {'curator' if c.origin == 'curated' else 'enrichment'}'s note: {ui.plain(c.note)}"
    return line


def made_by(c: ClaimItem, found_around: bool = False) -> str:
    """Who made the claim: curated data and what the tool found are never disguised as each other."""
    if c.curated and found_around and not c.extracted:
        return "made by a curator; the tool found the sentence around it"
    if c.curated and c.extracted:
        return "made by a curator, and found by the tool too"
    return "made by a curator" if c.curated else "found by the tool"


def show(cat: Catalogue, iri: str) -> None:
    views.scroll_to_top()
    views.back_button("claim", "claims", key="claim_back")
    c = cat.claim(iri)
    detail = ui.data(cl.item_detail, iri) if c else None
    if c is None or detail is None:
        st.warning("This claim is not in the graph (it may have been renamed by a new build). Go back to the list.")
        return
    folds = listing.sentence_folds(cat).get(iri, ())
    st.subheader("The claim")
    st.markdown(f"> {ui.plain(c.quote)}")
    st.caption(
        views.meta_line(
            [
                cat.reports.get(c.report, c.report),
                f"section “{c.section}”" if c.section else "",
                c.kind,
                made_by(c, bool(folds)),
                f"page {detail.page}" if detail.page else "",
            ]
        )
    )
    views.flags([*concerning(cat, iri), *(k for e in folds for k in concerning(cat, e))])
    st.markdown("**The quote in its paragraph**")
    st.markdown(
        f'<div style="line-height:1.6;padding:0.6em;border-left:3px solid #4e79a7">{detail.paragraph_html}</div>',
        unsafe_allow_html=True,
    )
    st.markdown("**What it rests on**")
    sources_list(cat, detail, "claim")
    if c.statistics:
        st.markdown("**Figures it states**")
        for stat in c.statistics:
            f = cat.figure(stat)
            if f:
                ui.link_line(pages.STATISTICS, f"{f.text} ({f.measure}) · {f.status}", stat=short(f.iri))
    if detail.excerpts:
        st.markdown("**Interview evidence**")
        for e in detail.excerpts:
            note = f"endnote [{e['endnote']}]" if e["endnote"] else ""
            st.markdown(f"> {ui.plain(e['quote'])}")
            dating = next((s.name for s in cat.sources.values() if e["datedBy"] and s.key == e["datedBy"]), "")
            dated = f"dated by {dating or 'a personal communication'}" if e["datedBy"] else ""
            st.caption(views.meta_line([e["role"] or "speaker not named", note, dated]))
            others = [o for o in cat.claims if e["excerpt"] in o.excerpts and o.iri != iri]  # an excerpt has no page
            if others:
                st.markdown(
                    f"Other claims resting on this excerpt ({len(others)}): "
                    + " · ".join(ui.link(pages.CLAIMS, first_words(o.quote, 90), claim=short(o.iri)) for o in others),
                    unsafe_allow_html=True,
                )
    relations(cat, detail)
    views.technical(
        {
            "claim IRI": iri,
            "report key": c.report,
            "characters": f"{c.start}–{c.end}",
            "sources": list(c.sources),
            "figures": list(c.statistics),
        },
        short(iri).replace("/", "_"),
        "claim_tech",
    )
    views.back_button("claim", "claims", key="claim_back_bottom")


def relations(cat: Catalogue, detail: cl.ItemDetail) -> None:
    """The claims of other reports that corroborate, refine or contradict this one, both quotes shown."""
    if not detail.relations:
        return
    st.markdown("**What the other reports say about it**")
    for i, r in enumerate(detail.relations):
        with st.container(border=True):
            st.markdown(
                f"**{ui.plain(r['relation'])}** · {ui.plain(cat.reports.get(r['otherReport'], r['otherReport']))}"
            )
            st.markdown(f"> {ui.plain(r['otherQuote'])}")
            if r["rationale"]:
                st.caption(ui.plain(r["rationale"]))
            if cat.claim(r["other"]):
                views.open_button("claim", r["other"], key=f"claim_related_{i}", label="Open that claim")
