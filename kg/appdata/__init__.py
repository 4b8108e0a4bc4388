"""The Streamlit app's library layer: every question a page asks, answered from the graph.

Pages stay thin: they lay out widgets and call these functions, one module per concern:
``settings`` (which store, the named queries), ``names`` (IRIs for people), ``downloads``,
``overview`` (counts, reports, curated tables), ``text`` (report text sliced by offsets),
``claims``, ``statistics``, ``sources``, ``entities``, ``graphs`` and ``pyvis`` (neighbourhoods
drawn), ``console`` (the SPARQL console) and ``widgets`` (small HTML). Everything reads the graph
through named queries (``queries/app-*.rq``, parameters bound by the engine); user input
never becomes SPARQL text, except in the console, which goes through the read-only check.
Nothing here names a report, a key or an IRI of a corpus.
"""
