"""Where one project's inputs and outputs live.

A project is a folder made by ``kg init`` (this repository is one): ``corpus/`` (the report
texts), ``bib/`` (``reports.bib``, ``references.bib``, ``added/``), ``annotations/`` (the
curated layer), an optional ``gazetteer.ttl`` that extends the default one and an optional
``queries/`` folder that adds canned queries, and ``build/`` for the outputs. The ontology,
the shapes, the default gazetteer and the canned queries ship inside the package
(:mod:`kg.project.data`), so an installed ``kg`` needs no checkout.

The project is the folder given (``--project``), else ``KG_HOME``, else the nearest folder
at or above the working directory that holds ``bib/reports.bib``, as git finds its root.
"""

from kg.project.paths import MARKER, ProjectNotFoundError, ProjectPaths

__all__ = ["MARKER", "ProjectNotFoundError", "ProjectPaths"]
