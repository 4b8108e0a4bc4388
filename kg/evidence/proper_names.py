"""Names without a head word: coined names (``CyberTipline``, ``GitHub``, ``SuiteSparse``) and a report's recurring
one-word proper names (``Reddit``, ``Telegram``, ``Pajek``).

A report names a platform, a company or a programme by its bare name as often as by a typed phrase.
Two things mark such a name without any list of names:

* **coined**: capitalised parts of three letters or more run together (``CyberTipline``, ``MathWorks``,
  ``BioConductor``): English words and personal names are not written so (``McDonald``, ``MacArthur``,
  ``DeVries`` aside); a line of code (``VarCorr(fit)``, ``x <- OnsetTime``) names none;
* **recurring**: a one-word capitalised name the report writes mid-sentence three times or more and
  never in lower case, that no citation gives as an author, that never closes a longer name (a
  person's surname after the first name, ``Jack Valenti``, or a name's last word, ``Department of
  Labor``), that is no abbreviation (``Stat. 285``), no adjective of a people or a
  language (``Bayesian``, ``English``, ``Republican``), no person after a title or party after ``v.``
  (``Judge Lopez``, ``United States v. Lopez``), no month or weekday, is not mostly found after ``in`` (a
  place: ``in Pennsylvania``) and is not a label followed by a number (``Figure 3``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from kg.evidence.name_contexts import NameContexts
from kg.evidence.names import Candidate
from kg.records import Sentence

_COINED = re.compile(r"(?<![\w.@/\\$-])[A-Z][a-z]{2,}(?:[A-Z][a-z]{2,})+(?![\w-]|\s*[(=$\[])")
#: A sentence that is code, not prose: an assignment, a call, a member access.
_CODE = re.compile(r"<-|\w\(|\w\$\w|\w\s?=\s?\w|\w::\w")
_SURNAME_PREFIX = re.compile(r"^(?:Mc|Mac|De|Di|Du|La|Le|Van|Von|Fitz|O)[A-Z]")
_MID_SENTENCE = re.compile(r"(?<=[a-z,;:)] )(?P<name>[A-Z][a-z]{2,}[\w’'-]*?)(?P<tail>[’']s)?(?=[\s.,;:)?!]|$)")
_NOT_NAMES = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday figure table section chapter appendix equation page part "
    "note notes volume internet web".split()
)
#: Words that open a sentence before a name without being part of it ("On Reddit, ...").
_OPENERS = frozenset(
    "the a an on in at for from by with and but both unlike like while when if via through using only also "
    "this that these those its their our each every most many some such as to of or not".split()
)
_ADJECTIVE_ENDINGS = ("an", "ans", "ese", "ish", "ic", "ical", "ist", "ism", "’", "'")
#: Titles before a person's name: a name written after one is a person's ("Judge Lopez", "Ms. Millar").
_TITLES = (
    r"(?:Mr|Mrs|Ms|Dr|Prof|Professor|Judge|Justice|Senator|Representative|Rep|Sen|President|Chief|Congressman"
    r"|Congresswoman|Governor|Gov|Mayor|Sir|Lord|Lady|Saint|St|v)\.?"
)


def coined_names(text: str, base: int) -> Iterator[Candidate]:
    """Coined names in one sentence's ``text`` (starting at offset ``base``); a line of code names none."""
    if _CODE.search(text):
        return
    for m in _COINED.finditer(text):
        if _SURNAME_PREFIX.match(m.group()):
            continue
        start = m.start()
        if re.search(r"(?:[(\[“\"]|[a-z,;] )The $", text[: m.start()]):
            start -= 4  # "(The MathWorks, Natick)": a capital "The" inside a sentence is the name's own
        yield Candidate(base + start, base + m.end(), text[start : m.end()], "Organization", "coined-name")


def recurring_names(text: str, sentences: Iterable[Sentence], authors: set[str]) -> set[str]:
    """The one-word names a report keeps writing (see the module docstring); ``authors`` are the words
    of the names its citations give."""
    seen: Counter[str] = Counter()
    after_in: Counter[str] = Counter()
    for sentence in sentences:
        if sentence.is_heading:
            continue
        for m in _MID_SENTENCE.finditer(sentence.text):
            name = m.group("name")
            at = sentence.span.start + m.end()
            after = text[at : at + 12]  # the report's text: a sentence may end at an abbreviation's stop
            if "-" in name or re.match(r"\s?\d|\s[A-Z]|-|\.\s?(?:[a-z\d]|[A-Z][a-z]*\.)", after):
                continue  # "Figure 3"; the first word of a longer name; "Web-based"; an abbreviation ("Stat. 285")
            seen[name] += 1
            after_in[name] += sentence.text[max(0, m.start() - 3) : m.start()] == "in "
    candidates = {
        name
        for name, count in seen.items()
        if count >= 3
        and name.lower() not in _NOT_NAMES
        and name not in authors
        and not name.lower().endswith(_ADJECTIVE_ENDINGS)
        and after_in[name] * 2 < count  # a place ("in Ohio")
    }
    if not candidates:
        return set()
    # the text read once for all candidates (kg.evidence.name_contexts), not once per candidate
    contexts = NameContexts(text, candidates, _TITLES)
    found = set()
    for name in candidates:
        if name in contexts.after_title or name in contexts.in_lower_case:
            continue  # a person ("Judge Lopez"); written in lower case too: an ordinary word
        # a capitalised word before it: mid-sentence, or opening a sentence and not a word that opens any
        # (a headline's words in title case, "EMI Sue Napster", are neither)
        if name in contexts.after_capital or contexts.openings(name) - _OPENERS:
            continue  # closes a longer name: a surname after a first name, the last word of a longer name
        found.add(name)
    return found


def recurring_mentions(text: str, base: int, recurring: set[str], rule: str = "recurring-name") -> Iterator[Candidate]:
    """The places one sentence writes one of the report's recurring names (or of its works' names)."""
    if not recurring:
        return
    for m in re.finditer(r"(?<![\w.@/-])[A-Z][\w’'-]+", text):
        word = re.sub(r"[’']s$", "", m.group())
        if word in recurring:
            yield Candidate(base + m.start(), base + m.start() + len(word), word, "Organization", rule)


#: A work's title that opens with its subject's name: "Pajek: Package for Large Network Analysis",
#: "Julia: A Fast Dynamic Language", "The NLopt Nonlinear-Optimization Package".
_TITLE_NAME = re.compile(
    r"^(?:The\s+)?(?P<name>[A-Za-z][\w.+-]*[A-Z][\w.+-]*|[A-Z][\w.+-]+)(?=:\s|\s+(?:Package|Library|Toolbox)\b)"
)


def work_names(titles: Iterable[str], text: str, body: Iterable[Sentence]) -> set[str]:
    """Names of software, languages and programmes that the titles of cited works open with.

    A title ``Name: what it is`` names a thing, not a topic, when ``Name`` carries a capital and the
    report never writes it in lower case (``Julia``, ``RBGL``, ``Pajek``; not ``Crime: ...``, which
    the report writes as ``crime`` too), and when the body (``body``: its sentences outside lists and
    notes) writes it too, not as a place of publication (``Cambridge: Harvard``): a book's catchword
    (``Saints: The Heroes and Geniuses``) that only the notes repeat is not a name.
    """
    prose = "\n".join(sentence.text for sentence in body)
    found = set()
    for title in titles:
        m = _TITLE_NAME.match(title.strip())
        if m is None:
            continue
        name = m.group("name").rstrip(".")
        if len(name) < 3 or name.lower() in _NOT_NAMES or name.lower() in _OPENERS:
            continue
        if re.search(rf"(?<![\w./@-]){re.escape(name.lower())}(?![\w/@-])", text):
            continue  # written in lower case too: an ordinary word
        if re.search(rf"(?<=[\w,;:)] ){re.escape(name)}(?![\w/@-]|\s*:|\s+[A-Z][a-z])", prose):
            found.add(name)
    return found
