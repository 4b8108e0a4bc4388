"""The app over a real Oxigraph server: `kg app --endpoint URL`, every page opened in headless Chromium.

The same pages as the embedded-store browser test, with the graph pushed to a server first; each page
must render without an exception and show the same figures as the embedded store gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.app_server import app_on_endpoint, chromium, settle
from harness.servers import OxigraphServer, running_server
from kg.cli import main
from kg.store import EmbeddedStore
from tests.conftest import NEEDS_CHROMIUM

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.server,
    NEEDS_CHROMIUM,
]

PAGES = [
    ("/", "The corpus: 2 reports"),
    ("/Claims", "Search the quotes"),
    ("/Statistics?stat=res:stat/usc2012/29482-29489", "The chain of sources"),
    ("/Sources?work=woolhouse2010", "Where the text cites it"),
    ("/Platforms_and_agencies?entity=res:platform/backpage", "Dated events"),
    ("/Graph", "Steps from the centre"),
    ("/SPARQL", "Canned queries"),
]


@pytest.fixture(scope="module")
def oxigraph() -> Iterator[OxigraphServer]:
    yield from running_server()


@pytest.fixture(scope="module")
def app_url(oxigraph: OxigraphServer, build_dir: Path, tmp_path_factory) -> Iterator[str]:
    """`kg push`, then `kg app --endpoint URL --build EMPTY_DIR` (so nothing can come from the local file)."""
    assert main(["push", "--endpoint", oxigraph.query_url, "--build", str(build_dir)]) == 0
    empty = tmp_path_factory.mktemp("no-local-graph")
    with app_on_endpoint(oxigraph.query_url, empty, ROOT) as url:
        yield url
    assert not (empty / "kg.nt").exists(), "kg app built a local graph although an endpoint was given"


@pytest.fixture(scope="module")
def page(app_url):
    with chromium() as browser:
        yield browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()


@pytest.mark.parametrize(("path", "marker"), PAGES)
def test_every_page_renders_over_the_server(page, app_url: str, path: str, marker: str) -> None:
    page.goto(app_url + path)
    page.get_by_text(marker).first.wait_for(timeout=60_000)
    settle(page)
    # the footer is the last thing a page writes: wait for it rather than race the end of the script
    page.locator('[data-testid="stSidebar"]').get_by_text("Reading the SPARQL endpoint").wait_for(timeout=30_000)
    errors = page.locator('[data-testid="stException"]')
    assert errors.count() == 0, errors.first.inner_text()


def test_the_overview_counts_match_the_embedded_store(page, app_url: str, build_dir: Path) -> None:
    from kg.appdata import overview

    embedded = overview.counts(EmbeddedStore.from_file(build_dir / "kg.nt"))
    page.goto(app_url + "/")
    page.get_by_text("What the graph holds").wait_for(timeout=60_000)
    settle(page)
    shown = [" ".join(text.split()) for text in page.locator('[data-testid="stMetric"]').all_inner_texts()]
    for name, label in (
        ("statistics", "Figures"),
        ("citation occurrences", "Citations in the text"),
        ("quality flags", "Quality flags"),
    ):
        assert f"{label} {embedded[name]:,}" in shown, (name, embedded[name], shown)
    said = " ".join(page.locator('[data-testid="stMain"]').inner_text().split())
    assert f"{embedded['claims']:,} claims: {embedded['curated claims']:,} written by a curator" in said
