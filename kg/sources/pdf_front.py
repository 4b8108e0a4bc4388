"""What a report's first page says about itself: its title and the names under it, from the page's geometry.

The title is the largest text in the top half of the first page (sizes are printed sizes, font
size times the text matrix's scale: :mod:`kg.sources.pdf_glyphs`); when no text there is larger
than the rest, the first bold line(s) stand in for it (a weaker clue, ranked below the PDF's
metadata by :mod:`kg.sources.report_entry`). The byline is the lines under the title printed in
the size of its first line of names: names set apart by wide gaps are split, affiliations and
addresses between them are not names, and the byline ends at the abstract or at running text.

A repository's or a publisher's **cover sheet** (a page put before the article, with the journal's name
set large and the article cited in small print: ``Hönig, Patrick (2014), Civil Society and Land Use
Policy in Uganda: ..., in: Africa Spectrum, 49, 2, 53-77``) is not the article's first page: when the
first page prints the second page's title (it cites the article that follows) and that title is not its
own largest text, the second page's title and byline are the report's.
"""

from __future__ import annotations

import re
from statistics import median

from kg.sources.byline import MARKS, names_on, spaced_text
from kg.sources.pdf_glyphs import Glyph
from kg.sources.pdf_lines import Line, line_text


def first_page(
    lines: list[Line], height: float, following: tuple[list[Line], float] | None = None
) -> tuple[str, tuple[str, ...], str]:
    """The title, the byline under it, and (when there is no title by size) the bold heading standing in.

    ``following``: the second page's lines and height, read when the first page is a cover sheet.
    """
    lines = _joined_fragments(lines)
    inverted = _COVER_SHEET.search(" ".join(line.text() for line in lines)) is not None
    title, names = _largest(lines, height, inverted)
    if following is not None:
        cover = _behind_cover(title, lines, *following)
        if cover is not None:
            return cover[0], cover[1], ""
    if title:
        return title, names, ""
    bold, names = _bold_heading(lines, height)
    return "", names, bold


#: What a repository's or a publisher's cover sheet prints: its terms of use, and how to cite the work.
_COVER_SHEET = re.compile(
    r"\b(?:terms\s+of\s+use|nutzungsbedingungen|conditions\s+d.utilisation|suggested\s+citation|"
    r"empfohlene\s+zitierung|to\s+cite\s+this\s+(?:article|paper|document|item)|how\s+to\s+cite)\b",
    re.IGNORECASE,
)


def _joined_fragments(lines: list[Line]) -> list[Line]:
    """The page's lines with the fragments of one printed line joined, their words in the order they stand.

    A content stream may write the runs of one printed line in any order, and PDFium may read them as
    several lines on one baseline (``*, Khaledian1, Mohamad`` and ``, Sohrab Hassan Pour``): the words of
    lines in one size on one baseline are put in the order of their place across the page.
    """
    out: list[Line] = []
    for line in lines:
        twin = next(
            (
                other
                for other in out[-3:]
                if line.size
                and abs(other.size - line.size) <= 0.05 * line.size
                and abs(other.baseline - line.baseline) <= 0.2 * line.size
            ),
            None,
        )
        if twin is None:
            out.append(line)
            continue
        words = _words(twin) + _words(line)
        words.sort(key=lambda word: word[0].x)
        chars: list[Glyph] = []
        for word in words:
            chars += [*([word[0]._replace(char=" ")] if chars else []), *word]
        out[out.index(twin)] = Line(chars, twin.size, twin.baseline)
    return out


def _words(line: Line) -> list[list[Glyph]]:
    """The runs of a line's printed glyphs between its spaces."""
    words: list[list[Glyph]] = [[]]
    for glyph in line.chars:
        if glyph.char.isspace():
            words.append([])
        else:
            words[-1].append(glyph)
    return [word for word in words if word]


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _behind_cover(
    title: str, lines: list[Line], next_lines: list[Line], next_height: float
) -> tuple[str, tuple[str, ...]] | None:
    """The second page's title and byline when the first page is a cover sheet citing them, else None.

    The first page cites the article: the second page's title (four words or more) is printed in the
    first page's text, and it is not the first page's own largest text (a journal's name, a logo).
    """
    next_title, next_names = _largest(_joined_fragments(next_lines), next_height)
    if len(next_title.split()) < 4 or _fold(next_title) == _fold(title):
        return None
    cover = _fold(" ".join(line.text() for line in lines))
    if _fold(next_title) not in cover:
        return None
    # A repository's cover prints the work's title large and cites it: when the citation names the
    # cover's own title before the second page's (a series, a journal), the cover's title is the work's.
    own = _fold(title)
    heading = cover.find(own) if own else -1
    cited = cover.find(own, heading + len(own)) if heading >= 0 else -1
    if cited >= 0 and cited < cover.find(_fold(next_title)):
        return None
    return next_title, next_names


def _largest(lines: list[Line], height: float, inverted: bool = False) -> tuple[str, tuple[str, ...]]:
    """The title (the largest line or lines in the top half of the first page) and the names under it.

    Sizes are printed sizes, so the title is the largest text as the page shows it. The byline is
    the lines under the title printed in the size of its first line of names (affiliations and
    addresses between them are set apart by their size or are not names), up to the abstract.
    """
    sized = [line for line in lines if line.size and len(re.findall(r"[^\W\d_]", line.text())) >= 2]
    upper = [line for line in sized if line.baseline >= height / 2] or sized[: max(1, len(sized) // 2)]
    if not sized:
        return "", ()
    body = median(line.size for line in sized)
    top = max(line.size for line in upper)
    if top < 1.15 * body:
        return "", ()
    start = next(i for i, line in enumerate(sized) if line.size == top)
    end = _run_end(sized, start)
    if end < len(sized) and sized[end].size == top and _WEB_ADDRESS.match(line_text(sized[start]).strip()):
        start, end = end, _run_end(sized, end)  # a repository's address set as large as the title, above it
    title = " ".join(line_text(line).strip() for line in sized[start:end])
    title = re.sub(r"-\s+(?=[a-z])", "", title) if "-" in title else title
    title = re.sub(rf"(?:\s*,?\s*{MARKS})+$", "", title)  # "Manuscript Title∗": the mark is a note's
    if len(re.findall(r"[^\W\d_]", title)) < 4:  # "ZOq5": OCR noise, not a title
        return "", ()
    return title, _byline(sized, end, inverted=inverted)


_WEB_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+/?$", re.IGNORECASE)


def _run_end(sized: list[Line], start: int) -> int:
    """The end of the run of lines in the size of ``sized[start]`` that stand close together under it."""
    end = start + 1
    while (
        end < len(sized)
        and sized[end].size == sized[start].size
        and sized[end - 1].baseline - sized[end].baseline <= 2.5 * sized[start].size
    ):
        end += 1
    return end


_BYLINE_END = re.compile(r"\s*(?:abstract|summary|keywords|introduction)\b", re.IGNORECASE)


def _byline(sized: list[Line], end: int, ceiling: float = float("inf"), inverted: bool = False) -> tuple[str, ...]:
    """The names on the lines from ``end`` on, printed in the size of the first line of names.

    The byline ends at the abstract, at running text, or at a wide space down the page; it is never
    printed larger than the heading above it (``ceiling``): larger lines are a title's (a cover's
    "CRUDE OIL / Future Oil Supply" under an agency's name in small bold). A name broken at a line's
    end (``Chaker El`` / ``Kalamouni1 *, ...``) is read across the break. ``inverted``: the page is a
    repository's cover, whose byline is written as a catalogue writes names (``Witte, Erich H.; Heitkamp, Imke``).
    """
    first = next(
        (
            i
            for i in range(end, min(end + 3, len(sized)))
            if sized[i].size <= ceiling and names_on(spaced_text(sized[i]), inverted)
        ),
        None,
    )
    if first is None:
        return ()
    names: list[str] = []
    above = sized[first].baseline
    carried = ""
    for at, line in enumerate(sized[first : first + 30], start=first):
        text = line_text(line)
        if _BYLINE_END.match(text):
            break
        if above - line.baseline > 6 * line.size:  # a wide space: what follows is another part of the page
            break
        above = line.baseline
        if abs(line.size - sized[first].size) > 0.05 * line.size:
            continue
        spaced = carried + spaced_text(line)
        carried = ""
        nxt = sized[at + 1] if at + 1 < len(sized) else None
        if (
            nxt is not None
            and not re.search(r"(?:[,;&]|\band)\s*$", spaced)
            and abs(nxt.size - line.size) <= 0.05 * line.size
            and line.baseline - nxt.baseline <= 1.6 * line.size  # the very next line of the byline
            and not _BYLINE_END.match(line_text(nxt))
            and names_on(f"{spaced} {spaced_text(nxt)}", inverted)
            and not names_on(spaced_text(nxt), inverted)
        ):
            carried = spaced + " "  # the last name goes on on the next line
            continue
        found = names_on(spaced, inverted)
        if not found and len(text.split()) > 12:  # running text: the byline is over
            break
        names += [n for n in found if n not in names]
    return tuple(names)


def _bold_heading(lines: list[Line], height: float) -> tuple[str, tuple[str, ...]]:
    """The first bold line(s) in the top half of a page whose title is no larger than its text.

    Bold is a weight well above the page's usual one (PDFium reads weights from the fonts, and
    they differ between font families: 545 against 325 in one, 700 against 400 in another).
    """
    weights = sorted(g.weight for line in lines for g in line.chars if g.weight > 0)
    if not weights:
        return "", ()
    usual = weights[len(weights) // 2]

    def bold(line: Line) -> bool:
        printed = sorted(g.weight for g in line.chars if not g.char.isspace())
        return bool(printed) and printed[len(printed) // 2] >= usual + 100

    upper = [line for line in lines if line.baseline >= height / 2 and len(line.text().split()) >= 3]
    start = next((i for i, line in enumerate(upper) if bold(line)), None)
    if start is None:
        return "", ()
    run = [upper[start]]
    for line in upper[start + 1 : start + 3]:
        if not bold(line) or line.size != run[0].size:
            break
        run.append(line)
    title = re.sub(rf"(?:\s*,?\s*{MARKS})+$", "", " ".join(line_text(line).strip() for line in run))
    sized = [line for line in lines if line.size and len(re.findall(r"[^\W\d_]", line.text())) >= 2]
    end = next((i + 1 for i, line in enumerate(sized) if line is run[-1]), len(sized))
    return title, _byline(sized, end, run[0].size * 1.05)
