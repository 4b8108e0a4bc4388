"""The ontology (``evidence-kg.ttl``, OWL in Turtle), its SHACL shapes (``shapes.ttl``) and the default
gazetteer (``gazetteer.ttl``: the platforms and agencies every project knows).

Data, not code: the folder sits at the top of the repository and is installed as ``kg.ontology``
(setuptools ``package-dir``), so that :mod:`kg.project.data` finds the files with
:mod:`importlib.resources` in a checkout, an editable install and a wheel alike.
"""
