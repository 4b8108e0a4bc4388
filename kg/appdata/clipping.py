"""A text shortened for a line of a page: cut at a sentence's end or between words, never inside a word.

A quote cut at a fixed count of characters ended "These h…" on the figure page: a cut inside a word
reads as garbled text. :func:`clipped` keeps the text whole when it fits, else ends it at the last
sentence end that keeps most of it, else at the last space, with an ellipsis saying it goes on.
"""

from __future__ import annotations

import re

#: A sentence's end inside a text: a full stop, question or exclamation mark (and closing quotes) before a space.
_SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)]*(?=\s)")


def clipped(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, the ellipsis included; cut only between words."""
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit - 2)]
    if ends and ends[-1] >= limit * 2 // 3:
        return text[: ends[-1]] + " …"
    space = max(text.rfind(" ", 0, limit), text.rfind("\n", 0, limit))
    shown = text[:space] if space > limit // 2 else text[: limit - 1]
    return shown.rstrip(" ,:;-–\n") + "…"
