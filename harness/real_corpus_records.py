"""The records of the real-document corpus's manifests (``tests/fixtures/real/*/document.yaml``);
``tests/fixtures/real/README.md`` says what each field means."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class ManifestError(ValueError):
    """A document.yaml that breaks the schema; the message is ``file:line: what is wrong``."""


@dataclass(frozen=True)
class Source:
    kind: str  # debian | pypi | fetched
    package: str | None
    version: str | None
    path: str
    repo: str | None
    commit: str | None
    original: str


@dataclass(frozen=True)
class Metadata:
    title: str
    authors: list[str]
    year: int
    doi: str | None


@dataclass(frozen=True)
class Reference:
    n: int
    text: str
    authors: list[str]
    year: str | None
    title: str | None
    container: str | None
    volume: str | None
    pages: str | None
    doi: str | None
    url: str | None


@dataclass(frozen=True)
class Citation:
    text: str
    page: int
    context: str
    refers_to: list[int]


@dataclass(frozen=True)
class Figure:
    text: str
    value: float
    unit: str
    page: int
    context: str


@dataclass(frozen=True)
class NotFigure:
    text: str
    why: str
    page: int
    context: str


@dataclass(frozen=True)
class Organisation:
    name: str
    page: int


@dataclass(frozen=True)
class Document:
    """One manifest: where the PDF comes from, and what a reader finds in it."""

    id: str
    title: str
    licence: str
    source: Source
    sha256: str
    pages: int
    made_with: str
    styles: list[str]
    split: str
    metadata: Metadata
    references: list[Reference]
    list_size: int
    citations: list[Citation]
    figures: list[Figure]
    not_figures: list[NotFigure]
    organisations: list[Organisation]
    notes: str | None
    manifest: Path

    @property
    def filename(self) -> str:
        return f"{self.id}.pdf"
