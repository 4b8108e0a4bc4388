"""What a sentence is in its report's argument, read from its words and its section alone.

Three questions every later rule asks, answered once and without the curated layer, so that a
report nobody annotated gets the same answers:

* **own data**: does the sentence report the authors' own research? Its section is a method,
  results or findings section, or it speaks of "we", "our", "respondents", "this study", a
  sample ``(n=12)``. A figure there needs no citation.
* **apparatus**: is it the report's notes or references (a numbered note, a reference list)?
  Such sentences are sources, not claims.
* **claim of fact**: does it assert something a reader would want a source for? It states a
  figure, dates an event (a year outside a citation), ranks ("the first", "the largest", "the most
  popular") or generalises from research ("studies show", "research approximates").
"""

from __future__ import annotations

import re

from kg.records import Sentence

OWN_SECTIONS = re.compile(
    r"\b(?:method|methods|methodology|data|results?|findings?|analysis|analyses|interviews?|survey|sample|"
    r"participants|respondents|procedures?|measures|case stud(?:y|ies)|fieldwork|observations?)\b",
    re.IGNORECASE,
)
APPARATUS_SECTIONS = re.compile(
    r"^\s*(?:end\s*notes?|notes|footnotes|references|bibliography|works cited|sources|appendix)\b", re.IGNORECASE
)
OWN_CUES = re.compile(
    r"\b(?:we|our|this (?:study|research|report|project|analysis|paper|brief|evaluation|review|survey)|"
    r"the (?:present|current) (?:study|research)|"
    r"respondents?|participants?|interviewees?|informants?|were interviewed|(?:we )?interviewed|in our sample|"
    r"(?:most|many|some|several|all|few|the) (?:caseworkers|staff|practitioners|professionals|officers|detectives|"
    r"investigators|agents|interviewees|respondents|participants) "
    r"(?:said|reported|described|noted|told|agreed|explained)|"
    r"one (?:detective|officer|investigator|agent|respondent|participant|interviewee|sergeant|prosecutor|caseworker|"
    r"practitioner|moderator)|"
    r"(?:detectives?|officers?|investigators?|agents?) (?:said|noted|described|explained|reported|stated))\b"
    r"|\(\s*n\s*=\s*\d",
    re.IGNORECASE,
)
#: How a note or a reference-list entry starts: "[16] ...", "16. ...", "¹ ...".
NOTE_START = re.compile(r"^\s*(?:\[\d+\]|\d{1,3}[.)]\s+[A-Z]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S)")
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
#: A year that dates an event: after a preposition or a month ("in 2010", "since 2003", "June 2012").
_EVENT_YEAR = re.compile(
    r"\b(?:in|since|by|during|until|from|to|through|after|before|of|early|late|mid-?|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:1[89]\d\d|20\d\d)\b",
    re.IGNORECASE,
)
RANKING = re.compile(
    r"\b(?:the (?:largest|biggest|most (?:popular|common|widely \w+)|fastest|leading|number one)|"
    r"one of the (?:largest|fastest|most|biggest|leading)|number one)\b",
    re.IGNORECASE,
)
GENERALISING = re.compile(
    r"\b(?:research|studies|evidence|experts|data|statistics|reports)\s+(?:show|shows|showed|demonstrates?|"
    r"indicates?|suggests?|finds|found|approximates?|estimates?|confirms?|has shown|have shown)\b"
    r"|\bit is (?:well )?(?:known|established|documented)\b",
    re.IGNORECASE,
)


#: Spoken words: a paragraph in the first person singular or addressing "you" quotes an interview.
SPOKEN = re.compile(r"\b(?:I|I’m|I'm|I’ve|I've|I’d|my|me|you|you’re|you're|we’re|we're)\b")


def is_excerpt(paragraph: str) -> bool:
    """The paragraph quotes someone speaking (an interview excerpt): the report's own evidence."""
    return bool(SPOKEN.search(paragraph))


def is_apparatus(sentence: Sentence, paragraph: str = "") -> bool:
    """A note or a reference: the report's sources, not its claims (``paragraph``: the text of the
    paragraph holding the sentence, since a note's later sentences do not start with its number)."""
    return bool(APPARATUS_SECTIONS.match(sentence.section) or NOTE_START.match(paragraph or sentence.text))


def is_own_data(sentence: Sentence) -> bool:
    """The sentence reports the authors' own research (by its section or its words)."""
    return bool(OWN_SECTIONS.search(sentence.section) or OWN_CUES.search(sentence.text))


def states_fact(sentence: Sentence, years_outside_citations: bool) -> str:
    """Why the sentence is a claim of fact a reader wants a source for ('' when it is not one).

    ``years_outside_citations``: the caller has checked that a year it holds is not a citation's.
    """
    text = sentence.text
    if text.rstrip().endswith("?") or sentence.is_heading:
        return ""
    if years_outside_citations and _EVENT_YEAR.search(text):
        return "dates an event"
    if RANKING.search(text):
        return "ranks"
    if GENERALISING.search(text):
        return "generalises from research"
    return ""


def years(text: str) -> list[tuple[int, int]]:
    """Offsets of the years a text writes as dates of events."""
    return [(m.end() - 4, m.end()) for m in _EVENT_YEAR.finditer(text)]


#: A sentence that goes on about the work the sentence before cited ("They found ...").
CONTINUES = re.compile(
    r"^\W*(?:They|These (?:researchers|authors|scholars)|The (?:researchers|authors|study)|He|She)\b"
)
