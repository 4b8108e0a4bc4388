"""Enrichment: what open scholarly metadata says a cited work is (``kg enrich``).

It sits after resolution (it needs the works the reports cite) and before the graph (whose build
reads what it wrote, ``bib/enrichment.json``): :mod:`~kg.enrich.http` asks politely and caches,
:mod:`~kg.enrich.services` knows Crossref's and OpenAlex's answers, :mod:`~kg.enrich.matching` scores
them against the citation, :mod:`~kg.enrich.run` writes the outcome.
"""
