"""A pydantic error as one :class:`~kg.errors.InputError` at the YAML line of the field at fault.

Pydantic says where a problem is as a path of field names and list positions; the YAML reader
kept the line of every mapping, key and list item. This module walks the one with the other and
words the problem as a curator can fix it ("flag 'x': note: missing 'text'").
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from kg.errors import InputError
from kg.sources.annotations.yamlfile import Mapping, Sequence

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
    "candidates": "candidate for",
}


def input_error(exc: ValidationError, data: Mapping, shown: str, model: type[BaseModel], max_quote: int) -> InputError:
    """The first problem pydantic found, as an InputError naming the file, the line and the record."""
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
            f"quote is {len(str(found))} characters: quote one sentence or clause (at most {max_quote})"
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
    for n, step in enumerate(loc):
        if isinstance(node, Mapping) and isinstance(step, str):
            if step in node:
                line = node.lines.get(step, line)
                node = node[step]
            else:
                line = node.line or line
                break
            list_name = step
            if isinstance(node, Mapping) and where != "file" and n < len(loc) - 1:
                where = f"{where}: {step}"  # inside a record's nested mapping: "flag 'x': note: ..."
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node):
            line = node.lines[step]
            node = node[step]
            name = _RECORD_NAMES.get(list_name, "")
            if name:
                ident = (node.get("id") or node.get("work")) if isinstance(node, Mapping) else None
                where = f"{name} '{ident}'" if isinstance(ident, str) else name
                if isinstance(node, Mapping) and node.line:
                    line = node.line if step == loc[-1] else line
        else:
            break
    return line, where, node


def _fields_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> set[str]:
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


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The record model an annotation holds (``list[X]``, ``X | None``, ``X``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
