"""The shape of an annotation file, declared with pydantic and checked before any quote is anchored.

The models say which fields each record has, which are required and what type each holds; the
loader then only has to check what needs the text (quotes, sections) and the other records (ids,
references). A pydantic error becomes one :class:`~kg.errors.InputError` naming the file and the
line of the field at fault, found through the line numbers the YAML reader keeps
(:mod:`~kg.sources.annotations.schema_errors`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kg.kinds import CLAIM_KINDS, FLAG_KINDS, RELATIONS
from kg.sources.annotations.schema_errors import input_error
from kg.sources.annotations.yamlfile import Mapping

#: A claim quote is a sentence or a clause, not a paragraph.
MAX_CLAIM_QUOTE = 700


def _fold(value: object) -> object:
    """Whitespace runs folded to one space, so a quote may be wrapped across lines in the YAML."""
    return " ".join(value.split()) if isinstance(value, str) else value


def _http_url(value: str) -> str:
    """An http(s) address with a host, kept as written: a source a reader can open."""
    parts = urlsplit(value)
    # Characters an IRI may not hold (RFC 3987) would break the graph's N-Triples.
    unsafe = any(c.isspace() or ord(c) < 32 or c in '<>"{}|\\^`' for c in value)
    if parts.scheme not in ("http", "https") or not parts.hostname or unsafe:
        message = "'url' must be an http(s) address (https://...), found '{found}'"
        raise PydanticCustomError("not_a_url", message, {"found": value})
    return value


Text = Annotated[str, BeforeValidator(_fold), StringConstraints(min_length=1)]
Url = Annotated[str, AfterValidator(_http_url)]
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
WorkKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")]
Occurrence = Annotated[int, Field(ge=1)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class StudyModel(_Record):
    id: Ident
    label: Text
    own: bool
    method: Text | None = None
    sample_size: Annotated[int, Field(ge=1)] | None = None
    population: Text | None = None
    place: Text | None = None
    period: Text | None = None
    sections: list[Text] = []
    cues: list[Text] = []
    works: list[WorkKey] = []
    quote: Text
    occurrence: Occurrence | None = None
    note: Text | None = None


class InterviewModel(_Record):
    id: Ident
    quote: Text
    occurrence: Occurrence | None = None
    role: Text
    study: Text
    dated_by: WorkKey | None = None
    endnote: Annotated[int, Field(ge=1)] | None = None
    note: Text | None = None


class EvidenceModel(_Record):
    works: list[WorkKey] = []
    interviews: list[Text] = []
    studies: list[Text] = []
    none: bool = False
    note: Text | None = None


class ClaimModel(_Record):
    id: Ident
    quote: Annotated[Text, StringConstraints(max_length=MAX_CLAIM_QUOTE)]
    occurrence: Occurrence | None = None
    section: Text
    kind: Literal[tuple(sorted(CLAIM_KINDS))]  # type: ignore[valid-type]
    evidence: EvidenceModel


class ChainModel(_Record):
    id: Ident
    quote: Text
    occurrence: Occurrence | None = None
    works: list[WorkKey] = []
    originator: Text
    note: Text | None = None


class QuoteRef(_Record):
    quote: Text
    occurrence: Occurrence | None = None


class NoteSourceModel(_Record):
    """Where a note's fact comes from: an address a reader can open, a work of the bibliography, or both."""

    url: Url | None = None
    work: WorkKey | None = None

    @model_validator(mode="after")
    def _named(self) -> NoteSourceModel:
        if self.url is None and self.work is None:
            raise PydanticCustomError(
                "source_empty", "a note's source needs 'url' (an http(s) address) or 'work' (a bibliography key)"
            )
        return self


class NoteModel(_Record):
    """What a careful reader knows from outside the text, with its source: never a fact without one."""

    text: Text
    source: NoteSourceModel


class FlagModel(_Record):
    id: Ident
    kind: Literal[tuple(sorted(FLAG_KINDS))]  # type: ignore[valid-type]
    quotes: Annotated[list[Text | QuoteRef], Field(min_length=1)]
    rationale: Text
    works: list[WorkKey] = []
    note: NoteModel | None = None


class RowModel(_Record):
    label: Text | None
    cells: Annotated[list[Text | None], Field(min_length=1)]


class TableModel(_Record):
    id: Ident
    caption: Text
    columns: Annotated[list[Text], Field(min_length=2)]
    quote: Text
    occurrence: Occurrence | None = None
    rows: Annotated[list[RowModel], Field(min_length=1)]
    note: Text | None = None


class ReportFileModel(_Record):
    report: Text
    studies: list[StudyModel] = []
    interviews: list[InterviewModel] = []
    claims: list[ClaimModel] = []
    chains: list[ChainModel] = []
    flags: list[FlagModel] = []
    tables: list[TableModel] = []


class RelationModel(_Record):
    claim_a: Text
    claim_b: Text
    relation: Literal[tuple(sorted(RELATIONS))]  # type: ignore[valid-type]
    rationale: Text


class CrossFileModel(_Record):
    report_a: Text
    report_b: Text
    relations: list[RelationModel] = []


def validate_file(model: type[_Record], data: Mapping, shown: str) -> Any:
    """The file's content as the model, or an InputError at the line of the first problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise input_error(exc, data, shown, model, MAX_CLAIM_QUOTE) from exc
