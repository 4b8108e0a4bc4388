"""Pieces every page's views share: the held catalogue, the way into an item and back, flags, details.

Each page has a list view and an item view. The item is named in the URL (``?claim=res:…``,
``?stat=…``, ``?work=KEY``), so every item has a deep link; opening one replaces the list
and scrolls to the top, so it is always in view; **Back** returns to the list with its filters
as they were (filter widgets keep their values while hidden, see :func:`keep`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

import streamlit as st
from kg.app import ui

from kg.appdata import catalogue as catalogue_module
from kg.appdata.catalogue import Catalogue
from kg.appdata.concerns import Concern
from kg.appdata.names import full, short


def catalogue() -> Catalogue:
    """The graph's claims, figures, sources and flags, held once per process (see kg.appdata.catalogue)."""
    store = ui.store()
    with st.spinner("Reading the claims and figures of the graph …"):
        found: Catalogue = ui.readable(catalogue_module.catalogue, store)
        return found


def rests_only_toggle(key: str) -> bool:
    """The switch beside a "Rests on" choice: any of the kinds chosen (off), or only those (on)."""
    return st.toggle(
        "Rests only on the kinds chosen",
        key=key,
        help="Off: rests on any of the kinds chosen. On: rests on these kinds and nothing else.",
    )


def keep(keys: Iterable[str]) -> None:
    """Keep these widgets' values while the item view hides them (Streamlit drops an unrendered widget's state)."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def opened(param: str) -> str:
    """The item the URL names (full IRI for ``res:`` names), or ``""`` for the list view."""
    value = st.query_params.get(param, "")
    return full(value) if value.startswith("res:") else value


def open_item(param: str, value: str) -> None:
    """Callback of an **Open** button: name the item in the URL, so the next run shows its view."""
    st.query_params[param] = short(value)


def close_item(param: str, forget: str = "") -> None:
    """Back to the list: the URL no longer names the item; a table row that opened it is unselected."""
    if param in st.query_params:
        del st.query_params[param]
    if forget:
        for key in [k for k in st.session_state if str(k).startswith(forget)]:
            del st.session_state[key]


def open_button(param: str, value: str, key: str, label: str = "Open") -> None:
    st.button(label, key=key, on_click=open_item, args=(param, value))


def back_button(param: str, what: str, key: str = "back", forget: str = "") -> None:
    st.button(f"← Back to the {what}", key=key, on_click=close_item, args=(param, forget))


def scroll_to_top() -> None:
    """Scroll the page to its top: the item view replaces a list the reader may have scrolled far down."""
    st.html(
        "<script>"
        "const main = window.parent.document.querySelector('[data-testid=\"stMain\"]') "
        "|| document.querySelector('[data-testid=\"stMain\"]');"
        "if (main) { main.scrollTo(0, 0); } window.scrollTo(0, 0);"
        "</script>",
        unsafe_allow_javascript=True,
    )


def page_slider(total_pages: int, key: str) -> int:
    """The page number chosen (from 1); no widget when everything fits on one page."""
    if total_pages <= 1:
        return 1
    if st.session_state.get(key, 1) > total_pages:  # fewer pages since the filters changed
        st.session_state[key] = total_pages
    return int(st.number_input(f"Page (of {total_pages:,})", min_value=1, max_value=total_pages, step=1, key=key))


def first_page_when_changed(key: str, what: object) -> None:
    """Go back to page 1 when the search or a filter changes (page 7 of the old results means nothing)."""
    seen = f"{key}__for"
    if st.session_state.get(seen) != what:
        st.session_state[seen] = what
        st.session_state[key] = 1


def report_picker(cat: Catalogue, reports: Sequence[str], key: str) -> list[str]:
    """The reports a list is narrowed to: pills for a few reports, a multiselect beyond six."""
    if len(reports) <= 6:
        return st.pills("Report", reports, selection_mode="multi", format_func=lambda k: cat.reports[k], key=key)
    return st.multiselect("Report", reports, format_func=lambda k: cat.reports[k], key=key)


def flags(concerns: Sequence[Concern], none: str = "") -> None:
    """Each quality flag that concerns the item, with how it reaches it and its quotes.

    A curator's flags come first; a suggestion of the same kind says that a curator made it too,
    so the two read as one finding confirmed rather than as two warnings.
    """
    curated_kinds = {c.flag.kind for c in concerns if c.flag.origin == "curated"}
    for c in sorted(concerns, key=lambda c: (c.flag.origin != "curated", bool(c.via))):
        where = f" ({ui.plain(c.via)})" if c.via else ""
        if c.flag.origin == "curated":
            origin = ""
        elif c.flag.kind in curated_kinds:
            origin = " · suggested by the tool; a curator flagged it too"
        else:
            origin = " · suggested by the tool, for a curator to review"
        note = ""
        if c.flag.note:
            note = f"  \n*A curator's note:* {ui.plain(c.flag.note)} (source: {ui.plain(c.flag.note_source)})"
        st.warning(f"**Flag: {ui.plain(c.flag.kind)}**{where}{origin} — {ui.plain(c.flag.rationale)}{note}")
    if not concerns and none:
        st.caption(none)


def technical(details: Mapping[str, object], stem: str, key: str) -> None:
    """IRIs, offsets and files where they belong: folded away, and downloadable as JSON."""
    with st.expander("Technical details"):
        for name, value in details.items():
            if value not in ("", None, (), []):
                shown = (
                    ", ".join(short(str(v)) for v in value) if isinstance(value, (list, tuple)) else short(str(value))
                )
                st.markdown(f"**{ui.plain(name)}**: {ui.code(shown)}")
        st.download_button(
            "Download as JSON",
            json.dumps(dict(details), indent=2, ensure_ascii=False, default=str),
            f"{stem}.json",
            "application/json",
            key=f"{key}_json",
            on_click="ignore",
        )


#: A table row opens by a click on any of its cells, or on its checkbox.
ROW_OR_CELL = ["single-row", "single-cell"]


def picked_row(event: object) -> int | None:
    """The row a click chose in a table shown with ``selection_mode=ROW_OR_CELL``: its checkbox or any cell."""
    selection = getattr(event, "selection", None)
    if selection is None:
        return None
    rows = list(getattr(selection, "rows", []) or [])
    if rows:
        return int(rows[0])
    cells = list(getattr(selection, "cells", []) or [])
    return int(cells[0][0]) if cells else None


def url_filters(keys: Iterable[str], lists: Iterable[str] = ()) -> None:
    """Filters held in the URL, so a filtered list is a link: read on a page's first run (before its widgets),
    written back by :func:`write_url_filters` after them. ``lists``: the keys whose widgets hold several values."""
    many = set(lists)
    for key in keys:
        if key in st.session_state or key not in st.query_params:
            continue
        if key in many:
            st.session_state[key] = st.query_params.get_all(key)
        else:
            value = st.query_params.get(key, "")
            st.session_state[key] = value == "1" if value in ("0", "1") else value


def write_url_filters(keys: Iterable[str], defaults: Mapping[str, object] | None = None) -> None:
    """Each filter's value into the URL (an empty one, or one at its default, out of it)."""
    for key in keys:
        value = st.session_state.get(key)
        if value in (None, "", [], (), False) or (defaults and defaults.get(key) == value):
            if key in st.query_params:
                del st.query_params[key]
        elif value is True:
            st.query_params[key] = "1"
        elif isinstance(value, (list, tuple)):
            if st.query_params.get_all(key) != [str(v) for v in value]:
                st.query_params[key] = [str(v) for v in value]
        elif st.query_params.get(key) != str(value):
            st.query_params[key] = str(value)


def meta_line(parts: Iterable[object]) -> str:
    """``a · b · c`` of the parts that are not empty (an empty field leaves no gap)."""
    return " · ".join(ui.plain(p) for p in parts if p not in ("", None))
