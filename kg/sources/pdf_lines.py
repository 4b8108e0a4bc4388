"""A PDF page's glyphs grouped into printed lines, and each line's text as printed.

PDFium breaks a line where it sees one; a raised note marker changes the baseline and can make it
break a line in two, which is undone here (:func:`page_lines`). Each line's usual size and
baseline are measured from most of its letters, so that a digit printed smaller and above that
baseline reads as a superscript digit (``¹²``): the sizes are printed sizes
(:mod:`kg.sources.pdf_glyphs`), so this holds for producers that scale the text matrix too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kg.sources.pdf_glyphs import HYPHEN_BREAK, LINE_BREAK, Glyph

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SPACE = Glyph(" ", 0.0, 0.0, 0.0, 0.0, True)


@dataclass
class Line:
    """A printed line: its glyphs, its usual (printed) size and its baseline."""

    chars: list[Glyph]
    size: float = 0.0
    baseline: float = 0.0

    def text(self) -> str:
        return "".join(c[0] for c in self.chars).strip()


def page_lines(glyphs: list[Glyph]) -> list[Line]:
    """A page's characters, grouped into lines, each line's usual font size and baseline measured.

    PDFium's line breaks are kept, and one is added where PDFium saw none but the next glyph starts
    further left and well below the last (PDFium misses some when each run has its own text matrix).
    """
    lines: list[Line] = []
    current: list[Glyph] = []
    for glyph in glyphs:
        if _starts_a_line(current, glyph):
            lines.append(Line(current))
            current = []
        if glyph.char == LINE_BREAK:
            lines.append(Line(current))
            current = []
        elif glyph.char == HYPHEN_BREAK:
            current.append(glyph._replace(char="-"))
            lines.append(Line(current))
            current = []
        else:
            current.append(glyph)
    if current:
        lines.append(Line(current))
    for line in lines:
        _measure(line)
    return _place_markers(_rejoin(lines))


def _starts_a_line(current: list[Glyph], glyph: Glyph) -> bool:
    """Whether ``glyph`` starts a line PDFium did not mark: it runs another way than the glyph before, or
    (left to right) goes back to the left and down by more than half a line."""
    last = next((g for g in reversed(current) if not g.char.isspace() and g.size), None)
    if last is None or not glyph.size or glyph.char.isspace():
        return False
    if glyph.direction != last.direction:  # text turned another way: a figure's axis label, a margin note
        return True
    if glyph.direction:
        return False
    return glyph.x < last.x - last.size and last.baseline - glyph.baseline > 0.6 * max(last.size, glyph.size)


def _rejoin(lines: list[Line]) -> list[Line]:
    """Lines PDFium broke where a raised marker changed the baseline, joined again.

    A break is undone when the next piece sits on the same baseline and goes on to the right.
    """
    joined: list[Line] = []
    for line in lines:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.size
            and line.size
            and last.chars
            and line.chars
            and abs(line.baseline - last.baseline) < _tolerance(last, line)
            and line.chars[0][2] > last.chars[-1][2]
            and last.chars[-1][0] != "-"
        ):
            gap = [] if last.chars[-1][0].isspace() or line.chars[0][0].isspace() else [_SPACE]
            last.chars += gap + line.chars
            _measure(last)
        else:
            joined.append(line)
    return joined


def _place_markers(lines: list[Line]) -> list[Line]:
    """Raised note markers the content stream wrote after their line, put where they stand.

    Some producers (WordPerfect, Acrobat PDFWriter) draw a line's superscripts after the line: PDFium
    then gives ``Act (DMCA) was signed`` and, as a line of its own, ``1``, or a footnote ``Pub. L.
    No. 105-304. 1`` whose number stands before it. A piece of only digits (and commas), printed
    smaller than a line and raised above its baseline, within its width, goes into that line where
    its x puts it; a raised run of digits inside a line that jumps back to the left moves the same way.
    """
    kept: list[Line] = []
    for line in lines:
        host = _host(line, kept) if _marker_only(line) else None
        if host is None:
            kept.append(line)
            continue
        _insert(host, [g for g in line.chars if not g.char.isspace()])
    for line in kept:
        _move_back_markers(line)
    return kept


def _marker_only(line: Line) -> bool:
    printed = [g for g in line.chars if not g.char.isspace()]
    return 0 < len(printed) <= 6 and all(g.char.isdigit() or g.char in ",-–*†‡" for g in printed)


def _host(piece: Line, lines: list[Line]) -> Line | None:
    """The line among the last few a marker-only piece is raised above, within its width."""
    x = min(g.x for g in piece.chars if not g.char.isspace())
    for line in reversed(lines[-4:]):
        printed = [g for g in line.chars if not g.char.isspace()]
        if not printed or not line.size or line.size * 0.85 < piece.size:
            continue
        rise = piece.baseline - line.baseline
        left, right = min(g.x for g in printed), max(g.x for g in printed)
        if 0.15 * line.size <= rise <= 0.8 * line.size and left - 2 * line.size <= x <= right + line.size:
            return line
    return None


def _insert(line: Line, run: list[Glyph]) -> None:
    """Put ``run`` into the line before the first glyph standing to its right (or where it stands)."""
    x = run[0].x - 0.2 * run[0].size  # a marker set right after a word stands where the space after it starts
    at = next((i for i, g in enumerate(line.chars) if g.x > x), None)
    if at is None:
        line.chars += run
    else:
        line.chars[at:at] = run
    _measure(line)


def _move_back_markers(line: Line) -> None:
    """A raised run of digits that jumps back to the left of the glyph before it, moved to where it stands."""
    chars = line.chars
    i = 1
    while i < len(chars):
        g = chars[i]
        if g.char.isdigit() and _is_raised(line, g.size, g.baseline) and g.x < chars[i - 1].x - 0.5 * line.size:
            j = i
            while j < len(chars) and chars[j].char.isdigit() and _is_raised(line, chars[j].size, chars[j].baseline):
                j += 1
            run = chars[i:j]
            del chars[i:j]
            while chars and chars[-1].char.isspace() and i == len(chars):
                chars.pop()
            _insert(line, run)
            i = j
        else:
            i += 1


def _tolerance(last: Line, line: Line) -> float:
    """How far apart two pieces' baselines may be and still be one line: more when one is only a raised marker."""
    marker = all(c[0].isdigit() or c[0] in ",-– " for c in last.chars) and last.size < line.size
    return (0.6 if marker else 0.3) * max(last.size, line.size)


def _measure(line: Line) -> None:
    """The line's usual font size (most of its letters) and its baseline (where those letters sit)."""
    sizes = Counter(round(g.size, 1) for g in line.chars if not g.char.isspace())
    if not sizes:
        return
    line.size = sizes.most_common(1)[0][0]
    baselines = Counter(
        round(g.baseline, 1) for g in line.chars if round(g.size, 1) == line.size and not g.char.isspace()
    )
    line.baseline = baselines.most_common(1)[0][0]


def _is_raised(line: Line, size: float, baseline: float) -> bool:
    """Printed smaller than the line's letters and above their baseline: a superscript."""
    return bool(line.size) and size <= 0.85 * line.size and baseline - line.baseline >= 0.2 * line.size


def line_text(line: Line) -> str:
    """The line as printed: raised digits as superscript digits, a space after a note's leading marker."""
    out = []
    for char, size, _, baseline, *_ in line.chars:
        if char.isdigit() and char.isascii() and _is_raised(line, size, baseline):
            char = char.translate(_SUPERSCRIPT)
        out.append(char)
    text = "".join(out).rstrip()
    lead = re.match(r"\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?=[^\W\d_]|[“\"‘])", text)
    return text[: lead.end()] + " " + text[lead.end() :] if lead else text
