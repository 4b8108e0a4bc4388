"""``kg init DIR``: a new, empty project folder in which ``kg add``, ``kg build``, ``kg query`` and ``kg app`` work.

It holds ``corpus/`` (the report texts, never edited), ``bib/`` (``reports.bib`` for the reports,
``references.bib`` for the works they cite), ``annotations/`` (the curated layer, empty at first),
a ``gazetteer.ttl`` that extends the default one, and a ``.gitignore`` for ``build/``, ``.cache/``
(kg enrich's answers) and ``.kg-add.lock``.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import InputError
from kg.project import MARKER, ProjectPaths

_REPORTS_BIB = """% The reports of this project, one entry each; `kg add` appends them.
% `file` names the report's unchanged text in corpus/, `sha256` its checksum.
"""

_REFERENCES_BIB = """% The works the reports cite (BibTeX; Zotero's or JabRef's export works).
% `kg add --bib FILE` keeps the works a report cites in bib/added/ID.bib instead.
"""

_GAZETTEER = """# This project's gazetteer: it extends the default one that ships with the package.
# Add the platforms, agencies and organisations your reports name that the default lacks, or more
# labels for its entities (use the same IRI). For example:
#
#   plat:examplesite a ekg:SocialNetwork, ekg:Platform ;
#       skos:prefLabel "ExampleSite"@en ;
#       skos:altLabel "examplesite.com"@en ;
#       ekg:origin ekg:Curated .

@prefix ekg:  <https://w3id.org/evidence-kg/ontology#> .
@prefix plat: <https://w3id.org/evidence-kg/resource/platform/> .
@prefix org:  <https://w3id.org/evidence-kg/resource/org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""

_ANNOTATIONS_README = """The curated layer of this project: one YAML file per report (annotations/REPORT.yaml) with
its claims, interview excerpts, studies, chains, flags and tables, and any file with cross-report
relations. Everything here is labelled curated in the graph. See the project's documentation
for the format; quotes are the text's own words, never offsets.
"""


def init_project(folder: Path) -> ProjectPaths:
    """Create an empty project in ``folder`` (which must not exist, or be empty); return its paths."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "a file" if not folder.is_dir() else "a folder that is not empty"
        raise InputError(str(folder), 0, f"this is {what}: `kg init` makes a new project in a new or empty folder")
    paths = ProjectPaths(folder.resolve())
    for sub in (paths.corpus, paths.bib, paths.annotations):
        sub.mkdir(parents=True, exist_ok=True)
    (paths.root / MARKER).write_text(_REPORTS_BIB, encoding="utf-8")
    paths.references_bib.write_text(_REFERENCES_BIB, encoding="utf-8")
    paths.project_gazetteer.write_text(_GAZETTEER, encoding="utf-8")
    (paths.annotations / "README.txt").write_text(_ANNOTATIONS_README, encoding="utf-8")
    (paths.root / ".gitignore").write_text("build/\n.cache/\n.kg-add.lock\n", encoding="utf-8")  # .cache: kg enrich
    return paths
