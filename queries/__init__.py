"""The canned SPARQL queries, one ``.rq`` file per question, each with a ``# title:`` header.

Data, not code: the folder sits at the top of the repository and is installed as ``kg.queries``
(setuptools ``package-dir``); :mod:`kg.query.registry` reads it through :mod:`kg.project.data`.
"""
