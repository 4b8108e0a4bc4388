"""Names a sentence says are names of bodies: domain names, names after a platform cue, bodies the sentence defines.

Beside the head words of :mod:`kg.evidence.names`, three cues in a sentence's words mark a name
without any list of names:

* a **domain name** (``backpage.com``, ``Megapersonals.eu``) is a website, outside web addresses;
* a **platform cue**: a capitalised name after "posted on", "advertised on", "recruited via" and
  the like, or in a list after "sites such as", "apps like", "companies including", "Formula
  companies: ...", German "Unternehmen wie" (a word broken by a hyphen at a line's end,
  ``Face-\nbook``, read as one);
* a **named kind**: a name before the kind of thing it is ("the CHOLMOD library", "the Selectome
  database", "Johnson’s NLopt C library");
* a **defined body**: a name the sentence says is one ("The Creative Commons is a non-profit
  corporation established in ...", "Global Insight is a worldwide consulting firm headquartered in ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.evidence.names import Candidate

_DOMAIN = re.compile(
    r"(?<![\w@/.-])(?:www\.)?([A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\."
    r"(?:com|org|net|gov|edu|eu|io|info|biz|co|us|uk|me|tv|xxx|app|ca|au))(?![\w/-]|\.\w)"
)
_PLATFORM_CUE = re.compile(
    r"\b(?:post(?:ed|ing|s)?|advertis(?:ed|ing|es|e)|list(?:ed|ing)|recruit(?:ed|ing|s)?|met|meet(?:ing)?|"
    r"chat(?:ted|ting)?|messag(?:ed|ing)|sold|sell(?:ing)?|market(?:ed|ing)|ads|advertisements|listings|"
    r"profiles?|accounts?)\s+(?:on|via|through)\s+"
)
_LIST_CUE = re.compile(
    r"\b(?P<noun>(?i:sites|websites|platforms|apps|applications|networks|services|venues|forums|marketplaces|"
    r"companies|firms|providers|organi[sz]ations|agencies|bodies|institutions|charities|groups|programs|programmes|"
    r"manufacturers|suppliers|vendors|funders|sponsors|publishers|retailers|broadcasters|parties|unions|"
    r"systems|tools|packages|libraries|databases|repositories|resources|software|movements|campaigns|initiatives|"
    r"coalitions|associations|foundations|unions|networks))"
    r"(?:,?\s+(?:such\s+as|like|including|e\.g\.,?)\s+|:[ \t]+)"
    # German: "Unternehmen wie Union Square Ventures", "Interessenvertretungen wie der Net Coalition"
    r"|\b(?P<german>\w*(?i:unternehmen|firmen|organisationen|vertretungen|verbände|parteien|plattformen|anbieter|"
    r"institutionen|behörden))\s+wie\s+(?:(?:der|die|das|den|dem|des)\s+)?"
)
#: The class a list cue's noun gives the names after it ("companies such as Meta" are companies).
_CUE_KINDS = {
    **dict.fromkeys(
        "companies firms providers manufacturers suppliers vendors retailers publishers".split(), "Company"
    ),
    **dict.fromkeys(
        "organisations organizations institutions charities groups bodies funders sponsors broadcasters parties "
        "unions".split(),
        "Organization",
    ),
    "agencies": "GovernmentAgency",
    "programs": "Program",
    "programmes": "Program",
}
#: (a word broken by a hyphen at a line's end, "Face-\nbook", is one word)
_CAPITAL_RUN = re.compile(r"[A-Z](?:-\n(?=[a-z])|[\w’'.&-])*[\w]?(?:\s+[A-Z0-9](?:-\n(?=[a-z])|[\w’'.&-])*[\w]?){0,2}")
#: Capitalised words that are never names of platforms after a cue.
_NOT_PLATFORMS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december i the a an this that these those".split()
)


def domains(text: str, base: int) -> Iterator[Candidate]:
    """Domain names written as words (``backpage.com``), not as parts of web addresses."""
    for match in _DOMAIN.finditer(text):
        start = base + match.start()
        yield Candidate(start, base + match.end(), match.group(), "Platform", "domain")


def platform_cues(text: str, base: int) -> Iterator[Candidate]:
    """Capitalised names after a platform cue: "posted on Kik", "apps such as Kik, Grindr and Whisper"."""
    for cue in _PLATFORM_CUE.finditer(text):
        found = _CAPITAL_RUN.match(text, cue.end())
        if found and found.group().split()[0].lower() not in _NOT_PLATFORMS:
            name = found.group().rstrip(".,")
            yield Candidate(base + found.start(), base + found.start() + len(name), name, "Platform", "platform-cue")
    for cue in _LIST_CUE.finditer(text):
        if cue.group().rstrip().endswith(":") and cue.group("noun")[:1].isupper():
            continue  # "High Performing Organizations: Metrics, Means, ...": a title in title case, not a list
        kind = _CUE_KINDS.get((cue.group("noun") or "").lower(), "Platform" if cue.group("noun") else "Organization")
        listed = list(_listed(text, cue.end()))
        if cue.group().rstrip().endswith(":") and len(listed) < 2:
            continue  # "networks: International perspectives": after a colon, only a list is a list of names
        for start, name in listed:
            yield Candidate(base + start, base + start + len(name), name, kind, "platform-cue")


def _listed(text: str, position: int) -> Iterator[tuple[int, str]]:
    """The capitalised names of a list from ``position`` on: each one's offset and words."""
    while True:
        found = _CAPITAL_RUN.match(text, position)
        if not found or found.group().split()[0].lower() in _NOT_PLATFORMS:
            return
        name = re.split(r"\s+(?:and|or)\s+", found.group())[0].rstrip(".,")
        yield found.start(), name
        rest = re.match(
            r"[\w.’'-]*(?:\[\d+\])?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)", text[position + len(name) :]
        )
        if not rest:
            return
        position += len(name) + rest.end()


#: "The CHOLMOD library", "Johnson’s NLopt C library", "the Selectome database": a thing named before its kind.
_NAMED_KIND = re.compile(
    r"(?:\b[Tt]he|[’']s)\s+(?:[a-z]+-[a-z]+\s+)?"  # "the non-profit MACHT foundation"
    r"(?P<name>[A-Za-z][\w+.-]*[A-Z][\w+.-]*|[A-Z][\w+.-]*[a-z0-9][\w+.-]*)"
    r"(?:\s+(?:C|C\+\+|R|Python|Java|Fortran|MATLAB|Matlab|Perl))?\s+"
    r"(?:(?:library|libraries|package|packages|project|database|toolbox|toolkit|software|framework|pipeline|"
    r"platform|web\s+server|portal|repository)\b|(?P<body>[a-z]+(?:-\n[a-z]+)?)\b)"
)
#: A body's own head in lower case after its name: "the MACHT foundation" (the head is part of the name).
_BODY_HEADS = frozenset("foundation association trust coalition".split())
#: Capitalised words before such a kind that are no names: "the same package", "the Supplementary database".
_NOT_KINDS = frozenset("same new first second last following above main base core other supplementary".split())


def named_kinds(text: str, base: int) -> Iterator[Candidate]:
    """A name written before the kind of thing it names ("the CHOLMOD library", "the Selectome database")."""
    for match in _NAMED_KIND.finditer(text):
        if match.group("body") is not None and match.group("body").replace("-\n", "") not in _BODY_HEADS:
            continue
        name = match.group("name").rstrip(".")
        if name.lower() in _NOT_KINDS or name.lower() in _NOT_PLATFORMS or len(name) < 3:
            continue
        start, end = base + match.start("name"), base + match.start("name") + len(name)
        if match.group("body"):  # "the MACHT foundation": the head is part of the name
            end = base + match.end("body")
            name = text[start - base : end - base]
        yield Candidate(start, end, name, "Organization" if match.group("body") else "Platform", "named-kind")


#: A treaty or a declaration named by its place, its head in lower case: "the Kyoto convention", "the
#: declaration of Helsinki".
_LOWER_LAW = re.compile(
    r"\b[Tt]he\s+(?P<place>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+(?:convention|protocol|treaty|accord)\b"
    r"|\b(?:declaration|convention|treaty|protocol)\s+of\s+[A-Z][a-z]+\b"
)


def lower_case_laws(text: str, base: int) -> Iterator[Candidate]:
    """A treaty or declaration named by its place with a lower-case head ("the Kyoto convention")."""
    for match in _LOWER_LAW.finditer(text):
        start = match.start("place") if match.group("place") else match.start()
        yield Candidate(base + start, base + match.end(), text[start : match.end()], "Legislation", "named-kind")


#: "The Creative Commons is a non-profit corporation established in ...": a name defined as a body.
_DEFINED = re.compile(
    r"(?<![\w’'.-])(?P<name>[A-Z][\w’'&.-]*[\w](?:\s+(?:of\s+|for\s+|&\s+)?[A-Z][\w’'&.-]*[\w]){0,4})"
    r"(?:\s+(?:is|was)|,)\s+(?:a|an)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?P<noun>company|corporation|organi[sz]ation|firm|agency|charity|non-?profit|foundation|association|"
    r"consortium|coalition|platform|website|app|movement|record\s+label|publisher)"
    r"(?=\s*(?:[.,;:)]|that\b|which\b|for\b|established\b|founded\b|based\b|in\b|of\b|with\b|from\b|headquartered\b|"
    r"set\s+up\b|created\b|run\b|owned\b|whose\b|dedicated\b))"
)
_DEFINED_KINDS = {
    **dict.fromkeys("company corporation firm publisher".split(), "Company"),
    "agency": "GovernmentAgency",
    **dict.fromkeys("platform website app".split(), "Platform"),
}


def defined_bodies(text: str, base: int) -> Iterator[Candidate]:
    """A name the sentence defines as a body: "X is a non-profit corporation", "X, a company based in ..."."""
    for match in _DEFINED.finditer(text):
        name, start = match.group("name"), match.start("name")
        if name.split()[0] in ("The", "A", "An", "This", "That", "It", "He", "She", "They", "We", "I"):
            name, start = name[4:].lstrip() if name.startswith("The ") else "", start + 4
        if not name or name.split()[0].lower() in _NOT_PLATFORMS or name.endswith(("’s", "'s")):
            continue  # "Prelinger’s is a for-profit company": a shop named after a person, who is named too
        noun = " ".join(match.group("noun").split()).lower()
        kind = _DEFINED_KINDS.get(noun, "Organization")
        yield Candidate(base + start, base + start + len(name), name, kind, "defined-body")
