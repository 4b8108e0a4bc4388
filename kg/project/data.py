"""The files that ship inside the package: the ontology, the SHACL shapes, the default
gazetteer and the canned SPARQL queries (``kg/data/``), found with :mod:`importlib.resources`
so that an installed ``kg`` (not only this checkout) finds them.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: ``kg/data`` as a folder on disk: the package is installed unzipped (a wheel always is).
FOLDER = Path(str(files("kg") / "data"))
ONTOLOGY = FOLDER / "evidence-kg.ttl"
SHAPES = FOLDER / "shapes.ttl"
GAZETTEER = FOLDER / "gazetteer.ttl"
QUERIES = FOLDER / "queries"
