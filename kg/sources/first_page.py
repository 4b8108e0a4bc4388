"""What a report's first page says about its publication: its DOI and the year it was published.

A journal article prints its citation on its first page (``Vol. 29 No. 2, 2007``, ``Criminology &
Public Policy 21:35–58``, ``Journal of Statistical Software, 67(1), 1-48. (2015)``), often a DOI,
and a copyright line; it may also print the dates of its review (``Received 3 May 2019; accepted
...``), which are not when it was published. The year is taken, in this order, from a citation
line, a copyright or "published" line, the citation a repository's cover sheet suggests
(``Suggested Citation: Luedtke, Jens: ... München : Hampp, 2001``), the publication a version
reproduces ("a modified version of Zeileis (2004), published in the Journal of ...", "published in
the Journal of Statistical Software (Meyer, Zeileis, and Hornik 2006)"), then any month and year on the page that is
not on a review-date line; never from a "Received"/"Accepted"/"Revised"/"Submitted" line. A DOI
is kept as the report's ``doi``; it says nothing of the year.
"""

from __future__ import annotations

import re

from kg.sources import dates

DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>{}]+[^\s\"<>{}.,;:)\]])")
_REVIEW = re.compile(r"\b(?:received|accepted|revised|submitted|resubmitted|under review)\b", re.IGNORECASE)
_Y = dates.YEAR
# A citation line: volume and issue or pages beside a year, as journals print it on an article's first page.
_ISSUE = r"\d{1,4}\s*\(\d{1,4}\)\s*[:,]\s*\d{1,6}"  # 29(2): 35
_PAGES = r"\d{1,4}\s*(?:\(\d{1,4}\))?\s*[:,]\s*\d{1,6}\s*[-–]\s*\d{1,6}\b"  # 21:35–58
_CITATION = re.compile(
    rf"\bvol(?:ume)?\.?\s*\d{{1,4}}\b[^\n]{{0,40}}?\b({_Y})\b"  # Vol. 29 No. 2, 2007
    rf"|\b({_Y})\)?\s*[,.;]?\s*(?:vol(?:ume)?\.?\s*)?{_ISSUE}"  # 2007, 29(2): 35 / (2015). 67(1), 1
    rf"|\(({_Y}),\s*\d{{1,4}}\s*\(\d{{1,4}}\)\)"  # (2008, 27(8))
    rf"|\b{_PAGES}[^\n]{{0,20}}?\b({_Y})\b"  # 21:35–58 (2022) / 67(1), 1-48. 2015
    rf"|\b(?-i:[A-Z])[A-Za-z]+\s+\d{{1,4}}\s*:\s*\d{{1,4}},?\s+({_Y})\b"  # Journal of Statistical Software 24:2, 2008
    rf"|\b\d{{1,4}}\s*\(({_Y})\)\s*,\s*\d{{1,4}}\s*,\s*(?:pp?\.\s*)?\d{{1,6}}",  # Social Inclusion 5 (2017), 2, pp. 241
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    rf"(?:©|\(c\)|copyright|published(?:\s+online)?|first published|publication date)\s*:?\s*(?:in\s+|on\s+)?"
    rf"(?:\d{{1,2}}\s+)?(?:{dates.MONTH}\s+)?(?:\d{{1,2}},?\s+)?({_Y})\b",
    re.IGNORECASE,
)
# A version of a published paper says where and when it was published: "a modified version of Zeileis
# (2004), published in the Journal of ...", "has been published as Zeileis and Grothendieck (2005) in ...".
_PUBLISHED_AS = re.compile(
    rf"\(({_Y})[a-z]?\),?\s+(?:published|appeared)\s+(?:in|as)\b"
    rf"|\b(?:published|appeared)\s+(?:as|in)\s[^.;]{{0,80}}?\((?:[^()]{{0,80}}?\s)?({_Y})[a-z]?\)",
    re.IGNORECASE,
)
# A cover sheet's "how to cite this work": the citation that follows it gives the work's year (a repository's
# own dates, a deposit or a download, are not the work's). A stretch of years is a period the title names.
_CITE_AS = re.compile(
    r"\b(?:suggested\s+citation|empfohlene\s+zitierung|to\s+cite\s+this\s+(?:article|paper|document|item)|"
    r"cite\s+this\s+(?:article|paper|document)(?:\s+as)?|how\s+to\s+cite(?:\s+this\s+\w+)?|cite\s+as)\s*:",
    re.IGNORECASE,
)
_CITED_YEAR = re.compile(rf"(?<![\d/.:-])({_Y})(?![\d/-]|\s*[-–]\s*\d)")
_ADDRESS = re.compile(r"\b(?:https?://|www\.|urn:|doi:)\S*", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b{dates.MONTH}\s+(?:\d{{1,2}},\s+)?({_Y})\b", re.IGNORECASE)


def first_doi(page: str) -> str:
    """The first DOI the page prints, or ''."""
    m = DOI.search(page)
    return m.group(1) if m else ""


def _lines(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.strip()]


def publication_year(page: str) -> tuple[str, str]:
    """The year the page says the report was published, and what said it (``"a citation line"``), or ``("", "")``."""
    lines = _lines(page[:8000])
    kept = [line for line in lines if not _REVIEW.search(line)]
    for pattern, what in ((_CITATION, "its citation line"), (_COPYRIGHT, "a copyright or publication line")):
        for line, following in zip(kept, [*kept[1:], ""], strict=False):
            # a citation line may wrap: "... Journal of Statistical Software 24:2,\n2008."
            m = pattern.search(f"{line} {following}")
            if m and m.start() < len(line):
                return next(g for g in m.groups() if g), what
    cite = _CITE_AS.search(" ".join(kept))
    if cite:
        m = _CITED_YEAR.search(_ADDRESS.sub(" ", " ".join(kept)[cite.end() : cite.end() + 600]))
        if m:
            return m.group(1), "the citation its cover gives"
    m = _PUBLISHED_AS.search(" ".join(kept))
    if m:
        return m.group(1) or m.group(2), "the publication it is a version of"
    for line in kept:
        m = _MONTH_YEAR.search(line)
        if m:
            return m.group(1), "a dated line"
    return "", ""


#: The last word of a public body's name: an agency's report is that body's work, printed on its cover.
_BODY_HEAD = r"(?:Office|Department|Agency|Administration|Commission|Bureau|Service|Ministry|Council|Board|Secretariat)"
_BODY = re.compile(
    rf"^(?:[A-Z][\w.&’'-]*\s+)(?:(?:[A-Z][\w.&’'-]*|of|for|and|the|on)\s+){{0,7}}{_BODY_HEAD}$"
    rf"|^{_BODY_HEAD}\s+(?:of|for)\s+(?:(?:[A-Z][\w.&’'-]*|of|for|and|the|on)\s+){{0,6}}[A-Z][\w.&’'-]*$"
)


def cover_body(page: str) -> str:
    """The public body a report's cover names at its top (``United States Government Accountability Office``).

    Government and agency reports carry no byline: the agency that issued them is their author, and
    it prints its name above the title. Only the first three lines are read, and only a whole line
    shaped as a body's name (capitalised words closed by Office, Department, Agency, Commission ...,
    or opened by one before "of"), so a journal's header or a running title is never taken.
    """
    for line in _lines(page)[:3]:
        line = " ".join(line.split())
        if 2 <= len(line.split()) <= 10 and _BODY.match(line):
            return line
    return ""
