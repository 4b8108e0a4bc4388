"""End-to-end: the app served by Streamlit, driven in headless Chromium, one interaction per page.

Screenshots of every page go to tests/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.app_server import chromium, no_exception, running_app, settle
from tests.conftest import NEEDS_CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "tests" / "screenshots"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    NEEDS_CHROMIUM,
]


@pytest.fixture(scope="module")
def server(build_dir):
    with running_app(build_dir) as url:
        yield url


@pytest.fixture(scope="module")
def page(server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        yield browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()


def shot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main area, so grow the viewport to fit it first."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(max(int(height), 1000), 7000)})
    page.wait_for_timeout(400)
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})


def test_overview(page, server):
    page.goto(server + "/")
    page.get_by_text("The corpus: 2 reports").wait_for(timeout=60_000)
    settle(page)
    page.get_by_text("The figures as a table").click()
    page.get_by_text("Download CSV").first.wait_for()
    no_exception(page)
    assert page.get_by_text("Policing Internet Sex Trafficking").first.is_visible()
    shot(page, "1-overview")


def test_claims_search_and_detail(page, server):
    page.goto(server + "/Claims")
    search = page.get_by_label("Search the quotes")
    search.wait_for(timeout=60_000)
    search.fill("Craigslist")
    search.press("Enter")
    settle(page)
    assert page.get_by_text("Craigslist").first.is_visible()
    page.locator("a.kg-card").first.click()  # a card opens by a click anywhere on it
    page.get_by_text("The quote in its paragraph").wait_for(timeout=30_000)
    settle(page)
    no_exception(page)
    assert page.locator("mark").count() >= 1
    shot(page, "2-claims")


def test_statistics_provenance(page, server):
    page.goto(server + "/Statistics?stat=res:stat/usc2012/29482-29489")
    page.get_by_text("The chain of sources").wait_for(timeout=60_000)
    settle(page)
    no_exception(page)
    assert page.get_by_text("Quantcast").first.is_visible()
    shot(page, "3-statistics")


def test_sources_one_work(page, server):
    page.goto(server + "/Sources?work=woolhouse2010")
    page.get_by_text("Where the text cites it").wait_for(timeout=60_000)
    settle(page)
    no_exception(page)
    assert page.get_by_text("Claims and figures that rest on it").first.is_visible()
    assert page.get_by_text("news as evidence").first.is_visible()
    shot(page, "4-sources")


def test_platforms_dated_events(page, server):
    page.goto(server + "/Platforms_and_agencies?entity=res:platform/backpage")
    page.get_by_role("tab", name="Dated events").wait_for(timeout=60_000)
    settle(page)
    page.get_by_role("tab", name="Dated events").click()
    page.wait_for_timeout(500)
    no_exception(page)
    shot(page, "5-platforms")


def test_graph_drawn(page, server):
    page.goto(server + "/Graph")
    page.get_by_text("Steps from the centre").wait_for(timeout=60_000)
    settle(page)
    frame = page.frame_locator("iframe").first
    frame.locator("canvas").first.wait_for(timeout=30_000)
    page.wait_for_timeout(2500)  # let the layout settle before the screenshot
    no_exception(page)
    shot(page, "6-graph")


def test_sparql_console(page, server):
    page.goto(server + "/SPARQL")
    page.get_by_role("tab", name="Write a query").wait_for(timeout=60_000)
    settle(page)
    page.get_by_role("tab", name="Write a query").click()
    page.locator('[data-testid="stButton"] button', has_text="Run").last.click()
    page.get_by_text("rows").first.wait_for(timeout=30_000)
    settle(page)
    no_exception(page)
    shot(page, "7-sparql")


def test_a_lists_download_holds_every_row_it_counts(page, server):
    """The CSV is made when the button is pressed, and holds the whole filtered list, not one page of it."""
    import csv
    import io
    import re

    page.goto(server + "/Statistics")
    page.get_by_text("click a row to open").wait_for(timeout=60_000)
    settle(page)
    counted = int(
        re.search(r"([\d,]+) of", page.get_by_text("click a row to open").inner_text()).group(1).replace(",", "")
    )
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").first.click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert len(rows) == counted and {"figure", "rests on", "statistic"} <= set(rows[0])
