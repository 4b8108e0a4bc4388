"""Start the Streamlit app with its modules imported and the graph loaded before the server answers.

``streamlit run`` imports a page's modules and loads the graph only when the first visitor
arrives, so the first page paid about half a second for work that can be done at start-up.
``kg app`` runs ``python -m kg.serve ARGS``, where ARGS are ``streamlit run`` arguments.
"""

from __future__ import annotations

import sys


def preload() -> None:
    """Import what every page imports and open the store; a missing graph is left for the page to explain."""
    import pyvis.network  # noqa: F401 - imported for its import time only
    import streamlit  # noqa: F401

    from kg import appdata
    from kg.errors import KgError

    try:
        appdata.load_store()
    except KgError:
        pass


def main() -> None:
    preload()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
