"""What one reference entry gives, field by field: the record the entry parser fills in."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.references.authors import Authors


@dataclass
class Entry:
    """What one entry gives (every field as written, '' when not given)."""

    number: int | None = None
    style: str = ""
    authors: Authors = field(default_factory=Authors)
    year: str = ""
    date: str = ""
    title: str = ""
    container: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publisher: str = ""
    place: str = ""
    doi: str = ""
    url: str = ""
    accessed: str = ""
    kind: str = "other"
    locator: str = ""  # in a note, the page it cites ("..., 2018), 44."): not the work's pages

    @property
    def is_full(self) -> bool:
        """A reference one can look up: it names a work (title or authors) and says when or where it appeared."""
        published = self.year or self.container or self.publisher or self.url or self.doi
        return bool((self.title or self.authors.names) and published) or self.kind in (
            "personal-communication",
            "field-notes",
        )


def strip_field(text: str) -> str:
    return text.strip(" ,.;:")
