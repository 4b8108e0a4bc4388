"""SPARQL 1.1 §19.2 codepoint escapes, processed once on the raw text, with the offsets kept for messages.

``\\uXXXX`` (exactly 4 hex digits) and ``\\UXXXXXXXX`` (exactly 8) are replaced by their characters in
one pass before any grammar; :class:`Unescaped` remembers where each produced character came from,
so an error is still placed at the user's own line and column.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from kg.errors import QueryError

ESCAPE_START = re.compile(r"\\[uU]")
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
SURROGATE = re.compile(r"[\ud800-\udfff]")


class RefusalError(Exception):
    """A reason to refuse, at an offset of the raw user text (None: the whole query)."""

    def __init__(self, offset: int | None, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


@dataclass(frozen=True)
class Unescaped:
    text: str
    produced: tuple[int, ...]  # offset in ``text`` of each character an escape produced
    raw_start: tuple[int, ...]  # offset in the raw text of that escape
    shrink: tuple[int, ...]  # characters removed up to and including that escape

    def raw_offset(self, offset: int) -> int:
        """The raw-text offset of a processed-text offset (an escape's output maps to its backslash)."""
        i = bisect.bisect_right(self.produced, offset) - 1
        if i < 0:
            return offset
        if self.produced[i] == offset:
            return self.raw_start[i]
        return offset + self.shrink[i]


def unescape(raw: str) -> Unescaped:
    parts: list[str] = []
    produced: list[int] = []
    raw_start: list[int] = []
    shrink: list[int] = []
    removed = 0
    last = 0
    for start in ESCAPE_START.finditer(raw):
        at = start.start()
        if at < last:
            continue  # cannot happen (hex digits are not backslashes), kept for clarity
        match = _ESCAPE.match(raw, at)
        if match is None:
            need = 4 if raw[at + 1] == "u" else 8
            got = raw[at : at + 2 + need]
            raise RefusalError(
                at,
                f"malformed escape {got!r}: \\{raw[at + 1]} needs exactly {need} hex digits (SPARQL 1.1 §19.2)",
            )
        digits = match.group(1) or match.group(2)
        point = int(digits, 16)
        if point > 0x10FFFF or 0xD800 <= point <= 0xDFFF:
            kind = "a surrogate" if point <= 0x10FFFF else "beyond U+10FFFF"
            hint = "; write a character above U+FFFF as one \\UXXXXXXXX escape" if kind == "a surrogate" else ""
            raise RefusalError(at, f"the escape {match.group()!r} is {kind}, not a Unicode character{hint}")
        parts.append(raw[last:at])
        produced.append(at - removed)
        raw_start.append(at)
        removed += len(match.group()) - 1
        shrink.append(removed)
        parts.append(chr(point))
        last = match.end()
    parts.append(raw[last:])
    return Unescaped("".join(parts), tuple(produced), tuple(raw_start), tuple(shrink))


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def position(text: str, offset: int) -> str:
    line, column = line_col(text, offset)
    return f"line {line}, column {column}"


def unescape_codepoints(text: str) -> str:
    """SPARQL 1.1 §19.2: every ``\\uXXXX`` (4 hex digits) and ``\\UXXXXXXXX`` (8) replaced by its character.

    One pass over the raw string, before any grammar: an escape may produce a ``"``, a ``{`` or a
    ``#`` with its full meaning, and the characters an escape produces are not read again (so
    ``\\u005Cu0022`` gives the six characters ``\\u0022``). A ``\\u`` or ``\\U`` without its hex digits,
    or one naming a surrogate or a code point beyond U+10FFFF, is a :class:`QueryError`.
    """
    try:
        return unescape(text).text
    except RefusalError as refusal:
        raise QueryError(f"{position(text, refusal.offset or 0)}: {refusal.message}") from None


def character_name(char: str) -> str:
    if char == "\r":
        return "a carriage return (CR) not followed by a line feed"
    if char == "\x00":
        return "U+0000 (NUL)"
    return f"U+{ord(char):04X} (a control character)"
