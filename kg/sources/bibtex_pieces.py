"""A long BibTeX value cut into pieces that decode to what the whole decodes to, piece by piece.

pylatexenc's walker keeps the characters of a run without LaTeX in a string it extends one
character at a time (``PosPointer.push_lastchars``), which costs time quadratic in the run's
length: a 1 MB field took 8 s, a 2 MB one 34 s. Decoding pieces of a few thousand characters keeps
the cost per megabyte flat, provided each cut falls where the decoder holds no state a piece would
lose. A cut is made only

* between two letters or digits (so no word, ``--``, ``''`` or ``~`` is split, and no space is lost
  or added at the cut),
* after at least :data:`QUIET` letters and digits since the last character that is neither a letter,
  a digit, a space nor ``. , ; :`` (so a macro's arguments, at most nine, lie before the cut),
* outside math (``$``, ``$$``, ``\\(``, ``\\[``), environments (``\\begin``), ``\\verb`` and
  comments (``%`` to the end of the line);

inside braces the piece before the cut closes them and the piece after reopens them: a braced
group decodes to its contents (``keep_braced_groups=False``), so ``{ab}{cd}`` reads as ``{abcd}``.
A value with no place to cut stays whole.
"""

from __future__ import annotations

#: Characters after which a macro's argument may still be pending are anything but these.
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t\n\r.,;:")
#: Letters and digits a cut may fall between.
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
#: Letters and digits since the last other character before a cut may fall.
QUIET = 16
#: Characters a piece holds at least (the last one may be shorter).
PIECE = 4096


def pieces(value: str, size: int = PIECE) -> list[str]:
    """``value`` cut as the module docstring says, each piece (braces closed and reopened) at least ``size`` long."""
    cuts: list[tuple[int, int]] = []  # (offset, brace depth there)
    depth = env = 0
    math = comment = False
    quiet = 0
    last = 0
    i, n = 0, len(value)
    while i < n:
        c = value[i]
        if comment:
            if c == "\n":
                comment = False
            i += 1
            continue
        if c in _WORD:
            quiet += 1
            if quiet > QUIET and not math and env == 0 and i - last >= size and i + 1 < n and value[i + 1] in _WORD:
                cuts.append((i + 1, depth))
                last = i + 1
            i += 1
            continue
        if c in _PLAIN:
            i += 1
            continue
        quiet = 0
        if c == "\\":
            j = i + 1
            while j < n and value[j].isalpha():
                j += 1
            name = value[i + 1 : j]
            if not name:  # an escaped character (\{, \$, \%, \\, \( ...)
                following = value[i + 1 : i + 2]
                if following in ("(", "["):
                    math = True
                elif following in (")", "]"):
                    math = False
                i += 2
                continue
            if name == "verb":
                if j >= n:
                    return [value]
                close = value.find(value[j], j + 1)
                if close < 0:
                    return [value]
                i = close + 1
                continue
            if name == "begin":
                env += 1
            elif name == "end":
                env -= 1
            i = j
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                return [value]
        elif c == "$":
            if value.startswith("$$", i):
                i += 1
            math = not math
        elif c == "%":
            comment = True
        i += 1
    if not cuts:
        return [value]
    out = []
    start, start_depth = 0, 0
    for offset, at_depth in cuts:
        out.append("{" * start_depth + value[start:offset] + "}" * at_depth)
        start, start_depth = offset, at_depth
    out.append("{" * start_depth + value[start:])
    return out
