"""The read side over `kg serve` alone: the app and every export, with no project folder beside them.

`kg serve` is started from a folder of its own over a copy of the build; the app (`kg app --endpoint
URL`, in headless Chromium) and `kg export ... --endpoint URL` run in another folder that holds no
project (and KG_HOME is unset), with an empty build folder. Everything a page or an export shows (the
report texts and their paragraphs and sentences, the bibliography with its candidate sources, the
counts) arrives over the SPARQL protocol, and is the same as from the embedded store in the project.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.app_server import app_on_endpoint, chromium, settle
from harness.servers import KgServe
from kg.store import EmbeddedStore, RemoteStore
from tests.conftest import NEEDS_CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
RES = "https://w3id.org/evidence-kg/resource/"
SETTINGS = ("KG_HOME", "KG_BUILD_DIR", "KG_ENDPOINT")

pytestmark = [pytest.mark.slow, pytest.mark.server]


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory) -> Iterator[Path]:
    """A folder with no project in it or above it, and no setting in the environment that names one."""
    folder = tmp_path_factory.mktemp("no-project-here")
    with pytest.MonkeyPatch.context() as patch:
        for name in SETTINGS:
            patch.delenv(name, raising=False)
        from kg.project import ProjectPaths

        patch.chdir(folder)
        assert ProjectPaths.find() is None
        patch.chdir(ROOT)
        yield folder


@pytest.fixture(scope="module")
def served(build_dir: Path, elsewhere: Path, tmp_path_factory) -> Iterator[KgServe]:
    """`kg serve` over a copy of the build, started from a third folder."""
    copy = tmp_path_factory.mktemp("served") / "build"
    shutil.copytree(build_dir, copy, ignore=shutil.ignore_patterns("kg.store", ".kg.store.previous"))
    server = KgServe(copy, ["--timeout", "30"], cwd=tmp_path_factory.mktemp("serve-started-here")).start()
    try:
        yield server
    finally:
        assert server.stop() == 0, server.log_text()


@pytest.fixture(scope="module")
def app_url(served: KgServe, elsewhere: Path, tmp_path_factory) -> Iterator[str]:
    empty = tmp_path_factory.mktemp("no-local-graph")
    with app_on_endpoint(served.url, empty, elsewhere) as url:
        yield url
    assert not (empty / "kg.nt").exists(), "kg app built a local graph although an endpoint was given"


@pytest.fixture(scope="module")
def remote(served: KgServe) -> Iterator[RemoteStore]:
    store = RemoteStore(served.url)
    yield store
    store.close()


def kg(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=cwd, env=env, capture_output=True, timeout=300)


@pytest.mark.browser
@NEEDS_CHROMIUM
def test_the_app_reads_kg_serve_as_its_store(app_url: str, build_dir: Path) -> None:
    from kg.appdata import overview

    embedded = overview.counts(EmbeddedStore.from_file(build_dir / "kg.nt"))
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.goto(app_url + "/")
        page.get_by_text("What the graph holds").wait_for(timeout=60_000)
        settle(page)
        page.locator('[data-testid="stSidebar"]').get_by_text("Reading the SPARQL endpoint").wait_for(timeout=30_000)
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


@pytest.mark.browser
@NEEDS_CHROMIUM
def test_every_page_and_a_quote_in_its_paragraph_come_from_the_endpoint_alone(app_url: str) -> None:
    """Every page opens with no error and no "no graph" advice; a claim's quote is shown marked in its
    paragraph (the report's text and paragraphs are the build's copy, served as triples)."""
    from kg.appdata.pages import PAGES

    with chromium() as browser:
        page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
        for registered in PAGES:
            page.goto(f"{app_url}/{registered.url_path}")
            page.locator("h1").first.wait_for(timeout=60_000)
            settle(page, timeout=90_000)
            text = page.locator('[data-testid="stMain"]').inner_text()
            assert "No graph to show yet" not in text and "cannot be read" not in text, registered.url_path
            errors = page.locator('[data-testid="stException"]')
            assert errors.count() == 0, (registered.url_path, errors.first.inner_text())
        page.goto(app_url + "/Claims?claim=res:claim/usc2012/9911-10059")
        page.get_by_text("The quote in its paragraph").wait_for(timeout=60_000)
        settle(page)
        marked = page.locator('[data-testid="stMain"] mark').first.inner_text()
        assert marked.startswith("Two years after the shutdown of Craigslist")
        browser.close()


def test_texts_paragraphs_sentences_and_downloads_are_the_same_over_the_endpoint(
    remote: RemoteStore, build_dir: Path
) -> None:
    """The app's data layer over `kg serve` gives what it gives over the embedded store: a claim's marked
    paragraph, the dated sentences of a platform, the works a page downloads."""
    from kg.appdata import claims, downloads, entities

    local = EmbeddedStore.from_file(build_dir / "kg.nt")
    claim = RES + "claim/usc2012/9911-10059"
    there, here = claims.item_detail(remote, claim), claims.item_detail(local, claim)
    assert there is not None and here is not None and there.paragraph_html == here.paragraph_html
    assert "<mark>Two years after the shutdown of Craigslist" in there.paragraph_html
    backpage = next(e["entity"] for e in entities.entities(local) if e["label"] == "Backpage")
    dated = entities.dated_events(remote, backpage)
    assert dated and dated == entities.dated_events(local, backpage)
    keys = ["woolhouse2010", "ilo2014", "childrensrights_nd", "not-a-key"]
    for fmt in downloads.WORK_FORMATS:
        assert downloads.works_as(remote, keys, fmt) == downloads.works_as(local, keys, fmt) != ""
    assert "candidate source" in downloads.bibtex_for(remote, ["ilo2014"])


EXPORTS = [
    *[[fmt, "--all"] for fmt in ("bibtex", "csl-json", "ris", "references")],
    *[[fmt, "--all", "--with-report"] for fmt in ("bibtex", "csl-json", "ris", "references")],
    ["references", "--all", "--style", "chicago-author-date"],
    *[[fmt, "--item", "res:stat/policing2020/1466-1483", "--with-report"] for fmt in ("bibtex", "csl-json", "ris")],
    ["nanopubs", "--created", "2026-01-02"],
]


@pytest.mark.parametrize("args", EXPORTS, ids=lambda a: " ".join(a))
def test_every_export_over_kg_serve_from_a_folder_with_no_project(
    args: list[str], served: KgServe, elsewhere: Path, build_dir: Path
) -> None:
    """`kg export ... --endpoint URL` in a folder with no project writes what the project's own export writes."""
    over_endpoint = kg(["export", *args, "--endpoint", served.url], elsewhere)
    in_project = kg(["export", *args, "--build", str(build_dir)], ROOT)
    assert over_endpoint.returncode == in_project.returncode == 0, over_endpoint.stderr.decode()
    assert over_endpoint.stdout == in_project.stdout and len(in_project.stdout) > 200
