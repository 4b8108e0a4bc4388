"""The shape of an annotation file, declared with pydantic and checked before any quote is anchored.

The models say which fields each record has, which are required and what type each holds; the
loader then only has to check what needs the text (quotes, sections) and the other records (ids,
references). A pydantic error becomes one :class:`~kg.errors.InputError` naming the file and the
line of the field at fault, found through the line numbers the YAML reader keeps.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError

from kg.errors import InputError
from kg.kinds import CLAIM_KINDS, FLAG_KINDS, RELATIONS
from kg.sources.annotations.yamlfile import Mapping, Sequence

#: A claim quote is a sentence or a clause, not a paragraph.
MAX_CLAIM_QUOTE = 700


def _fold(value: object) -> object:
    """Whitespace runs folded to one space, so a quote may be wrapped across lines in the YAML."""
    return " ".join(value.split()) if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_fold), StringConstraints(min_length=1)]
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


class FlagModel(_Record):
    id: Ident
    kind: Literal[tuple(sorted(FLAG_KINDS))]  # type: ignore[valid-type]
    quotes: Annotated[list[Text | QuoteRef], Field(min_length=1)]
    rationale: Text
    works: list[WorkKey] = []


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


#: The singular word for the records of each list, for messages ("claim 'x': ...").
_RECORD_NAMES = {
    "studies": "study",
    "interviews": "interview",
    "claims": "claim",
    "chains": "chain",
    "flags": "flag",
    "tables": "table",
    "relations": "relation",
    "rows": "row",
}


def validate_file(model: type[_Record], data: Mapping, shown: str) -> Any:
    """The file's content as the model, or an InputError at the line of the first problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _input_error(exc, data, shown, model) from exc


def _input_error(exc: ValidationError, data: Mapping, shown: str, model: type[_Record]) -> InputError:
    # The earliest record's problem first; within a record an unknown field before a missing one,
    # since a misspelt field name is what most often makes a required one missing.
    first = min(exc.errors(), key=lambda e: (_depth_order(e["loc"]), e["type"] != "extra_forbidden"))
    loc = tuple(first["loc"])
    line, where, parent = _locate(data, loc)
    field = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
    kind = first["type"]
    found = first.get("input")
    if kind == "extra_forbidden":
        allowed = sorted(_fields_at(model, loc[:-1]))
        message = f"unknown field '{field}'; expected one of: {', '.join(allowed)}"
    elif kind == "missing":
        message = f"missing '{field}'"
    elif kind == "literal_error":
        expected = first.get("ctx", {}).get("expected", "")
        message = f"unknown {field} '{found}'; expected one of: {expected.replace(chr(39), '').replace(' or ', ', ')}"
    elif kind in {"string_type", "string_too_short"}:
        message = f"'{field or 'item'}' must be non-empty text, found {found!r}"
    elif kind == "string_too_long":
        message = (
            f"quote is {len(str(found))} characters: quote one sentence or clause (at most {MAX_CLAIM_QUOTE})"
            if field == "quote"
            else f"'{field}' is too long"
        )
    elif kind == "string_pattern_mismatch":
        message = (
            f"'{field}' {found!r} must be a short slug: lowercase letters, digits and hyphens"
            if field == "id"
            else f"{found!r} is not a bibliography key"
        )
    elif kind in {"bool_type"}:
        message = f"'{field}' must be true or false, found {found!r}"
    elif kind in {"int_type", "greater_than_equal", "int_parsing"}:
        message = f"'{field}' must be a whole number of at least 1, found {found!r}"
    elif kind in {"list_type", "too_short"}:
        message = f"'{field}' must be a non-empty list, found {type(found).__name__}"
    elif kind in {"model_type", "dict_type", "model_attributes_type"}:
        message = f"expected a mapping, found {type(found).__name__}"
    else:
        message = first["msg"]
    del parent
    return InputError(shown, line, f"{where}: {message}" if where else message)


def _depth_order(loc: tuple[int | str, ...]) -> tuple[int, ...]:
    """Errors sorted by where they are in the file: list positions first, so the earliest record wins."""
    return tuple(item if isinstance(item, int) else 0 for item in loc)


def _locate(data: Mapping, loc: tuple[int | str, ...]) -> tuple[int, str, object]:
    """The line of a location in the YAML, the record it is in ("claim 'x'"), and the value there."""
    node: object = data
    line = data.line or 1
    where = "file"
    list_name = ""
    for step in loc:
        if isinstance(node, Mapping) and isinstance(step, str):
            if step in node:
                line = node.lines.get(step, line)
                node = node[step]
            else:
                line = node.line or line
                break
            list_name = step
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node):
            line = node.lines[step]
            node = node[step]
            name = _RECORD_NAMES.get(list_name, "")
            if name:
                ident = node.get("id") if isinstance(node, Mapping) else None
                where = f"{name} '{ident}'" if isinstance(ident, str) else name
                if isinstance(node, Mapping) and node.line:
                    line = node.line if step == loc[-1] else line
        else:
            break
    return line, where, node


def _fields_at(model: type[_Record], loc: tuple[int | str, ...]) -> set[str]:
    """The field names the model allows at a location (for "expected one of")."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        annotation = current.model_fields[step].annotation if step in current.model_fields else None
        current = _model_in(annotation)
        if current is None:
            return set()
    return set(current.model_fields)


def _model_in(annotation: object) -> type[_Record] | None:
    """The record model an annotation holds (``list[X]``, ``X | None``, ``X``)."""
    if isinstance(annotation, type) and issubclass(annotation, _Record):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
