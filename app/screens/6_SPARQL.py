"""SPARQL: the canned queries with their parameters, and a free read-only editor."""

from __future__ import annotations

import streamlit as st
from kg.app import ui

from kg.appdata import console, settings
from kg.appdata import downloads as dl
from kg.query import PREFIX_BLOCK

ui.page_header(
    "SPARQL",
    "Run the project's named queries, or write your own. Read-only: no updates, no SERVICE, a row cap and a timeout.",
)
store = ui.store()
registry = settings.canned_queries()


def show(result: console.ConsoleResult, stem: str, key: str) -> None:
    if result.error:
        st.error(ui.plain(result.error))
        return
    table = result.table
    assert table is not None
    if table.boolean is not None:
        st.success(f"ASK answer: {'yes' if table.boolean else 'no'}")
        return
    if result.notice:
        st.warning(result.notice)
    st.caption(f"{len(table.rows)} row{'s' if len(table.rows) != 1 else ''}")
    st.dataframe(console.display_records(table), hide_index=True, width="stretch")
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        "Download CSV", dl.table_csv(table), f"{stem}.csv", "text/csv", key=f"{key}_csv", on_click="ignore"
    )
    right.download_button(
        "Download JSON", dl.table_json(table), f"{stem}.json", "application/json", key=f"{key}_json", on_click="ignore"
    )


c1, c2 = st.columns(2)
limit = c1.number_input("Row cap", 1, 10_000, 1000, key="sparql_limit")
timeout = c2.number_input("Timeout (seconds)", 1.0, 60.0, 10.0, key="sparql_timeout")

if "query" in st.query_params:  # a shared link opens on the query it holds
    tab_free, tab_canned = st.tabs(["Write a query", "Canned queries"])
else:
    tab_canned, tab_free = st.tabs(["Canned queries", "Write a query"])
with tab_canned:
    show_app = st.checkbox("Also list the queries the app's pages use", key="sparql_show_app")
    names = [n for n in registry if show_app or not n.startswith("app-")]
    name = st.selectbox("Query", names, key="sparql_query_pick", format_func=lambda n: f"{registry[n].title} ({n})")
    spec = registry[name]
    st.markdown(ui.plain(spec.description))
    params = {}
    for p in spec.params:
        params[p.name] = st.text_input(
            f"{p.name} ({p.type})", key=f"sparql_param_{name}_{p.name}", help=p.description, placeholder=p.description
        )
    with st.expander("The query text"):
        st.code(spec.text, language="sparql")
    if st.button("Run", key="sparql_run_canned", type="primary"):
        missing = [p for p, v in params.items() if not v.strip()]
        if missing:
            st.error(f"Give a value for: {', '.join(missing)}")
            st.session_state.pop("sparql_canned_result", None)
        else:
            result = console.canned(store, spec, params, int(limit), float(timeout))
            st.session_state["sparql_canned_result"] = (name, result)
    held = st.session_state.get("sparql_canned_result")
    if held and held[0] == name:  # kept across reruns: pressing a download button does not wipe it
        show(held[1], name, "sparql_canned")

with tab_free:
    with st.expander("Prefixes already declared for you"):
        st.code(PREFIX_BLOCK, language="sparql")
    example = (
        "SELECT ?report ?quote WHERE {\n  ?claim a ekg:CuratedClaim ; ekg:statedIn/ekg:bibtexKey ?report ;\n"
        "         ekg:hasAnchor/oa:hasSelector ?s .\n  ?s a oa:TextQuoteSelector ; oa:exact ?quote .\n}\n"
        "LIMIT 20"
    )
    if "sparql_editor" not in st.session_state:
        st.session_state["sparql_editor"] = st.query_params.get("query", example)  # a shared link opens on its query
    text = st.text_area("Your query", height=220, key="sparql_editor")
    if st.button("Run", key="sparql_run", type="primary"):
        st.session_state["sparql_free_result"] = console.console(store, text, int(limit), float(timeout))
        st.query_params["query"] = text  # the address now holds the query: copy it to share it
    if "sparql_free_result" in st.session_state:  # kept across reruns: a download does not wipe it
        show(st.session_state["sparql_free_result"], "query", "sparql_free")
        st.caption(
            "The address bar holds this query: copy it to share the query. IRIs are shown as <…>, ready to paste."
        )
ui.footer()
