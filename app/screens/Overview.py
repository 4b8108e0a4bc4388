"""The Overview, the app's first page (``/``): the corpus, what the graph holds, where to start, the tables."""

from __future__ import annotations

import streamlit as st
from kg.app import ui

from kg.appdata import overview, pages, widgets, words

ui.page_header(
    "Evidence knowledge graph",
    "Take any claim or statistic in a body of research reports and see which sources it rests on, "
    "down to the quoted words.",
)
ui.store()

corpus = ui.data(overview.reports)
st.subheader(f"The corpus: {len(corpus):,} report{'s' if len(corpus) != 1 else ''}")
if not corpus:
    st.info("The graph holds no report yet. Add one with `kg add FILE`, then run `kg build`.")
if len(corpus) <= 6:
    for report in corpus:
        with st.container(border=True):
            kind = words.work_kind(report["kind"])
            st.markdown(f"**{ui.plain(report['title'])}** ({ui.plain(report['year'])}, {ui.plain(kind)})")
            st.markdown(ui.plain(report["reference"]))
            if words.names_no_author(report["reference"], report["title"]):
                st.caption("The report's text names no author, so its reference opens on its title (as APA writes it).")
            cols = st.columns(3)
            cols[0].metric("Claims", f"{int(report['claims']):,}")
            cols[1].metric("Figures", f"{int(report['statistics']):,}")
            cols[2].metric("Citations", f"{int(report['citations']):,}")
else:
    st.dataframe(
        [
            {
                "report": r["title"],
                "year": r["year"],
                "kind": words.work_kind(r["kind"]),
                "claims": int(r["claims"]),
                "figures": int(r["statistics"]),
                "citations": int(r["citations"]),
            }
            for r in corpus
        ],
        hide_index=True,
        width="stretch",
    )

st.subheader("What the graph holds")
counts = ui.data(overview.counts)
st.markdown(overview.claims_sentence(counts, [int(r["claims"]) for r in corpus]))
order = [
    ("statistics", "Figures"),
    ("cited works", "Cited works"),
    ("citation occurrences", "Citations in the text"),
    ("interview excerpts", "Interview excerpts"),
    ("studies", "Studies"),
    ("platforms", "Platforms mentioned"),
    ("organisations", "Organisations mentioned"),
    ("mentions", "Mentions of them"),
    ("quality flags", "Quality flags"),
    ("cross-report relations", "Curated cross-report relations"),
    ("suggested pairings", "Pairings suggested by the tool"),
]
count_cols = st.columns(4)
for i, (name, label) in enumerate(order):
    count_cols[i % 4].metric(label, f"{counts.get(name, 0):,}")
st.caption(overview.gazetteer_sentence(counts))

st.subheader("Where to start")
for target in pages.START:
    left, right = st.columns([3, 7], vertical_alignment="center")  # "Platforms and agencies" on one line
    left.page_link(target.script, label=target.label, icon=target.icon)
    right.markdown(target.what)

tables = ui.data(overview.tables)
report_names = {r["key"]: words.report_name(r["title"], r["year"]) for r in corpus}
if tables:
    st.subheader("Tables of the reports")
    st.caption(
        "Each table is read row by row by a curator; every figure is drawn from the graph's statistics, not copied "
        "from the report, and a figure the text leaves out is shown as missing, never filled in."
    )
if len({t.report for t in tables}) > 3:  # many reports: one report's tables at a time
    with_tables = sorted({t.report for t in tables}, key=lambda k: report_names.get(k, k))
    chosen = st.selectbox(
        f"Tables of which report ({len(with_tables):,} have tables)",
        with_tables,
        format_func=lambda k: report_names.get(k, k),
        key="home_tables_report",
    )
    tables = [t for t in tables if t.report == chosen]
for table in tables:
    st.markdown(f"**{ui.plain(table.caption)}** · {ui.plain(report_names.get(table.report, table.report))}")
    records = table.records()
    if table.is_chart:
        bars = [
            (row.label or "(not named)", cell.value or 0.0, f"written '{cell.text}' in the text")
            for row in table.rows
            for cell in row.cells[:1]
        ]
        st.markdown(widgets.bar_chart_html(bars), unsafe_allow_html=True)
        with st.expander("The figures as a table"):
            st.markdown(widgets.html_table(records, missing="missing in the text"), unsafe_allow_html=True)
    else:
        st.markdown(widgets.html_table(records, missing="missing in the text"), unsafe_allow_html=True)
    notes = [table.note] + [f["rationale"] for f in ui.data(overview.table_flags, table.iri)]
    st.caption(" ".join(ui.plain(n) for n in notes if n))
    if any(cell.text is None for row in table.rows for cell in row.cells):
        prose = ui.data(overview.counts_before, table.report, table.start)
        if prose:
            st.markdown("The prose just before the table states these counts (which row each belongs to is not said):")
            prose_records = [{"figure": r["text"], "what it counts": r["measure"]} for r in prose]
            st.markdown(widgets.html_table(prose_records), unsafe_allow_html=True)
    ui.downloads(records, f"table-{table.report}-{table.id}", f"table_{table.report}_{table.id}")
ui.footer()
