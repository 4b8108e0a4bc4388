"""The people a byline names, as a first page or a repository's cover sheet prints them.

A byline is a line of names set apart by commas, ``and`` or wide gaps (``Jane Doe, John Roe and Ann
Poe``), each name perhaps followed by the marks of its affiliations or notes (``De Marchis1,2,3*``). A
repository's cover sheet writes names as a catalogue does, family name first (``Witte, Erich H.;
Heitkamp, Imke``). A typesetter may print an accent as a character of its own after its letter
(``Se´lambarom``). A line that names an organisation, or holds anything but names, is no byline.
"""

from __future__ import annotations

import re
import unicodedata

from kg.sources.pdf_lines import Line

MARKS = r"[⁰¹²³⁴⁵⁶⁷⁸⁹*∗†‡§¶‖]+"  # note markers set after a title or a name
_ORGANISATION = re.compile(
    r"\b(?:University|Universit[äéà]t?|Institute|Institut|College|School|Department|Laborator(?:y|ies)|Group|"
    r"Consortium|Foundation|Center|Centre|Office|Inc|Ltd|GmbH|Company|Corporation|Association|Society|"
    r"Research|Agency|Ministry|Council|Bureau|Collaboration|Editors?|Administration|Commission|Committee|"
    r"Authority|Service|Board|Government|Note)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"^(?:[A-Z][\w’'.-]*\.?)(?:\s+(?:[A-Z][\w’'.-]*|van|von|de|der|da|del|la|le))*$")


def spaced_text(line: Line) -> str:
    """The line's text with a comma where a wide gap separates two runs (names set apart in a byline)."""
    out: list[str] = []
    last_x: float | None = None
    spaced = False
    for glyph in line.chars:
        if glyph.char.isspace():
            spaced = True
            continue
        if last_x is not None and line.size and glyph.x - last_x > 2.0 * line.size:
            out.append(", ")
        elif last_x is not None and spaced:
            out.append(" ")
        out.append(glyph.char)
        last_x, spaced = glyph.x, False
    return "".join(out)


#: Accents that a typesetter printed as characters of their own after the letter (``Se´lambarom``).
_SPACING_ACCENTS = {
    "´": "\u0301",
    "`": "\u0300",
    "¨": "\u0308",
    "ˆ": "\u0302",
    "˜": "\u0303",
    "¸": "\u0327",
    "ˇ": "\u030c",
}
_INVERTED = re.compile(
    r"^(?P<family>[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|van|von|de|der|da|del|la|le)){0,2})\s*,\s*"
    r"(?P<given>[A-Z][\w’'-]*\.?(?:[\s-]+[A-Z][\w’'-]*\.?){0,3})$"
)


def _accented(text: str) -> str:
    """``Se´lambarom`` as ``Sélambarom``: a spacing accent after a letter joined to it."""
    if not any(accent in text for accent in _SPACING_ACCENTS):
        return text
    joined = re.sub(rf"(?<=[^\W\d_])[{''.join(_SPACING_ACCENTS)}]", lambda m: _SPACING_ACCENTS[m.group()], text)
    return unicodedata.normalize("NFC", joined)


def _uninverted(part: str) -> str:
    """``Witte, Erich H.`` as ``Erich H. Witte``, or '' when ``part`` is not a name written family name first."""
    m = _INVERTED.match(part.strip())
    if not m or _ORGANISATION.search(part):
        return ""
    return f"{m.group('given')} {m.group('family')}"


def names_on(line: str, inverted: bool = False) -> tuple[str, ...]:
    """The people a byline names (``Jane Doe, John Roe and Ann Poe``), or nothing if it is not a byline.

    ``inverted``: names may be written family name first, one or several joined by semicolons, as a
    repository's cover sheet writes them (``Witte, Erich H.; Heitkamp, Imke``).
    """
    # affiliations' and notes' marks set on the baseline ("De Marchis1,2,3*, Thiago Santos Monteiro1,2")
    line = _accented(line)
    bare = re.sub(rf"(?<=[^\W\d_])(?:\d{{1,2}}|{MARKS})(?:,?(?:\d{{1,2}}|{MARKS}))*+(?=,|\s|$)", "", line)
    bare = re.sub(MARKS, "", bare)
    if inverted:
        turned = [_uninverted(p) for p in bare.split(";") if p.strip()]
        if turned and all(turned):
            return tuple(turned)
    parts = [p.strip(" ,;") for p in re.split(r",|;|\band\b|&", bare) if p.strip(" ,;")]
    if not parts or len(parts) > 12:
        return ()
    if all(_NAME.match(p) and 2 <= len(p.split()) <= 5 and not _ORGANISATION.search(p) for p in parts):
        return tuple(parts)
    return ()
