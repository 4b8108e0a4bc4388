"""Where the project's inputs and outputs live.

The inputs (corpus texts, BibTeX, ontology, curated annotations, SPARQL files) sit in
the repository beside the package; ``KG_HOME`` points elsewhere when the tool runs over
another checkout or a copy made by a test.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def _default_root() -> Path:
    env = os.environ.get("KG_HOME")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ProjectPaths:
    """The folders of one project checkout."""

    root: Path

    @classmethod
    def discover(cls, root: Path | str | None = None) -> ProjectPaths:
        return cls(Path(root).resolve() if root else _default_root())

    @property
    def corpus(self) -> Path:
        return self.root / "corpus"

    @property
    def bib(self) -> Path:
        return self.root / "bib"

    @property
    def reports_bib(self) -> Path:
        return self.bib / "reports.bib"

    @property
    def references_bib(self) -> Path:
        return self.bib / "references.bib"

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def ontology_file(self) -> Path:
        return self.ontology / "evidence-kg.ttl"

    @property
    def shapes_file(self) -> Path:
        return self.ontology / "shapes.ttl"

    @property
    def gazetteer_file(self) -> Path:
        return self.ontology / "gazetteer.ttl"

    @property
    def annotations(self) -> Path:
        return self.root / "annotations"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    @property
    def build(self) -> Path:
        return self.root / "build"

    def relative(self, path: Path) -> str:
        """A path as the user should see it in messages: relative to the root when inside it."""
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return str(path)
