"""The app with `kg serve` as its store: `kg app --endpoint http://127.0.0.1:PORT/sparql`, in headless Chromium.

The endpoint a researcher starts for a notebook is also one the app can read: the overview's counts
and a claim's sources arrive over the SPARQL protocol from `kg serve`, with no local graph to fall
back on (the app is given an empty build folder and must not build one).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.app_server import app_on_endpoint, chromium, settle
from harness.servers import KgServe
from kg.store import EmbeddedStore
from tests.conftest import NEEDS_CHROMIUM

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.server,
    NEEDS_CHROMIUM,
]


@pytest.fixture(scope="module")
def app_url(build_dir: Path, tmp_path_factory) -> Iterator[str]:
    served = KgServe(build_dir, ["--timeout", "30"]).start()
    empty = tmp_path_factory.mktemp("no-local-graph")
    try:
        with app_on_endpoint(served.url, empty, ROOT) as url:
            yield url
    finally:
        assert served.stop() == 0, served.log_text()
    assert not (empty / "kg.nt").exists(), "kg app built a local graph although an endpoint was given"


def test_the_app_reads_kg_serve_as_its_store(app_url: str, build_dir: Path) -> None:
    from kg.appdata import overview

    embedded = overview.counts(EmbeddedStore.from_file(build_dir / "kg.nt"))
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.goto(app_url + "/")
        page.get_by_text("What the graph holds").wait_for(timeout=60_000)
        settle(page)
        page.locator('[data-testid="stSidebar"]').get_by_text("remote SPARQL endpoint").wait_for(timeout=30_000)
        shown = [" ".join(text.split()) for text in page.locator('[data-testid="stMetric"]').all_inner_texts()]
        assert f"Figures {embedded['statistics']:,}" in shown, shown
        said = " ".join(page.locator('[data-testid="stMain"]').inner_text().split())
        assert f"{embedded['claims']:,} claims: {embedded['curated claims']:,} written by a curator" in said
        page.goto(app_url + "/Sources?work=woolhouse2010")
        page.get_by_text("Where the text cites it").first.wait_for(timeout=60_000)
        settle(page)
        errors = page.locator('[data-testid="stException"]')
        assert errors.count() == 0, errors.first.inner_text()
        browser.close()
