"""What every page shares: the store (loaded once per process), cached answers, escaping, downloads.

Pages import this module; the logic worth testing lives in :mod:`kg.appdata`. A page asks for
data with ``ui.data(claims.claims)`` or ``ui.data(claims.item_detail, iri)``: the function is
called with the store first and its answer cached per store and arguments.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import FunctionType
from typing import Any

import streamlit as st

from kg.appdata import catalogue, pages, settings
from kg.appdata import downloads as dl
from kg.appdata.pages import Page
from kg.errors import KgError, StoreError
from kg.project.settings import ReadSettings
from kg.store import Store

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|$~:])")


def plain(text: object) -> str:
    """Text safe to put in markdown: every markdown, HTML and LaTeX character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def chosen() -> ReadSettings:
    """The settings this session reads (endpoint, build folder), read once (:mod:`kg.project.settings`).

    Outside a page run (the launcher's preload) there is no session: they are read for the caller."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if get_script_run_ctx() is None:
        return settings.current()
    if "kg_settings" not in st.session_state:
        st.session_state["kg_settings"] = settings.current()
    return st.session_state["kg_settings"]


@st.cache_resource(show_spinner="Loading the graph …")
def _store(key: str, _chosen: ReadSettings) -> Store:
    del key  # the cache key: one store per build folder or endpoint
    loaded = settings.open_store(_chosen)
    catalogue.warm(loaded)  # the lists' index, read in the background while the first page draws
    return loaded


def open_store(read: ReadSettings) -> Store:
    """The store of these settings, opened once per process (the launcher's preload and the pages share it)."""
    return _store(read.key, read)


def store() -> Store:
    """The graph's store, loaded once per process; stops the page with advice if there is none."""
    try:
        return open_store(chosen())
    except KgError as exc:
        st.warning(
            "**No graph to show yet.** Build it once from the project folder with `kg build` "
            "(a few seconds), then reload this page. `kg app` builds it for you when it is missing."
        )
        st.caption(plain(exc))
        st.stop()
        raise  # unreachable: st.stop() ends the script


def _function_name(function: FunctionType) -> str:
    return f"{function.__module__}.{function.__qualname__}"


@st.cache_data(show_spinner=False, hash_funcs={FunctionType: _function_name})
def _cached(function: Callable[..., Any], setting: str, *args: object) -> Any:
    del setting  # part of the cache key: answers are per store
    return function(store(), *args)


def data(function: Callable[..., Any], *args: object) -> Any:
    """``function(store, *args)``, cached per function, store and arguments.

    A store that fails (a SPARQL endpoint that is down or answers garbage, a query past its
    timeout) stops the page with one readable message and what to do, never a traceback.
    """
    return readable(_cached, function, chosen().key, *args)


def readable(function: Callable[..., Any], *args: object) -> Any:
    """``function(*args)``; a store error stops the page with one readable message instead of a traceback."""
    try:
        return function(*args)
    except StoreError as exc:
        remote = bool(chosen().endpoint)
        st.error(
            "**The graph cannot be read right now.** "
            + (
                "The SPARQL endpoint the app reads did not answer as it should: check that the server is running "
                "and reachable, or start the app without `--endpoint` to read the built graph instead."
                if remote
                else "Reload the page; if this keeps happening, rebuild the graph with `kg build`."
            )
        )
        st.caption(plain(exc))
        st.stop()
        raise  # unreachable: st.stop() ends the script


def code(text: object) -> str:
    """Inline code for markdown (backticks in the text cannot close it)."""
    return "`" + str(text).replace("`", "'") + "`"


#: On a phone the sidebar covers the page: a tap on one of its links closes it once the page changes.
_CLOSE_SIDEBAR_ON_PHONE = """<script>
(() => {
  const doc = (window.parent && window.parent.document) || document;
  const win = doc.defaultView || window;
  if (win.__kgSidebarCloser) return;
  win.__kgSidebarCloser = true;
  doc.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest('[data-testid="stSidebarNavLink"]');
    if (!link || win.innerWidth > 640) return;
    setTimeout(() => {
      const button = doc.querySelector('[data-testid="stSidebarCollapseButton"] button')
        || doc.querySelector('[data-testid="stSidebarCollapseButton"]');
      if (button) button.click();
    }, 200);
  }, true);
})();
</script>"""


def page_header(title: str, intro: str) -> None:
    st.set_page_config(page_title=f"{title} · Evidence KG", page_icon=":material/manage_search:", layout="wide")
    st.html(_CLOSE_SIDEBAR_ON_PHONE, unsafe_allow_javascript=True)
    st.title(title)
    st.caption(intro)


Records = Sequence[Mapping[str, object]]


def downloads(records: Records | Callable[[], Records], stem: str, key: str) -> None:
    """CSV and JSON download buttons for a table shown on the page (``records`` may be a function making it).

    The files are made when a button is pressed, not on every run: a list of 7,000 figures
    would otherwise be written out twice on each keystroke.
    """

    def made() -> Records:
        return records() if callable(records) else records

    row = st.container(horizontal=True)  # buttons as wide as their words, side by side, wrapping on a phone
    row.download_button(
        "Download CSV",
        lambda: dl.records_csv(made()),
        f"{stem}.csv",
        "text/csv",
        key=f"{key}_csv",
        width="content",
        on_click="ignore",
    )
    row.download_button(
        "Download JSON",
        lambda: dl.records_json(made()),
        f"{stem}.json",
        "application/json",
        key=f"{key}_json",
        width="content",
        on_click="ignore",
    )


def bibtex_button(keys: Sequence[str], stem: str, key: str) -> None:
    """Download buttons for the works behind what the page shows: BibTeX, CSL-JSON and RIS."""
    keys = tuple(sorted(set(keys)))
    if not data(dl.bibtex_for, keys):
        st.caption("No bibliography entry to export: these sources are the report's own data or organisations.")
        return
    row = st.container(horizontal=True)
    for fmt, (label, suffix, media) in dl.WORK_FORMATS.items():
        suffix_key = "" if fmt == "bibtex" else f"_{suffix}"  # the BibTeX button keeps its key
        row.download_button(
            f"Sources as {label}",
            data(dl.works_as, keys, fmt),
            f"{stem}.{suffix}",
            media,
            key=f"{key}{suffix_key}",
            width="content",
            on_click="ignore",
        )


def href(page: Page | str, **params: str) -> str:
    """The escaped address of a registered page with query parameters, for an ``href`` attribute.

    ``page`` is the registry's entry (:mod:`kg.appdata.pages`), or the address of one: any other is a ``KeyError``."""
    from urllib.parse import urlencode

    target = page if isinstance(page, Page) else pages.page_at(page)
    return html.escape(f"{target.address}?{urlencode(params)}", quote=True)


def card(inner_html: str, address: str = "") -> str:
    """A bordered row of a list, opening its item by a click anywhere on it (``address`` from :func:`href`).

    ``inner_html`` must be built from escaped parts."""
    style = "display:block;border:1px solid #ddd;border-radius:0.5rem;padding:0.6rem 0.9rem;margin-bottom:0.6rem"
    if not address:
        return f'<span style="{style}">{inner_html}</span>'
    return (
        f'<a class="kg-card" href="{address}" target="_self" '
        f'style="{style};color:inherit;text-decoration:none">{inner_html}</a>'
    )


def link(page: Page | str, label: str, **params: str) -> str:
    """HTML of a link to a registered page with query parameters, opening in the same tab (label escaped).

    Render it with ``st.markdown(..., unsafe_allow_html=True)``: every part is escaped here.
    """
    return f'<a href="{href(page, **params)}" target="_self">{html.escape(" ".join(label.split()))}</a>'


def external_link(url: str, label: str) -> str:
    """HTML of a link that opens a source in a new tab; "" for anything but an http(s) address.

    A URL can come from a report's reference list or a metadata service: a ``javascript:`` or
    ``data:`` address is never made clickable, and every part is escaped."""
    from urllib.parse import urlsplit

    if urlsplit(url).scheme not in ("http", "https"):
        return ""
    href = html.escape(url, quote=True)
    text = html.escape(" ".join(label.split()))
    return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{text} ↗</a>'


def html_line(markup: str) -> None:
    """A line of markdown and HTML built from escaped parts (:func:`plain`, :func:`external_link`, :func:`link`)."""
    st.markdown(markup, unsafe_allow_html=True)


def link_line(page: Page | str, label: str, **params: str) -> None:
    st.markdown(link(page, label, **params), unsafe_allow_html=True)


def footer() -> None:
    """Where the graph comes from, in words a first-time reader knows; the engine's details behind the help mark."""
    try:
        opened = store()
        description = opened.description
    except Exception:  # noqa: BLE001 - the footer must never break a page
        return
    endpoint = getattr(opened, "endpoint", "")
    folder = getattr(opened, "folder", None)
    if endpoint:
        words = f"Reading the SPARQL endpoint {endpoint}"
    elif folder is not None:
        words = f"Reading the graph built in {Path(folder).parent} on this computer (read-only)"
    else:
        words = "Reading the graph built on this computer (read-only)"
    st.sidebar.caption(plain(words), help=description)
