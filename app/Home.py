"""The evidence knowledge graph app: run with ``kg app`` or ``streamlit run app/Home.py``.

Each page has its own URL (``/claims``, ``/statistics``, ...). ``KG_BUILD_DIR`` points the
app at a built graph folder (default ``build/``); ``KG_ENDPOINT`` at a SPARQL endpoint.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

st.set_page_config(page_title="Evidence knowledge graph", page_icon=":material/manage_search:", layout="wide")

PAGES = Path(__file__).resolve().parent / "pages"
navigation = st.navigation(
    [
        st.Page(PAGES / "overview.py", title="Overview", icon=":material/home:", default=True),
        st.Page(PAGES / "claims.py", title="Claims", icon=":material/format_quote:", url_path="claims"),
        st.Page(PAGES / "statistics.py", title="Statistics", icon=":material/bar_chart:", url_path="statistics"),
        st.Page(PAGES / "sources.py", title="Sources", icon=":material/menu_book:", url_path="sources"),
        st.Page(
            PAGES / "entities.py", title="Platforms and agencies", icon=":material/apartment:", url_path="platforms"
        ),
        st.Page(PAGES / "graph.py", title="Graph", icon=":material/hub:", url_path="graph"),
        st.Page(PAGES / "sparql.py", title="SPARQL", icon=":material/terminal:", url_path="sparql"),
    ]
)
navigation.run()
