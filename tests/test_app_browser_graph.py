"""End-to-end, in headless Chromium: the graph drawn in words, and an app log free of deprecations.

The server's output goes to a file, so the test can read what Streamlit logged while every page ran.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.app_server import chromium, no_exception, running_app, settle
from kg.appdata import graph_nodes, pyvis
from kg.appdata import pages as registry
from tests.conftest import NEEDS_CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
#: What Streamlit logs for an API on its way out ("... is deprecated", "Please replace `st.x` with
#: `st.y`. `st.x` will be removed after ...").
DEPRECATION = re.compile(r"deprecat|will be removed|please replace", re.IGNORECASE)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    NEEDS_CHROMIUM,
]


@pytest.fixture(scope="module")
def served(build_dir, tmp_path_factory):
    """The app served for real, its log written to a file: ``(url, log path)``."""
    log_path = tmp_path_factory.mktemp("app-log") / "streamlit.log"
    with log_path.open("wb") as log, running_app(build_dir, log=log) as url:
        yield url, log_path


@pytest.fixture(scope="module")
def browser(served):
    with chromium() as launched:
        yield launched


def page_paths() -> list[str]:
    """Every page's address: ``/`` and ``/Claims``, ``/Platforms_and_agencies``... from the registry."""
    return [f"/{page.url_path}" for page in registry.PAGES]


def graph_frame(tab, title: str):
    """The frame holding the vis-network drawing, once its first view is drawn."""
    embed = tab.locator(f'iframe[title="{title}"]')
    embed.wait_for(timeout=60_000)
    frame = embed.element_handle().content_frame()
    frame.wait_for_function("typeof network !== 'undefined' && document.body.dataset.settled === 'yes'", timeout=60_000)
    frame.locator("canvas").first.wait_for(timeout=30_000)
    return frame


def drawn(frame) -> dict:
    return frame.evaluate(
        "({scale: network.getScale(), labels: network.body.data.nodes.get().map(n => n.label.replace(/\\n/g, ' ')),"
        " edges: network.body.data.edges.get().map(e => e.label)})"
    )


def test_the_graph_page_draws_every_node_in_a_few_legible_words(served, browser):
    url, _ = served
    tab = browser.new_page(viewport={"width": 1366, "height": 2400})
    tab.goto(url + "/Graph")
    tab.get_by_text("Steps from the centre").wait_for(timeout=60_000)
    settle(tab)
    for label in ("Steps from the centre", "At most this many nodes"):
        tab.get_by_role("slider", name=label).focus()
        tab.keyboard.press("End")  # two steps, 80 nodes: the size that used to be a cloud of dots
        settle(tab)
    # the page says it drew the big neighbourhood ("76 nodes and 126 connections, ...")
    tab.wait_for_function(
        "() => { const m = document.body.innerText.match(/(\\d+) nodes and \\d+ connections/);"
        " return m && +m[1] > 40; }",
        timeout=30_000,
    )
    no_exception(tab)
    frame = graph_frame(tab, "The neighbourhood drawn as a graph")
    frame.wait_for_function("network.body.data.nodes.length > 40", timeout=30_000)  # the new drawing, not the old
    graph = drawn(frame)
    assert len(graph["labels"]) >= 60
    assert all(0 < len(label) <= graph_nodes.LABEL_LIMIT for label in graph["labels"]), graph["labels"]
    assert any(label.startswith("+") and " more " in label for label in graph["labels"])  # the cap's summaries
    # the first view is never zoomed out so far that a label falls under MIN_LABEL_PX on screen
    assert graph["scale"] >= pyvis.MIN_LABEL_PX / pyvis.LABEL_FONT - 1e-6
    tab.get_by_text("The nodes and connections as tables").click()
    connections = tab.locator('[data-testid="stDataFrame"]').nth(1)
    connections.wait_for(timeout=30_000)
    tab.wait_for_timeout(1000)
    cells = [c.inner_text() for c in connections.locator('[role="gridcell"]').all()]
    assert "mentions" in cells and not any("://" in c or c.startswith("res:") for c in cells)
    tab.close()


def test_the_statistics_page_draws_the_chain_in_words(served, browser):
    url, _ = served
    tab = browser.new_page(viewport={"width": 390, "height": 2400})
    tab.goto(url + "/Statistics?stat=res:stat/usc2012/29482-29489")
    tab.get_by_text("The chain of sources").wait_for(timeout=60_000)
    settle(tab)
    no_exception(tab)
    graph = drawn(graph_frame(tab, "The chain of sources drawn as a graph"))
    assert graph["labels"] == ["138,402 (monthly unique visitors)", "Quantcast (n.d.)", "Quantcast"]
    assert sorted(graph["edges"]) == ["attributes to", "rests on", "was attributed to"]
    tab.close()


def test_every_page_runs_without_a_deprecation_in_the_log(served, browser):
    url, log_path = served
    tab = browser.new_page(viewport={"width": 1366, "height": 1000})
    visited = [*page_paths(), "/Statistics?stat=res:stat/usc2012/29482-29489"]
    assert {"/", "/Claims", "/Statistics", "/Graph", "/SPARQL"} <= set(visited)  # the file names still give these
    for path in visited:
        tab.goto(url + path)
        tab.locator('[data-testid="stApp"]').wait_for(timeout=60_000)
        settle(tab)  # the script has finished, so anything it logs is in the log
        tab.wait_for_timeout(200)
        no_exception(tab)
    log = log_path.read_text(encoding="utf-8", errors="replace")
    assert "Uvicorn server started" in log or "You can now view" in log  # the log is the server's
    assert not DEPRECATION.search(log), [line for line in log.splitlines() if DEPRECATION.search(line)]
    tab.locator('iframe[title="The chain of sources drawn as a graph"]').wait_for(timeout=30_000)  # it was drawn
    tab.close()
