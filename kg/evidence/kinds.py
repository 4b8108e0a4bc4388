"""The kind of a claim (finding, method, limitation, recommendation, background) from cue rules.

Research writing signals the role of a sentence in a few words, in much the same way whatever
the field: a limitation is admitted ("a limitation", "cannot be generalised", "we caution"), a
recommendation prescribes ("should", "need to", "we recommend"), a method describes what was
done ("we interviewed", "data were collected", "a sample of"), a finding reports what the
research showed ("we found", "results suggest", "respondents said"), and background is what
the report takes from others (a cited sentence, the introduction, the literature review).

The first rule that applies wins, in that order, so that "Future research should ..." is a
recommendation and "We found that a limitation of ..." a limitation. Without a cue, the section
decides (a method section's sentences are method, an introduction's background), then whether
the sentence is cited (background) or speaks of the report's own data (finding).
"""

from __future__ import annotations

import re

from kg.evidence.records import ClaimKindGuess, SuggestedFlag
from kg.evidence.sentences import OWN_CUES, is_own_data
from kg.records import ResolvedCitation, Sentence, Span, StatisticSource
from kg.sources.text import sentence_at

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "limitation",
        re.compile(
            r"\b(?:limitations?|limited (?:by|to|in)|(?:not|cannot be|can't be) generali[sz]\w*|not generali[sz]able|"
            r"not representative|(?:we|should) caution|with caution|by no means exhaustive|neither all-inclusive|"
            r"small sample|self-report(?:ed)? bias|could not (?:interview|include|verify|confirm)|"
            r"were (?:confronted|unable)|was not possible|cannot (?:ascertain|be certain|determine)|"
            r"sample (?:size )?was small|did not (?:interview|include|collect|examine|measure))\b",
            re.I,
        ),
    ),
    (
        "recommendation",
        re.compile(
            r"\b(?:should|must|ought to|need(?:s|ed)? to|it is (?:important|essential|critical|necessary) to|"
            r"we (?:recommend|suggest|urge|propose)|recommend(?:ed|s|ation)|might (?:consider|focus)|"
            r"(?:future|further) (?:research|studies|work)|is needed|are needed|policy ?makers|the need for|"
            r"requires?\b[^.;]{0,60}\bto (?:stay|be|have|acknowledge|allocate|adapt|develop|ensure))\b",
            re.I,
        ),
    ),
    (
        "method",
        re.compile(
            r"\b(?:we (?:interviewed|collected|examined|analy[sz]ed|selected|coded|surveyed|sampled|recruited|"
            r"conducted|used|observed|reviewed|looked)|(?:data|interviews|responses) (?:were|was) "
            r"(?:collected|drawn|conducted|recorded|transcribed|coded|analy[sz]ed|gathered)|semi-structured|"
            r"snowball|convenience sample|a sample of|(?:was|were) (?:interviewed|recruited|selected|asked)|"
            r"interview questions|thematic|coded|IRB|informed consent|data-collection|data set included)\b",
            re.I,
        ),
    ),
    (
        "finding",
        re.compile(
            r"\b(?:we found|(?:our )?(?:results|findings|data|analysis|research) (?:suggests?|shows?|indicates?|"
            r"reveals?|demonstrates?|found)|(?:one|another|the) (?:finding|result)|found that|"
            r"(?:respondents|participants|interviewees|investigators|detectives|officers|agents|caseworkers|staff|"
            r"practitioners|professionals) "
            r"(?:said|reported|noted|described|explained|stated|believe|agreed|indicated|mentioned|discussed)|"
            r"(?:one|a) (?:detective|officer|investigator|agent|respondent|participant|sergeant|prosecutor|caseworker|"
            r"practitioner|interviewee)\b.{0,60}?"
            r"\b(?:said|noted|explained|described|stated|summarized|summarised|reported))",
            re.I,
        ),
    ),
)
#: Reporting what others found: background, unless the sentence speaks of the report's own data.
_OTHERS = re.compile(
    r"\b(?:they|researchers|the researchers|the authors|scholars|previous (?:research|studies)|prior research|"
    r"(?:a|an|one) (?:\d{4} )?(?:exploratory )?(?:study|report|survey|review)|according to)\b",
    re.I,
)
METHOD_SECTION = re.compile(r"\b(?:method|methods|methodology|research scope|data collection|procedures?)\b", re.I)
_BACKGROUND_SECTION = re.compile(r"\b(?:introduction|background|literature|review|context|history)\b", re.I)


def claim_kind(sentence: Sentence, cited: bool, before_method: bool = False) -> tuple[str, str]:
    """The kind of the claim a sentence makes and the cue that decided it (``(kind, cue)``).

    ``cited``: the sentence cites a work; ``before_method``: it stands before the report's method
    section (in the introduction or the review of earlier work), where what is not the report's
    own is background.
    """
    text = " ".join(sentence.text.split())
    own = is_own_data(sentence)
    own_words = bool(OWN_CUES.search(text))  # a section of results may still cite others' findings
    for kind, pattern in _RULES:
        match = pattern.search(text)
        if match and kind == "finding" and not own_words and (cited or (not own and _OTHERS.search(text))):
            return "background", f"others' finding: {match.group()}"
        if match:
            return kind, match.group()
    if METHOD_SECTION.search(sentence.section):
        return "method", f"section: {sentence.section}"
    if _BACKGROUND_SECTION.search(sentence.section):
        return "background", f"section: {sentence.section}"
    if cited and not own_words:
        return "background", "cites a work"
    if own:
        return "finding", "the report's own data"
    others = _OTHERS.search(text)
    if others:
        return "background", f"others' work: {others.group()}"
    if before_method:
        return "background", "before the method section"
    return "finding", "no cue (a statement of the report's own)"


def claim_sentences(
    sentences: list[Sentence],
    citations: list[ResolvedCitation],
    statistics: list[StatisticSource],
    flags: list[SuggestedFlag],
) -> set[Span]:
    """The sentences that are extracted claims: those citing a work or stating a figure, and those a
    no-source flag finds claiming a fact."""
    spans: set[Span] = set()
    for offset in [c.citation.span.start for c in citations] + [s.statistic.span.start for s in statistics]:
        home = sentence_at(sentences, offset)
        if home is not None:
            spans.add(home.span)
    spans.update(f.spans[0] for f in flags if f.kind == "no-source")
    return spans


def claim_kinds(
    sentences: list[Sentence], claims: set[Span], citations: list[ResolvedCitation]
) -> list[ClaimKindGuess]:
    """Each claim sentence's kind (:func:`claim_kind`), told whether it cites and comes before the methods."""
    cited = {sentence_at(sentences, c.citation.span.start) for c in citations}
    cited_spans = {s.span for s in cited if s is not None}
    method = next((s.span.start for s in sentences if METHOD_SECTION.search(s.section)), None)
    guesses = []
    for sentence in sentences:
        if sentence.span in claims:
            before = method is not None and sentence.span.start < method
            kind, cue = claim_kind(sentence, sentence.span in cited_spans, before)
            guesses.append(ClaimKindGuess(sentence.span, kind, cue))
    return guesses
