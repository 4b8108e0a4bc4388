"""The files that ship inside the package: the ontology, the SHACL shapes and the default gazetteer
(``ontology/``, installed as ``kg.ontology``) and the canned SPARQL queries (``queries/``, installed
as ``kg.queries``), found with :mod:`importlib.resources` so that an installed ``kg`` (not only this
checkout) finds them.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: ``ontology/`` as a folder on disk: the package is installed unzipped (a wheel always is).
ONTOLOGY_FOLDER = Path(str(files("kg.ontology")))
ONTOLOGY = ONTOLOGY_FOLDER / "evidence-kg.ttl"
SHAPES = ONTOLOGY_FOLDER / "shapes.ttl"
GAZETTEER = ONTOLOGY_FOLDER / "gazetteer.ttl"
#: ``queries/``: the canned queries.
QUERIES = Path(str(files("kg.queries")))

#: How a file of the package is named in messages: as the repository's layout names it.
SHOWN = ((ONTOLOGY_FOLDER, "ontology/"), (QUERIES, "queries/"))


def shown(path: Path) -> str | None:
    """``ontology/shapes.ttl`` for a file of the package's data, None for any other file."""
    resolved = path.resolve()
    for folder, prefix in SHOWN:
        try:
            return prefix + str(resolved.relative_to(folder.resolve()))
        except ValueError:
            continue
    return None
