"""Names a text writes that say what they are: typed by their head word, or court cases by their parties.

A closed gazetteer cannot know a new report's names, but English names of institutions carry
their type in a head word: "the Texas Department of Public Safety" is an agency, "the Stop
Enabling Sex Traffickers Act" a law, "Operation Cross Country" an operation, "Acme Labs" a
company. The rules here need no list of names, only the head words (``HEADS``, each to one class
of the ontology), so they work on a text never seen:

* **head word last** (``Blue Campaign``, ``Urban Institute``, ``Palantir Technologies``) or **first
  and followed by of/for/on** (``Department of Justice``, ``University of Toledo``, ``Center for
  ...``); ``Operation`` heads a name from the front (``Operation Broken Heart``);
* a name is two or more capitalised words (connectors such as "of" and "and" between them), so a
  lone head word ("the Act") is not a name, nor is a head followed by more of the name ("President
  Bill Clinton"); a word that starts a sentence is dropped when the text writes it in lower case and
  never capitalised mid-sentence, since its capital is then only the sentence's;
* a possessive opens a name only when one or two capitalised words close it at a head word
  (``Lord’s Resistance Army``, ``Children’s Hospital``) or it is an office's holder (``Mayor’s Office``);
* a **court case** is ``Name v. Name`` (``Backpage.com, L.L.C. v. McKenna``): :mod:`kg.evidence.names_cases`.

Domain names, platform cues and bodies a sentence defines are :mod:`kg.evidence.name_cues`.

Headings are never read (the caller passes sentences, not headings); names inside a citation are
kept only when they are the whole author of the citation, the way an organisation is cited.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.evidence.names_german import compound_head
from kg.evidence.names_places import COUNTRIES

#: Head words, lower-cased, and the class each gives a name.
HEADS: dict[str, str] = {
    **dict.fromkeys(
        "office department bureau agency commission administration ministry council authority "
        "secretariat directorate congress senate parliament legislature service corps".split(),
        "GovernmentAgency",
    ),
    # names of bodies that are none of the classes below: a union of states, a team, a network, a journal
    **dict.fromkeys(
        "union team network group consortium league journal board committee organization organisation institution "
        "hospital clinic movement mission army".split(),
        "Organization",
    ),
    **dict.fromkeys("police sheriff constabulary patrol investigations".split(), "LawEnforcementAgency"),
    **dict.fromkeys("court tribunal".split(), "Court"),
    **dict.fromkeys(
        "act law amendment code statute bill directive regulation treaty protocol convention".split(), "Legislation"
    ),
    **dict.fromkeys("program programme initiative campaign".split(), "Program"),
    **dict.fromkeys(
        "inc. inc llc l.l.c. ltd. ltd labs corporation corp. company co. technologies communications "
        "airlines wireless mobile gmbh ag s.a. plc laboratories solutions systems press scientific instruments "
        "entertainment pharmaceuticals biosciences diagnostics".split(),
        "Company",
    ),
    **dict.fromkeys(
        "institute university center centre college school academy laboratory".split(), "ResearchInstitution"
    ),
    **dict.fromkeys(
        "foundation association coalition alliance federation society project endowment trust".split(),
        "NonGovernmentalOrganization",
    ),
    **dict.fromkeys("times post herald tribune gazette globe ledger chronicle".split(), "NewsOrganization"),
}


def head_of(word: str) -> str | None:
    """The class a head word gives (``word`` lower-cased), a German compound's last part included."""
    return HEADS[word] if word in HEADS else compound_head(word)


#: Heads that may also open a name, before "of", "for", "on" or "against".
FRONT_HEADS = frozenset(
    "office department bureau agency commission administration ministry council court university "
    "institute center centre college school academy foundation association coalition alliance federation "
    "society program programme board committee union network group consortium league journal corps endowment "
    "organization organisation convention".split()
)
#: Words after a head that opens a name: English "of", "for", ...; after a German compound head "für", "der", ...
#: (German capitalises every noun, so only a compound head, never "Organisation des Alltags", opens one so).
_ENGLISH_LINKS = frozenset(("of", "for", "on", "against"))
_GERMAN_LINKS = frozenset(("für", "der", "des", "zur", "zum"))
#: Heads that open a name followed directly by a place or a name ("Universität Hamburg", "University Roma TRE").
_NAMED_FRONT = frozenset("university universität université universidad università universiteit".split())
#: "Task Force" is a head of two words.
_TWO_WORD_HEADS = {("task", "force"): "LawEnforcementAgency"}

#: A word; one broken by a hyphen at a line's end ("Bu-\nreau") is one word; "für", "Österreichische" are words;
#: a German compound's elided part keeps its hyphen ("des Video- und Medienfachhandels").
_TOKEN = re.compile(
    r"[A-ZÄÖÜ0-9](?:-\n(?=[a-z])|[\w’'´.&-])*(?:[\w.]|-(?=\s+(?:und|oder|and)\s))|[A-ZÄÖÜ]|&|[a-zäöüßàáâçèéêíóôúñ]+"
)


@dataclass(frozen=True)
class Candidate:
    """A name found in a sentence: offsets into the report's text, its words, class and rule."""

    start: int
    end: int
    name: str
    kind: str
    rule: str


#: Lower-case words a run of capitalised words may hold between two of them.
RUN_CONNECTORS = frozenset("of for and on at against to in & de del la du des der van von y für und zur zum".split())
#: After the of-phrase of a name headed from the front, these end the name ("Department of Justice in Dallas").
_TRAILING = frozenset({"in", "at", "to", "on"})


def _tokens(text: str, base: int) -> list[tuple[int, int, str]]:
    return [(base + m.start(), base + m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and len(word) > 1 and any(c.isalpha() for c in word))


#: A possessive's ending; some texts write the apostrophe as an acute accent ("President´s Council on Bioethics").
_POSSESSIVES = ("’s", "'s", "´s")
#: Bodies named after the office holder they serve ("the Mayor’s Office", "the Sheriff’s Department").
_HOLDERS_BODIES = frozenset({"Office", "Department", "Council", "Cabinet", "Bureau"})


def _runs(text: str, base: int, tokens: list[tuple[int, int, str]]) -> Iterator[list[tuple[int, int, str]]]:
    """Maximal runs of capitalised words, separated by whitespace only, connectors allowed inside.

    A possessive ("D.O.J.’s") ends its run: the owner and the thing owned are two names, except an
    office named after its holder, one title word before a body's head (``the Mayor’s Office``,
    ``the Governor’s Council``).
    """
    run: list[tuple[int, int, str]] = []
    previous_end = None
    for index, token in enumerate(tokens):
        start, _, word = token
        joined = previous_end is not None and text[previous_end - base : start - base].isspace()
        if run and not joined:
            yield from _closed(run)
            run = []
        # "the" inside a name only after "of" or "for" ("Office of the United States Trade Representative")
        after_of = bool(run) and word.lower() == "the" and run[-1][2].lower() in ("of", "for")
        if _capitalised(word) or (run and word.lower() in RUN_CONNECTORS) or after_of:
            run.append(token)
            following = tokens[index + 1][2] if index + 1 < len(tokens) else ""
            # "Mayor’s Office"; not "SBA’s Office of Advocacy", an organisation's office
            holder = len(run) == 1 and word[1:-2].isalpha() and word[1:-2].islower()
            holder = holder and (following in _HOLDERS_BODIES or _headed_after(text, base, tokens, index))
            if word.endswith(_POSSESSIVES) and not holder:
                yield from _closed(run[:-1])
                run = []
        else:
            yield from _closed(run)
            run = []
        previous_end = token[1]
    yield from _closed(run)


def _headed_after(text: str, base: int, tokens: list[tuple[int, int, str]], index: int) -> bool:
    """True when the one or two capitalised words after a possessive close a name at a head word
    ("Lord’s Resistance Army (LRA)", "Children’s Hospital"): the possessive is the name's first word."""
    after = tokens[index + 1 : index + 4]
    for n in (1, 2):
        name, rest = after[:n], after[n : n + 1]
        if len(name) == n and all(w[:1].isupper() and not w.endswith(_POSSESSIVES) for _, _, w in name):
            joined = bool(rest) and text[name[-1][1] - base : rest[0][0] - base].isspace()
            if name[-1][2].lower() in HEADS and not (joined and rest[0][2][:1].isupper()):
                return True
    return False


def _closed(run: list[tuple[int, int, str]]) -> Iterator[list[tuple[int, int, str]]]:
    while run and (run[-1][2].lower() in RUN_CONNECTORS or run[-1][2] == "the"):
        run = run[:-1]
    while run and (run[0][2].lower() in RUN_CONNECTORS or run[0][2][:1].isdigit()):
        run = run[1:]
    if run:
        yield run


def head_kind(words: list[str]) -> tuple[str, int, int] | None:
    """(class, first word, last word) of the typed name inside ``words``, or None."""
    words = [w.replace("-\n", "") for w in words]
    lower = [w.lower() if w.lower() in HEADS else w.lower().rstrip(".") for w in words]
    for i, word in enumerate(lower):
        # English heads before "of"/"for"; a German compound before "für"/"der"/"des" ("Bundesministerium für")
        links = _GERMAN_LINKS if word not in HEADS and head_of(word) is not None else _ENGLISH_LINKS
        if (word in FRONT_HEADS or links is _GERMAN_LINKS) and i + 2 < len(lower) and lower[i + 1] in links:
            last = i + 2
            while last + 1 < len(lower) and lower[last + 1] not in _TRAILING:
                last += 1
            while lower[last] in RUN_CONNECTORS:
                last -= 1
            first = _after_of_the(lower, i)
            # "the Implementation of United Nations Convention Against ...": the name starts after the last "of"
            first = next((j + 1 for j in range(i - 1, first, -1) if lower[j] in ("of", "for")), first)
            return head_of(word) or "Organization", first, last
        if word == "operation" and i + 1 < len(lower) and words[i + 1][:1].isupper():
            last = i + 1
            while last + 1 < len(lower) and lower[last + 1] not in _TRAILING:
                last += 1
            return "Operation", i, last
    for i in range(len(lower) - 1, 0, -1):  # head last: the longest name ending at the head
        if i + 2 == len(lower) and words[i + 1] in COUNTRIES and head_of(lower[i]) in _BODIES:
            return head_of(lower[i]) or "Organization", _after_of_the(lower, i), i + 1  # "Human Rights Network Uganda"
        if i + 1 < len(lower) and lower[i + 1] not in RUN_CONNECTORS:
            continue  # "President Bill Clinton": a head word followed by more of the name is no head
        two = _TWO_WORD_HEADS.get((lower[i - 1], lower[i]))
        if two and i >= 2:
            return two, _after_of_the(lower, i), i
        kind = head_of(lower[i])
        if kind and not two:
            return kind, _after_of_the(lower, i), i
    return _named_front(words, lower) or _inner_head(lower)


def _named_front(words: list[str], lower: list[str]) -> tuple[str, int, int] | None:
    """A university named by its place, the head first: "Universität Hamburg", "Universidad de Chile"."""
    for i, word in enumerate(lower[:-1]):
        place = i + 2 if lower[i + 1] in ("de", "di", "du", "del", "des") and i + 2 < len(lower) else i + 1
        if word in _NAMED_FRONT and words[place][:1].isupper() and lower[place].rstrip(".") not in _STREETS:
            last = place
            while last + 1 < len(lower) and words[last + 1][:1].isupper():
                last += 1
            first = i
            while first > 0 and words[first - 1][:1].isupper() and lower[first - 1] not in RUN_CONNECTORS:
                first -= 1  # "Vrije Universiteit Brussel", "Freie Universität Berlin"
            return "ResearchInstitution", first, last
    return None


#: Words after "University" that make an address or another thing, not the university's name.
_STREETS = frozenset("ave avenue street st road rd drive dr boulevard blvd way lane place park press hospital".split())
#: What a funder gives: the words after a body's name that name its award, not the body ("Wellcome Trust
#: Vacation Scholarship", "DCU Pierse Trust Award").
_AWARDS = frozenset("award awards scholarship scholarships fellowship fellowships grant grants prize".split())
#: Classes an inner head gives a name (a law or a programme is named whole: its head closes it).
_BODIES = frozenset("GovernmentAgency Organization Company ResearchInstitution NonGovernmentalOrganization".split())


def _inner_head(lower: list[str]) -> tuple[str, int, int] | None:
    """A funder's name followed by the name of what it gives ("the Wellcome Trust Vacation Scholarship
    programme", "DCU Pierse Trust Award"): the name ends at the last body's head before the award."""
    for i in range(len(lower) - 2, 0, -1):
        kind = head_of(lower[i])
        if kind in _BODIES and lower[i - 1] not in RUN_CONNECTORS and _AWARDS & set(lower[i + 1 :]):
            return kind, _after_of_the(lower, i), i
    return None


def _after_of_the(lower: list[str], head: int) -> int:
    """Where a name ending or opening at ``head`` starts: after the last "of the" or "for the" before it
    ("Director of the Office of Management", "Jonathan Krim of the Washington Post"), else at the first word."""
    for j in range(head - 1, 0, -1):
        if lower[j] == "the" and lower[j - 1] in ("of", "for"):
            return j + 1
    return 0


def typed_names(text: str, base: int, ordinary: frozenset[str]) -> Iterator[Candidate]:
    """Names typed by their head word in one sentence's ``text`` (starting at offset ``base``).

    The sentence's first word is dropped from a name when it is in ``ordinary``: words the report
    writes in lower case and never capitalised mid-sentence, whose capital here is the sentence's.
    """
    tokens = _tokens(text, base)
    for run in _runs(text, base, tokens):
        if tokens and run[0][0] == tokens[0][0] and run[0][2].lower() in ordinary:
            run = list(next(_closed(run[1:]), []))
        words = [w for _, _, w in run]
        if len(words) < 2:
            continue
        typed = head_kind(words)
        if typed is None:
            continue
        kind, first, last = typed
        chosen = run[first : last + 1]
        if chosen and chosen[0][2].lower() in ("the", "a", "an"):
            chosen = chosen[1:]
        if len(chosen) < 2:
            continue
        start, end = chosen[0][0], chosen[-1][1]
        last_word = chosen[-1][2]
        if last_word.endswith(".") and last_word.count(".") == 1 and last_word.lower() not in HEADS:
            end -= 1  # the sentence's full stop, not the name's
        elif kind == "Legislation" and (year := _LAW_YEAR.match(text, end - base)):
            end += year.end() - year.start()  # "the Telecommunications Act of 1996": the year is part of its name
        elif chosen[-2][2].lower() in _LINKS and (listed := _LISTED.match(text, end - base)):
            end += listed.end() - listed.start()  # "Program for Women, Infants and Children": its object a list
        yield Candidate(start, end, text[start - base : end - base], kind, "head-word")


#: The rest of a list that a name's object opens: ", Infants and Children", ", Senioren, Frauen und Jugend".
_LISTED = re.compile(r"(?:,\s+[A-Z][a-zäöüß’'-]+)+,?\s+(?:and|und|&)\s+[A-Z][a-zäöüß’'-]+(?![\w’'-]|\s+[A-Z])")
_LINKS = _ENGLISH_LINKS | _GERMAN_LINKS
_LAW_YEAR = re.compile(r"\s+of\s+(?:1[6-9]|20)\d\d\b")
