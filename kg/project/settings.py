"""The three settings that say which graph a reader reads: the endpoint, the build folder, the project.

Read in one place, once per command or page run: ``--endpoint`` else ``KG_ENDPOINT``; ``--build``
else ``KG_BUILD_DIR`` else the project's ``build/``; the project (``--project``, ``KG_HOME``, the
working directory's). Everything downstream takes the :class:`ReadSettings` value it is given and
reads no flag or environment variable again. With an endpoint no project is needed: the read side
reads only the graph, so ``kg app --endpoint URL`` and ``kg export --endpoint URL`` run anywhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError
from kg.project.paths import ProjectPaths


@dataclass(frozen=True)
class ReadSettings:
    """Which graph to read: a SPARQL endpoint, else the build folder's ``kg.nt``; and the project, if any."""

    endpoint: str | None
    build_dir: Path | None
    project: ProjectPaths | None

    @property
    def key(self) -> str:
        """Names the graph read (the endpoint URL or the build folder), for caches."""
        return self.endpoint or str(self.build_dir)

    def local_build(self) -> Path:
        """The build folder, for a reader of the local graph; an error that says what to do when there is none."""
        if self.build_dir is None:
            raise StoreError(
                "no built graph: run `kg build` in a project folder, or give --build DIR or --endpoint URL"
            )
        return self.build_dir

    def environment(self) -> dict[str, str]:
        """The settings as the environment variables a child process (the app's server) reads them from."""
        values = {
            "KG_ENDPOINT": self.endpoint,
            "KG_BUILD_DIR": self.build_dir,
            "KG_HOME": self.project and self.project.root,
        }
        return {name: str(value) for name, value in values.items() if value}


def read_settings(
    *, endpoint: str | None = None, build: str | Path | None = None, project: str | Path | None = None
) -> ReadSettings:
    """The settings from the flags given, else the environment, else the project's defaults."""
    chosen_endpoint = endpoint or os.environ.get("KG_ENDPOINT") or None
    paths = ProjectPaths.find(project)
    chosen_build = build or os.environ.get("KG_BUILD_DIR") or None
    build_dir = Path(chosen_build) if chosen_build else paths.build if paths is not None else None
    return ReadSettings(chosen_endpoint, build_dir, paths)
