"""The evidence knowledge graph app. Run with ``kg app`` (or ``streamlit run app/Home.py``).

This script is the app's entry: one ``st.navigation`` over the pages of the registry
(:mod:`kg.appdata.pages`), in its order, each at its own address (``/`` the overview, ``/Claims``,
``/Statistics`` ...). ``KG_BUILD_DIR`` points the app at a built graph folder (default ``build/``);
``KG_ENDPOINT`` at a SPARQL endpoint instead (:mod:`kg.project.settings`).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from kg.appdata.pages import OVERVIEW, PAGES

APP = Path(__file__).resolve().parent

st.navigation(
    [
        st.Page(
            APP / page.script,
            title=page.title,
            icon=page.icon,
            url_path=page.url_path or None,
            default=page is OVERVIEW,
        )
        for page in PAGES
    ]
).run()
