"""The project's folders and files, found as git finds its root."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.project import data

#: The file whose presence makes a folder a project.
MARKER = Path("bib") / "reports.bib"


class ProjectNotFoundError(KgError):
    """No project folder was given and none was found upward from the working directory."""


def _find_upward(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file():
            return folder
    return None


@dataclass(frozen=True)
class ProjectPaths:
    """The folders and files of one project."""

    root: Path

    @classmethod
    def discover(cls, root: Path | str | None = None) -> ProjectPaths:
        """The project given, else ``KG_HOME``, else the one the working directory is in."""
        found = cls.find(root)
        if found is None:
            raise ProjectNotFoundError(
                f"no project in {Path.cwd()} or its parents (a project holds {MARKER}): "
                "create one with `kg init DIR`, or pass --project DIR (or set KG_HOME)"
            )
        return found

    @classmethod
    def find(cls, root: Path | str | None = None) -> ProjectPaths | None:
        """Like :meth:`discover`, but None when no project is found."""
        if root:
            return cls(Path(root).resolve())
        env = os.environ.get("KG_HOME")
        if env:
            return cls(Path(env).resolve())
        found = _find_upward(Path.cwd().resolve())
        return cls(found) if found else None

    # --- the project's own inputs -------------------------------------------------------

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
    def added_bib(self) -> Path:
        """``bib/added/ID.bib``: the works cited by the reports added with ``kg add``."""
        return self.bib / "added"

    @property
    def annotations(self) -> Path:
        return self.root / "annotations"

    @property
    def project_gazetteer(self) -> Path:
        """The project's gazetteer, extending the default one (optional)."""
        return self.root / "gazetteer.ttl"

    @property
    def project_queries(self) -> Path:
        """The project's own canned queries, beside the package's (optional)."""
        return self.root / "queries"

    @property
    def build(self) -> Path:
        return self.root / "build"

    # --- what ships with the package -------------------------------------------------------

    @property
    def ontology_file(self) -> Path:
        return data.ONTOLOGY

    @property
    def shapes_file(self) -> Path:
        return data.SHAPES

    @property
    def gazetteer_files(self) -> list[Path]:
        """The default gazetteer, then the project's when it has one."""
        own = [self.project_gazetteer] if self.project_gazetteer.is_file() else []
        return [data.GAZETTEER, *own]

    @property
    def query_folders(self) -> list[Path]:
        """The package's canned queries, then the project's when it has any."""
        own = self.project_queries
        # This repository is a project too, and its queries/ is the package's: listed once.
        if not own.is_dir() or own.resolve() == data.QUERIES.resolve():
            return [data.QUERIES]
        return [data.QUERIES, own]

    def relative(self, path: Path) -> str:
        """A path as the user should see it in messages: relative to the root (or the package) when inside it."""
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return data.shown(path) or str(path)
