"""The evidence knowledge graph app; this page is the Overview. Run with ``kg app`` or ``streamlit run app/Home.py``.

Each page has its own URL: ``/`` (this overview), ``/Claims``, ``/Statistics``, ``/Sources``,
``/Platforms_and_agencies``, ``/Graph``, ``/SPARQL`` (the files in ``app/pages/``).
``KG_BUILD_DIR`` points the app at a built graph folder (default ``build/``); ``KG_ENDPOINT``
at a SPARQL endpoint instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ui  # noqa: E402

from kg import appdata  # noqa: E402

ui.page_header(
    "Evidence knowledge graph",
    "Take any claim or statistic in two research reports on online sex trafficking and policing, "
    "and see which sources it rests on, down to the quoted words.",
)
ui.store()

st.subheader("The corpus: two reports")
for report in ui.data("reports"):
    with st.container(border=True):
        st.markdown(f"**{ui.plain(report['title'])}** ({ui.plain(report['year'])}, {ui.plain(report['kind'])})")
        st.markdown(ui.plain(report["reference"]))
        cols = st.columns(4)
        cols[0].metric("Claims", report["claims"])
        cols[1].metric("Statistics", report["statistics"])
        cols[2].metric("Citations", report["citations"])
        cols[3].caption(f"Key {ui.code(report['key'])} · text file {ui.code(report['textFile'])}")

st.subheader("What the graph holds")
counts = ui.data("counts")
order = [
    "curated claims",
    "extracted claims",
    "statistics",
    "cited works",
    "citation occurrences",
    "interview excerpts",
    "studies",
    "platforms",
    "organisations",
    "mentions",
    "quality flags",
    "cross-report relations",
]
count_cols = st.columns(6)
for i, name in enumerate(order):
    count_cols[i % 6].metric(name.capitalize(), f"{counts.get(name, 0):,}")

st.subheader("Where to start")
START = [
    (
        "pages/1_Claims.py",
        "Claims",
        ":material/format_quote:",
        "search the reports' statements, filter by report, platform, agency or kind of evidence, and open one to "
        "see its quote in its paragraph and every source behind it",
    ),
    (
        "pages/2_Statistics.py",
        "Statistics",
        ":material/bar_chart:",
        "every figure, sortable; open one to follow its chain of sources",
    ),
    (
        "pages/3_Sources.py",
        "Sources",
        ":material/menu_book:",
        "the bibliography, with what rests on each work and its warning signs",
    ),
    (
        "pages/4_Platforms_and_agencies.py",
        "Platforms and agencies",
        ":material/apartment:",
        "Backpage, Craigslist, the FBI ... and what each report says about them",
    ),
    ("pages/5_Graph.py", "Graph", ":material/hub:", "the neighbourhood of a claim, work or platform, drawn"),
    ("pages/6_SPARQL.py", "SPARQL", ":material/terminal:", "the canned queries, or your own"),
]
for target, label, icon, what in START:
    left, right = st.columns([1, 4], vertical_alignment="center")
    left.page_link(target, label=label, icon=icon)
    right.markdown(what)

st.subheader("From the 2012 report: which carriers the advertised phone numbers used")
shares = ui.data("carrier_shares")
if shares:
    bars = [(s.label, s.value, f"written '{s.text}' · {appdata.short(s.stat)}") for s in shares]
    st.markdown(appdata.bar_chart_html(bars), unsafe_allow_html=True)
    st.caption(
        "Share of the phone numbers, drawn from the graph's statistics, not copied from the report. The text lists "
        "one share (3.2) with no carrier named, writes several shares without a % sign, and counts 'Wireline', a "
        "kind of line, among carriers. The shares come from a lookup service the text does not name."
    )
    records = [
        {
            "carrier (as the text names it)": s.label,
            "share (%)": s.value,
            "as written": s.text,
            "statistic": appdata.short(s.stat),
        }
        for s in shares
    ]
    with st.expander("The figures as a table"):
        st.markdown(appdata.html_table(records), unsafe_allow_html=True)
        ui.downloads(records, "carrier-shares", "carrier_shares")
else:
    st.info("The graph has no carrier shares (the 2012 report is not in this build).")

st.subheader("The 2012 report's phone-number table")
table_rows, rationale = ui.data("phone_table")
if table_rows:
    records = [
        {"row (the text's words)": r.label, "figure in the table": r.value, "offsets": f"{r.start}–{r.end}"}
        for r in table_rows
    ]
    st.markdown(appdata.html_table(records, missing="missing in the text"), unsafe_allow_html=True)
    st.caption("Cells marked missing are figures the text leaves out; none is filled in. " + ui.plain(rationale))
    prose = ui.data("counts_before", "usc2012", table_rows[0].start)
    if prose:
        st.markdown("The prose just before the table states these counts (which row each belongs to is not said):")
        prose_records = [
            {"figure": r["text"], "what it counts": r["measure"], "statistic": appdata.short(r["stat"])} for r in prose
        ]
        st.markdown(appdata.html_table(prose_records), unsafe_allow_html=True)
    ui.downloads(records, "phone-number-table", "phone_table")
ui.footer()
