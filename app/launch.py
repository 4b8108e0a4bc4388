"""The one command that serves the app, used by ``kg app``, the tests and the benchmarks alike.

``python -m kg.app.launch STREAMLIT-OPTIONS`` reads the graph, its catalogue of claims and
figures, and imports the pages' modules first, then starts Streamlit's server in the same
process: the server answers its health check only once all that is done, so the first page a
student opens is drawn from a warm process instead of paying for the imports, the store and
the lists on the first clicks (the catalogue grows with the graph, and reading it in the
background slowed the first page down by as much; ``benchmarks/app_speed.py`` measures it).

The toolbar is the viewer's (``client.toolbarMode viewer``): a student sees no "Deploy" button
and no developer menu; usage statistics are never sent; the server is headless (it opens no
browser of its own) and listens where it is told, 127.0.0.1 unless asked otherwise; it does not
watch the source files for changes (a served app is not being edited, and watching every module
a page imports slowed its first run).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.store import Store

HOME = Path(__file__).resolve().parent / "Home.py"


def preload() -> None:
    """Import what the pages import and load the store they read (a missing graph is the pages' to explain).

    Then the objects made so far (the store's index, the catalogue: millions at 1,000 reports) are
    moved out of the garbage collector's sight (:func:`gc.freeze`): they live as long as the
    process, and a full collection walking them cost the first page's script about 0.4 s.
    """
    import gc

    _warm_tables()
    import kg.app.claim_view
    import kg.app.figure_view
    from kg.app import ui

    import kg.appdata.compare
    import kg.appdata.listing
    import kg.appdata.overview  # noqa: F401 - imported for its cost, paid before the first page
    from kg.appdata import catalogue, settings
    from kg.errors import KgError

    try:
        catalogue.catalogue(ui.open_store(settings.current()))  # read now: the server is ready when its lists are

        from kg.appdata import overview

        for what in (overview.reports, overview.counts, overview.tables):  # the first page's own reads,
            ui.data(what)  # into the same cache its first run looks in (Streamlit's caches are per process)
        _warm_pages(ui.open_store(settings.current()))
    except KgError:
        return
    finally:
        gc.collect()
        gc.freeze()


def _warm_pages(store: Store) -> None:
    """What the other pages read over the whole graph before they show anything, read once here.

    At 1,000 reports a first visit to Search (its index), Claims (which sentences share a card),
    Studies or Sources (the bibliography and its links) took 1–7 s under load; here it adds a few
    seconds to a start that takes tens, and a student's first click is as quick as the next."""
    from kg.app import ui

    from kg.appdata import catalogue, entities, links, listing, search, sources, studies

    listing.sentence_folds(catalogue.catalogue(store))
    search.index(store)
    for what in (studies.studies, sources.works, links.work_links, sources.unresolved_citations, entities.entities):
        ui.data(what)


def _warm_tables() -> None:
    """Import pandas and pyarrow and convert one small table, as ``st.dataframe`` does on its first call.

    Streamlit imports them lazily, inside the first page's first table: 1.2 s of a first page at
    1,000 reports (the Overview lists the reports in a table) went to those imports alone."""
    from streamlit import dataframe_util

    dataframe_util.convert_anything_to_arrow_bytes([{"report": "a", "claims": 1}])


def main(argv: list[str] | None = None) -> None:
    from streamlit.web import cli

    preload()
    cli.main(args=["run", str(HOME), *(sys.argv[1:] if argv is None else argv)], prog_name="streamlit")


def streamlit_command(port: int, address: str = "127.0.0.1") -> list[str]:
    return [
        sys.executable,
        "-m",
        "kg.app.launch",
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "viewer",
        "--server.fileWatcherType",
        "none",
    ]


if __name__ == "__main__":
    main()
