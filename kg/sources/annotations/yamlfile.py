"""Annotation YAML read safely, with the line of every mapping, key and list item.

``yaml.SafeLoader`` builds no Python objects from tags; this subclass also keeps, for each
mapping and sequence, the line it starts on and the line of each value, so that every error
found later (by the schema or by the anchoring of a quote) names the exact line. Duplicate keys,
which YAML silently lets the last one win, are refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError

#: Annotation files larger than this are refused before parsing (YAML alias bombs stay small on disk,
#: but a curated file is prose-sized: the two of this repository are under 100 KB).
MAX_BYTES = 5 * 1024 * 1024


class Mapping(dict[str, Any]):
    """A YAML mapping that remembers its line and the line of each value (1-based)."""

    line: int = 0
    lines: dict[str, int]


class Sequence(list[Any]):
    """A YAML sequence that remembers its line and the line of each item (1-based)."""

    line: int = 0
    lines: list[int]


class _LineLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that keeps line numbers and refuses duplicate keys and aliases.

    A curated file has no use for anchors and aliases (``&x`` / ``*x``), and nested aliases are how
    a few lines of YAML become billions of items for whatever walks them ("billion laughs").
    """

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in annotation files: write the value out", event.start_mark
            )
        return super().compose_node(parent, index)


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    result = Mapping()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(
                None, None, f"keys must be words, found {key!r}", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}' in one mapping", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = value_node.start_mark.line + 1
    return result


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> Sequence:
    result = Sequence(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode) -> int:
    """An integer, or a ConstructorError at its line: Python refuses to read more than 4,300 digits
    (``ValueError``), which would otherwise end the command in a traceback."""
    try:
        return int(yaml.SafeLoader.construct_yaml_int(loader, node))
    except ValueError:
        raise yaml.constructor.ConstructorError(
            None, None, f"a number of {len(node.value):,} digits is too long to read", node.start_mark
        ) from None


_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def read_yaml(path: Path, shown: str) -> Mapping:
    """The top mapping of an annotation file, or an InputError naming the file and line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(shown, 0, f"cannot read the file: {exc.strerror or exc}") from exc
    if len(raw) > MAX_BYTES:
        raise InputError(shown, 0, f"the file is {len(raw) / 1e6:.1f} MB; an annotation file may be at most 5 MB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(shown, 0, f"not UTF-8 text: {exc}") from exc
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise InputError(shown, line, f"malformed YAML: {problem}") from exc
    except yaml.YAMLError as exc:
        raise InputError(shown, 0, f"malformed YAML: {exc}") from exc
    except RecursionError as exc:
        raise InputError(shown, 0, "malformed YAML: nested too deeply") from exc
    if not isinstance(data, Mapping):
        raise InputError(shown, 1, "expected a mapping at the top of the file")
    return data
