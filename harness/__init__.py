"""The test and benchmark harness: real servers (Oxigraph, the app) and a real browser, shared by
``tests/`` and ``benchmarks/`` so that neither imports the other. Not shipped with the package."""
