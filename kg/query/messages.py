"""Positions and words for the reading's messages: where a keyword, a bracket or a token is.

Used only to say where and why a query was refused, never to decide: strings, IRIs and comments are
masked out so that brackets and words are found where the grammar would see them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_LONG_STRING2 = r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*'
_LONG_STRING1 = r"'''(?:[^'\\]|\\[\s\S]|'(?!''))*"
_SHORT_STRING2 = r'"(?:[^"\\\r\n]|\\.)*'
_SHORT_STRING1 = r"'(?:[^'\\\r\n]|\\.)*"
_MASKED = re.compile(
    rf"{_LONG_STRING2}(?:\"\"\"|$)|{_LONG_STRING1}(?:'''|$)|{_SHORT_STRING2}\"?|{_SHORT_STRING1}'?"
    r'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\r\n]*'
)
STRING = re.compile(rf"{_LONG_STRING2}\"\"\"|{_LONG_STRING1}'''|{_SHORT_STRING2}\"|{_SHORT_STRING1}'")
OPENERS = {"}": "{", ")": "(", "]": "["}


def mask(text: str) -> str:
    """Strings, IRIs and comments blanked out (newlines kept), so brackets and words can be found."""
    return _MASKED.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def deepest(masked: str, start: int) -> tuple[int, int]:
    depth, best, where = 0, 0, start
    for offset in range(start, len(masked)):
        char = masked[offset]
        if char in "{([":
            depth += 1
            if depth > best:
                best, where = depth, offset
        elif char in "})]":
            depth = max(0, depth - 1)
    return best, where


def unclosed(masked: str, start: int, end: int, closer: str) -> int | None:
    stack: list[tuple[str, int]] = []
    for offset in range(start, end):
        char = masked[offset]
        if char in "{([":
            stack.append((char, offset))
        elif char in "})]" and stack:
            stack.pop()
    for char, offset in reversed(stack):
        if char == OPENERS[closer]:
            return offset
    return None


def first_word(masked: str, start: int) -> str:
    for match in re.finditer(r"[A-Za-z_][\w.-]*:?", masked[start:]):
        word = match.group()
        if word.endswith(":") or word.upper() in ("PREFIX", "BASE"):
            continue
        return word.upper()
    return ""


def keyword(masked: str, word: str, start: int) -> int | None:
    match = re.compile(rf"(?<![\w:?$.\-\\]){word}\b", re.IGNORECASE).search(masked, start)
    return match.start() if match else None


def prefixed(masked: str, prefix: str, start: int) -> int | None:
    match = re.compile(rf"(?<![\w:?$.\-\\]){re.escape(prefix)}:").search(masked, start)
    return match.start() if match else None


def next_token(rest: str) -> str:
    match = re.match(
        r'\s*(\?\w*|\$\w*|<[^\s>]{0,40}>?|"[^"\n]{0,20}"?|\'[^\'\n]{0,20}\'?|[^\W\d][\w.:-]*|\d[\w.]*|\S)', rest
    )
    token = match.group(1) if match else rest[:1]
    return token if len(token) <= 40 else token[:39] + "…"


def either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def both(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


_RAW_PARSER_TEXT = re.compile(r"Expected|W:\(|\\u[0-9A-Fa-f]|\[\^|\(at char \d+\)")


def plain(message: str) -> str:
    first = message.splitlines()[0][:160] if message else ""
    return first if first and not _RAW_PARSER_TEXT.search(first) else "the query cannot be read here"
